"""Shared model pieces."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedNameModel(models.Model):
    """A name kept in Hebrew (required) with optional English and Arabic forms."""

    name = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, falling back to Hebrew."""
        language = (translation.get_language() or "he")[:2]
        if language == "en" and self.name_en:
            return self.name_en
        if language == "ar" and self.name_ar:
            return self.name_ar
        return self.name


class PersonalDataAccess(models.Model):
    """One reading of a person's personal data (contact details) by a staff member.

    Written whenever staff are shown personal data, on a page or through the API, so a
    person can learn who saw their details and when (Israeli privacy law; DESIGN.md).
    The subject is generic: people now, applicants and members later.
    """

    class Channel(models.TextChoices):
        PAGE = "page", _("Page")
        API = "api", _("API")
        EXPORT = "export", _("Export")

    accessed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="personal_data_accesses",
        verbose_name=_("read by"),
    )
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    subject_id = models.PositiveBigIntegerField(_("record"))
    subject = GenericForeignKey("subject_type", "subject_id")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    path = models.CharField(_("address"), max_length=500, blank=True)
    accessed_at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-accessed_at", "-pk")
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.accessed_by} · {self.subject_type} #{self.subject_id} · {self.accessed_at}"
