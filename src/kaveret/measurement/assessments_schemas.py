"""The shapes of the assessments API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .assessments_services import MAX_NOTE_LENGTH
from .models import MapTag, RubricKind


class RubricDimensionOut(Schema):
    key: str
    order: int
    name: str
    name_en: str
    name_ar: str
    description: str = Field(description="What to look for.")
    weight: float


class RubricOut(Schema):
    kind: str
    name: str
    name_en: str
    name_ar: str
    description: str
    subject_kind: str
    scale_min: int
    scale_max: int
    dimensions: list[RubricDimensionOut]


class RubricScoreOut(Schema):
    dimension: str
    score: int
    note: str


class RubricIndexOut(Schema):
    value: float | None = Field(
        description="The weighted mean of the scores on 0-100; null when nothing was scored."
    )
    complete: bool = Field(description="Every dimension of the rubric was scored.")
    scored: int
    dimensions: int


class RubricAssessmentOut(Schema):
    id: int
    rubric: str
    subject_kind: str
    community: str | None = Field(None, description="The community's slug.")
    organisation: int | None = None
    partnership: int | None = None
    assessed_on: datetime.date
    assessed_by: str | None
    notes: str
    scores: list[RubricScoreOut]
    index: RubricIndexOut


class RubricAssessmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RubricAssessmentOut]


class RubricAssessmentQuery(PageQuery):
    rubric: RubricKind | None = None
    community: str | None = Field(None, description="A community's slug.")
    organisation: int | None = None
    partnership: int | None = None


class RubricScoreIn(Schema):
    dimension: str = Field(description="The dimension's key.")
    score: int | None = Field(None, description="Within the rubric's scale; null: not assessed.")
    note: str = Field("", max_length=MAX_NOTE_LENGTH)


class RubricAssessmentIn(Schema):
    rubric: RubricKind
    community: str | None = Field(None, description="A community's slug (collective impact).")
    organisation: int | None = Field(None, description="An organisation's id (maturity).")
    partnership: int | None = Field(None, description="A partnership's id (flags).")
    assessed_on: datetime.date
    notes: str = Field("", max_length=MAX_NOTE_LENGTH)
    scores: list[RubricScoreIn]


class SectorPointOut(Schema):
    organisation: int | None = Field(
        description="Null for an organisation whose maturity the caller may not read."
    )
    name: str | None
    index: float
    assessed_on: datetime.date


class MaturityOut(Schema):
    organisation: int
    sector: str
    index: float | None
    complete: bool
    rank: int | None = Field(description="1 for the highest index; ties share a rank.")
    of_count: int = Field(description="Assessed organisations of the sector.")
    sector_median: float | None
    latest: RubricAssessmentOut | None
    others: list[SectorPointOut]


class EffortRowOut(Schema):
    tag: str
    label: str
    programmes: int
    challenges: int
    activities: int
    total: int


class EffortItemOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    tags: list[str]


class MapEffortOut(Schema):
    community: str
    rows: list[EffortRowOut]
    items: list[EffortItemOut]


class MapTagsIn(Schema):
    tags: list[MapTag]


class MapTagsOut(Schema):
    kind: str
    id: int
    tags: list[str]
