"""Background work of the network: the analytics snapshots."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.utils.dateparse import parse_datetime
from kombu.exceptions import OperationalError

from .analytics import mark_recompute_requested, store_snapshot
from .models import AnalyticsSnapshot

logger = logging.getLogger(__name__)


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


def request_analytics_recompute() -> bool:
    """Mark both snapshots as awaiting fresher figures and queue their recomputation.

    Returns False, and logs, if the broker cannot be reached: a relation that was saved
    must not fail because its figures cannot be refreshed now. The snapshots then stay
    marked as pending; staff can press "recompute" once the broker is back.
    """
    requested_at = mark_recompute_requested()
    try:
        recompute_analytics.delay(requested_at.isoformat())
    except OperationalError:
        logger.exception("analytics: the recomputation could not be queued")
        return False
    return True
