"""Reviewers' writes: conflicts of interest, review drafts, submitting; staff reopening.

Conflicts come first: a reviewer sees the call's submitted applications by applicant name
only, declares conflicts, then confirms the list (an audit row, ``conflicts_confirmed``).
An application opens to its reviewer only when that confirmation is newer than the
application's submission, so no one reads an application before declaring about it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError

from . import audit
from .assignment import REVIEWABLE
from .models import (
    Application,
    AuditEntry,
    Call,
    ConflictDeclaration,
    Recommendation,
    Review,
    ReviewScore,
    ReviewStatus,
)
from .rules import is_reviewer_of, runs_call

CONFIRMED = "conflicts_confirmed"


def conflicts_confirmed_at(user: Any, call: Call) -> Any:
    entry = (
        AuditEntry.objects.filter(call=call, by=user, action=CONFIRMED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return entry


def may_open(user: Any, review: Review) -> bool:
    """The reviewer confirmed their conflicts after this application was submitted."""
    confirmed = conflicts_confirmed_at(user, review.application.call)
    if confirmed is None:
        return False
    submitted = review.application.submitted_at
    return submitted is None or confirmed >= submitted


def declare_conflict(application: Application, *, by: Any, reason: str) -> ConflictDeclaration:
    """Declare a conflict with an application; an open assignment to it is withdrawn."""
    call = application.call
    if not is_reviewer_of(by, call) or application.status not in REVIEWABLE:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"reason": _("Say briefly what the conflict is.")})
    with transaction.atomic():
        conflict, created = ConflictDeclaration.objects.get_or_create(
            application=application, reviewer=by, defaults={"reason": reason}
        )
        if not created:
            raise DomainError(_("You already declared a conflict with this application."))
        audit.record(
            call=call,
            by=by,
            action="conflict_declared",
            obj=conflict,
            application=application,
            summary=f"הוצהר ניגוד עניינים: {by}",
            changes={"reason": reason},
        )
        review = Review.objects.filter(application=application, reviewer=by).first()
        if review is not None and review.status != ReviewStatus.SUBMITTED:
            audit.record(
                call=call,
                by=by,
                action="unassigned",
                obj=review,
                application=application,
                summary=f"שיבוץ בוטל בשל ניגוד עניינים: {by}",
            )
            review.delete()
    return conflict


def confirm_conflicts(call: Call, *, by: Any) -> AuditEntry:
    """The reviewer has gone through the list and declared every conflict they have."""
    if not is_reviewer_of(by, call):
        raise PermissionDenied
    with transaction.atomic():
        return audit.record(
            call=call,
            by=by,
            action=CONFIRMED,
            summary=f"השופט/ת אישר/ה את הצהרת ניגודי העניינים: {by}",
        )


def _check_reviewer(review: Review, by: Any) -> None:
    if review.reviewer_id != getattr(by, "pk", None) or not is_reviewer_of(
        by, review.application.call
    ):
        raise PermissionDenied
    if not may_open(by, review):
        raise DomainError(_("Declare your conflicts of interest for this call first."))


def save_review(
    review: Review,
    *,
    by: Any,
    scores: dict[int, tuple[int | None, str]],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
) -> Review:
    """Save a draft (or submit): ``scores`` maps criterion id → (score or None, comment)."""
    _check_reviewer(review, by)
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.status == ReviewStatus.SUBMITTED:
            raise DomainError(_("This review was submitted and is locked."))
        call = review.application.call
        criteria = {c.pk: c for c in call.criteria.all()}
        errors: dict[str, Any] = {}
        for criterion_id, (score, _comment) in scores.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                errors[f"score_{criterion_id}"] = _("No such criterion in this call's rubric.")
            elif score is not None and not criterion.scale_min <= score <= criterion.scale_max:
                errors[f"score_{criterion_id}"] = _("Give a score from %(low)s to %(high)s.") % {
                    "low": criterion.scale_min,
                    "high": criterion.scale_max,
                }
        if recommendation and recommendation not in Recommendation.values:
            errors["recommendation"] = _("Choose a recommendation.")
        if errors:
            raise DomainError(errors)
        existing = {s.criterion_id: s for s in review.scores.all()}
        before = {str(cid): s.score for cid, s in existing.items()}
        for criterion_id, (score, score_comment) in scores.items():
            row = existing.get(criterion_id)
            if score is None:
                if row is not None:
                    row.delete()
                    existing.pop(criterion_id)
                continue
            if row is None:
                existing[criterion_id] = ReviewScore.objects.create(
                    review=review, criterion_id=criterion_id, score=score, comment=score_comment
                )
            elif row.score != score or row.comment != score_comment:
                row.score, row.comment = score, score_comment
                row.save(update_fields=["score", "comment"])
        review.recommendation = recommendation
        review.comment = comment
        if submit:
            missing = [c for cid, c in criteria.items() if cid not in existing]
            if missing:
                raise DomainError(
                    {
                        f"score_{c.pk}": _("Score every criterion before submitting.")
                        for c in missing
                    }
                )
            if not recommendation:
                raise DomainError({"recommendation": _("Choose a recommendation.")})
            review.status = ReviewStatus.SUBMITTED
            review.submitted_at = timezone.now()
        else:
            review.status = ReviewStatus.DRAFT
        review.save()
        after = {str(cid): s.score for cid, s in existing.items()}
        audit.record(
            call=call,
            by=by,
            action="review_submitted" if submit else "review_saved",
            obj=review,
            application=review.application,
            summary=("חוות דעת הוגשה" if submit else "טיוטת חוות דעת נשמרה") + f": {by}",
            changes={
                **audit.diff({"scores": before}, {"scores": after}),
                "recommendation": recommendation,
            },
        )
    return review


def reopen_review(review: Review, *, by: Any, reason: str = "") -> Review:
    """Staff reopen a submitted review so its reviewer may change it."""
    call = review.application.call
    if not runs_call(by, call):
        raise PermissionDenied
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.status != ReviewStatus.SUBMITTED:
            raise DomainError(_("Only a submitted review can be reopened."))
        review.status = ReviewStatus.DRAFT
        review.reopened_at = timezone.now()
        review.reopened_by = by
        review.save(update_fields=["status", "reopened_at", "reopened_by"])
        audit.record(
            call=call,
            by=by,
            action="review_reopened",
            obj=review,
            application=review.application,
            summary=f"חוות הדעת של {review.reviewer} נפתחה מחדש",
            changes={"status": ["submitted", "draft"], "reason": reason},
        )
    return review
