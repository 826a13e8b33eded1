"""A reviewer reads an application (page, API, file) only while they may open it: still a
reviewer of the call, conflicts confirmed after it was submitted, not tied to the
applicant. Anyone else is told it does not exist."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kaveret.calls.models import ApplicationFile
from kaveret.calls.review_services import confirm_conflicts
from kaveret.testing.application_factories import (
    PDF_BYTES,
    call_with_full_form,
    entrepreneur,
    question,
    upload,
)
from kaveret.testing.calls_factories import ApplicationFactory, ReviewFactory
from kaveret.testing.clients import client_as
from kaveret.testing.factories import AffiliationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _assigned() -> tuple[Any, Any, Any]:
    call = call_with_full_form()
    applicant = entrepreneur()
    application: Any = ApplicationFactory(
        call=call,
        actor=applicant.venture,
        created_by=applicant.user,
        submitted_at=timezone.now() - datetime.timedelta(hours=1),
    )
    stored = ApplicationFile.objects.create(
        application=application,
        question=question(call, "deck"),
        file=upload("deck.pdf"),
        original_name="deck.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=applicant.user,
    )
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    ReviewFactory(application=application, reviewer=reviewer)
    return application, stored, reviewer


def _statuses(user: Any, application: Any, stored: Any) -> tuple[int, int, int]:
    client = client_as(user)
    slug = application.call.slug
    page = client.get(f"/en/calls/{slug}/applications/{application.pk}/")
    api = client.get(f"/api/v1/applications/{application.pk}", HTTP_ACCEPT_LANGUAGE="en")
    file = client.get(reverse("calls:application_file", args=[slug, application.pk, stored.pk]))
    return page.status_code, api.status_code, file.status_code


def test_a_reviewer_who_confirmed_their_conflicts_reads_it() -> None:
    application, stored, reviewer = _assigned()
    confirm_conflicts(application.call, by=reviewer)
    assert _statuses(reviewer, application, stored) == (200, 200, 200)


def test_not_before_confirming_conflicts() -> None:
    application, stored, reviewer = _assigned()
    assert _statuses(reviewer, application, stored) == (404, 404, 404)


def test_not_when_the_confirmation_predates_the_submission() -> None:
    application, stored, reviewer = _assigned()
    confirm_conflicts(application.call, by=reviewer)
    application.submitted_at = timezone.now() + datetime.timedelta(minutes=1)
    application.save(update_fields=["submitted_at"])
    assert _statuses(reviewer, application, stored) == (404, 404, 404)


def test_not_after_being_removed_from_the_calls_reviewers() -> None:
    application, stored, reviewer = _assigned()
    confirm_conflicts(application.call, by=reviewer)
    application.call.reviewers.remove(reviewer)
    assert _statuses(reviewer, application, stored) == (404, 404, 404)


def test_not_when_tied_to_the_applicant() -> None:
    application, stored, reviewer = _assigned()
    confirm_conflicts(application.call, by=reviewer)
    AffiliationFactory(person=PersonFactory(user=reviewer), actor=application.actor)
    assert _statuses(reviewer, application, stored) == (404, 404, 404)
