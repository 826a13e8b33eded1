"""E-mail the weekly digest of notifications (Celery beat runs it on Sunday mornings)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kaveret.notifications.services import send_weekly_digests


class Command(BaseCommand):
    help = "E-mail each person with a weekly preference one digest of their new notifications."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_weekly_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
