"""The assessments API: rubrics, assessments with their index, maturity, MAP effort, tags."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.measurement.models import Assessment, RubricKind
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.challenges_factories import community_member
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, UserFactory
from kaveret.testing.measurement_assessments_factories import assess
from kaveret.testing.partnerships_factories import PartnershipFactory, user_with_role
from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"
CI = RubricKind.COLLECTIVE_IMPACT
OI = RubricKind.OI_MATURITY


def manager_of(community: Any) -> Any:
    return user_with_role(Role.COMMUNITY_MANAGER, community=community)


def post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_rubrics_are_public_with_their_dimensions() -> None:
    body = client_as().get(f"{API}/rubrics").json()
    by_kind = {rubric["kind"]: rubric for rubric in body}
    assert set(by_kind) == set(RubricKind.values)
    assert len(by_kind[CI]["dimensions"]) == 6
    assert by_kind[OI]["dimensions"][1]["key"] == "internal_ambassador"
    assert by_kind[OI]["subject_kind"] == "organisation"


def test_staff_post_an_assessment_and_read_its_index() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    response = post(
        client_as(manager),
        f"{API}/assessments",
        {
            "rubric": CI,
            "community": community.slug,
            "assessed_on": "2026-01-10",
            "scores": [
                {"dimension": "common_agenda", "score": 5, "note": "ברור"},
                {"dimension": "shared_measurement", "score": 3},
                {"dimension": "backbone_support", "score": None},
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["index"] == {"value": 75.0, "complete": False, "scored": 2, "dimensions": 6}
    got = client_as(community_member(community)).get(f"{API}/assessments/{body['id']}")
    assert got.status_code == 200
    assert got.json()["scores"][0] == {"dimension": "common_agenda", "score": 5, "note": "ברור"}
    assert client_as(UserFactory()).get(f"{API}/assessments/{body['id']}").status_code == 404


def test_post_refusals() -> None:
    community = CommunityFactory()
    body = {
        "rubric": CI,
        "community": community.slug,
        "assessed_on": "2026-01-10",
        "scores": [{"dimension": "common_agenda", "score": 9}],
    }
    assert post(client_as(), f"{API}/assessments", body).status_code == 401
    assert post(client_as(UserFactory()), f"{API}/assessments", body).status_code == 404
    member = community_member(community)
    assert post(client_as(member), f"{API}/assessments", body).status_code == 403
    manager = manager_of(community)
    invalid = post(client_as(manager), f"{API}/assessments", body)
    assert invalid.status_code == 422
    assert "common_agenda" in invalid.json()["fields"]
    two_subjects = body | {"organisation": OrganisationFactory().pk}
    assert post(client_as(manager), f"{API}/assessments", two_subjects).status_code == 422
    wrong_kind = body | {"rubric": OI, "scores": [{"dimension": "adoption", "score": 3}]}
    assert post(client_as(manager), f"{API}/assessments", wrong_kind).status_code == 422
    assert not Assessment.objects.exists()


def test_list_filters_and_shows_only_what_the_caller_may_read(
    django_assert_max_num_queries: Any,
) -> None:
    community = CommunityFactory()
    organisation = OrganisationFactory()
    partnership = PartnershipFactory()
    for _ in range(4):
        assess(CI, {"common_agenda": 3}, community=community)
    assess(OI, {"adoption": 3}, organisation=organisation)
    assess(RubricKind.PARTNERSHIP_FLAGS, {"trust": 4}, partnership=partnership)
    member = client_as(community_member(community))
    with django_assert_max_num_queries(12):
        body = member.get(f"{API}/assessments").json()
    assert body["count"] == 4
    assert {item["rubric"] for item in body["items"]} == {CI}
    admin = UserFactory(is_superuser=True)
    assert client_as(admin).get(f"{API}/assessments").json()["count"] == 6
    only = client_as(admin).get(f"{API}/assessments?organisation={organisation.pk}").json()
    assert [item["rubric"] for item in only["items"]] == [OI]
    assert client_as().get(f"{API}/assessments").json()["count"] == 0
    side = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=partnership.organisation)
    flags = client_as(side).get(f"{API}/assessments?rubric=partnership_flags").json()
    assert flags["count"] == 1


def test_maturity_endpoint() -> None:
    a, b = (OrganisationFactory(kind=OrganisationKind.NGO) for _ in range(2))
    assess(OI, {"adoption": 4, "mechanisms_used": 4}, organisation=a)  # 75, partial
    assess(OI, {key: 5 for key in ["adoption"]}, organisation=b)  # 100
    representative = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=a)
    body = client_as(representative).get(f"{API}/organisations/{a.pk}/maturity").json()
    assert (body["index"], body["rank"], body["of_count"], body["sector_median"]) == (
        75.0,
        2,
        2,
        87.5,
    )
    assert body["complete"] is False
    assert body["others"][0] == {
        "organisation": None,
        "name": None,
        "index": 100.0,
        "assessed_on": "2026-01-15",
    }
    assert client_as(UserFactory()).get(f"{API}/organisations/{a.pk}/maturity").status_code == 404


def test_map_effort_and_putting_tags() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=community))
    challenge = ChallengeFactory(community=community)
    client = client_as(manager)
    put = client.put(
        f"{API}/map-tags/activity/{activity.pk}",
        {"tags": ["pipes", "mindset"]},
        content_type="application/json",
    )
    assert put.status_code == 200
    assert put.json() == {"kind": "activity", "id": activity.pk, "tags": ["mindset", "pipes"]}
    wrong = client.put(
        f"{API}/map-tags/challenge/{challenge.pk}", {"tags": ["x"]}, content_type="application/json"
    )
    assert wrong.status_code == 422
    assert (
        client.put(
            f"{API}/map-tags/thing/1", {"tags": []}, content_type="application/json"
        ).status_code
        == 404
    )
    member = community_member(community)
    refused = client_as(member).put(
        f"{API}/map-tags/activity/{activity.pk}", {"tags": []}, content_type="application/json"
    )
    assert refused.status_code == 403
    effort = client_as(member).get(f"{API}/communities/{community.slug}/map-effort").json()
    rows = {row["tag"]: row for row in effort["rows"]}
    assert rows["mindset"]["activities"] == 1
    assert rows["pipes"]["activities"] == 1
    assert rows["untagged"]["challenges"] == 0  # a draft challenge is not the member's to see
    staff_rows = {
        row["tag"]: row
        for row in client.get(f"{API}/communities/{community.slug}/map-effort").json()["rows"]
    }
    assert staff_rows["untagged"]["challenges"] == 1
    outsider = client_as(UserFactory())
    assert outsider.get(f"{API}/communities/{community.slug}/map-effort").status_code == 404
