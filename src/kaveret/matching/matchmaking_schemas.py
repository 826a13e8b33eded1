"""The shapes of the matchmaking API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import InterestLevel, MatchingMethod, MeetingOutcome


class MatchmakingQuery(PageQuery):
    pass


class MatchmakingOut(Schema):
    id: int
    title: str
    event_id: int
    community: str
    window_starts_at: datetime.datetime
    window_ends_at: datetime.datetime
    meeting_minutes: int
    break_minutes: int
    method: str
    rooms: list[str]
    status: str
    status_label: str
    schedule_report: dict
    runs: bool = Field(description="Whether the caller runs this round (staff).")
    my_participants: list[int] = Field(description="Participants the caller acts for.")


class MatchmakingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MatchmakingOut]


class MatchmakingIn(Schema):
    event_id: int
    title: str = ""
    window_starts_at: datetime.datetime | None = None
    window_ends_at: datetime.datetime | None = None
    meeting_minutes: int = Field(45, ge=5, le=480)
    break_minutes: int = Field(15, ge=0, le=240)
    method: MatchingMethod = MatchingMethod.MAX_WEIGHT
    rooms: list[str] = Field(default_factory=list, max_length=50)


class MatchmakingPatch(Schema):
    title: str | None = Field(None, max_length=200)
    window_starts_at: datetime.datetime | None = None
    window_ends_at: datetime.datetime | None = None
    meeting_minutes: int | None = Field(None, ge=5, le=480)
    break_minutes: int | None = Field(None, ge=0, le=240)
    method: MatchingMethod | None = None
    rooms: list[str] | None = Field(None, max_length=50)


class SlotIn(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class SlotOut(SlotIn):
    pass


class ParticipantIn(Schema):
    actor_id: int
    capacity: int = Field(3, ge=1, le=50)
    contact_id: int | None = None


class ParticipantPatch(Schema):
    capacity: int = Field(ge=1, le=50)


class ParticipantOut(Schema):
    id: int
    actor_id: int
    name: str
    side: str
    capacity: int
    availability: list[SlotOut]


class AvailabilityIn(Schema):
    slots: list[SlotIn] = Field(max_length=200)


class InterestsIn(Schema):
    levels: dict[int, InterestLevel | None] = Field(
        description="Participant id of the other side → must / would_like / not_interested, "
        "or null to clear."
    )


class InterestsOut(Schema):
    levels: dict[int, str]


class PairingIn(Schema):
    method: MatchingMethod | None = None


class PairIn(Schema):
    venture_id: int = Field(description="Participant id of the venture.")
    organisation_id: int = Field(description="Participant id of the organisation.")


class MeetingRef(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    outcome: str


class PairOut(Schema):
    id: int
    venture_id: int
    venture: str
    organisation_id: int
    organisation: str
    score: float
    breakdown: dict[str, float]
    source: str
    meeting: MeetingRef | None


class ScheduleReportOut(Schema):
    pairs: int
    scheduled: int
    unscheduled: list[dict]
    built_at: str


class MeetingIn(Schema):
    starts_at: datetime.datetime
    room: str = Field("", max_length=300)


class OutcomeIn(Schema):
    outcome: MeetingOutcome
    note: str = Field("", max_length=5000)


class MeetingOut(Schema):
    id: int
    pair_id: int
    venture: str
    organisation: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str
    outcome: str
    outcome_note: str


class PartnershipRef(Schema):
    id: int
    url: str


class SentOut(Schema):
    sent: int
