"""The recommenders' API: route validation in the request's language, permissions, scouting."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.matching import engine, index
from kaveret.matching.models import Criterion, CriterionAssessment, ScoutingEntry
from kaveret.testing.challenges_factories import open_challenge
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

ROUTE = "/api/v1/match/route"


def rebuild() -> None:
    index.rebuild()
    engine.forget_index()


def staff() -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.PLATFORM_ADMIN)
    return user


def entrepreneur_of(venture: Any) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=venture)
    return user


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Describe the venture or idea."), ("he", None)],
)
def test_route_refuses_an_empty_text_in_the_request_language(language: str, message: Any) -> None:
    response = client_as(UserFactory()).post(
        ROUTE,
        {"text": "  ", "kinds": ["community", "planet"], "limit": 51},
        content_type="application/json",
        headers={"accept-language": language},
    )

    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) == {"text", "kinds", "limit"}
    assert response["Content-Language"] == language
    if message:
        assert fields["text"] == [message]


def test_route_refuses_a_text_longer_than_five_thousand_characters() -> None:
    response = client_as(UserFactory()).post(
        ROUTE,
        {"text": "א" * 5001},
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert response.status_code == 422
    assert "5000" in response.json()["fields"]["text"][0]


def test_route_is_for_signed_in_users_and_answers_ranked_items_with_reasons() -> None:
    domain = DomainFactory(name="תעסוקה", slug="employment")
    from kaveret.testing.factories import CommunityFactory

    community = CommunityFactory(
        name="קהילת תעסוקה", tagline="תעסוקה לאנשים עם מוגבלות", domain=domain
    )
    rebuild()

    assert client_as().post(
        ROUTE, {"text": "תעסוקה"}, content_type="application/json"
    ).status_code in (401, 403)
    body = (
        client_as(UserFactory())
        .post(
            ROUTE,
            {"text": "מיזם תעסוקה לאנשים עם מוגבלות", "kinds": ["community"], "limit": 5},
            content_type="application/json",
        )
        .json()
    )

    assert body["items"][0]["id"] == community.pk
    first = body["items"][0]
    assert 0 <= first["score"] <= 1
    assert first["reasons"]
    assert {c["key"] for c in first["breakdown"]["components"]} >= {"text"}


def test_fit_lists_are_hidden_from_visitors_and_other_entrepreneurs_but_not_staff() -> None:
    venture = VentureFactory()
    OrganisationFactory()
    rebuild()
    url = f"/api/v1/match/fit/ventures/{venture.pk}"

    assert client_as().get(url).status_code == 404
    assert client_as(entrepreneur_of(VentureFactory())).get(url).status_code == 404
    assert client_as(entrepreneur_of(venture)).get(url).status_code == 200
    assert client_as(staff()).get(url).status_code == 200


def test_scouting_is_only_for_the_challenges_editors_and_adding_twice_adds_once() -> None:
    challenge = open_challenge(title="תעסוקה לאנשים עם מוגבלות", problem="חסרות משרות.")
    venture = VentureFactory(description="משרות לאנשים עם מוגבלות")
    rebuild()
    url = f"/api/v1/match/scouting/{challenge.slug}"

    assert client_as().get(url).status_code == 404
    assert client_as(UserFactory()).get(url).status_code == 404
    editor = client_as(challenge.owner)
    assert editor.get(url).status_code == 200

    first = editor.post(url, {"venture_id": venture.pk}, content_type="application/json")
    again = editor.post(url, {"venture_id": venture.pk}, content_type="application/json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert ScoutingEntry.objects.filter(challenge=challenge, venture_id=venture.pk).count() == 1
    entry_id = first.json()["id"]
    patched = editor.patch(
        f"{url}/{entry_id}",
        {"status": "contacted", "note": "שיחה ביום א"},
        content_type="application/json",
    )
    assert patched.json()["status"] == "contacted"
    assert editor.get(url).json()["entries"][0]["note"] == "שיחה ביום א"
    assert editor.delete(f"{url}/{entry_id}").status_code == 204
    assert not ScoutingEntry.objects.exists()


def test_assessments_are_read_and_written_by_staff_only() -> None:
    venture = VentureFactory()
    url = f"/api/v1/match/assessments/{venture.pk}"
    body = {"assessments": [{"criterion": Criterion.TEAM_QUALITY, "score": 4, "note": "צוות חזק"}]}

    assert (
        client_as(entrepreneur_of(venture))
        .put(url, body, content_type="application/json")
        .status_code
        == 404
    )
    response = client_as(staff()).put(url, body, content_type="application/json")

    assert response.status_code == 200
    rows = {row["criterion"]: row for row in response.json()["criteria"]}
    assert rows[Criterion.TEAM_QUALITY]["score"] == 4
    assert rows[Criterion.STRATEGIC_FIT]["assessed"] is False
    assert CriterionAssessment.objects.get(about_id=venture.pk).note == "צוות חזק"
    wrong = client_as(staff()).put(
        url,
        {"assessments": [{"criterion": Criterion.AGILITY, "score": 4}]},
        content_type="application/json",
    )
    assert wrong.status_code == 422
