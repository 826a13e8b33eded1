"""Background work of indicators: the daily measurement-due reminders."""

from __future__ import annotations

from celery import shared_task

from .indicators_services import send_measurement_reminders


@shared_task
def send_measurement_reminders_task() -> int:
    """Remind owners and reporters of due periods; safe to run twice (once per period)."""
    return send_measurement_reminders()
