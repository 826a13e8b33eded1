"""The shapes of the indicators API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import Direction, Frequency
from .status import IndicatorStatus


class IndicatorQuery(PageQuery):
    q: str = Field("", description="Words in the indicator's name.")
    programme: int | None = Field(None, description="Id of a programme.")
    community: int | None = Field(None, description="Id of a community.")
    call: int | None = Field(None, description="Id of a call.")
    partnership: int | None = Field(None, description="Id of a partnership.")
    status: IndicatorStatus | None = None


class PeriodOut(Schema):
    start: datetime.date
    end: datetime.date


class StatusOut(Schema):
    status: str = Field(description="on_track, at_risk, off_track or no_data.")
    label: str
    reason: str
    latest_value: float | None
    expected_value: float | None = Field(
        description="On the straight line from baseline to target, at the latest period's end."
    )
    progress: float | None = Field(description="Share of the way from baseline to target, 0-1.")
    latest_period: PeriodOut | None
    missing_periods: list[PeriodOut] = Field(
        description="Ended periods without a measurement (missing, never zero)."
    )
    partial: bool = Field(description="Shared: a later period is only partly reported.")


class PartyOut(Schema):
    id: int
    actor_id: int
    actor: str
    reporter_id: int | None


class PartyIn(Schema):
    actor_id: int
    reporter_id: int | None = None


class IndicatorListItem(Schema):
    id: int
    name: str
    name_en: str
    unit: str
    baseline: float | None
    target: float | None
    target_on: datetime.date | None
    direction: str
    frequency: str
    starts_on: datetime.date
    is_shared: bool
    programme_id: int | None
    community_id: int | None
    call_id: int | None
    partnership_id: int | None
    owner_id: int | None
    status: StatusOut
    url: str


class IndicatorPage(Schema):
    count: int = Field(description="How many indicators match, on all pages.")
    limit: int
    offset: int
    items: list[IndicatorListItem]


class SharedPeriodOut(Schema):
    period: PeriodOut
    values: dict[str, float | None] = Field(
        description="Each party's figure by party id; null when it has not reported."
    )
    total: float = Field(description="Sum of the figures reported.")
    reported_count: int
    expected_count: int


class IndicatorOut(IndicatorListItem):
    description: str
    baseline_on: datetime.date | None
    data_source: str
    parties: list[PartyOut]
    shared: list[SharedPeriodOut] | None = Field(
        description="For a shared indicator: each party's figure and the total per period."
    )
    can_edit: bool
    can_report: bool


class IndicatorIn(Schema):
    name: str
    name_en: str = ""
    description: str = ""
    unit: str = ""
    baseline: Decimal | None = None
    baseline_on: datetime.date | None = None
    target: Decimal | None = None
    target_on: datetime.date | None = None
    direction: Direction = Direction.UP
    frequency: Frequency = Frequency.QUARTERLY
    starts_on: datetime.date
    data_source: str = ""
    owner_id: int | None = None
    programme_id: int | None = None
    community_id: int | None = None
    call_id: int | None = None
    partnership_id: int | None = None
    is_shared: bool = False
    parties: list[PartyIn] = Field(default_factory=list)


class IndicatorPatch(Schema):
    name: str | None = None
    name_en: str | None = None
    description: str | None = None
    unit: str | None = None
    baseline: Decimal | None = None
    baseline_on: datetime.date | None = None
    target: Decimal | None = None
    target_on: datetime.date | None = None
    direction: Direction | None = None
    frequency: Frequency | None = None
    starts_on: datetime.date | None = None
    data_source: str | None = None
    owner_id: int | None = None
    is_shared: bool | None = None
    parties: list[PartyIn] | None = None


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    party_id: int | None
    period: PeriodOut
    value: float
    note: str | None = Field(
        None, description="Evidence: only for editors, reporters, funders and admins."
    )
    evidence_link: str | None = None
    evidence_file_url: str | None = None
    reported_by_id: int | None = None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class MeasurementPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MeasurementOut]


class MeasurementIn(Schema):
    period_start: datetime.date = Field(description="Start of one of the indicator's periods.")
    value: Decimal
    party_id: int | None = Field(None, description="Shared indicators: the party reported for.")
    note: str = ""
    evidence_link: str = ""


class MeasurementPatch(Schema):
    value: Decimal | None = None
    note: str | None = None
    evidence_link: str | None = None
