"""The trend-sensing API: listing, reading, proposing and curating, with permissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.accounts.models import Role
from kaveret.testing.clients import client_as
from kaveret.testing.factories import ApiTokenFactory, CommunityFactory, DomainFactory
from kaveret.testing.trends_factories import TrendSignalFactory, make_member, make_staff
from kaveret.trends.models import SignalStatus, TrendSignal

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_visitors_list_only_curated_signals_of_public_communities() -> None:
    public = CommunityFactory()
    curated = TrendSignalFactory(community=public)
    TrendSignalFactory(community=public, status=SignalStatus.PROPOSED)
    TrendSignalFactory(community=CommunityFactory(is_public=False))

    response = client_as().get(f"{API}/trends")

    assert _ids(response) == {curated.pk}
    assert response.json()["count"] == 1
    item = response.json()["items"][0]
    assert item["community"] == public.slug
    assert item["ring"] == "watch" and item["kind"] == "technology"


def test_the_list_filters_by_community_ring_and_kind() -> None:
    first, second = CommunityFactory(), CommunityFactory()
    wanted = TrendSignalFactory(community=first, ring="act", kind="policy_change")
    TrendSignalFactory(community=first, ring="act", kind="technology")
    TrendSignalFactory(community=first, ring="watch", kind="policy_change")
    TrendSignalFactory(community=second, ring="act", kind="policy_change")

    response = client_as().get(
        f"{API}/trends", {"community": first.slug, "ring": "act", "kind": "policy_change"}
    )

    assert _ids(response) == {wanted.pk}


def test_asking_for_proposals_shows_only_those_one_may_see() -> None:
    community = CommunityFactory()
    member = make_member(community)
    own = TrendSignalFactory(community=community, status=SignalStatus.PROPOSED, proposed_by=member)
    others = TrendSignalFactory(community=community, status=SignalStatus.PROPOSED)

    assert _ids(client_as().get(f"{API}/trends", {"status": "proposed"})) == set()
    assert _ids(client_as(member).get(f"{API}/trends", {"status": "proposed"})) == {own.pk}
    staff = make_staff(community)
    assert _ids(client_as(staff).get(f"{API}/trends", {"status": "proposed"})) == {
        own.pk,
        others.pk,
    }


def test_reading_one_signal_and_a_hidden_one_is_missing() -> None:
    curated = TrendSignalFactory()
    proposal = TrendSignalFactory(status=SignalStatus.PROPOSED)

    assert client_as().get(f"{API}/trends/{curated.pk}").json()["title"] == curated.title
    missing = client_as().get(f"{API}/trends/{proposal.pk}")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_a_member_proposes_with_a_token() -> None:
    community = CommunityFactory()
    member = make_member(community)
    DomainFactory(slug="employment")
    ApiTokenFactory(user=member, key="kvt_test-trends-0001")

    response = Client().post(
        f"{API}/trends",
        {
            "community": community.slug,
            "title": "Skills-based hiring",
            "kind": "work_mechanism",
            "ring": "assess",
            "horizon": "short",
            "observed_on": "2024-04-01",
            "domain": "employment",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer kvt_test-trends-0001",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "proposed" and body["domain"] == "employment"
    assert TrendSignal.objects.get().proposed_by == member


def test_proposing_is_refused_to_visitors_and_non_members() -> None:
    community = CommunityFactory()
    payload = {
        "community": community.slug,
        "title": "Takeover",
        "kind": "technology",
        "observed_on": "2024-04-01",
    }

    anonymous = Client().post(f"{API}/trends", payload, content_type="application/json")
    outsider = client_as(make_member(CommunityFactory())).post(
        f"{API}/trends", payload, content_type="application/json"
    )

    assert anonymous.status_code == 401
    assert outsider.status_code == 403
    assert outsider.json()["code"] == "permission_denied"
    assert not TrendSignal.objects.exists()


def test_invalid_proposals_get_json_errors_per_field() -> None:
    community = CommunityFactory()
    client = client_as(make_member(community))
    base = {"community": community.slug, "title": "X", "kind": "technology"}

    future = client.post(
        f"{API}/trends", base | {"observed_on": "2999-01-01"}, content_type="application/json"
    )
    unknown = client.post(
        f"{API}/trends",
        base | {"observed_on": "2024-01-01", "domain": "no-such-domain", "community": "nope"},
        content_type="application/json",
    )
    bad_kind = client.post(
        f"{API}/trends",
        base | {"observed_on": "2024-01-01", "kind": "gossip"},
        content_type="application/json",
    )

    assert future.status_code == 422 and "observed_on" in future.json()["fields"]
    assert unknown.status_code == 422 and "community" in unknown.json()["fields"]
    assert bad_kind.status_code == 422 and "kind" in bad_kind.json()["fields"]


def test_staff_may_post_a_curated_signal_but_members_may_not() -> None:
    community = CommunityFactory()
    payload = {
        "community": community.slug,
        "title": "Direct",
        "kind": "technology",
        "observed_on": "2024-01-01",
        "curate": True,
    }

    member = client_as(make_member(community)).post(
        f"{API}/trends", payload, content_type="application/json"
    )
    staff = client_as(make_staff(community)).post(
        f"{API}/trends", payload, content_type="application/json"
    )

    assert member.status_code == 403
    assert staff.status_code == 201 and staff.json()["status"] == "curated"


def test_curating_through_the_api() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED, ring="watch")
    client = client_as(make_staff(signal.community, Role.COMMUNITY_MANAGER))

    response = client.post(
        f"{API}/trends/{signal.pk}/curate",
        {"decision": "accept", "ring": "act", "note": "Now."},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["ring"]) == ("curated", "act")


def test_declining_without_a_note_is_a_422() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED)
    client = client_as(make_staff(signal.community))

    response = client.post(
        f"{API}/trends/{signal.pk}/curate", {"decision": "decline"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "note_required"
    assert "note" in response.json()["fields"]


def test_staff_of_another_community_and_members_may_not_curate() -> None:
    signal = TrendSignalFactory(status=SignalStatus.CURATED)
    outsider = client_as(make_staff(CommunityFactory(), Role.COMMUNITY_MANAGER))
    member = client_as(make_member(signal.community))

    for client in (outsider, member):
        response = client.post(
            f"{API}/trends/{signal.pk}/curate",
            {"decision": "archive"},
            content_type="application/json",
        )
        assert response.status_code == 403
    anonymous = Client().post(
        f"{API}/trends/{signal.pk}/curate", {"decision": "archive"}, content_type="application/json"
    )
    assert anonymous.status_code == 401
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CURATED


def test_the_list_reads_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    client = client_as()
    client.get(f"{API}/trends")
    for _ in range(3):
        community = CommunityFactory()
        TrendSignalFactory.create_batch(8, community=community, domain=DomainFactory())

    with django_assert_max_num_queries(3):
        response = client.get(f"{API}/trends", {"limit": 50})

    assert len(response.json()["items"]) == 24
