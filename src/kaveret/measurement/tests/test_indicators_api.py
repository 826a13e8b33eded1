"""The indicators API: the same rules as the pages, statuses, JSON errors."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.measurement.models import Measurement
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from kaveret.testing.measurement_factories import (
    AreaFactory,
    IndicatorFactory,
    ProgrammeFactory,
    WorkPlanFactory,
)
from kaveret.testing.measurement_indicators_factories import (
    measure,
    owned_indicator,
    shared_indicator,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/indicators"


def _funder() -> Any:
    return RoleAssignmentFactory(role=Role.FUNDER).user


def _admin() -> Any:
    return UserFactory(is_staff=True, is_superuser=True)


def _hidden() -> Any:
    area = AreaFactory(plan=WorkPlanFactory(is_published=False))
    return IndicatorFactory(programme=ProgrammeFactory(area=area), owner=UserFactory())


def test_the_list_is_paginated_filtered_and_carries_the_status() -> None:
    programme = ProgrammeFactory()
    for _ in range(3):
        owned_indicator(programme=programme)
    other = owned_indicator()
    hidden = _hidden()
    client = client_as(UserFactory())
    page = client.get(API, {"limit": 2}).json()
    assert page["count"] == 4 and len(page["items"]) == 2
    assert hidden.pk not in [item["id"] for item in page["items"]]
    assert page["items"][0]["status"]["status"] == "no_data"
    filtered = client.get(API, {"programme": programme.pk}).json()
    assert filtered["count"] == 3 and other.pk not in [i["id"] for i in filtered["items"]]
    assert client_as(_funder()).get(API).json()["count"] == 5
    assert client.get(API, {"status": "no_data"}).json()["count"] == 4
    assert client.get(API, {"status": "on_track"}).json()["count"] == 0


def test_one_indicator_with_its_status_and_shared_figures() -> None:
    indicator, (first, second) = shared_indicator(
        starts_on=datetime.date(2021, 1, 1), target_on=datetime.date(2021, 12, 31)
    )
    measure(indicator, 0, 3, party=first)
    measure(indicator, 0, 4, party=second)
    body = client_as(_funder()).get(f"{API}/{indicator.pk}").json()
    assert body["is_shared"] and len(body["parties"]) == 2
    q1 = body["shared"][0]
    assert q1["total"] == 7 and q1["reported_count"] == 2 and q1["expected_count"] == 2
    assert q1["values"] == {str(first.pk): 3.0, str(second.pk): 4.0}
    assert body["shared"][1]["values"][str(first.pk)] is None  # missing, not zero
    assert body["status"]["latest_value"] == 7
    assert body["can_report"] is False


def test_a_hidden_indicator_is_404() -> None:
    hidden = _hidden()
    assert client_as(UserFactory()).get(f"{API}/{hidden.pk}").status_code == 404
    assert client_as(None).get(f"{API}/{hidden.pk}/measurements").status_code == 404
    assert client_as(hidden.owner).get(f"{API}/{hidden.pk}").status_code == 200


def test_defining_and_editing_an_indicator() -> None:
    community = CommunityFactory()
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    client = client_as(manager)
    reporter = UserFactory()
    party = OrganisationFactory()
    response = client.post(
        API,
        {
            "name": "מספר משתתפים",
            "starts_on": "2021-01-01",
            "baseline": 10,
            "target": "50",
            "community_id": community.pk,
            "is_shared": True,
            "parties": [{"actor_id": party.pk, "reporter_id": reporter.pk}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["community_id"] == community.pk and body["parties"][0]["reporter_id"] == reporter.pk
    patched = client.patch(f"{API}/{body['id']}", {"target": 60}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["target"] == 60
    refused = client_as(UserFactory()).patch(
        f"{API}/{body['id']}", {"target": 70}, content_type="application/json"
    )
    assert refused.status_code == 404  # a community's indicator is not visible to strangers


def test_validation_errors_are_422_in_the_request_language() -> None:
    response = client_as(_admin()).post(
        API,
        {"name": "x", "starts_on": "2021-01-01", "baseline": 50, "target": 10},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "target" in response.json()["fields"]
    assert "lower than the baseline" in response.json()["fields"]["target"][0]
    anonymous = client_as(None).post(
        API, {"name": "x", "starts_on": "2021-01-01"}, content_type="application/json"
    )
    assert anonymous.status_code == 401
    stranger = client_as(UserFactory()).post(
        API, {"name": "x", "starts_on": "2021-01-01"}, content_type="application/json"
    )
    assert stranger.status_code == 403


def test_the_owner_records_a_measurement_and_others_may_not() -> None:
    indicator = owned_indicator()
    url = f"{API}/{indicator.pk}/measurements"
    data = {"period_start": "2021-04-01", "value": 42, "note": "ספירה"}
    assert client_as(_funder()).post(url, data, content_type="application/json").status_code == 403
    assert (
        client_as(UserFactory()).post(url, data, content_type="application/json").status_code == 403
    )
    created = client_as(indicator.owner).post(url, data, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["period"] == {"start": "2021-04-01", "end": "2021-06-30"}
    again = client_as(indicator.owner).post(
        url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert again.status_code == 422 and "already recorded" in again.json()["fields"]["period"][0]
    listing = client_as(_funder()).get(url).json()
    assert listing["count"] == 1 and listing["items"][0]["value"] == 42


def test_a_measurement_without_evidence_is_422() -> None:
    indicator = owned_indicator()
    response = client_as(indicator.owner).post(
        f"{API}/{indicator.pk}/measurements",
        {"period_start": "2021-04-01", "value": 1},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "evidence" in response.json()["detail"]


def test_a_reporter_reports_only_for_their_party() -> None:
    indicator, (first, second) = shared_indicator()
    url = f"{API}/{indicator.pk}/measurements"
    client = client_as(first.reporter)
    data = {"period_start": "2021-01-01", "value": 1, "note": "x"}
    mine = client.post(url, data, content_type="application/json")
    assert mine.status_code == 201 and mine.json()["party_id"] == first.pk
    theirs = client.post(url, {**data, "party_id": second.pk}, content_type="application/json")
    assert theirs.status_code == 403


def test_correcting_and_deleting_a_measurement() -> None:
    indicator = owned_indicator()
    measurement = measure(indicator, 0, 5, reported_by=indicator.owner)
    url = f"/api/v1/measurements/{measurement.pk}"
    assert (
        client_as(_funder()).patch(url, {"value": 1}, content_type="application/json").status_code
        == 403
    )
    patched = client_as(indicator.owner).patch(url, {"value": 9}, content_type="application/json")
    assert patched.status_code == 200
    assert patched.json()["value"] == 9 and patched.json()["reported_by_id"] == indicator.owner.pk
    assert client_as(UserFactory()).delete(url).status_code == 403
    assert client_as(indicator.owner).delete(url).status_code == 204
    assert not Measurement.objects.exists()
    assert client_as(indicator.owner).delete(url).status_code == 404


def test_measurement_evidence_and_reporter_are_hidden_from_who_only_reads() -> None:
    indicator = owned_indicator()
    measure(indicator, 0, 12, note="הערה", evidence_link="https://data.example.org/x")
    for outsider in (None, UserFactory()):
        item = client_as(outsider).get(f"{API}/{indicator.pk}/measurements").json()["items"][0]
        assert item["value"] == 12 and item["period"]["start"]
        assert item["note"] is None and item["evidence_link"] is None
        assert item["reported_by_id"] is None and item["evidence_file_url"] is None
    for insider in (indicator.owner, _funder(), _admin()):
        item = client_as(insider).get(f"{API}/{indicator.pk}/measurements").json()["items"][0]
        assert item["note"] == "הערה" and item["evidence_link"] == "https://data.example.org/x"
