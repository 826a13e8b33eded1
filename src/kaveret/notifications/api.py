"""The notifications API: one's own notifications, marking them read, preferences.

Anonymous visitors are told to authenticate (401); someone else's notification is 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router

from kaveret.ecosystem.api import ERRORS, acting_user

from . import selectors, services
from .models import Notification, NotificationKind, NotificationPreference
from .rules import get_notification_for_user_or_404
from .schemas import (
    NotificationOut,
    NotificationPage,
    NotificationsQuery,
    PreferencesIn,
    PreferencesOut,
    ReadAllOut,
)

router = Router(tags=["Notifications"])


def _logged_in_user(request: HttpRequest) -> Any:
    user = acting_user(request)
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def _notification_out(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "kind_label": str(notification.get_kind_display()),
        "text": services.render(notification),
        "url": services.localised_url(notification.url) if notification.url else "",
        "params": notification.params or {},
        "created_at": notification.created_at,
        "read_at": notification.read_at,
        "is_read": notification.read_at is not None,
    }


def _preferences_out(preference: NotificationPreference) -> dict[str, Any]:
    return {
        "default_delivery": preference.default_delivery,
        "overrides": preference.overrides or {},
        "effective": {kind: preference.delivery_for(kind) for kind in NotificationKind.values},
    }


@router.get("/notifications", response={200: NotificationPage, **ERRORS})
def list_notifications(request: HttpRequest, query: Query[NotificationsQuery]) -> dict[str, Any]:
    """The user's own notifications, newest first, one page at a time."""
    user = _logged_in_user(request)
    queryset = selectors.notifications_for(user)
    if query.unread is not None:
        queryset = queryset.filter(read_at__isnull=query.unread)
    items = list(queryset[query.offset : query.offset + query.limit])
    return {
        "count": queryset.count(),
        "unread_count": selectors.unread_count(user),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_notification_out(notification) for notification in items],
    }


@router.post("/notifications/read-all", response={200: ReadAllOut, **ERRORS})
def read_all(request: HttpRequest) -> dict[str, int]:
    """Mark all the user's notifications read."""
    return {"marked": services.mark_all_read(_logged_in_user(request))}


@router.get("/notifications/preferences", response={200: PreferencesOut, **ERRORS})
def get_preferences(request: HttpRequest) -> dict[str, Any]:
    """How the user's notifications are e-mailed (without stored ones: all immediately)."""
    return _preferences_out(services.preference_of(_logged_in_user(request)))


@router.put("/notifications/preferences", response={200: PreferencesOut, **ERRORS})
def put_preferences(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    """Replace the user's preferences: a default delivery and exceptions per kind."""
    user = _logged_in_user(request)
    preference = services.set_preferences(
        by=user,
        default_delivery=payload.default_delivery,
        overrides={str(kind): str(delivery) for kind, delivery in payload.overrides.items()},
    )
    return _preferences_out(preference)


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, **ERRORS})
def read_one(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    """Mark one of the user's notifications read (someone else's is 404)."""
    user = _logged_in_user(request)
    notification = get_notification_for_user_or_404(user, notification_id)
    return _notification_out(services.mark_read(user, notification))
