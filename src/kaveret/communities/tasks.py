"""Background work of communities."""

from __future__ import annotations

from celery import shared_task

from .services import send_event_reminders


@shared_task
def send_event_reminders_task() -> int:
    """The reminder run, for Celery beat or a worker; safe to run twice (see the service)."""
    return send_event_reminders()
