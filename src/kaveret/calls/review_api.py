"""The reviews, decisions and grants API: thin over the same services as the pages.

What a user may not see is 404; what they may see but not do is 403; broken rules are
422 (``DomainError``), as in the other apps.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kaveret.ecosystem.api import ERRORS, acting_user

from . import assignment, decision_services, grant_services, review_selectors, review_services
from .models import Application, Decision, Grant, Review
from .review_schemas import (
    AssignmentRunOut,
    ConflictIn,
    ConflictOut,
    DecisionIn,
    DecisionOut,
    DisbursementIn,
    DisbursementOut,
    GrantIn,
    GrantOut,
    MilestoneIn,
    MilestoneOut,
    RankingOut,
    ReopenIn,
    ReversalIn,
    ReviewOut,
    ReviewPatchIn,
)
from .rules import acts_for_application, get_call_for_user_or_404, is_reviewer_of, runs_call

router = Router(tags=["reviews, decisions and grants"])


def _review_out(review: Review, user: Any) -> dict[str, Any]:
    opened = review.reviewer_id == user.pk and review_services.may_open(user, review)
    return {
        "id": review.pk,
        "call": review.application.call.slug,
        "application_id": review.application_id,
        "applicant": review.application.applicant_name,
        "status": review.status,
        "recommendation": review.recommendation,
        "comment": review.comment,
        "submitted_at": review.submitted_at,
        "scores": [
            {
                "criterion_id": s.criterion_id,
                "criterion": s.criterion.name,
                "score": s.score,
                "comment": s.comment,
            }
            for s in review.scores.select_related("criterion")
        ]
        if opened or runs_call(user, review.application.call)
        else None,
    }


def _my_review_or_404(user: Any, review_id: int) -> Review:
    review = (
        review_selectors.without_conflicts(Review.objects.all())
        .select_related("application__call", "application__actor")
        .filter(pk=review_id)
        .first()
    )
    if review is None or review.reviewer_id != getattr(user, "pk", None):
        raise Http404
    return review


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS})
def list_my_reviews(request: HttpRequest) -> list[dict[str, Any]]:
    """The reviews assigned to me, in every call."""
    user = acting_user(request)
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    return [_review_out(r, user) for r in review_selectors.my_reviews(user)]


@router.get("/reviews/{review_id}", response={200: ReviewOut, **ERRORS})
def get_review(request: HttpRequest, review_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _review_out(_my_review_or_404(user, review_id), user)


def _patch(request: HttpRequest, review_id: int, body: ReviewPatchIn, submit: bool) -> Any:
    user = acting_user(request)
    review = _my_review_or_404(user, review_id)
    existing = {s.criterion_id: (s.score, s.comment) for s in review.scores.all()}
    scores: dict[int, tuple[int | None, str]] = dict(existing)
    for item in body.scores:
        scores[item.criterion_id] = (item.score, item.comment)
    saved = review_services.save_review(
        review,
        by=user,
        scores=scores,
        recommendation=review.recommendation
        if body.recommendation is None
        else body.recommendation,
        comment=review.comment if body.comment is None else body.comment,
        submit=submit,
    )
    return _review_out(saved, user)


@router.patch("/reviews/{review_id}", response={200: ReviewOut, **ERRORS})
def update_review(request: HttpRequest, review_id: int, body: ReviewPatchIn) -> dict[str, Any]:
    """Save a draft: scores (by criterion), comment, recommendation."""
    return _patch(request, review_id, body, submit=False)


@router.post("/reviews/{review_id}/submit", response={200: ReviewOut, **ERRORS})
def submit_review(request: HttpRequest, review_id: int) -> dict[str, Any]:
    """Submit: every criterion scored and a recommendation chosen; then locked."""
    return _patch(request, review_id, ReviewPatchIn(recommendation=None, comment=None), submit=True)


@router.post("/reviews/{review_id}/reopen", response={200: ReviewOut, **ERRORS})
def reopen_review(request: HttpRequest, review_id: int, body: ReopenIn) -> dict[str, Any]:
    """Staff of the call reopen a submitted review."""
    user = acting_user(request)
    review = get_object_or_404(Review.objects.select_related("application__call"), pk=review_id)
    get_call_for_user_or_404(user, review.application.call.slug)
    reopened = review_services.reopen_review(review, by=user, reason=body.reason)
    return _review_out(reopened, user)


@router.post("/calls/{slug}/assignments/auto", response={200: AssignmentRunOut, **ERRORS})
def auto_assign(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Assign reviewers automatically (staff); reports applications lacking reviews."""
    user = acting_user(request)
    call = get_call_for_user_or_404(user, slug)
    run = assignment.auto_assign(call, by=user)
    return {
        "created": run.created,
        "reviewers_notified": run.reviewers_notified,
        "shortfalls": [
            {"application_id": a.pk, "applicant": a.applicant_name, "missing": n}
            for a, n in run.shortfalls
        ],
    }


def _application_or_404(user: Any, application_id: int) -> Application:
    application = (
        Application.objects.select_related("call__community", "actor", "person")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404
    get_call_for_user_or_404(user, application.call.slug)
    return application


@router.post("/applications/{application_id}/conflicts", response={201: ConflictOut, **ERRORS})
def declare_conflict(
    request: HttpRequest, application_id: int, body: ConflictIn
) -> Status[dict[str, Any]]:
    """A reviewer of the call declares a conflict of interest with an application."""
    user = acting_user(request)
    application = _application_or_404(user, application_id)
    if not is_reviewer_of(user, application.call):
        raise Http404
    conflict = review_services.declare_conflict(application, by=user, reason=body.reason)
    return Status(
        201,
        {
            "application_id": application.pk,
            "reason": conflict.reason,
            "declared_at": conflict.declared_at,
        },
    )


@router.get("/calls/{slug}/ranking", response={200: RankingOut, **ERRORS})
def ranking(request: HttpRequest, slug: str, normalise: bool = False) -> dict[str, Any]:
    """The console's ranking (staff); ``?normalise=1`` ranks by z-score normalised totals."""
    user = acting_user(request)
    call = get_call_for_user_or_404(user, slug)
    if not runs_call(user, call):
        raise PermissionDenied
    data = review_selectors.console(call, normalised=normalise)
    return {
        "normalised": normalise,
        "left_as_is": sorted(s.reviewer_id for s in data.scales.values() if not s.normalised),
        "items": [
            {
                "application_id": row.application.pk,
                "applicant": row.application.applicant_name,
                "rank": row.result.rank,
                "tied_with": row.result.tied_with,
                "total": row.result.total,
                "normalised_total": row.result.normalised,
                "spread": row.result.spread,
                "deviation": row.result.deviation,
                "reviews": [
                    {
                        "review_id": r.id,
                        "reviewer_id": r.reviewer_id,
                        "total": r.total,
                        "normalised": r.normalised,
                        "z": r.z,
                    }
                    for r in row.result.reviews
                ],
                "decision": row.decision.outcome if row.decision else None,
            }
            for row in data.rows
        ],
    }


def _decision_out(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "application_id": decision.application_id,
        "outcome": decision.outcome,
        "reason": decision.reason,
        "decided_by": decision.decided_by_id,
        "decided_at": decision.decided_at,
        "reversed_at": decision.reversed_at,
        "reversal_reason": decision.reversal_reason,
        "application_status": Application.objects.values_list("status", flat=True).get(
            pk=decision.application_id
        ),
    }


@router.post("/applications/{application_id}/decision", response={201: DecisionOut, **ERRORS})
def decide(request: HttpRequest, application_id: int, body: DecisionIn) -> Status[dict[str, Any]]:
    """Accept, reject or waitlist with a reason (staff), once."""
    user = acting_user(request)
    application = _application_or_404(user, application_id)
    decision = decision_services.decide(
        application, by=user, outcome=body.outcome, reason=body.reason
    )
    return Status(201, _decision_out(decision))


@router.post("/decisions/{decision_id}/reverse", response={200: DecisionOut, **ERRORS})
def reverse(request: HttpRequest, decision_id: int, body: ReversalIn) -> dict[str, Any]:
    """A platform admin reverses a decision with a reason."""
    user = acting_user(request)
    decision = get_object_or_404(Decision, pk=decision_id)
    reversed_decision = decision_services.reverse_decision(decision, by=user, reason=body.reason)
    return _decision_out(reversed_decision)


def _grant_application(user: Any, application_id: int, *, write: bool) -> Application:
    application = _application_or_404(user, application_id)
    staff = runs_call(user, application.call)
    if not staff and not acts_for_application(user, application):
        raise Http404
    if write and not staff:
        raise PermissionDenied
    return application


def _grant_out(grant: Grant) -> dict[str, Any]:
    disbursements = list(grant.disbursements.all())
    return {
        "id": grant.pk,
        "application_id": grant.application_id,
        "amount": grant.amount,
        "note": grant.note,
        "disbursed": sum((d.amount for d in disbursements), 0),
        "milestones": [_milestone_out(m) for m in grant.milestones.all()],
        "disbursements": [_disbursement_out(d) for d in disbursements],
    }


def _milestone_out(milestone: Any) -> dict[str, Any]:
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "due_on": milestone.due_on,
        "amount": milestone.amount,
        "outcome_measure": milestone.outcome_measure,
        "target_value": milestone.target_value,
        "status": milestone.status,
    }


def _disbursement_out(disbursement: Any) -> dict[str, Any]:
    return {
        "id": disbursement.pk,
        "amount": disbursement.amount,
        "paid_on": disbursement.paid_on,
        "milestone_id": disbursement.milestone_id,
    }


@router.get("/applications/{application_id}/grant", response={200: GrantOut, **ERRORS})
def get_grant(request: HttpRequest, application_id: int) -> dict[str, Any]:
    application = _grant_application(acting_user(request), application_id, write=False)
    return _grant_out(get_object_or_404(Grant, application=application))


@router.post("/applications/{application_id}/grant", response={200: GrantOut, **ERRORS})
def set_grant(request: HttpRequest, application_id: int, body: GrantIn) -> dict[str, Any]:
    """Award (or change) the grant of an accepted application, within the call's budget."""
    user = acting_user(request)
    application = _grant_application(user, application_id, write=True)
    return _grant_out(
        grant_services.set_grant(application, by=user, amount=body.amount, note=body.note)
    )


@router.get(
    "/applications/{application_id}/milestones", response={200: list[MilestoneOut], **ERRORS}
)
def list_milestones(request: HttpRequest, application_id: int) -> list[dict[str, Any]]:
    application = _grant_application(acting_user(request), application_id, write=False)
    grant = get_object_or_404(Grant, application=application)
    return [_milestone_out(m) for m in grant.milestones.all()]


@router.post("/applications/{application_id}/milestones", response={201: MilestoneOut, **ERRORS})
def add_milestone(
    request: HttpRequest, application_id: int, body: MilestoneIn
) -> Status[dict[str, Any]]:
    user = acting_user(request)
    application = _grant_application(user, application_id, write=True)
    grant = get_object_or_404(Grant, application=application)
    milestone = grant_services.add_milestone(grant, by=user, **body.dict())
    return Status(201, _milestone_out(milestone))


@router.get(
    "/applications/{application_id}/disbursements",
    response={200: list[DisbursementOut], **ERRORS},
)
def list_disbursements(request: HttpRequest, application_id: int) -> list[dict[str, Any]]:
    application = _grant_application(acting_user(request), application_id, write=False)
    grant = get_object_or_404(Grant, application=application)
    return [_disbursement_out(d) for d in grant.disbursements.all()]


@router.post(
    "/applications/{application_id}/disbursements", response={201: DisbursementOut, **ERRORS}
)
def add_disbursement(
    request: HttpRequest, application_id: int, body: DisbursementIn
) -> Status[dict[str, Any]]:
    user = acting_user(request)
    application = _grant_application(user, application_id, write=True)
    grant = get_object_or_404(Grant, application=application)
    milestone = (
        get_object_or_404(grant.milestones, pk=body.milestone_id) if body.milestone_id else None
    )
    disbursement = grant_services.record_disbursement(
        grant, by=user, amount=body.amount, paid_on=body.paid_on, milestone=milestone
    )
    return Status(201, _disbursement_out(disbursement))
