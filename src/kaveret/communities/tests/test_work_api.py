"""The read-only ecosystem-work API: cycles and boards, principles, contributions.

The router is mounted on a fresh API here, with the user of the request as its caller,
so the tests do not depend on where the project mounts it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.testing import TestClient

from kaveret.communities.models import EcosystemPhase, MemberType, Principle, RegistrationStatus
from kaveret.communities.work_api import build_router
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from kaveret.testing.work_factories import (
    PrincipleAssessmentFactory,
    WorkActivityFactory,
    WorkCycleFactory,
)

pytestmark = pytest.mark.django_db

_counter = iter(range(10_000))


@pytest.fixture
def api() -> TestClient:
    test_api = NinjaAPI(
        urls_namespace=f"work-api-test-{next(_counter)}", auth=[lambda request: request.user]
    )
    test_api.add_router("/", build_router())
    return TestClient(test_api)


def test_the_work_of_a_public_community_lists_its_cycles(api: TestClient) -> None:
    community = CommunityFactory(phase=EcosystemPhase.RESPONSE)
    WorkCycleFactory(community=community, number=1, ended_on=date(2025, 6, 30), summary="סוף")
    WorkActivityFactory(cycle=WorkCycleFactory(community=community, number=2))

    body = api.get(f"/communities/{community.slug}/work", user=AnonymousUser()).json()

    assert body["phase"] == "response"
    assert [(c["number"], c["is_open"], c["activity_count"]) for c in body["cycles"]] == [
        (2, True, 1),
        (1, False, 0),
    ]


def test_a_cycles_board_gives_activities_in_the_order_of_the_moves(api: TestClient) -> None:
    cycle = WorkCycleFactory(number=1)
    owner = UserFactory(full_name="דנה", email="dana@example.org")
    WorkActivityFactory(cycle=cycle, move=EcosystemPhase.EVALUATION, title="הערכה")
    WorkActivityFactory(
        cycle=cycle,
        move=EcosystemPhase.EXPLORATION,
        title="מיפוי",
        owner=owner,
        links=["https://example.org/map"],
    )

    response = api.get(f"/communities/{cycle.community.slug}/work/cycles/1", user=AnonymousUser())

    activities = response.json()["activities"]
    assert [a["title"] for a in activities] == ["מיפוי", "הערכה"]
    assert activities[0]["owner"] == "דנה"
    assert activities[0]["links"] == ["https://example.org/map"]
    assert "dana@example.org" not in response.content.decode()


def test_a_hidden_community_is_missing_for_outsiders_and_read_by_members(
    api: TestClient,
) -> None:
    community = CommunityFactory(is_public=False)
    member = UserFactory()
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=member),
        member_type=MemberType.NEED_EXPERT,
    )
    path = f"/communities/{community.slug}/principles"

    assert api.get(path, user=AnonymousUser()).status_code == 404
    assert api.get(path, user=UserFactory()).status_code == 404
    assert api.get(path, user=member).status_code == 200
    assert api.get(f"/communities/{community.slug}/work/cycles/1", user=member).status_code == 404


def test_the_principles_give_the_assessments_and_the_measured_figures(api: TestClient) -> None:
    community = CommunityFactory()
    PrincipleAssessmentFactory(
        community=community, assessed_on=date(2025, 1, 1), scores={Principle.PROSUMERS: 5}
    )

    body = api.get(f"/communities/{community.slug}/principles", user=AnonymousUser()).json()

    scores = {s["principle"]: s["score"] for s in body["assessments"][0]["scores"]}
    assert scores[Principle.PROSUMERS] == 5 and len(scores) == 6
    assert {m["principle"]: m["summary"] for m in body["measured"]} == {
        Principle.MULTI_SECTORALITY: None,
        Principle.DIVERSE_ENTREPRENEURSHIP: None,
        Principle.PROSUMERS: None,
    }


def test_the_contributions_give_totals_and_the_share_who_contributed(api: TestClient) -> None:
    community = CommunityFactory()
    user = UserFactory()
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=user),
        member_type=MemberType.NEED_EXPERT,
    )
    MembershipFactory(community=community)
    EventRegistrationFactory(
        event=EventFactory(community=community), user=user, status=RegistrationStatus.ATTENDED
    )

    body: dict[str, Any] = api.get(f"/communities/{community.slug}/contributions", user=user).json()

    assert body["totals"]["events_attended"] == 1
    assert body["totals"]["total"] == 1
    assert (body["member_count"], body["contributor_count"]) == (2, 1)
    assert body["contributor_share"] == 0.5


def test_the_contributions_are_for_members_only(api: TestClient) -> None:
    community = CommunityFactory()
    with pytest.raises(PermissionDenied):
        api.get(f"/communities/{community.slug}/contributions", user=AnonymousUser())
