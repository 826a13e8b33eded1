"""The shapes of the reviews, decisions and grants API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema
from pydantic import BaseModel, Field


class ScoreIn(Schema):
    criterion_id: int
    score: int | None = Field(None, description="Within the criterion's scale; null clears it.")
    comment: str = ""


class ReviewPatchIn(Schema):
    scores: list[ScoreIn] = Field(default_factory=list)
    recommendation: str | None = Field(None, description="accept, waitlist or reject.")
    comment: str | None = None


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
    reason: str = ""


class ConflictIn(Schema):
    reason: str


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
    outcome: str = Field(description="accept, reject or waitlist.")
    reason: str


class ReversalIn(Schema):
    reason: str


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
    amount: Decimal
    note: str = ""


class MilestoneIn(Schema):
    title: str
    due_on: datetime.date
    amount: Decimal = Decimal(0)
    outcome_measure: str = ""
    target_value: Decimal | None = None


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: datetime.date
    amount: Decimal
    outcome_measure: str
    target_value: Decimal | None
    status: str


class DisbursementIn(Schema):
    amount: Decimal
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
