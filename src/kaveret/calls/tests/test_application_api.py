"""The applications API: eligibility, create or reopen, autosave, submit once, withdraw,
mine; errors as elsewhere (JSON with detail, code, fields)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kaveret.calls.models import ApplicationStatus
from kaveret.ecosystem.choices import VentureStage
from kaveret.testing.application_factories import (
    call_with_full_form,
    complete_answers,
    draft_of,
    entrepreneur,
    question,
    upload,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _json(client: Any, method: str, path: str, body: Any = None) -> Any:
    return getattr(client, method)(
        API + path, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_eligibility_for_a_venture_gives_the_reasons() -> None:
    call = call_with_full_form(eligibility={"stages": [VentureStage.SCALE]})
    applicant = entrepreneur(stage=VentureStage.IDEA)
    response = _json(
        client_as(applicant.user),
        "get",
        f"/calls/{call.slug}/eligibility?actor_id={applicant.venture.pk}",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is False and body["applicant_kind"] == "venture"
    assert "yours is at the idea stage" in body["reasons"][0]


def test_eligibility_needs_a_login() -> None:
    call = call_with_full_form()
    assert _json(client_as(None), "get", f"/calls/{call.slug}/eligibility").status_code == 401


def test_creating_opens_a_draft_then_reopens_it() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    client = client_as(applicant.user)
    body = {"actor_id": applicant.venture.pk}
    first = _json(client, "post", f"/calls/{call.slug}/applications", body)
    second = _json(client, "post", f"/calls/{call.slug}/applications", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["status"] == "draft"


def test_creating_for_an_ineligible_applicant_is_422_with_the_reason() -> None:
    call = call_with_full_form(eligibility={"stages": [VentureStage.SCALE]})
    applicant = entrepreneur(stage=VentureStage.IDEA)
    response = _json(
        client_as(applicant.user),
        "post",
        f"/calls/{call.slug}/applications",
        {"actor_id": applicant.venture.pk},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not_eligible"


def test_patch_saves_good_answers_and_reports_bad_ones() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = _json(
        client_as(applicant.user),
        "patch",
        f"/applications/{draft.pk}",
        {"answers": {"pitch": "מהממשק", "team": 999, "registered": False}},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == {"pitch": "מהממשק", "registered": False}
    assert list(body["errors"]) == ["team"]
    assert body["saved"] == ["pitch", "registered"]


def test_submit_is_idempotent(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers=complete_answers())
    from kaveret.calls import application_services as services

    services.add_file(
        by=applicant.user,
        application=draft,
        question=question(call, "deck"),
        upload=upload("deck.pdf"),
    )
    client = client_as(applicant.user)
    first = _json(client, "post", f"/applications/{draft.pk}/submit")
    second = _json(client, "post", f"/applications/{draft.pk}/submit")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json()
    assert first.json()["status"] == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) <= 1  # on commit; the test transaction never commits


def test_submit_with_missing_answers_names_the_fields() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = _json(client_as(applicant.user), "post", f"/applications/{draft.pk}/submit")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "required" and "pitch" in body["fields"]


def test_submit_after_the_deadline_is_refused_and_the_draft_kept() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers=complete_answers())
    call.opens_at = timezone.now() - datetime.timedelta(days=3)
    call.deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = _json(client_as(applicant.user), "post", f"/applications/{draft.pk}/submit")
    assert response.status_code == 422 and response.json()["code"] == "deadline_passed"
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers == complete_answers()


def test_withdraw() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = _json(client_as(applicant.user), "post", f"/applications/{draft.pk}/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_another_user_sees_nothing() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    client = client_as(UserFactory())
    assert _json(client, "get", f"/applications/{draft.pk}").status_code == 404
    patched = _json(client, "patch", f"/applications/{draft.pk}", {"answers": {"pitch": "x"}})
    assert patched.status_code == 404
    assert _json(client, "post", f"/applications/{draft.pk}/submit").status_code == 404


def test_mine_takes_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    applicant = entrepreneur()
    for _ in range(6):
        draft_of(call_with_full_form(), applicant, answers={"pitch": "x"})
    client = client_as(applicant.user)
    with django_assert_max_num_queries(8):
        response = _json(client, "get", "/applications")
    assert len(response.json()) == 6


def test_mine_lists_only_ones_own() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    other = entrepreneur()
    mine = draft_of(call, applicant)
    draft_of(call, other)
    response = _json(client_as(applicant.user), "get", "/applications")
    assert [item["id"] for item in response.json()] == [mine.pk]


@pytest.mark.parametrize(
    ("key", "value"),
    [("start", 5), ("start", ["2027-01-01"]), ("team", [3]), ("team", {"n": 3}), ("pitch", 7)],
)
def test_patch_reports_an_answer_of_the_wrong_type_and_keeps_the_rest(key: str, value: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    answers = {"registered": True, key: value}
    response = _json(
        client_as(applicant.user), "patch", f"/applications/{draft.pk}", {"answers": answers}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body["errors"]) == [key]
    assert body["answers"] == {"registered": True}
    draft.refresh_from_db()
    assert draft.answers == {"registered": True}
