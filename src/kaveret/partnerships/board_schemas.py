"""The shapes of the partnerships board API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import Origin, PartyRole, RiskKey, Stage


class PartnershipQuery(PageQuery):
    community: int | None = Field(None, description="Id of a community.")
    organisation: int | None = Field(None, description="Id of an organisation.")
    venture: int | None = Field(None, description="Id of a venture.")
    challenge: int | None = Field(None, description="Id of a challenge.")
    stage: Stage | None = None
    q: str = Field("", description="Words of the title.")


class PartyIn(Schema):
    actor_id: int
    role: PartyRole


class PartyOut(Schema):
    actor_id: int
    name: str
    role: str
    role_label: str


class PartnershipListItem(Schema):
    id: int
    title: str
    stage: str
    stage_label: str
    organisation_id: int
    organisation: str
    venture_id: int
    venture: str
    challenge_id: int | None
    community_id: int | None
    level: int | None
    is_published: bool
    url: str


class PartnershipPage(Schema):
    count: int = Field(description="How many partnerships match, on all pages.")
    limit: int
    offset: int
    items: list[PartnershipListItem]


class PartnershipOut(PartnershipListItem):
    """A partnership; ``full`` is false for the reduced view of a published one."""

    full: bool
    summary: str
    outcome: str
    lessons: str
    origin: str | None = None
    parties: list[PartyOut] = []
    proximity: int | None = None
    contribution: int | None = None
    added_value: int | None = None
    power_gaps: int | None = None
    investment_capacity: int | None = None
    ambassador_name: str | None = None
    agreement_signed_on: datetime.date | None = None
    allowed_moves: list[str] = []


class PartnershipIn(Schema):
    title: str = Field(max_length=200)
    organisation_id: int
    venture_id: int
    challenge_id: int | None = None
    community_id: int | None = None
    origin: Origin = Origin.DIRECT
    origin_call_id: int | None = None
    origin_meeting_id: int | None = None
    summary: str = Field("", max_length=20000)
    risks: list[RiskKey] | None = Field(
        None, description="Common challenges to track; leave out for the default four."
    )
    parties: list[PartyIn] = []


class PartnershipPatch(Schema):
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=20000)
    organisation_id: int | None = None
    venture_id: int | None = None
    challenge_id: int | None = None
    community_id: int | None = None
    level: int | None = Field(None, ge=1, le=5)
    parties: list[PartyIn] | None = None


class MoveIn(Schema):
    to_stage: Stage
    override_reason: str = Field("", max_length=2000)


class MoveOut(Schema):
    id: int
    from_stage: str
    to_stage: str
    moved_by: str | None
    moved_at: datetime.datetime
    unmet: list[str]
    override_reason: str


class FactorsIn(Schema):
    proximity: int = Field(ge=1, le=5)
    contribution: int = Field(ge=1, le=5)
    added_value: int = Field(ge=1, le=5)
    power_gaps: int = Field(ge=1, le=5)
    investment_capacity: int = Field(ge=1, le=5)
    level: int | None = Field(None, ge=1, le=5, description="Leave out to take the suggestion.")


class FactorsOut(Schema):
    suggested_level: int
    suggested_level_label: str
    reasons: list[str]
    level: int | None


class TimelineEventOut(Schema):
    when: datetime.datetime
    kind: str
    title: str
    detail: str
    by: str
    unmet: list[str]
