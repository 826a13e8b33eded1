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


class EventKind(models.TextChoices):
    ROUNDTABLE = "roundtable", _("Roundtable")
    MEETUP = "meetup", _("Meetup")
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    LAB_SESSION = "lab_session", _("Lab session")
    HACKATHON = "hackathon", _("Hackathon")
    MATCHMAKING = "matchmaking", _("Matchmaking")


class Event(TimeStampedModel):
    """A gathering of a community; times are stored in UTC and shown in Asia/Jerusalem."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="events", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    accessibility = models.TextField(_("accessibility information"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""), name="event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:event_detail", args=[self.community.slug, self.pk])


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# Statuses that hold a seat: attendance is taken from the registered.
SEAT_HOLDING_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


class EventRegistration(models.Model):
    """One user's place at an event, or on its waiting list (first come, first served)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The waiting list's order; set again when someone comes back after cancelling.
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        ordering = ("event", "queued_at", "pk")
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_user"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="event_registration_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"
