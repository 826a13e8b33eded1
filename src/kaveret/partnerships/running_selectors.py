"""Running a design partnership: reads, each with a bounded number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import (
    ConditionKey,
    ConditionStatus,
    ContinuityPlan,
    DecisionEntry,
    Feedback,
    Partnership,
    PilotIndicator,
    PilotMeasurement,
    Risk,
    RiskStatus,
    SuccessCondition,
)

# A risk's heat is likelihood x impact (1..9): low up to 2, medium up to 4, high above.
HEAT_LOW = 2
HEAT_MEDIUM = 4


@dataclass
class ConditionRow:
    key: str
    label: str
    status: str
    status_label: str
    evidence: str
    updated_at: datetime.datetime | None


def conditions_checklist(partnership: Partnership) -> list[ConditionRow]:
    """The nine success conditions in seed 001's order; a missing row reads "not met"."""
    stored = {row.key: row for row in SuccessCondition.objects.filter(partnership=partnership)}
    statuses = dict(ConditionStatus.choices)
    rows = []
    for key, label in ConditionKey.choices:
        row = stored.get(key)
        status = row.status if row else ConditionStatus.NOT_MET
        rows.append(
            ConditionRow(
                key=key,
                label=str(label),
                status=status,
                status_label=str(statuses.get(status, status)),
                evidence=row.evidence if row else "",
                updated_at=row.updated_at if row else None,
            )
        )
    return rows


def heat(risk: Risk) -> str:
    """ "low", "medium" or "high" from the risk's likelihood and impact."""
    score = int(risk.likelihood) * int(risk.impact)
    if score <= HEAT_LOW:
        return "low"
    if score <= HEAT_MEDIUM:
        return "medium"
    return "high"


# The model's labels ("Open" carries the context "risk status" there).
RISK_STATUS_LABELS = dict(RiskStatus.choices)


def risk_status_label(status: str) -> str:
    return str(RISK_STATUS_LABELS.get(status, status))


def risk_register(partnership: Partnership) -> QuerySet[Risk]:
    """The risks, open ones first, the hottest first."""
    return Risk.objects.filter(partnership=partnership).order_by(
        "status", "-likelihood", "-impact", "pk"
    )


def feedback_log(partnership: Partnership) -> QuerySet[Feedback]:
    return Feedback.objects.filter(partnership=partnership).order_by("-created_at", "-pk")


@dataclass
class FeedbackMonth:
    month: datetime.date
    count: int
    average: float


def feedback_by_month(partnership: Partnership) -> list[FeedbackMonth]:
    """How much feedback came each month (Asia/Jerusalem) and its average rating."""
    rows = (
        Feedback.objects.filter(partnership=partnership)
        .annotate(month=TruncMonth("created_at", tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(count=Count("pk"), average=Avg("rating"))
        .order_by("month")
    )
    months = []
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        months.append(FeedbackMonth(month, row["count"], round(float(row["average"] or 0), 1)))
    return months


def indicators(partnership: Partnership) -> list[PilotIndicator]:
    """The indicators with their measurements (oldest first), in two queries."""
    return list(
        PilotIndicator.objects.filter(partnership=partnership).prefetch_related(
            Prefetch(
                "measurements",
                queryset=PilotMeasurement.objects.order_by("measured_on", "pk"),
            )
        )
    )


def decisions(partnership: Partnership) -> QuerySet[DecisionEntry]:
    return DecisionEntry.objects.filter(partnership=partnership).order_by("-decided_on", "-pk")


def continuity(partnership: Partnership) -> ContinuityPlan | None:
    return (
        ContinuityPlan.objects.filter(partnership=partnership).select_related("handover_to").first()
    )


@dataclass
class RunningSummary:
    conditions_met: int
    conditions_total: int
    open_risks: int
    feedback_count: int
    feedback_average: float | None
    outcome: str
    outcome_label: str
    outcome_on: datetime.date | None


def running_summary(partnership: Partnership) -> RunningSummary:
    """The figures of the partnership page's "running" section, in three queries."""
    met = SuccessCondition.objects.filter(
        partnership=partnership, status=ConditionStatus.MET
    ).count()
    open_risks = (
        Risk.objects.filter(partnership=partnership).exclude(status=RiskStatus.CLOSED).count()
    )
    figures = Feedback.objects.filter(partnership=partnership).aggregate(
        count=Count("pk"), average=Avg("rating")
    )
    average = figures["average"]
    return RunningSummary(
        conditions_met=met,
        conditions_total=len(ConditionKey.values),
        open_risks=open_risks,
        feedback_count=figures["count"],
        feedback_average=round(float(average), 1) if average is not None else None,
        outcome=partnership.outcome,
        outcome_label=str(partnership.get_outcome_display()),
        outcome_on=partnership.outcome_on,
    )


def latest_value(indicator: PilotIndicator) -> Decimal | None:
    """The most recent measurement, or ``None`` when there is none (never zero)."""
    measurements = list(indicator.measurements.all())
    return measurements[-1].value if measurements else None
