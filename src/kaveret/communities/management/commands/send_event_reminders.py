"""Remind the registered of events starting within 24 hours (run hourly, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kaveret.communities.services import send_event_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to everyone registered for an event starting within 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_event_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
