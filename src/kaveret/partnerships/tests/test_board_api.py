"""The board API: the same rules as the pages; gates answer 422 with what is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kaveret.partnerships.models import Partnership, Stage, StageMove
from kaveret.testing.clients import client_as as logged_in
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, VentureFactory
from kaveret.testing.partnerships_factories import (
    community_manager,
    entrepreneur,
    full_partnership,
    organisation_representative,
    platform_admin,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/partnerships"


def client_as(user: Any = None) -> Client:
    """A client asking for English answers (messages follow ``Accept-Language``)."""
    client = logged_in(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _at(stage: str) -> Partnership:
    partnership = full_partnership()
    Partnership.objects.filter(pk=partnership.pk).update(stage=stage)
    partnership.refresh_from_db()
    return partnership


@pytest.mark.parametrize(
    ("who", "status", "full"),
    [
        ("anonymous", 404, None),
        ("other_entrepreneur", 404, None),
        ("representative", 200, True),
        ("other_staff", 404, None),
        ("staff", 200, True),
        ("admin", 200, True),
    ],
)
def test_who_reads_a_partnership(who: str, status: int, full: bool | None) -> None:
    partnership = full_partnership()
    people: dict[str, Any] = {
        "anonymous": None,
        "other_entrepreneur": entrepreneur(VentureFactory()),
        "representative": organisation_representative(partnership.organisation),
        "other_staff": community_manager(CommunityFactory()),
        "staff": community_manager(partnership.community),
        "admin": platform_admin(),
    }
    response = client_as(people[who]).get(f"{API}/{partnership.pk}")
    assert response.status_code == status
    if full is not None:
        assert response.json()["full"] is full
        assert response.json()["parties"] == []


def test_published_is_reduced_for_others_and_not_on_their_list() -> None:
    partnership = full_partnership()
    partnership.is_published = True
    partnership.ambassador_name = "סוד"
    partnership.save()
    body = client_as().get(f"{API}/{partnership.pk}").json()
    assert body["full"] is False and body["ambassador_name"] is None
    assert client_as().get(f"{API}/{partnership.pk}/timeline").status_code == 404
    other = entrepreneur(VentureFactory())
    assert client_as(other).get(API).json()["count"] == 0
    response = client_as(other).patch(
        f"{API}/{partnership.pk}", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_create_list_patch() -> None:
    organisation, venture = OrganisationFactory(), VentureFactory()
    representative = organisation_representative(organisation)
    client = client_as(representative)
    response = client.post(
        API,
        {
            "title": "Nexme והמכללות",
            "organisation_id": organisation.pk,
            "venture_id": venture.pk,
            "origin": "call",
            "risks": ["partial_product"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == Stage.CHOOSE and body["full"] is True
    assert Partnership.objects.get(pk=body["id"]).risks.get().key == "partial_product"
    assert client.get(API).json()["count"] == 1
    response = client.patch(
        f"{API}/{body['id']}", {"level": 3, "summary": "ביחד"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["level"] == 3
    response = client.post(
        API,
        {"title": "x", "organisation_id": OrganisationFactory().pk, "venture_id": venture.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = client.post(
        API,
        {"title": "x", "organisation_id": 999999, "venture_id": venture.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert client_as().post(API, {}, content_type="application/json").status_code in {401, 422}


def test_a_move_refused_by_its_gate_answers_422_with_the_unmet_list() -> None:
    partnership = _at(Stage.DEFINE)
    client = client_as(organisation_representative(partnership.organisation))
    response = client.post(
        f"{API}/{partnership.pk}/moves", {"to_stage": "launch"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "gate_unmet"
    assert "Mark the agreement as signed" in body["fields"]["unmet"]
    assert "17 expectations are still open" in body["fields"]["unmet"]


def test_an_override_by_a_non_admin_is_403_and_by_an_admin_is_kept() -> None:
    partnership = _at(Stage.DEFINE)
    move = f"{API}/{partnership.pk}/moves"
    data = {"to_stage": "launch", "override_reason": "דחוף"}
    staff = community_manager(partnership.community)
    assert client_as(staff).post(move, data, content_type="application/json").status_code == 403
    response = client_as(platform_admin()).post(move, data, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["override_reason"] == "דחוף"
    assert "Mark the agreement as signed" in response.json()["unmet"]
    assert StageMove.objects.get().unmet == response.json()["unmet"]
    timeline = client_as(staff).get(f"{API}/{partnership.pk}/timeline").json()
    assert timeline[0]["kind"] == "override" and timeline[0]["detail"] == "דחוף"


def test_the_api_does_not_reopen_an_ended_partnership_at_a_later_stage() -> None:
    partnership = _at(Stage.IDENTIFY)
    client = client_as(organisation_representative(partnership.organisation))
    outcome = client.put(
        f"{API}/{partnership.pk}/outcome",
        {"outcome": "ended", "outcome_on": "2026-06-30"},
        content_type="application/json",
    )
    assert outcome.status_code == 200
    move = f"{API}/{partnership.pk}/moves"
    ended = client.post(move, {"to_stage": "ended"}, content_type="application/json")
    assert ended.status_code == 201
    refused = client.post(move, {"to_stage": "implement"}, content_type="application/json")
    assert refused.status_code == 422
    assert "reopens only at the stage it ended from" in refused.json()["fields"]["unmet"][0]
    with_reason = client.post(
        move, {"to_stage": "implement", "override_reason": "x"}, content_type="application/json"
    )
    assert with_reason.status_code == 403
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.ENDED
    purchased = client.put(
        f"{API}/{partnership.pk}/outcome",
        {"outcome": "purchased", "outcome_on": "2026-06-30"},
        content_type="application/json",
    )
    assert purchased.status_code == 422
    back = client.post(move, {"to_stage": "identify"}, content_type="application/json")
    assert back.status_code == 201


def test_factors_answer_the_suggested_level() -> None:
    partnership = full_partnership()
    client = client_as(organisation_representative(partnership.organisation))
    response = client.put(
        f"{API}/{partnership.pk}/factors",
        {
            "proximity": 5,
            "contribution": 5,
            "added_value": 5,
            "power_gaps": 1,
            "investment_capacity": 2,
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["suggested_level"] == 3 and body["level"] == 3
    assert body["reasons"][1].startswith("Investment capacity is 2")
    bad = client.put(
        f"{API}/{partnership.pk}/factors", {"proximity": 9}, content_type="application/json"
    )
    assert bad.status_code == 422
