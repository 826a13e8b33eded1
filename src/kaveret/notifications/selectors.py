"""Reads of notifications, each in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

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


# The header shows the count on every page, so it is cached per person: pages keep their
# query budgets. The services that change it (notify, mark_read, mark_all_read) forget it
# after their transaction commits; the timeout bounds staleness after admin edits.
UNREAD_COUNT_TIMEOUT = 300


def unread_count_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def cached_unread_count(user: Any) -> int:
    """``unread_count`` for the header, from the cache when it is there (0 queries)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    key = unread_count_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = unread_count(user)
        cache.set(key, count, UNREAD_COUNT_TIMEOUT)
    return int(count)


def warm_unread_count(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """On login, count once so that the header costs no query on the pages that follow."""
    cache.set(unread_count_cache_key(user.pk), unread_count(user), UNREAD_COUNT_TIMEOUT)
