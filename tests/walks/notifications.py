"""Notification pages in the permission walk: every page is the reader's own."""

from __future__ import annotations

from typing import Any

from kaveret.testing.notifications_factories import NotificationFactory

READ = {
    "notifications:list": "user",
    "notifications:preferences": "user",
    "notifications:read_all": "none",
    "notifications:open": "none",
}

# Opening the manager's notification as someone else must be refused (404).
WRITE_REFUSED = ("notifications:open",)


def urls(personas: Any) -> dict[str, str]:
    notification = NotificationFactory(recipient=personas.staff)
    return {
        "notifications:list": "/notifications/",
        "notifications:preferences": "/notifications/preferences/",
        "notifications:read_all": "/notifications/read-all/",
        "notifications:open": f"/notifications/{notification.pk}/open/",
    }
