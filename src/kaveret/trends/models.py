"""Trend sensing (חיישנות): signals a community senses and places on its radar.

Seed 000 asks each community to sense the processes around it: social processes, new
technologies, system challenges, new work mechanisms and policy changes. Members propose
signals; the community's staff curate them onto a radar of three rings (act, assess,
watch). Linking a signal to the challenges it bears on waits for the challenges app.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel


class SignalKind(models.TextChoices):
    """The five kinds of change seed 000 names; each is a sector of the radar."""

    SOCIAL_PROCESS = "social_process", _("Social process")
    TECHNOLOGY = "technology", _("Technology")
    SYSTEM_CHALLENGE = "system_challenge", _("System challenge")
    WORK_MECHANISM = "work_mechanism", _("Work mechanism")
    POLICY_CHANGE = "policy_change", _("Policy change")


class Horizon(models.TextChoices):
    """When the signal is expected to matter to the community."""

    NOW = "now", _("Now")
    SHORT = "short", _("Short term (within a year)")
    MEDIUM = "medium", _("Medium term (1–3 years)")
    LONG = "long", _("Long term (over 3 years)")


class Ring(models.TextChoices):
    """How close the community is to acting on a signal; innermost first."""

    ACT = "act", _("Act")
    ASSESS = "assess", _("Assess")
    WATCH = "watch", _("Watch")


class SignalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CURATED = "curated", _("On the radar")
    DECLINED = "declined", _("Declined")
    ARCHIVED = "archived", _("Archived")


class TrendSignal(TimeStampedModel):
    """One sensed change: what it is, where it was seen, and where it sits on the radar."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="trend_signals",
        verbose_name=_("community"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of change"), max_length=20, choices=SignalKind.choices)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the signal was seen: a report, a conference, a decision."),
    )
    source_url = models.URLField(_("link to the source"), blank=True)
    observed_on = models.DateField(_("observed on"))
    domain = models.ForeignKey(
        "ecosystem.Domain",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trend_signals",
        verbose_name=_("domain"),
    )
    horizon = models.CharField(
        _("horizon"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT
    )
    ring = models.CharField(_("ring"), max_length=10, choices=Ring.choices, default=Ring.WATCH)
    status = models.CharField(
        _("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_trend_signals",
        verbose_name=_("proposed by"),
    )
    curated_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_trend_signals",
        verbose_name=_("curated by"),
    )
    curated_at = models.DateTimeField(_("curated at"), null=True, blank=True)
    curator_note = models.TextField(_("curator's note"), blank=True)

    class Meta:
        ordering = ("-observed_on", "-pk")
        verbose_name = _("trend signal")
        verbose_name_plural = _("trend signals")
        indexes = [models.Index(fields=["community", "status"], name="trend_community_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SignalKind.values), name="trend_signal_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ring__in=Ring.values), name="trend_signal_ring_valid"
            ),
            models.CheckConstraint(
                condition=Q(horizon__in=Horizon.values), name="trend_signal_horizon_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignalStatus.values), name="trend_signal_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trends:detail", args=[self.community.slug, self.pk])
