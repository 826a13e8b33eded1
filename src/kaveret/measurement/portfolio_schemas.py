"""Schemas of the portfolio API: plans with computed totals, programmes, yearly targets.

Amounts are decimal strings (exact, never floats); percentages are exact decimals, with
the displayed whole percents (largest remainder, adding up to 100) beside them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from kaveret.ecosystem.schemas import PageQuery

MapTagName = Literal["mindset", "ability", "pipes"]
TargetStatus = Literal["on_track", "at_risk", "off_track", "no_data", "not_measured"]


class PlanOut(Schema):
    id: int
    year: int
    title: str
    title_en: str
    organisation_id: int
    community_id: int | None
    currency: str
    is_published: bool


class PlanPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PlanOut]


class ProgrammeTotalsOut(Schema):
    id: int
    slug: str
    title: str
    inside: Decimal
    outside: Decimal
    total: Decimal


class AreaTotalsOut(Schema):
    id: int
    slug: str
    name: str
    inside: Decimal
    outside: Decimal
    total: Decimal
    share_of_plan: Decimal = Field(description="Exact percent of the plan's total.")
    share_display: int = Field(
        description="Whole percent by the largest-remainder method (the areas add up to 100)."
    )
    share_rounded: int = Field(description="Whole percent, each rounded half up on its own.")
    inside_share: Decimal
    outside_share: Decimal
    programmes: list[ProgrammeTotalsOut]


class StatusCountOut(Schema):
    status: TargetStatus
    label: str
    count: int


class PlanDetailOut(PlanOut):
    inside: Decimal
    outside: Decimal
    total: Decimal
    inside_share: Decimal
    outside_share: Decimal
    inside_share_display: int
    outside_share_display: int
    areas: list[AreaTotalsOut]
    targets_by_status: list[StatusCountOut]


class ProgrammeOut(Schema):
    id: int
    plan_id: int
    area_id: int
    slug: str
    order: int
    title: str
    title_en: str
    background: str
    main_goal: str
    partners_text: str
    partner_ids: list[int]
    community_id: int | None
    map_tags: list[str]
    owner_id: int | None


class ProgrammePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProgrammeOut]


class ProgrammeQuery(PageQuery):
    plan: int | None = Field(None, description="Only the programmes of this plan.")
    area: int | None = Field(None, description="Only the programmes of this area.")


class ProgrammeIn(Schema):
    plan_id: int
    area_id: int
    title: str = Field(min_length=1, max_length=300)
    title_en: str = Field("", max_length=300)
    slug: str = Field("", max_length=120)
    order: int = Field(0, ge=0, le=32767)
    background: str = Field("", max_length=20000)
    main_goal: str = Field("", max_length=20000)
    partners_text: str = Field("", max_length=20000)
    partner_ids: list[int] = Field(default_factory=list)
    community_id: int | None = None
    map_tags: list[MapTagName] = Field(default_factory=list)


class ProgrammePatch(Schema):
    area_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    title_en: str | None = Field(None, max_length=300)
    slug: str | None = Field(None, max_length=120)
    order: int | None = Field(None, ge=0, le=32767)
    background: str | None = Field(None, max_length=20000)
    main_goal: str | None = Field(None, max_length=20000)
    partners_text: str | None = Field(None, max_length=20000)
    partner_ids: list[int] | None = None
    community_id: int | None = None
    map_tags: list[MapTagName] | None = None


class TargetOut(Schema):
    id: int
    programme_id: int
    order: int
    text: str
    indicator_id: int | None
    status: TargetStatus


class TargetIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    order: int | None = Field(None, ge=0, le=32767)
    indicator_id: int | None = None


class TargetPatch(Schema):
    text: str | None = Field(None, min_length=1, max_length=5000)
    order: int | None = Field(None, ge=0, le=32767)
    indicator_id: int | None = None
