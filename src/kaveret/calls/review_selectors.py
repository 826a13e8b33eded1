"""Reads for reviews and the console: a fixed number of bulk queries, computed in Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from . import scoring
from .assignment import REVIEWABLE
from .models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Call,
    ConflictDeclaration,
    Decision,
    Review,
    ReviewScore,
    ReviewStatus,
    RubricCriterion,
)

CONSOLE_STATUSES = (
    *REVIEWABLE,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WAITLISTED,
)


def _conflicted() -> Exists:
    """The review's reviewer declared a conflict with its application (even after submitting)."""
    return Exists(
        ConflictDeclaration.objects.filter(
            application_id=OuterRef("application_id"), reviewer_id=OuterRef("reviewer_id")
        )
    )


def without_conflicts(reviews: QuerySet[Review]) -> QuerySet[Review]:
    """Leave out reviews whose reviewer has declared a conflict with the application."""
    return reviews.alias(conflicted=_conflicted()).filter(conflicted=False)


def my_reviews(user: Any, call: Call | None = None) -> QuerySet[Review]:
    reviews = without_conflicts(Review.objects.filter(reviewer=user)).select_related(
        "application__call", "application__actor", "application__person"
    )
    if call is not None:
        reviews = reviews.filter(application__call=call)
    return reviews.order_by("application__call__deadline", "pk")


def declarable_applications(call: Call, user: Any) -> list[dict[str, Any]]:
    """The call's submitted applications by applicant name only, with my conflicts."""
    conflicts = dict(
        ConflictDeclaration.objects.filter(application__call=call, reviewer=user).values_list(
            "application_id", "reason"
        )
    )
    applications = (
        call.applications.filter(status__in=CONSOLE_STATUSES)
        .select_related("actor", "person")
        .order_by("pk")
    )
    rows = [
        {"id": a.pk, "name": a.applicant_name, "conflict": conflicts.get(a.pk)}
        for a in applications
    ]
    rows.sort(key=lambda row: str(row["name"]))
    return rows


@dataclass
class ConsoleRow:
    application: Application
    result: scoring.ApplicationResult
    decision: Decision | None
    pending: int
    tied_names: list[str] = field(default_factory=list)
    criterion_means: list[float | None] = field(default_factory=list)
    review_lines: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Console:
    call: Call
    criteria: list[RubricCriterion]
    rows: list[ConsoleRow]
    reviewers: dict[int, Any]
    scales: dict[int, scoring.ReviewerScale]
    comments: dict[int, dict[int, str]]
    reviews: dict[int, Any]
    normalised: bool
    conflicted: int = 0

    @property
    def left_as_is(self) -> list[Any]:
        return [
            self.reviewers[s.reviewer_id]
            for s in self.scales.values()
            if not s.normalised and s.reviewer_id in self.reviewers
        ]


def console(call: Call, *, normalised: bool = False) -> Console:
    """Everything the console shows, in six queries whatever the call's size."""
    from django.contrib.auth import get_user_model

    criteria = list(call.criteria.all())
    applications = list(
        call.applications.filter(status__in=CONSOLE_STATUSES)
        .select_related("actor", "person")
        .order_by("pk")
    )
    all_rows = list(
        Review.objects.filter(application__call=call)
        .annotate(conflicted=_conflicted())
        .values(
            "id",
            "application_id",
            "reviewer_id",
            "status",
            "recommendation",
            "comment",
            "conflicted",
        )
    )
    # A conflict declared after submitting withdraws the review from scores and totals.
    review_rows = [r for r in all_rows if not r["conflicted"]]
    conflicted = sum(1 for r in all_rows if r["conflicted"])
    submitted_ids = {r["id"] for r in review_rows if r["status"] == ReviewStatus.SUBMITTED}
    scores: dict[int, dict[int, int]] = {review_id: {} for review_id in submitted_ids}
    comments: dict[int, dict[int, str]] = {review_id: {} for review_id in submitted_ids}
    for review_id, criterion_id, score, comment in ReviewScore.objects.filter(
        review__application__call=call, review__status=ReviewStatus.SUBMITTED
    ).values_list("review_id", "criterion_id", "score", "comment"):
        if review_id not in submitted_ids:
            continue
        scores[review_id][criterion_id] = score
        comments[review_id][criterion_id] = comment
    reviewer_ids = {r["reviewer_id"] for r in review_rows}
    reviewers = {u.pk: u for u in get_user_model().objects.filter(pk__in=reviewer_ids)}
    decisions = {
        d.application_id: d
        for d in Decision.objects.filter(
            application__call=call, reversed_at__isnull=True
        ).select_related("decided_by")
    }
    names = {a.pk: a.applicant_name for a in applications}
    rows_in = [
        scoring.ReviewRow(r["id"], r["application_id"], r["reviewer_id"], scores[r["id"]])
        for r in review_rows
        if r["id"] in submitted_ids
    ]
    criteria_in = [scoring.Criterion(c.pk, c.weight, c.scale_min, c.scale_max) for c in criteria]
    results, scales = scoring.compute(
        criteria_in, rows_in, [a.pk for a in applications], names, normalised=normalised
    )
    pending: dict[int, int] = {}
    for r in review_rows:
        if r["id"] not in submitted_ids:
            pending[r["application_id"]] = pending.get(r["application_id"], 0) + 1
    by_id = {a.pk: a for a in applications}
    rows = []
    for result in results:
        row = ConsoleRow(
            by_id[result.application_id],
            result,
            decisions.get(result.application_id),
            pending.get(result.application_id, 0),
        )
        row.tied_names = [names[i] for i in result.tied_with]
        rows.append(row)
    return Console(
        call,
        criteria,
        rows,
        reviewers,
        scales,
        comments,
        {r["id"]: r for r in review_rows},
        normalised,
        conflicted,
    )


def describe(console: Console, rows: list[ConsoleRow]) -> list[ConsoleRow]:
    """Fill the per-criterion means and per-review lines of the rows shown (a page)."""
    for row in rows:
        reviews = row.result.reviews
        row.criterion_means = [
            _mean([r.scores[c.pk] for r in reviews if c.pk in r.scores]) for c in console.criteria
        ]
        row.review_lines = [
            {
                "id": r.id,
                "reviewer": console.reviewers.get(r.reviewer_id),
                "total": r.total,
                "normalised": r.normalised,
                "z": r.z,
                "scores": [r.scores.get(c.pk) for c in console.criteria],
                "recommendation": console.reviews[r.id]["recommendation"],
            }
            for r in reviews
        ]
    return rows


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def assignment_overview(call: Call) -> dict[str, Any]:
    applications = list(
        call.applications.filter(status__in=REVIEWABLE)
        .select_related("actor", "person")
        .order_by("pk")
    )
    reviews = list(
        Review.objects.filter(application__call=call).select_related("reviewer").order_by("pk")
    )
    by_application: dict[int, list[Review]] = {}
    for review in reviews:
        by_application.setdefault(review.application_id, []).append(review)
    loads = call.reviewers.annotate(
        load=Count("reviews", filter=Q(reviews__application__call=call))
    ).order_by("full_name", "pk")
    return {
        "applications": [(a, by_application.get(a.pk, [])) for a in applications],
        "reviewers": list(loads),
    }


def audit_entries(call: Call, object_type: str = "") -> QuerySet[AuditEntry]:
    entries = call.audit.select_related("by", "application").order_by("-at", "-pk")
    if object_type:
        entries = entries.filter(object_type=object_type)
    return entries


def audit_object_types(call: Call) -> list[str]:
    return sorted(call.audit.order_by().values_list("object_type", flat=True).distinct())


def criteria_of(call: Call) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(call=call))
