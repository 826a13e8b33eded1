"""Reads of notifications, each in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from .models import Notification, NotificationQuerySet


def notifications_for(user: Any, *, unread_only: bool = False) -> NotificationQuerySet:
    """The user's own notifications, newest first (one query per page, no joins needed:
    the text is rendered from the row's kind and parameters)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    queryset = Notification.objects.for_recipient(user)
    if unread_only:
        queryset = queryset.unread()
    return queryset.order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    """How many of the user's notifications are unread (one query; 0 for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_recipient(user).unread().count()
