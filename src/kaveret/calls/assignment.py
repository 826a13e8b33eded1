"""Assigning reviewers to applications: automatically, load balanced, and by hand.

Automatic assignment gives each reviewable application ``call.reviews_per_application``
reviews. Applications are taken most constrained first (fewest eligible reviewers, then
by id); each missing review goes to the eligible reviewer with the lowest load in the
call so far, ties broken by the reviewer's id (lowest first). A reviewer is eligible for
an application when they are a reviewer of the call, have not declared a conflict with
it, are not tied to the applicant, and do not already review it. Without enough eligible
reviewers the run says which applications lack how many reviews.

A reviewer is **tied** to an application when they filled it, are its person, hold a role
on its venture or organisation (``accounts.RoleAssignment``), or their person is
affiliated with it (``ecosystem.Affiliation``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kaveret.accounts.models import RoleAssignment
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Affiliation
from kaveret.notifications.models import NotificationKind
from kaveret.notifications.services import notify

from . import audit
from .models import Application, ApplicationStatus, Call, ConflictDeclaration, Review
from .rules import runs_call

REVIEWABLE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SHORTLISTED,
)


def reviewable_applications(call: Call) -> Any:
    return call.applications.filter(status__in=REVIEWABLE).order_by("pk")


def tied_pairs(applications: list[Application], reviewer_ids: set[int]) -> set[tuple[int, int]]:
    """(application id, reviewer id) pairs where the reviewer is tied to the applicant."""
    pairs: set[tuple[int, int]] = set()
    by_actor: dict[int, list[int]] = defaultdict(list)
    by_person: dict[int, list[int]] = defaultdict(list)
    for application in applications:
        if application.created_by_id in reviewer_ids:
            pairs.add((application.pk, application.created_by_id))
        if application.actor_id:
            by_actor[application.actor_id].append(application.pk)
        if application.person_id:
            by_person[application.person_id].append(application.pk)
    if by_actor and reviewer_ids:
        roles = RoleAssignment.objects.filter(user_id__in=reviewer_ids).values_list(
            "user_id", "venture_id", "organisation_id"
        )
        for user_id, venture_id, organisation_id in roles:
            for actor_id in (venture_id, organisation_id):
                for application_id in by_actor.get(actor_id, ()):
                    pairs.add((application_id, user_id))
        affiliations = Affiliation.objects.filter(
            person__user_id__in=reviewer_ids, actor_id__in=list(by_actor)
        ).values_list("person__user_id", "actor_id")
        for user_id, actor_id in affiliations:
            for application_id in by_actor[actor_id]:
                pairs.add((application_id, user_id))
    if by_person and reviewer_ids:
        from kaveret.ecosystem.models import Person

        people = Person.objects.filter(pk__in=list(by_person), user_id__in=reviewer_ids)
        for person_id, user_id in people.values_list("pk", "user_id"):
            for application_id in by_person[person_id]:
                pairs.add((application_id, user_id))
    return pairs


def conflict_pairs(call: Call) -> set[tuple[int, int]]:
    return set(
        ConflictDeclaration.objects.filter(application__call=call).values_list(
            "application_id", "reviewer_id"
        )
    )


def is_tied(application: Application, reviewer: Any) -> bool:
    return (application.pk, reviewer.pk) in tied_pairs([application], {reviewer.pk})


@dataclass
class Plan:
    pairs: list[tuple[int, int]] = field(default_factory=list)
    shortfalls: dict[int, int] = field(default_factory=dict)


def plan(
    application_ids: list[int],
    reviewer_ids: list[int],
    existing: set[tuple[int, int]],
    excluded: set[tuple[int, int]],
    per_application: int,
    loads: dict[int, int] | None = None,
) -> Plan:
    """Min-load greedy assignment (pure): which (application, reviewer) pairs to add."""
    load = {reviewer_id: 0 for reviewer_id in reviewer_ids}
    for reviewer_id, count in (loads or {}).items():
        if reviewer_id in load:
            load[reviewer_id] = count
    have: dict[int, set[int]] = defaultdict(set)
    for application_id, reviewer_id in existing:
        have[application_id].add(reviewer_id)

    def eligible(application_id: int) -> list[int]:
        return [
            r
            for r in reviewer_ids
            if (application_id, r) not in excluded and r not in have[application_id]
        ]

    order = sorted(application_ids, key=lambda a: (len(eligible(a)), a))
    result = Plan()
    for application_id in order:
        missing = per_application - len(have[application_id])
        if missing <= 0:
            continue
        candidates = eligible(application_id)
        candidates.sort(key=lambda r: (load[r], r))
        chosen = candidates[:missing]
        for reviewer_id in chosen:
            result.pairs.append((application_id, reviewer_id))
            have[application_id].add(reviewer_id)
            load[reviewer_id] += 1
        if len(chosen) < missing:
            result.shortfalls[application_id] = missing - len(chosen)
    return result


@dataclass
class AssignmentRun:
    created: int
    shortfalls: list[tuple[Application, int]]
    reviewers_notified: int


def _check_staff(by: Any, call: Call) -> None:
    if not runs_call(by, call):
        raise PermissionDenied


def _notify_reviewers(call: Call, counts: dict[int, int]) -> int:
    from django.contrib.auth import get_user_model

    url = f"/calls/{call.slug}/reviews/"
    users = get_user_model().objects.filter(pk__in=list(counts))
    for user in users:
        notify(
            user,
            NotificationKind.REVIEWS_ASSIGNED,
            url=url,
            params={"call": call.title, "count": counts[user.pk]},
        )
    return len(counts)


def auto_assign(call: Call, *, by: Any) -> AssignmentRun:
    """Give every reviewable application its reviews; notify each reviewer once."""
    _check_staff(by, call)
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()
        applications = list(
            reviewable_applications(call).select_related("actor", "person").order_by("pk")
        )
        reviewer_ids = sorted(call.reviewers.filter(is_active=True).values_list("pk", flat=True))
        existing_rows = list(
            Review.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id"
            )
        )
        loads: dict[int, int] = defaultdict(int)
        for _application_id, reviewer_id in existing_rows:
            loads[reviewer_id] += 1
        excluded = conflict_pairs(call) | tied_pairs(applications, set(reviewer_ids))
        result = plan(
            [a.pk for a in applications],
            reviewer_ids,
            set(existing_rows),
            excluded,
            call.reviews_per_application,
            loads,
        )
        Review.objects.bulk_create(
            [Review(application_id=a, reviewer_id=r, assigned_by=by) for a, r in result.pairs]
        )
        counts: dict[int, int] = defaultdict(int)
        touched = set()
        for application_id, reviewer_id in result.pairs:
            counts[reviewer_id] += 1
            touched.add(application_id)
        Application.objects.filter(pk__in=touched, status=ApplicationStatus.SUBMITTED).update(
            status=ApplicationStatus.UNDER_REVIEW
        )
        by_id = {a.pk: a for a in applications}
        shortfalls = [(by_id[a], n) for a, n in sorted(result.shortfalls.items())]
        audit.record(
            call=call,
            by=by,
            action="auto_assigned",
            summary=f"שיבוץ אוטומטי: {len(result.pairs)} שיבוצים חדשים",
            changes={
                "created": len(result.pairs),
                "pairs": [list(pair) for pair in result.pairs[:500]],
                "shortfalls": {str(a): n for a, n in result.shortfalls.items()},
            },
        )
        notified = _notify_reviewers(call, counts)
    return AssignmentRun(len(result.pairs), shortfalls, notified)


def assign(application: Application, reviewer: Any, *, by: Any) -> Review:
    """Assign one reviewer by hand; refuses conflicts, ties and non-reviewers."""
    call = application.call
    _check_staff(by, call)
    if not call.reviewers.filter(pk=reviewer.pk).exists():
        raise DomainError(_("This person is not a reviewer of the call."))
    if application.status not in REVIEWABLE:
        raise DomainError(_("Only submitted applications can be reviewed."))
    if ConflictDeclaration.objects.filter(application=application, reviewer=reviewer).exists():
        raise DomainError(_("This reviewer declared a conflict of interest with the application."))
    if is_tied(application, reviewer):
        raise DomainError(_("This reviewer is tied to the applicant."))
    with transaction.atomic():
        review, created = Review.objects.get_or_create(
            application=application, reviewer=reviewer, defaults={"assigned_by": by}
        )
        if not created:
            raise DomainError(_("This reviewer already reviews the application."))
        if application.status == ApplicationStatus.SUBMITTED:
            application.status = ApplicationStatus.UNDER_REVIEW
            application.save(update_fields=["status", "updated_at"])
        audit.record(
            call=call,
            by=by,
            action="assigned",
            obj=review,
            application=application,
            summary=f"שובץ/ה לשיפוט: {reviewer}",
            changes={"reviewer": reviewer.pk},
        )
        _notify_reviewers(call, {reviewer.pk: 1})
    return review


def unassign(review: Review, *, by: Any) -> None:
    """Remove an assignment that has no submitted review."""
    application = review.application
    _check_staff(by, application.call)
    if review.status == "submitted":
        raise DomainError(_("A submitted review cannot be unassigned; reopen it first."))
    with transaction.atomic():
        audit.record(
            call=application.call,
            by=by,
            action="unassigned",
            obj=review,
            application=application,
            summary=f"שיבוץ בוטל: {review.reviewer}",
            changes={"reviewer": review.reviewer_id},
        )
        review.delete()
