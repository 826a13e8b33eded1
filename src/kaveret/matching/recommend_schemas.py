"""The shapes of the recommenders' API: routing, scouting, fit lists, assessments."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class RouteIn(Schema):
    text: str = Field("", description="The venture or idea, in any language (at most 5,000).")
    kinds: list[str] = Field(
        default_factory=lambda: ["community", "call", "challenge"],
        description="Which kinds to route to: community, call, challenge.",
    )
    limit: int = Field(10, description="How many items, 1 to 50.")
    mode: str = Field("hybrid", description="hybrid, lexical or semantic.")


class ComponentOut(Schema):
    key: str
    label: str
    score: float | None = Field(description="0..1; null when not available.")
    weight: float = Field(description="Its weight after renormalisation over what exists.")
    available: bool


class CriterionOut(Schema):
    criterion: str
    label: str
    score: int | None
    assessed: bool


class BreakdownOut(Schema):
    components: list[ComponentOut]
    matched_terms: list[str]
    snippet: str
    shared_domains: list[str]
    shared_populations: list[str]
    shared_regions: list[str]
    stage: str
    criteria: list[CriterionOut]
    lexical_rank: int | None
    semantic_rank: int | None


class RecommendationOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    score: float = Field(description="0..1.")
    is_active: bool
    on_list: bool
    excluded_because: list[str]
    reasons: list[str]
    breakdown: BreakdownOut


class RouteOut(Schema):
    items: list[RecommendationOut]


class ScoutingEntryOut(Schema):
    id: int
    venture_id: int
    venture: str
    status: str
    status_label: str
    score: float | None
    reasons: dict
    note: str
    created_at: datetime.datetime


class ScoutingOut(Schema):
    challenge: str
    suggestions: list[RecommendationOut]
    entries: list[ScoutingEntryOut]


class ScoutingAddIn(Schema):
    venture_id: int


class ScoutingPatchIn(Schema):
    status: str | None = None
    note: str | None = None


class FitOut(Schema):
    items: list[RecommendationOut]
    excluded: list[RecommendationOut]


class AssessmentOut(Schema):
    criterion: str
    label: str
    score: int | None
    note: str
    assessed: bool


class AssessmentsOut(Schema):
    actor_id: int
    actor: str
    criteria: list[AssessmentOut]


class AssessmentIn(Schema):
    criterion: str
    score: int | None = Field(None, description="1-5; null clears the score.")
    note: str = ""


class AssessmentsIn(Schema):
    assessments: list[AssessmentIn]
