"""Search never shows what a visitor may not see; it shows it to those who may."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from kaveret.accounts.models import Role
from kaveret.challenges.models import ChallengeStatus
from kaveret.communities.models import MembershipStatus
from kaveret.knowledge.models import KnowledgeStatus
from kaveret.matching.engine import search
from kaveret.matching.selectors import search_for_user, visible_hits
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.factories import (
    CommunityFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)
from kaveret.testing.knowledge_factories import KnowledgeItemFactory
from kaveret.testing.matching_search_factories import fresh_search_index, index_now

pytestmark = pytest.mark.django_db

TEXT = "ליווי אנשים עם מוגבלות בדרך לתעסוקה."


@pytest.fixture(autouse=True)
def _fresh() -> None:
    fresh_search_index()


def _titles(user: object, query: str = "מוגבלות") -> set[str]:
    hits, _ = search_for_user(user, query, limit=50)
    return {hit.title for hit in hits}


@pytest.fixture
def hidden() -> dict[str, Any]:
    secret_community = CommunityFactory(is_public=False, name="קהילה סגורה")
    objects: dict[str, Any] = {
        "venture": VentureFactory(name="מיזם חסוי", description=TEXT, is_public=False),
        "challenge": ChallengeFactory(
            title="אתגר בטיוטה", problem=TEXT, status=ChallengeStatus.DRAFT
        ),
        "call": CallFactory(title="קול קורא לא מפורסם", description=TEXT, is_published=False),
        "knowledge": KnowledgeItemFactory(
            title="טיוטת ידע", summary=TEXT, status=KnowledgeStatus.DRAFT
        ),
        "closed": KnowledgeItemFactory(
            title="ידע בקהילה סגורה", summary=TEXT, community=secret_community
        ),
        "public": VentureFactory(name="מיזם גלוי", description=TEXT),
    }
    index_now(*objects.values())
    return objects


def test_anonymous_visitors_see_only_public_objects(hidden: dict[str, Any]) -> None:
    assert _titles(AnonymousUser()) == {"מיזם גלוי"}
    _, total = search_for_user(AnonymousUser(), "מוגבלות")
    assert total == 1


def test_a_signed_in_stranger_sees_only_public_objects(hidden: dict[str, Any]) -> None:
    assert _titles(UserFactory()) == {"מיזם גלוי"}


def test_platform_staff_see_everything(hidden: dict[str, Any]) -> None:
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    assert _titles(admin) == {
        "מיזם חסוי",
        "אתגר בטיוטה",
        "קול קורא לא מפורסם",
        "טיוטת ידע",
        "ידע בקהילה סגורה",
        "מיזם גלוי",
    }


def test_the_entrepreneur_sees_their_own_hidden_venture(hidden: dict[str, Any]) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=hidden["venture"])
    titles = _titles(user)
    assert "מיזם חסוי" in titles
    assert "אתגר בטיוטה" not in titles


def test_a_member_sees_the_knowledge_of_a_closed_community(hidden: dict[str, Any]) -> None:
    from kaveret.testing.factories import MembershipFactory

    item = hidden["closed"]
    user = UserFactory()
    MembershipFactory(
        community=item.community,
        actor=None,
        person=PersonFactory(user=user),
        status=MembershipStatus.ACTIVE,
    )
    assert "ידע בקהילה סגורה" in _titles(user)


def test_visible_hits_filters_a_list_with_one_query_per_kind(
    hidden: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    hits, _ = search("מוגבלות", limit=50)
    user = UserFactory()
    with django_assert_max_num_queries(12):
        shown = visible_hits(user, hits)
    assert {hit.title for hit in shown} == {"מיזם גלוי"}
