"""The shapes of the dashboards' API: the same figures as the pages, as JSON."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema


class CountOut(Schema):
    key: str
    label: str
    count: int


class SeriesOut(Schema):
    key: str
    label: str
    values: list[int]


class MembersOut(Schema):
    months: list[datetime.date]
    by_type: list[SeriesOut]
    by_sector: list[SeriesOut]
    totals: list[int]


class EventMonthOut(Schema):
    month: datetime.date
    events: int
    registered: int
    attended: int


class CallFunnelOut(Schema):
    title: str
    url: str
    counts: dict[str, int]


class FunnelOut(Schema):
    stages: list[CountOut]
    calls: list[CallFunnelOut]


class PartnershipsOut(Schema):
    by_stage: list[CountOut]
    pilots: int
    implemented: int
    implemented_share: Decimal | None


class IndicatorItemOut(Schema):
    id: int
    name: str
    status: str
    status_label: str
    reason: str
    url: str
    programme: str


class IndicatorsOut(Schema):
    counts: list[CountOut]
    items: list[IndicatorItemOut]


class CommunityDashboardOut(Schema):
    community: str
    members: MembersOut | None
    events: list[EventMonthOut] | None
    challenges: list[CountOut] | None
    funnel: FunnelOut | None
    partnerships: PartnershipsOut | None
    indicators: IndicatorsOut | None


class AreaTotalsOut(Schema):
    area: str
    inside: Decimal
    outside: Decimal
    total: Decimal
    share_of_plan: Decimal
    share_display: int


class PlanTotalsOut(Schema):
    plan_id: int
    year: int
    title: str
    currency: str
    inside: Decimal
    outside: Decimal
    total: Decimal
    inside_share_display: int
    outside_share_display: int
    areas: list[AreaTotalsOut]


class PartyFigureOut(Schema):
    party: str
    value: Decimal | None


class SharedPartialOut(Schema):
    period_start: datetime.date
    period_end: datetime.date
    parties: list[PartyFigureOut]
    reported_total: Decimal
    reported_count: int
    expected_count: int


class SharedIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    period_start: datetime.date | None
    period_end: datetime.date | None
    parties: list[PartyFigureOut]
    total: Decimal | None = Field(description="The latest complete period's total.")
    complete: bool
    partial: SharedPartialOut | None = Field(
        None, description="A later period only some parties reported: no total, k of n."
    )


class PortfolioDashboardOut(Schema):
    plans: list[int]
    totals: PlanTotalsOut | None
    targets: list[CountOut]
    indicators: IndicatorsOut | None
    shared: list[SharedIndicatorOut]
