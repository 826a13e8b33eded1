"""The knowledge hub: items members write, their attachments and comments.

An item belongs to one community and has one author. Its lifecycle (draft, in review,
published, returned) is driven by ``services``; only published items are seen by others.
Contribution counts read these tables by ``author``, ``community`` and ``status``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel


class KnowledgeKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    CASE_STUDY = "case_study", _("Case study")
    TOOL_TEMPLATE = "tool_template", _("Tool or template")
    REPORT = "report", _("Report")
    RECORDING = "recording", _("Recording")


class KnowledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned to the author")


class KnowledgeLanguage(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")


class Tag(models.Model):
    """A free tag; ``slug`` is its normalised form, so "חוסן" and "חֹוסֶן" are one tag."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.CharField(_("normalised name"), max_length=60, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class KnowledgeItem(TimeStampedModel):
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="knowledge_items",
        verbose_name=_("community"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="knowledge_items",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KnowledgeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=KnowledgeLanguage.choices,
        default=KnowledgeLanguage.HEBREW,
    )
    domains = models.ManyToManyField(
        "ecosystem.Domain", blank=True, related_name="knowledge_items", verbose_name=_("domains")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="knowledge_items", verbose_name=_("tags")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=KnowledgeStatus.choices,
        default=KnowledgeStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_knowledge_items",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    # Normalised words and their prefix-free stems (kaveret.core.text), for search.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ("-published_at", "-created_at", "-pk")
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=KnowledgeStatus.values),
                name="knowledge_item_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=KnowledgeStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="published_knowledge_item_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == KnowledgeStatus.PUBLISHED


def attachment_upload_path(instance: KnowledgeAttachment, filename: str) -> str:
    """A random folder per file: two files of one name never meet, and paths are unguessable.

    MEDIA_ROOT/knowledge must never be served by the web server: files are served by the
    ``knowledge:attachment`` view, which checks who may read the item.
    """
    return f"knowledge/{instance.item_id}/{uuid.uuid4().hex}/{filename}"


class KnowledgeAttachment(models.Model):
    item = models.ForeignKey(
        KnowledgeItem,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("knowledge item"),
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("type of file"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ("item", "created_at", "pk")
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:attachment", args=[self.item_id, self.pk])


class KnowledgeComment(models.Model):
    item = models.ForeignKey(
        KnowledgeItem,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("knowledge item"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("item", "created_at", "pk")
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author} · {self.item}"
