"""Background work of the network: the analytics snapshots."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils.dateparse import parse_datetime

from .analytics import mark_recompute_requested, store_snapshot
from .models import AnalyticsSnapshot


@shared_task
def recompute_analytics(requested_at: str | None = None) -> dict[str, bool]:
    """Recompute the public and the full analytics snapshots.

    ``requested_at`` (ISO 8601) lets a queued run skip a snapshot that a later run already
    refreshed. Returns which snapshots were computed.
    """
    moment: datetime.datetime | None = parse_datetime(requested_at) if requested_at else None
    return {
        visibility: store_snapshot(visibility=visibility, requested_at=moment)
        for visibility in AnalyticsSnapshot.Visibility.values
    }


def request_analytics_recompute() -> None:
    """Mark both snapshots as awaiting fresher figures and queue their recomputation."""
    requested_at = mark_recompute_requested()
    recompute_analytics.delay(requested_at.isoformat())
