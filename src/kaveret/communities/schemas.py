"""The shapes the events API gives: events and one's registration."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .models import EventKind, RegistrationStatus

EventsWhen = Literal["upcoming", "past", "all"]


class EventsQuery(Schema):
    when: EventsWhen = Field("upcoming", description="Events not yet over, those over, or all.")


class EventOut(Schema):
    id: int
    community: str = Field(description="The community's slug.")
    kind: EventKind
    kind_label: str
    title: str
    description: str
    starts_at: datetime.datetime = Field(description="With its UTC offset.")
    ends_at: datetime.datetime
    place: str
    online_link: str
    capacity: int | None = Field(description="Null: no limit.")
    seats_left: int | None = Field(description="Null: no limit.")
    waiting_count: int
    accessibility: str
    is_published: bool
    url: str


class RegistrationOut(Schema):
    event_id: int
    status: RegistrationStatus
    status_label: str
    waiting_list_position: int | None = Field(
        description="1 for the first on the waiting list; null when not waiting."
    )
