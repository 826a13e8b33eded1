"""The shapes of the calls API: the list, a call, its form schema, and writing a call."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from kaveret.ecosystem.schemas import PageQuery

from .models import Mechanism, Offer

# Bounds of what may be written (the columns' sizes; no infinities or NaN).
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2, allow_inf_nan=False)]
Slug = Annotated[str, Field(max_length=120)]
Email = Annotated[str, Field(max_length=254)]
DESCRIPTION_MAX = 20000
LIST_MAX = 200

CallsWhen = Literal["open", "upcoming", "closed"]


class CallsQuery(PageQuery):
    when: CallsWhen = Field("open", description="Open now, not yet open, or closed.")
    mechanism: Mechanism | None = Field(None, description="Only calls of this mechanism.")
    community: str = Field("", description="Slug of a community.")
    offer: Offer | None = Field(None, description="Only calls that offer this.")


class CallSummaryOut(Schema):
    slug: str
    title: str = Field(description="In the request's language, falling back to Hebrew.")
    summary: str
    mechanism: Mechanism
    mechanism_label: str
    community: str | None = Field(description="The community's slug.")
    offers: list[str]
    opens_at: datetime.datetime = Field(description="With its UTC offset.")
    deadline: datetime.datetime = Field(description="With its UTC offset (Israel time).")
    countdown: str = Field(description='In words: "closes in 3 days".')
    is_published: bool
    url: str


class CallPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CallSummaryOut]


class CriterionOut(Schema):
    name: str
    name_en: str
    name_ar: str
    description: str
    weight: Decimal
    scale_min: int
    scale_max: int


class TimelineOut(Schema):
    opens_at: datetime.datetime
    deadline: datetime.datetime
    review_ends_on: datetime.date | None
    decision_on: datetime.date | None


class CallDetailOut(CallSummaryOut):
    title_he: str
    title_en: str
    title_ar: str
    description: str
    eligibility: dict[str, list[str]]
    timeline: TimelineOut
    budget: Decimal
    reviews_per_application: int
    challenges: list[str] = Field(description="Slugs of the challenges the call serves.")
    rubric: list[CriterionOut]
    form_version: int = Field(description="The number of the current form version.")


class FormSchemaOut(Schema):
    call: str
    version: int
    frozen: bool
    language: str
    sections: list[dict[str, Any]]


class FormQuery(Schema):
    version: int | None = Field(None, ge=1, le=1_000_000, description="An older version's number.")


class CallIn(Schema):
    title: str = Field(max_length=200, description="In Hebrew.")
    title_en: str = Field("", max_length=200)
    title_ar: str = Field("", max_length=200)
    summary: str = Field("", max_length=500)
    description: str = Field("", max_length=DESCRIPTION_MAX)
    mechanism: Mechanism
    offers: list[Offer] = Field([], max_length=LIST_MAX)
    community: Slug | None = Field(None, description="Slug; none only for platform admins.")
    challenges: list[Slug] = Field([], max_length=LIST_MAX, description="Slugs of challenges.")
    eligibility: dict[str, list[Slug]] = Field({}, max_length=LIST_MAX)
    opens_at: datetime.datetime = Field(description="With a UTC offset.")
    deadline: datetime.datetime = Field(description="With a UTC offset.")
    review_ends_on: datetime.date | None = None
    decision_on: datetime.date | None = None
    budget: Money = Decimal(0)
    reviews_per_application: int = Field(2, ge=1, le=20)
    reviewers: list[Email] = Field(
        [], max_length=LIST_MAX, description="E-mail addresses of users with a confirmed one."
    )


class CallPatch(Schema):
    title: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    title_ar: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX)
    mechanism: Mechanism | None = None
    offers: list[Offer] | None = Field(None, max_length=LIST_MAX)
    community: Slug | None = None
    challenges: list[Slug] | None = Field(None, max_length=LIST_MAX)
    eligibility: dict[str, list[Slug]] | None = Field(None, max_length=LIST_MAX)
    opens_at: datetime.datetime | None = None
    deadline: datetime.datetime | None = None
    review_ends_on: datetime.date | None = None
    decision_on: datetime.date | None = None
    budget: Money | None = None
    reviews_per_application: int | None = Field(None, ge=1, le=20)
    reviewers: list[Email] | None = Field(None, max_length=LIST_MAX)
