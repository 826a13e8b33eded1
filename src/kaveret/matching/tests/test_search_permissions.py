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


# --- A community made private after its contents were indexed ------------------------------


@pytest.fixture
def made_private() -> dict[str, Any]:
    """An open challenge, a published call, an event and a knowledge item of a public
    community, indexed as public; then the community is made private (no re-index: the
    background task has not run yet)."""
    from kaveret.testing.factories import EventFactory

    community = CommunityFactory(is_public=True, name="קהילה שנסגרה")
    objects = {
        "challenge": ChallengeFactory(
            title="אתגר פתוח", problem=TEXT, status=ChallengeStatus.OPEN, community=community
        ),
        "call": CallFactory(title="קול קורא פתוח", description=TEXT, community=community),
        "event": EventFactory(title="מפגש פתוח", description=TEXT, community=community),
        "knowledge": KnowledgeItemFactory(title="ידע פתוח", summary=TEXT, community=community),
        "public": VentureFactory(name="מיזם גלוי", description=TEXT),
    }
    index_now(*objects.values())
    community.is_public = False
    community.save()
    return {"community": community, **objects}


CONTENTS = {"אתגר פתוח", "קול קורא פתוח", "מפגש פתוח", "ידע פתוח"}


def test_contents_of_a_community_made_private_vanish_from_anonymous_search(
    made_private: dict[str, Any],
) -> None:
    assert _titles(AnonymousUser()) == {"מיזם גלוי"}
    assert _titles(UserFactory()) == {"מיזם גלוי"}
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    assert _titles(admin) >= CONTENTS


def test_contents_of_a_community_made_private_vanish_from_the_page_and_api(
    made_private: dict[str, Any],
) -> None:
    from django.test import Client

    page = Client().get("/search/", {"q": "מוגבלות"}).content.decode()
    api = Client().get("/api/v1/search", {"q": "מוגבלות"}).json()
    for title in CONTENTS:
        assert title not in page
    assert {item["title"] for item in api["items"]} == {"מיזם גלוי"}


def test_hit_lists_recheck_the_community_of_stored_public_documents(
    made_private: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    hits, _ = search("מוגבלות", limit=50)
    assert {hit.title for hit in hits if hit.is_public} >= CONTENTS  # stored as public
    with django_assert_max_num_queries(6):
        shown = visible_hits(AnonymousUser(), hits)
    assert {hit.title for hit in shown} == {"מיזם גלוי"}


@pytest.mark.django_db(transaction=True)
def test_saving_a_community_reindexes_its_contents(settings: Any) -> None:
    from kaveret.matching.models import SearchDocument
    from kaveret.testing.factories import EventFactory

    settings.SEARCH_INDEX_ON_SAVE = True
    community = CommunityFactory(is_public=True)
    challenge = ChallengeFactory(problem=TEXT, status=ChallengeStatus.OPEN, community=community)
    event = EventFactory(description=TEXT, community=community)
    item = KnowledgeItemFactory(summary=TEXT, community=community)
    call = CallFactory(description=TEXT, community=community)

    def public_flags() -> dict[str, bool]:
        documents = SearchDocument.objects.filter(
            object_id__in=[challenge.pk, event.pk, item.pk, call.pk],
            kind__in=["challenge", "event", "knowledge", "call"],
        )
        return {document.kind: document.is_public for document in documents}

    assert public_flags() == {"challenge": True, "event": True, "knowledge": True, "call": True}

    community.is_public = False
    community.save()
    assert public_flags() == {
        "challenge": False,
        "event": False,
        "knowledge": False,
        "call": False,
    }
