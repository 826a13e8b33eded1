"""Reviewing: conflicts first, scores within scale, drafts, locked after submit, reopen."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.calls import review_services
from kaveret.calls.models import AuditEntry, Review, ReviewStatus
from kaveret.core.errors import DomainError
from kaveret.testing.clients import client_as
from kaveret.testing.review_factories import call_for_review, confirm_conflicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas: Any) -> Any:
    call = call_for_review(reviewers=1, applications=1, community=personas.community)
    reviewer, application = call.reviewers.get(), call.applications.get()
    review = Review.objects.create(application=application, reviewer=reviewer)
    criteria = list(call.criteria.all())
    return call, reviewer, application, review, criteria


def test_application_stays_closed_until_conflicts_are_confirmed(setup: Any) -> None:
    call, reviewer, application, review, _criteria = setup
    client = client_as(reviewer)
    url = f"/en/calls/{call.slug}/reviews/{review.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    home = client.get(f"/en/calls/{call.slug}/reviews/")
    assert application.applicant_name in home.content.decode()
    assert "מיזם שמחבר" not in home.content.decode()  # no answers before declaring
    client.post(f"/en/calls/{call.slug}/reviews/confirm/")
    page = client.get(url)
    assert page.status_code == 200
    assert "מיזם שמחבר" in page.content.decode()


def test_declaring_a_conflict_withdraws_the_open_assignment(setup: Any) -> None:
    _call, reviewer, application, review, _criteria = setup
    with pytest.raises(DomainError):
        review_services.declare_conflict(application, by=reviewer, reason="")
    review_services.declare_conflict(application, by=reviewer, reason="בן דוד")
    assert not Review.objects.filter(pk=review.pk).exists()
    assert AuditEntry.objects.filter(action="conflict_declared").exists()


def test_scores_must_be_within_scale(setup: Any) -> None:
    call, reviewer, _application, review, criteria = setup
    confirm_conflicts(reviewer, call)
    with pytest.raises(DomainError):
        review_services.save_review(review, by=reviewer, scores={criteria[0].pk: (6, "")})
    with pytest.raises(DomainError):
        review_services.save_review(review, by=reviewer, scores={criteria[0].pk: (0, "")})


def test_draft_then_submit_requires_every_criterion_then_locked(setup: Any) -> None:
    call, reviewer, _application, review, criteria = setup
    confirm_conflicts(reviewer, call)
    review_services.save_review(
        review, by=reviewer, scores={criteria[0].pk: (4, "טוב")}, recommendation="accept"
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.scores.count() == 1
    with pytest.raises(DomainError):
        review_services.save_review(
            review, by=reviewer, scores={}, recommendation="accept", submit=True
        )
    review_services.save_review(
        review,
        by=reviewer,
        scores={criteria[1].pk: (2, "")},
        recommendation="accept",
        submit=True,
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and review.submitted_at
    with pytest.raises(DomainError):
        review_services.save_review(review, by=reviewer, scores={criteria[0].pk: (1, "")})


def test_only_staff_reopen_and_it_is_audited(setup: Any, personas: Any) -> None:
    call, reviewer, _application, review, criteria = setup
    confirm_conflicts(reviewer, call)
    review_services.save_review(
        review,
        by=reviewer,
        scores={c.pk: (3, "") for c in criteria},
        recommendation="reject",
        submit=True,
    )
    with pytest.raises(PermissionDenied):
        review_services.reopen_review(review, by=reviewer)
    review_services.reopen_review(review, by=personas.staff, reason="חסרה הערה")
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.reopened_by == personas.staff
    assert AuditEntry.objects.filter(action="review_reopened", by=personas.staff).exists()
    review_services.save_review(review, by=reviewer, scores={criteria[0].pk: (5, "")})


def test_reviewer_not_assigned_or_of_another_call_cannot_review(setup: Any, personas: Any) -> None:
    call, _reviewer, _application, review, _criteria = setup
    other = call_for_review(reviewers=1, applications=1)
    stranger = other.reviewers.get()
    confirm_conflicts(stranger, call)
    with pytest.raises(PermissionDenied):
        review_services.save_review(review, by=stranger, scores={})
    assert client_as(stranger).get(f"/en/calls/{call.slug}/reviews/{review.pk}/").status_code in {
        403,
        404,
    }
    # The applicant and the call's staff cannot write the reviewer's review.
    for user in (review.application.created_by, personas.staff):
        with pytest.raises(PermissionDenied):
            review_services.save_review(review, by=user, scores={})


def test_reviewer_scores_and_submits_through_the_page(setup: Any) -> None:
    call, reviewer, _application, review, criteria = setup
    confirm_conflicts(reviewer, call)
    client = client_as(reviewer)
    url = f"/en/calls/{call.slug}/reviews/{review.pk}/"
    data = {f"score_{c.pk}": "4" for c in criteria} | {"recommendation": "accept", "submit": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert "locked" in client.get(url).content.decode()
