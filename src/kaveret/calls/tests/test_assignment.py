"""Automatic and manual assignment: balance, conflicts, ties, shortfalls, notifications."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.calls import assignment
from kaveret.calls.models import ApplicationStatus, AuditEntry, Review
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Affiliation, Person
from kaveret.notifications.models import Notification
from kaveret.testing.calls_factories import ApplicationFactory
from kaveret.testing.factories import RoleAssignmentFactory, UserFactory
from kaveret.testing.review_factories import ConflictFactory, call_for_review

pytestmark = pytest.mark.django_db


def test_plan_balances_load_within_one() -> None:
    plan = assignment.plan(list(range(1, 11)), [100, 101, 102, 103], set(), set(), 2)
    loads: dict[int, int] = {}
    for _app, reviewer in plan.pairs:
        loads[reviewer] = loads.get(reviewer, 0) + 1
    assert sum(loads.values()) == 20
    assert max(loads.values()) - min(loads.values()) <= 1
    assert not plan.shortfalls
    assert len(set(plan.pairs)) == 20


def test_plan_reports_shortfalls() -> None:
    plan = assignment.plan([1, 2], [100, 101], set(), {(1, 100)}, 2)
    assert plan.shortfalls == {1: 1}


def test_auto_assign_balances_and_notifies_each_reviewer_once(personas: Any) -> None:
    call = call_for_review(reviewers=3, applications=5, community=personas.community)
    run = assignment.auto_assign(call, by=personas.staff)
    assert run.created == 10 and run.shortfalls == []
    loads = [r.reviews.count() for r in call.reviewers.all()]
    assert max(loads) - min(loads) <= 1
    for application in call.applications.all():
        assert application.reviews.count() == 2
        assert application.status == ApplicationStatus.UNDER_REVIEW
    for reviewer in call.reviewers.all():
        assert Notification.objects.filter(recipient=reviewer, kind="reviews_assigned").count() == 1
    assert AuditEntry.objects.filter(call=call, action="auto_assigned").exists()
    # A second run adds nothing.
    assert assignment.auto_assign(call, by=personas.staff).created == 0


def test_declared_conflicts_and_ties_are_never_assigned(personas: Any) -> None:
    call = call_for_review(reviewers=3, applications=0, community=personas.community)
    a, b, c = call.reviewers.order_by("pk")
    declared = ApplicationFactory(call=call)
    ConflictFactory(application=declared, reviewer=a)
    role_tied = ApplicationFactory(call=call)
    RoleAssignmentFactory(user=b, role=Role.ENTREPRENEUR, venture_id=role_tied.actor_id)
    affiliated: Any = ApplicationFactory(call=call)
    person = Person.objects.create(full_name="שופטת", user=c)
    Affiliation.objects.create(person=person, actor=affiliated.actor)
    filled = ApplicationFactory(call=call, created_by=a)
    run = assignment.auto_assign(call, by=personas.staff)
    pairs = set(Review.objects.values_list("application_id", "reviewer_id"))
    for application, reviewer in [(declared, a), (role_tied, b), (affiliated, c), (filled, a)]:
        assert (application.pk, reviewer.pk) not in pairs
    assert run.shortfalls == []  # each still has two eligible reviewers


def test_not_enough_reviewers_says_which_application_lacks_how_many(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=2, community=personas.community)
    first = call.applications.order_by("pk").first()
    ConflictFactory(application=first, reviewer=call.reviewers.first())
    run = assignment.auto_assign(call, by=personas.staff)
    assert [(app.pk, n) for app, n in run.shortfalls] == [(first.pk, 1)]


def test_manual_assignment_refuses_conflicts_ties_and_non_reviewers(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=1, community=personas.community)
    application = call.applications.get()
    a, b = call.reviewers.order_by("pk")
    ConflictFactory(application=application, reviewer=a)
    with pytest.raises(DomainError):
        assignment.assign(application, a, by=personas.staff)
    with pytest.raises(DomainError):
        assignment.assign(application, UserFactory(), by=personas.staff)
    RoleAssignmentFactory(user=b, role=Role.ENTREPRENEUR, venture_id=application.actor_id)
    with pytest.raises(DomainError):
        assignment.assign(application, b, by=personas.staff)


def test_manual_assign_and_unassign_by_staff_only(personas: Any) -> None:
    call = call_for_review(reviewers=1, applications=1, community=personas.community)
    application, reviewer = call.applications.get(), call.reviewers.get()
    with pytest.raises(PermissionDenied):
        assignment.assign(application, reviewer, by=personas.entrepreneur)
    review = assignment.assign(application, reviewer, by=personas.staff)
    with pytest.raises(DomainError):
        assignment.assign(application, reviewer, by=personas.staff)
    assignment.unassign(review, by=personas.staff)
    assert not Review.objects.exists()
    assert AuditEntry.objects.filter(action="unassigned").exists()


def test_staff_of_another_community_cannot_assign(personas: Any) -> None:
    call = call_for_review(reviewers=1, applications=1)
    with pytest.raises(PermissionDenied):
        assignment.auto_assign(call, by=personas.staff)


@pytest.mark.parametrize(
    "data",
    [
        {"application": "abc", "reviewer": "1"},
        {"application": "", "reviewer": "x"},
        {"application": "99999999999999999999", "reviewer": "1"},
        {"reviewer": "1"},
    ],
)
def test_manual_assignment_with_junk_ids_answers_with_a_message(
    personas: Any, data: dict[str, str]
) -> None:
    from kaveret.testing.clients import client_as

    call = call_for_review(reviewers=1, applications=1, community=personas.community)
    data = {**data}
    if data.get("reviewer") == "1":
        data["reviewer"] = str(call.reviewers.get().pk)
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/assignments/add/", data, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of the call&#x27;s applications." in response.content.decode()
    assert not Review.objects.filter(application__call=call).exists()


def test_manual_assignment_with_a_junk_reviewer_id(personas: Any) -> None:
    from kaveret.testing.clients import client_as

    call = call_for_review(reviewers=1, applications=1, community=personas.community)
    data = {"application": str(call.applications.get().pk), "reviewer": "abc"}
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/assignments/add/", data, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of the call&#x27;s reviewers." in response.content.decode()
