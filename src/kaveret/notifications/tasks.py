"""Background work of notifications."""

from __future__ import annotations

from celery import shared_task

from .services import send_weekly_digests


@shared_task
def send_weekly_digests_task() -> int:
    """The weekly digest run, for Celery beat; safe to run twice (see the service)."""
    return send_weekly_digests()
