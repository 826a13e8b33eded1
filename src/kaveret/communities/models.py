"""Innovation communities and their members (the rest of the app comes with its own issue)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel, TranslatedNameModel


class EcosystemPhase(models.TextChoices):
    """The four moves of ecosystem work (seed 000), which return as a cycle."""

    EXPLORATION = "exploration", _("Exploration")
    DEEPENING = "deepening", _("Deepening")
    RESPONSE = "response", _("Response")
    EVALUATION = "evaluation", _("Evaluation")


class Community(TranslatedNameModel, TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    domain = models.ForeignKey(
        "ecosystem.Domain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("domain"),
    )
    founders = models.ManyToManyField(
        "ecosystem.Actor",
        blank=True,
        related_name="founded_communities",
        verbose_name=_("founders and government partners"),
    )
    phase = models.CharField(
        _("ecosystem-work phase"),
        max_length=20,
        choices=EcosystemPhase.choices,
        default=EcosystemPhase.EXPLORATION,
    )
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", args=[self.slug])


class MemberType(models.TextChoices):
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    NEED_EXPERT = "need_expert", _("Need expert")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
    BUSINESS = "business", _("Business")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    ACADEMIA = "academia", _("Academia")
    FUNDER = "funder", _("Funder")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PENDING = "pending", _("Pending")
    LEFT = "left", _("Left")


class Membership(TimeStampedModel):
    """A person, organisation or venture taking part in a community."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("community")
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation or venture"),
    )
    person = models.ForeignKey(
        "ecosystem.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("person"),
    )
    member_type = models.CharField(_("member type"), max_length=30, choices=MemberType.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        ordering = ("community", "-joined_on", "pk")
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, person__isnull=True)
                | Q(actor__isnull=True, person__isnull=False),
                name="membership_of_actor_or_person",
            ),
            models.UniqueConstraint(
                fields=["community", "actor"],
                condition=Q(actor__isnull=False),
                name="unique_actor_membership",
            ),
            models.UniqueConstraint(
                fields=["community", "person"],
                condition=Q(person__isnull=False),
                name="unique_person_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor or self.person} @ {self.community}"
