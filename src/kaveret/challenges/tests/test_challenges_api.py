"""The challenges API: the same rules as the pages, JSON errors."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.challenges.models import ChallengeStatus
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.challenges_factories import (
    ChallengeCommentFactory,
    EditProposalFactory,
    community_member,
    open_challenge,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/challenges"


def _manager(community: Any) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.COMMUNITY_MANAGER, community=community)
    return user


def test_the_list_is_filtered_paginated_and_hides_drafts() -> None:
    domain = DomainFactory()
    for _index in range(3):
        open_challenge(domain=domain)
    open_challenge()
    ChallengeFactory()

    everything = client_as().get(API).json()
    page = client_as().get(f"{API}?domain={domain.slug}&limit=2&offset=0").json()

    assert everything["count"] == 4
    assert page["count"] == 3 and len(page["items"]) == 2


def test_a_challenge_comes_with_its_calls_and_support_count() -> None:
    challenge = open_challenge()
    call = CallFactory(community=challenge.community)
    call.challenges.add(challenge)
    client_as(community_member(challenge.community)).post(f"{API}/{challenge.slug}/support")

    body = client_as().get(f"{API}/{challenge.slug}").json()

    assert body["support_count"] == 1
    assert [item["slug"] for item in body["calls"]] == [call.slug]
    assert body["calls"][0]["url"].endswith(call.get_absolute_url())


def test_a_draft_is_404_to_a_visitor() -> None:
    draft = ChallengeFactory()

    response = client_as().get(f"{API}/{draft.slug}")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_staff_create_then_publish_with_patch() -> None:
    community = CommunityFactory()
    client = client_as(_manager(community))

    created = client.post(
        API,
        {
            "title": "אתגר",
            "problem": "בעיה",
            "kind": "system",
            "community": community.slug,
            "owner_kind": "community",
            "origin": "mapping",
            "recurring": True,
            "map_tags": ["ability"],
        },
        content_type="application/json",
    )
    slug = created.json()["slug"]
    published = client.patch(
        f"{API}/{slug}", {"status": "open"}, content_type="application/json"
    ).json()

    assert created.status_code == 201
    assert created.json()["criteria"]["recurring"] is True
    assert published["status"] == ChallengeStatus.OPEN and published["published_at"]


def test_staff_of_another_community_get_403_on_create_and_patch() -> None:
    community = CommunityFactory()
    other = client_as(_manager(CommunityFactory()))
    challenge = open_challenge(community=community)

    created = other.post(
        API,
        {
            "title": "x",
            "problem": "y",
            "community": community.slug,
            "owner_kind": "community",
            "origin": "mapping",
        },
        content_type="application/json",
    )
    patched = other.patch(
        f"{API}/{challenge.slug}", {"title": "z"}, content_type="application/json"
    )

    assert created.status_code == 403
    assert patched.status_code == 403


def test_a_visitor_must_authenticate_to_create() -> None:
    response = client_as().post(
        API,
        {"title": "x", "problem": "y", "owner_kind": "community", "origin": "mapping"},
        content_type="application/json",
    )

    assert response.status_code == 401


def test_an_invalid_transition_is_a_422_with_a_code() -> None:
    challenge = open_challenge(status=ChallengeStatus.CLOSED)

    response = client_as(challenge.owner).patch(
        f"{API}/{challenge.slug}", {"status": "draft"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_transition"


def test_support_is_counted_once_and_can_be_withdrawn() -> None:
    challenge = open_challenge()
    client = client_as(community_member(challenge.community))

    client.post(f"{API}/{challenge.slug}/support")
    twice = client.post(f"{API}/{challenge.slug}/support").json()
    withdrawn = client.delete(f"{API}/{challenge.slug}/support").json()

    assert twice == {"supported_by_me": True, "support_count": 1}
    assert withdrawn == {"supported_by_me": False, "support_count": 0}


def test_comments_are_read_by_all_and_written_by_members() -> None:
    challenge = open_challenge()
    ChallengeCommentFactory(challenge=challenge, body="ראשונה")
    member = client_as(community_member(challenge.community))

    written = member.post(
        f"{API}/{challenge.slug}/comments", {"body": "שנייה"}, content_type="application/json"
    )
    refused = client_as(UserFactory()).post(
        f"{API}/{challenge.slug}/comments", {"body": "זר"}, content_type="application/json"
    )
    listed = client_as().get(f"{API}/{challenge.slug}/comments").json()

    assert written.status_code == 201
    assert refused.status_code == 403
    assert [comment["body"] for comment in listed] == ["ראשונה", "שנייה"]


def test_propose_decide_and_read_the_revisions() -> None:
    challenge = open_challenge(problem="בעיה")
    member = client_as(community_member(challenge.community))

    proposed = member.post(
        f"{API}/{challenge.slug}/proposals",
        {"changes": {"problem": "בעיה חדה"}, "note": "חידוד"},
        content_type="application/json",
    ).json()
    decided = client_as(challenge.owner).post(
        f"{API}/{challenge.slug}/proposals/{proposed['id']}/decision",
        {"accept": True, "message": "תודה"},
        content_type="application/json",
    )
    revisions = client_as().get(f"{API}/{challenge.slug}/revisions").json()
    proposals = client_as().get(f"{API}/{challenge.slug}/proposals").json()

    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    assert revisions[0]["changes"] == {"problem": {"before": "בעיה", "after": "בעיה חדה"}}
    assert revisions[0]["source"] == "proposal"
    assert proposals[0]["base"] == {"problem": "בעיה"}


def test_a_stale_proposal_is_refused_with_its_code() -> None:
    proposal = EditProposalFactory()
    challenge = proposal.challenge
    client = client_as(challenge.owner)
    client.patch(f"{API}/{challenge.slug}", {"problem": "אחר"}, content_type="application/json")

    response = client.post(
        f"{API}/{challenge.slug}/proposals/{proposal.pk}/decision",
        {"accept": True},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "stale_proposal"


def test_a_member_cannot_decide_and_an_unknown_field_is_refused() -> None:
    proposal = EditProposalFactory()
    challenge = proposal.challenge
    member = client_as(community_member(challenge.community))

    decided = member.post(
        f"{API}/{challenge.slug}/proposals/{proposal.pk}/decision",
        {"accept": True},
        content_type="application/json",
    )
    unknown = member.post(
        f"{API}/{challenge.slug}/proposals",
        {"changes": {"status": "closed"}},
        content_type="application/json",
    )

    assert decided.status_code == 403
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_field"
