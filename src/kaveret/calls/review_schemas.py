"""The shapes of the reviews, decisions and grants API."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import BaseModel, Field

# Inputs fit the models: DecimalField(max_digits=14, decimal_places=2); no NaN or infinity.
Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2, allow_inf_nan=False)]
TEXT_MAX = 10_000  # a sane cap for the models' TextFields


class ScoreIn(Schema):
    criterion_id: int
    score: int | None = Field(None, description="Within the criterion's scale; null clears it.")
    comment: str = Field("", max_length=TEXT_MAX)


class ReviewPatchIn(Schema):
    scores: list[ScoreIn] = Field(default_factory=list)
    recommendation: str | None = Field(
        None, max_length=20, description="accept, waitlist or reject."
    )
    comment: str | None = Field(None, max_length=TEXT_MAX)


class ScoreOut(Schema):
    criterion_id: int
    criterion: str
    score: int
    comment: str


class ReviewOut(Schema):
    id: int
    call: str = Field(description="The call's slug.")
    application_id: int
    applicant: str
    status: str
    recommendation: str
    comment: str
    submitted_at: datetime.datetime | None
    scores: list[ScoreOut] | None = Field(
        None, description="Only once the reviewer has confirmed their conflicts."
    )


class ReopenIn(Schema):
    reason: str = Field("", max_length=TEXT_MAX)


class ConflictIn(Schema):
    reason: str = Field(max_length=TEXT_MAX)


class ConflictOut(Schema):
    application_id: int
    reason: str
    declared_at: datetime.datetime


class ShortfallOut(Schema):
    application_id: int
    applicant: str
    missing: int


class AssignmentRunOut(Schema):
    created: int
    reviewers_notified: int
    shortfalls: list[ShortfallOut]


# The ranking is thousands of rows: plain pydantic models, without ninja's per-object
# Django attribute lookup, validate them several times faster.
class RankedReviewOut(BaseModel):
    review_id: int
    reviewer_id: int
    total: float | None
    normalised: float | None
    z: float | None


class RankingRowOut(BaseModel):
    application_id: int
    applicant: str
    rank: int | None
    tied_with: list[int]
    total: float | None
    normalised_total: float | None
    spread: float | None
    deviation: float | None
    reviews: list[RankedReviewOut]
    decision: str | None


class RankingOut(BaseModel):
    normalised: bool
    left_as_is: list[int] = Field(description="Reviewers whose scale could not be standardised.")
    items: list[RankingRowOut]


class DecisionIn(Schema):
    outcome: str = Field(max_length=20, description="accept, reject or waitlist.")
    reason: str = Field(max_length=TEXT_MAX)


class ReversalIn(Schema):
    reason: str = Field(max_length=TEXT_MAX)


class DecisionOut(Schema):
    id: int
    application_id: int
    outcome: str
    reason: str
    decided_by: int
    decided_at: datetime.datetime
    reversed_at: datetime.datetime | None
    reversal_reason: str
    application_status: str


class GrantIn(Schema):
    amount: Money
    note: str = Field("", max_length=TEXT_MAX)


class MilestoneIn(Schema):
    title: str = Field(max_length=200)
    due_on: datetime.date
    amount: Money = Decimal(0)
    outcome_measure: str = Field("", max_length=300)
    target_value: Money | None = None


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: datetime.date
    amount: Decimal
    outcome_measure: str
    target_value: Decimal | None
    status: str


class DisbursementIn(Schema):
    amount: Money
    paid_on: datetime.date
    milestone_id: int | None = None


class DisbursementOut(Schema):
    id: int
    amount: Decimal
    paid_on: datetime.date
    milestone_id: int | None


class BudgetOut(Schema):
    total: Decimal
    committed: Decimal
    disbursed: Decimal
    remaining: Decimal


class GrantOut(Schema):
    id: int
    application_id: int
    amount: Decimal
    note: str
    disbursed: Decimal
    milestones: list[MilestoneOut]
    disbursements: list[DisbursementOut]
