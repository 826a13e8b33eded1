"""The shapes of the running API: conditions, risks, feedback, indicators, decisions,
continuity and outcome."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import ConditionStatus, FeedbackRole, Outcome, RiskKey, RiskStatus
from .running_services import MAX_FEEDBACK_LENGTH, MAX_LINE_LENGTH, MAX_TEXT_LENGTH


class ConditionOut(Schema):
    key: str
    label: str
    status: str
    status_label: str
    evidence: str
    updated_at: datetime.datetime | None


class ConditionPatch(Schema):
    status: ConditionStatus | None = None
    evidence: str | None = Field(None, max_length=MAX_TEXT_LENGTH)


class RiskOut(Schema):
    id: int
    key: str
    key_label: str
    title: str
    likelihood: int
    impact: int
    heat: str = Field(description="low, medium or high: likelihood times impact.")
    owner: str
    mitigation: str
    status: str
    status_label: str


class RiskIn(Schema):
    key: RiskKey
    title: str = Field("", max_length=MAX_LINE_LENGTH, description="Required for `other`.")
    likelihood: int = Field(2, ge=1, le=3)
    impact: int = Field(2, ge=1, le=3)
    owner: str = Field("", max_length=MAX_LINE_LENGTH)
    mitigation: str = Field("", max_length=MAX_TEXT_LENGTH)
    status: RiskStatus = RiskStatus.OPEN


class RiskPatch(Schema):
    key: RiskKey | None = None
    title: str | None = Field(None, max_length=MAX_LINE_LENGTH)
    likelihood: int | None = Field(None, ge=1, le=3)
    impact: int | None = Field(None, ge=1, le=3)
    owner: str | None = Field(None, max_length=MAX_LINE_LENGTH)
    mitigation: str | None = Field(None, max_length=MAX_TEXT_LENGTH)
    status: RiskStatus | None = None


class FeedbackOut(Schema):
    id: int
    role: str
    role_label: str
    rating: int
    text: str
    created_at: datetime.datetime
    response: str
    change_made: str
    responded_at: datetime.datetime | None


class FeedbackPage(Schema):
    count: int
    average: float | None = Field(description="Average rating of all the feedback (1-5).")
    limit: int
    offset: int
    items: list[FeedbackOut]


class FeedbackQuery(PageQuery):
    pass


class AnswerIn(Schema):
    response: str = Field(max_length=MAX_TEXT_LENGTH)
    change_made: str = Field("", max_length=MAX_TEXT_LENGTH)


class FeedbackIn(Schema):
    """Feedback through the private link: no name, no contact details."""

    role: FeedbackRole
    rating: int = Field(ge=1, le=5)
    text: str = Field(max_length=MAX_FEEDBACK_LENGTH)


class FeedbackReceived(Schema):
    detail: str


class MeasurementOut(Schema):
    id: int
    measured_on: datetime.date
    value: Decimal
    note: str


class MeasurementIn(Schema):
    measured_on: datetime.date
    value: Decimal = Field(max_digits=14, decimal_places=2)
    note: str = Field("", max_length=MAX_TEXT_LENGTH)


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    higher_is_better: bool
    latest: Decimal | None = Field(description="The latest measured value; null if none.")
    measurements: list[MeasurementOut]


class IndicatorIn(Schema):
    name: str = Field(max_length=MAX_LINE_LENGTH)
    unit: str = Field("", max_length=50)
    baseline: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    higher_is_better: bool = True


class IndicatorPatch(Schema):
    name: str | None = Field(None, max_length=MAX_LINE_LENGTH)
    unit: str | None = Field(None, max_length=50)
    baseline: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    higher_is_better: bool | None = None


class DecisionOut(Schema):
    id: int
    decided_on: datetime.date
    text: str
    decided_by: str


class DecisionIn(Schema):
    decided_on: datetime.date
    text: str = Field(max_length=MAX_TEXT_LENGTH)
    decided_by: str = Field("", max_length=MAX_LINE_LENGTH)


class ContinuityOut(Schema):
    funding_after: str
    procurement_path: str
    handover_to_id: int | None
    handover_to: str | None
    handover_on: datetime.date | None
    notes: str


class ContinuityIn(Schema):
    funding_after: str = Field("", max_length=MAX_TEXT_LENGTH)
    procurement_path: str = Field("", max_length=MAX_TEXT_LENGTH)
    handover_to_id: int | None = Field(None, description="Id of an organisation or venture.")
    handover_on: datetime.date | None = None
    notes: str = Field("", max_length=MAX_TEXT_LENGTH)


class OutcomeOut(Schema):
    outcome: str
    outcome_label: str
    outcome_on: datetime.date | None
    lessons: str
    lessons_item_id: int | None


class OutcomeIn(Schema):
    outcome: Outcome
    outcome_on: datetime.date | None = None
    lessons: str | None = Field(None, max_length=MAX_TEXT_LENGTH)


class LessonsPublishIn(Schema):
    publish: bool = Field(True, description="Submit the item; false keeps it a draft.")


class LessonsItemOut(Schema):
    id: int
    title: str
    status: str
    url: str
