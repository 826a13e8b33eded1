"""The calls API: lists, a call, its form schema (older versions too), writing and
publishing, with the same permissions as the pages."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from kaveret.calls import form_builder
from kaveret.calls.models import Call, QuestionKind
from kaveret.challenges.models import ChallengeStatus
from kaveret.testing.calls_factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeFactory,
    call_with_form,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


def _post(client: Any, path: str, body: dict[str, Any] | None = None, method: str = "post") -> Any:
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json"
    )


def test_the_list_has_open_calls_by_default_and_filters() -> None:
    CallFactory(title_en="Open", mechanism="micro_grant")
    CallFactory(title_en="Later", opens_at=timezone.now() + datetime.timedelta(days=2))
    CallFactory(title_en="Hidden", is_published=False)

    response = client_as().get("/api/v1/calls", HTTP_ACCEPT_LANGUAGE="en")
    upcoming = client_as().get("/api/v1/calls?when=upcoming").json()
    filtered = client_as().get("/api/v1/calls?mechanism=hackathon").json()

    body = response.json()
    assert body["count"] == 1 and body["items"][0]["title"] == "Open"
    assert body["items"][0]["countdown"].startswith("closes in")
    assert [item["slug"] for item in upcoming["items"]] == [
        CallFactory._meta.model.objects.get(title_en="Later").slug
    ]
    assert filtered["count"] == 0


def test_a_call_has_its_rubric_timeline_and_form(personas: Any) -> None:
    call = call_with_form(community=personas.community)

    detail = client_as().get(f"/api/v1/calls/{call.slug}").json()
    form = client_as().get(f"/api/v1/calls/{call.slug}/form").json()

    assert [c["name"] for c in detail["rubric"]] == ["פוטנציאל השפעה", "איכות הצוות היזמי"]
    assert detail["timeline"]["deadline"]
    assert detail["form_version"] == 1
    assert form["version"] == 1
    assert form["sections"][0]["questions"][0]["key"] == "pitch"


def test_an_older_form_version_stays_readable(personas: Any) -> None:
    call = call_with_form(community=personas.community)
    ApplicationFactory(call=call)
    form_builder.add_question(by=personas.staff, call=call, kind=QuestionKind.YES_NO, label="כן?")

    current = client_as().get(f"/api/v1/calls/{call.slug}/form").json()
    older = client_as().get(f"/api/v1/calls/{call.slug}/form?version=1").json()
    missing = client_as().get(f"/api/v1/calls/{call.slug}/form?version=9")

    assert current["version"] == 2 and len(current["sections"][0]["questions"]) == 2
    assert older["version"] == 1 and older["frozen"] is True
    assert len(older["sections"][0]["questions"]) == 1
    assert missing.status_code == 404


def test_a_hidden_call_is_404_for_visitors(personas: Any) -> None:
    call = CallFactory(community=personas.community, is_published=False)
    assert client_as().get(f"/api/v1/calls/{call.slug}").status_code == 404
    assert client_as(personas.staff).get(f"/api/v1/calls/{call.slug}").status_code == 200


def _new_call(personas: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "קול קורא",
        "title_en": "API call",
        "mechanism": "grant_programme",
        "community": personas.community.slug,
        "opens_at": "2030-03-01T09:00:00+02:00",
        "deadline": "2030-03-31T23:59:00+03:00",
        "budget": "1000",
        **extra,
    }


def test_staff_create_change_and_publish_through_the_api(personas: Any) -> None:
    client = client_as(personas.staff)

    created = _post(client, "/api/v1/calls", _new_call(personas))
    slug = created.json()["slug"]
    patched = _post(client, f"/api/v1/calls/{slug}", {"budget": "5000"}, method="patch")
    refused = _post(client, f"/api/v1/calls/{slug}/publish")

    assert created.status_code == 201
    assert patched.json()["budget"] == "5000.00" or patched.json()["budget"] == "5000"
    assert refused.status_code == 422
    assert "אף שאלה" in refused.json()["detail"]


@pytest.mark.parametrize("who", ["anonymous", "entrepreneur"])
def test_visitors_and_entrepreneurs_may_not_create_calls(personas: Any, who: str) -> None:
    user = None if who == "anonymous" else personas.entrepreneur
    response = _post(client_as(user), "/api/v1/calls", _new_call(personas))
    assert response.status_code == (401 if user is None else 403)


def test_the_deadline_before_the_opening_is_a_422(personas: Any) -> None:
    response = _post(
        client_as(personas.staff),
        "/api/v1/calls",
        _new_call(personas, deadline="2030-02-01T00:00:00+02:00"),
    )
    assert response.status_code == 422
    assert "deadline" in response.json()["fields"]


def test_the_list_takes_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any, personas: Any
) -> None:
    for _index in range(30):
        CallFactory(community=personas.community)
    client = client_as(personas.staff)
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/calls?limit=25").json()
    assert body["count"] == 30 and len(body["items"]) == 25


def test_a_call_links_only_challenges_its_staff_may_see(personas: Any) -> None:
    """Another community's draft is refused like a slug that does not exist."""
    client = client_as(personas.staff)
    hidden = ChallengeFactory(slug="secret-draft", status=ChallengeStatus.DRAFT)
    shown = ChallengeFactory(slug="open-one", status=ChallengeStatus.OPEN)

    with_hidden = _post(client, "/api/v1/calls", _new_call(personas, challenges=[hidden.slug]))
    with_unknown = _post(client, "/api/v1/calls", _new_call(personas, challenges=["no-such"]))
    with_shown = _post(client, "/api/v1/calls", _new_call(personas, challenges=[shown.slug]))

    assert with_hidden.status_code == with_unknown.status_code == 422
    hidden_text = with_hidden.json()["fields"]["challenges"]
    unknown_text = with_unknown.json()["fields"]["challenges"]
    assert str(hidden_text).replace(hidden.slug, "X") == str(unknown_text).replace("no-such", "X")
    assert with_shown.status_code == 201
    assert with_shown.json()["challenges"] == [shown.slug]


def test_reviewer_addresses_do_not_reveal_who_has_an_account(personas: Any) -> None:
    client = client_as(personas.staff)
    unconfirmed = UserFactory(email="member@example.org")
    confirmed = verify_email(UserFactory(email="reviewer@example.org"))

    registered = _post(client, "/api/v1/calls", _new_call(personas, reviewers=[unconfirmed.email]))
    stranger = _post(client, "/api/v1/calls", _new_call(personas, reviewers=["nobody@example.org"]))
    accepted = _post(
        client, "/api/v1/calls", _new_call(personas, reviewers=["Reviewer@Example.org"])
    )

    assert registered.status_code == stranger.status_code == 422
    registered_text = str(registered.json()["fields"]["reviewers"])
    stranger_text = str(stranger.json()["fields"]["reviewers"])
    assert registered_text.replace(unconfirmed.email, "X") == stranger_text.replace(
        "nobody@example.org", "X"
    )
    assert accepted.status_code == 201
    slug = accepted.json()["slug"]
    assert list(Call.objects.get(slug=slug).reviewers.all()) == [confirmed]


@pytest.mark.parametrize("budget", ["1e20", "123456789012345.5", "0.001", "NaN", "Infinity"])
def test_an_out_of_range_budget_is_a_422_and_the_lists_still_work(
    personas: Any, budget: str
) -> None:
    client = client_as(personas.staff)
    CallFactory(community=personas.community)

    created = _post(client, "/api/v1/calls", _new_call(personas, budget=budget))
    created_as_number = client.post(
        "/api/v1/calls",
        data=json.dumps(_new_call(personas)).replace('"1000"', "1e20"),
        content_type="application/json",
    )

    assert created.status_code == 422
    assert created.json()["detail"]
    assert created_as_number.status_code == 422
    assert client.get("/api/v1/calls").status_code == 200
    assert client.get("/en/calls/").status_code == 200
    assert client.get("/api/v1/calls?when=upcoming").status_code == 200


def test_a_patch_with_a_huge_budget_is_a_422(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    response = _post(
        client_as(personas.staff), f"/api/v1/calls/{call.slug}", {"budget": "1e20"}, "patch"
    )
    assert response.status_code == 422
    call.refresh_from_db()
    assert call.budget < 10**12


def test_an_overlong_slug_list_or_string_is_a_422(personas: Any) -> None:
    client = client_as(personas.staff)
    long_slug = _post(client, "/api/v1/calls", _new_call(personas, challenges=["x" * 500]))
    long_text = _post(client, "/api/v1/calls", _new_call(personas, description="א" * 30000))
    assert long_slug.status_code == long_text.status_code == 422
