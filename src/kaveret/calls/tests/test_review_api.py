"""The reviews, decisions and grants API, with its permissions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.calls.models import ApplicationStatus, Review, ReviewStatus
from kaveret.testing.clients import client_as
from kaveret.testing.factories import RoleAssignmentFactory
from kaveret.testing.review_factories import call_for_review, confirm_conflicts

pytestmark = pytest.mark.django_db


def _json(client: Any, method: str, url: str, body: Any = None) -> Any:
    return getattr(client, method)(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def test_reviewer_drafts_submits_and_staff_reopen(personas: Any) -> None:
    call = call_for_review(reviewers=1, applications=1, community=personas.community)
    reviewer, application = call.reviewers.get(), call.applications.get()
    review = Review.objects.create(application=application, reviewer=reviewer)
    client = client_as(reviewer)
    mine = client.get("/api/v1/reviews").json()
    assert [r["id"] for r in mine] == [review.pk] and mine[0]["scores"] is None
    criteria = list(call.criteria.all())
    body = {"scores": [{"criterion_id": criteria[0].pk, "score": 5}], "recommendation": "accept"}
    assert _json(client, "patch", f"/api/v1/reviews/{review.pk}", body).status_code == 422
    confirm_conflicts(reviewer, call)
    assert _json(client, "patch", f"/api/v1/reviews/{review.pk}", body).status_code == 200
    assert _json(client, "post", f"/api/v1/reviews/{review.pk}/submit").status_code == 422
    body = {"scores": [{"criterion_id": criteria[1].pk, "score": 9}]}
    assert _json(client, "patch", f"/api/v1/reviews/{review.pk}", body).status_code == 422
    body = {"scores": [{"criterion_id": criteria[1].pk, "score": 2}]}
    _json(client, "patch", f"/api/v1/reviews/{review.pk}", body)
    submitted = _json(client, "post", f"/api/v1/reviews/{review.pk}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert _json(client, "patch", f"/api/v1/reviews/{review.pk}", body).status_code == 422
    assert _json(client, "post", f"/api/v1/reviews/{review.pk}/reopen").status_code == 403
    staff = client_as(personas.staff)
    assert _json(staff, "post", f"/api/v1/reviews/{review.pk}/reopen").status_code == 200
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    # Someone else's review is not found.
    assert client_as(personas.entrepreneur).get(f"/api/v1/reviews/{review.pk}").status_code == 404


def test_auto_assignment_conflicts_and_decisions(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=2, community=personas.community)
    first = call.applications.order_by("pk").first()
    reviewer = call.reviewers.order_by("pk").first()
    conflict = _json(
        client_as(reviewer), "post", f"/api/v1/applications/{first.pk}/conflicts", {"reason": "x"}
    )
    assert conflict.status_code == 201
    assert (
        _json(
            client_as(personas.entrepreneur), "post", f"/api/v1/calls/{call.slug}/assignments/auto"
        )
    ).status_code in {403, 404}
    run = _json(client_as(personas.staff), "post", f"/api/v1/calls/{call.slug}/assignments/auto")
    assert run.status_code == 200
    assert run.json()["shortfalls"] == [
        {"application_id": first.pk, "applicant": first.applicant_name, "missing": 1}
    ]
    url = f"/api/v1/applications/{first.pk}/decision"
    body = {"outcome": "accept", "reason": "טוב"}
    assert _json(client_as(reviewer), "post", url, body).status_code == 403
    made = _json(client_as(personas.staff), "post", url, body)
    assert made.status_code == 201 and made.json()["application_status"] == "accepted"
    assert _json(client_as(personas.staff), "post", url, body).status_code == 422
    reverse_url = f"/api/v1/decisions/{made.json()['id']}/reverse"
    assert _json(client_as(personas.staff), "post", reverse_url, {"reason": "x"}).status_code == 403
    reversed_ = _json(client_as(personas.admin), "post", reverse_url, {"reason": "טעות"})
    assert reversed_.status_code == 200 and reversed_.json()["reversed_at"]


def test_grant_milestones_and_disbursements(personas: Any) -> None:
    call = call_for_review(reviewers=0, applications=1, community=personas.community)
    application = call.applications.get()
    application.status = ApplicationStatus.ACCEPTED
    application.save()
    staff = client_as(personas.staff)
    base = f"/api/v1/applications/{application.pk}"
    too_much = _json(staff, "post", f"{base}/grant", {"amount": "600000"})
    assert too_much.status_code == 422
    assert _json(staff, "post", f"{base}/grant", {"amount": "50000"}).status_code == 200
    milestone = _json(
        staff,
        "post",
        f"{base}/milestones",
        {
            "title": "30 משתתפים",
            "due_on": "2027-03-01",
            "amount": "25000",
            "outcome_measure": "משתתפים",
            "target_value": "30",
        },
    )
    assert milestone.status_code == 201
    paid = _json(
        staff,
        "post",
        f"{base}/disbursements",
        {"amount": "25000", "paid_on": "2027-03-05", "milestone_id": milestone.json()["id"]},
    )
    assert paid.status_code == 201
    over = _json(
        staff, "post", f"{base}/disbursements", {"amount": "25000.01", "paid_on": "2027-03-05"}
    )
    assert over.status_code == 422
    RoleAssignmentFactory(
        user=application.created_by, role=Role.ENTREPRENEUR, venture_id=application.actor_id
    )
    applicant = client_as(application.created_by)
    grant = applicant.get(f"{base}/grant").json()
    assert grant["disbursed"] == "25000.00" or float(grant["disbursed"]) == 25000
    assert _json(applicant, "post", f"{base}/grant", {"amount": "1"}).status_code == 403
    assert client_as(personas.entrepreneur).get(f"{base}/grant").status_code == 404


def test_grant_inputs_must_fit_the_models(personas: Any) -> None:
    call = call_for_review(reviewers=0, applications=1, community=personas.community)
    application = call.applications.get()
    application.status = ApplicationStatus.ACCEPTED
    application.save()
    staff = client_as(personas.staff)
    base = f"/api/v1/applications/{application.pk}"
    for amount in ("1e20", "NaN", "Infinity", "1.001", 1e20):
        assert _json(staff, "post", f"{base}/grant", {"amount": amount}).status_code == 422
    assert _json(staff, "post", f"{base}/grant", {"amount": "50000"}).status_code == 200
    milestone = {"title": "יעד", "due_on": "2027-03-01", "outcome_measure": "משתתפים"}
    huge = _json(staff, "post", f"{base}/milestones", {**milestone, "target_value": "1e20"})
    assert huge.status_code == 422
    long_title = _json(staff, "post", f"{base}/milestones", {**milestone, "title": "א" * 5000})
    assert long_title.status_code == 422
    # The grant endpoint still works after the refusals.
    assert staff.get(f"{base}/grant").json()["amount"] in ("50000.00", 50000, "50000")
    ok = _json(staff, "post", f"{base}/milestones", {**milestone, "target_value": "30"})
    assert ok.status_code == 201
