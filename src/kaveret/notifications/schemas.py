"""The shapes the notifications API gives and takes."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from kaveret.ecosystem.schemas import PageQuery

from .models import Delivery, NotificationKind


class NotificationsQuery(PageQuery):
    unread: bool | None = Field(
        None, description="true: only unread ones; false: only read ones; absent: all."
    )


class NotificationOut(Schema):
    id: int
    kind: NotificationKind
    kind_label: str
    text: str = Field(description="The notification as a sentence, in the request's language.")
    url: str = Field(description="What it is about, as an address on this site; may be empty.")
    params: dict[str, str] = Field(description="The kind's parameters, as stored.")
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    is_read: bool


class NotificationPage(Schema):
    count: int = Field(description="How many notifications match, on all pages.")
    unread_count: int = Field(description="How many of the user's notifications are unread.")
    limit: int
    offset: int
    items: list[NotificationOut]


class ReadAllOut(Schema):
    marked: int = Field(description="How many notifications were unread and are now read.")


class PreferencesIn(Schema):
    default_delivery: Delivery
    overrides: dict[NotificationKind, Delivery] = Field(
        default_factory=dict,
        description="Kinds e-mailed differently from the default; a missing kind follows it.",
    )


class PreferencesOut(Schema):
    default_delivery: Delivery
    overrides: dict[str, Delivery]
    effective: dict[str, Delivery] = Field(description="How each kind is delivered now.")
