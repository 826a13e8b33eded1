"""The shapes of the communities API: communities, members, memberships, events."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .models import (
    EcosystemPhase,
    EventKind,
    HistoryKind,
    MembershipStatus,
    MemberType,
    RegistrationStatus,
)

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


# Communities and membership


class CommunityOut(Schema):
    slug: str
    name: str
    name_en: str
    name_ar: str
    tagline: str
    domain: str | None = Field(description="The domain's slug.")
    phase: EcosystemPhase
    phase_label: str
    member_count: int
    url: str


class RoleHolderOut(Schema):
    id: int
    role: str
    role_label: str
    name: str


class CommunityDetailOut(CommunityOut):
    purpose: str
    founders: list[str] = Field(description="Names of the founders and government partners.")
    key_roles: list[RoleHolderOut]
    steering_committee: list[RoleHolderOut]
    member_types: dict[str, int] = Field(description="Active members per member type.")


class MemberOut(Schema):
    id: int
    name: str
    kind: Literal["actor", "person"]
    actor_id: int | None
    member_type: MemberType
    member_type_label: str
    joined_on: datetime.date | None
    other_communities: list[str] = Field(description="Slugs of the member's other communities.")


class MembershipOut(Schema):
    id: int
    community: str
    name: str
    member_type: MemberType
    status: MembershipStatus
    status_label: str
    request_note: str
    decision_note: str
    joined_on: datetime.date | None


class MembershipQuery(Schema):
    status: MembershipStatus = Field(MembershipStatus.PENDING, description="Which memberships.")


class JoinIn(Schema):
    member_type: MemberType
    actor_id: int | None = Field(
        None, description="Join for this venture or organisation (one you act for)."
    )
    note: str = Field("", max_length=2000)


class DecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    member_type: MemberType
    message: str = Field("", max_length=2000)


class InvitationOut(Schema):
    id: int
    email: str
    member_type: MemberType
    expires_at: datetime.datetime


class RoleIn(Schema):
    email: str = Field(max_length=254)
    role: Literal[
        "community_manager", "community_coordinator", "tech_arena_manager", "steering_member"
    ]


class HistoryOut(Schema):
    at: datetime.datetime
    kind: HistoryKind
    kind_label: str
    subject: str
    role: str
    note: str
    by: str | None
