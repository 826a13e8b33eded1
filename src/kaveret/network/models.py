"""Stored results of the network analytics: one snapshot per visibility."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalyticsSnapshot(models.Model):
    """The analytics of the ecosystem as one audience may see it, computed in the background.

    One row per visibility, replaced on each run. ``requested_at`` later than
    ``computed_at`` (or no ``computed_at``) means a computation is waiting or running.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public actors and relations (visitors)")
        FULL = "full", _("Everything (staff)")

    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    requested_at = models.DateTimeField(_("recomputation requested at"), null=True, blank=True)
    computed_at = models.DateTimeField(_("data read at"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration in seconds"), null=True, blank=True)
    node_count = models.PositiveIntegerField(_("actors"), default=0)
    edge_count = models.PositiveIntegerField(_("relations"), default=0)
    data = models.JSONField(_("figures"), default=dict, blank=True)

    class Meta:
        ordering = ["visibility"]
        verbose_name = _("analytics snapshot")
        verbose_name_plural = _("analytics snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["visibility"], name="network_one_snapshot_per_visibility"
            )
        ]

    def __str__(self) -> str:
        return str(self.get_visibility_display())

    @property
    def is_pending(self) -> bool:
        """A fresher computation was asked for and has not finished."""
        if self.computed_at is None:
            return True
        return self.requested_at is not None and self.requested_at > self.computed_at

    @property
    def has_figures(self) -> bool:
        return bool(self.data)
