"""Who sees which items: published ones, drafts, private communities, the review queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kaveret.knowledge.models import KnowledgeStatus
from kaveret.knowledge.selectors import KnowledgeFilters, published_items, review_queue
from kaveret.testing.factories import CommunityFactory, UserFactory
from kaveret.testing.knowledge_factories import KnowledgeItemFactory

from .conftest import make_member

pytestmark = pytest.mark.django_db


def _detail(client: Client, item: Any) -> int:
    return client.get(reverse("knowledge:detail", args=[item.pk])).status_code


@pytest.mark.parametrize("status", [KnowledgeStatus.DRAFT, KnowledgeStatus.IN_REVIEW])
def test_unpublished_items_are_seen_by_their_author_and_the_community_staff_only(
    client: Client, hub: Any, status: str
) -> None:
    item = KnowledgeItemFactory(community=hub.community, author=hub.member, status=status)

    assert _detail(client, item) == 404
    for user, expected in [
        (hub.outsider, 404),
        (hub.other_manager, 404),
        (make_member(hub.community), 404),
        (hub.member, 200),
        (hub.coordinator, 200),
    ]:
        client.force_login(user)
        assert _detail(client, item) == expected, user


def test_the_lists_show_published_items_only_even_to_their_author(client: Client, hub: Any) -> None:
    KnowledgeItemFactory(
        community=hub.community,
        author=hub.member,
        title="טיוטה סודית",
        status=KnowledgeStatus.DRAFT,
    )
    KnowledgeItemFactory(community=hub.community, title="מאמר פומבי")
    client.force_login(hub.member)

    page = client.get("/en/knowledge/").content.decode()

    assert "מאמר פומבי" in page
    assert "טיוטה סודית" not in page
    assert "טיוטה סודית" in client.get("/en/knowledge/mine/").content.decode()


def test_a_private_communitys_items_are_for_its_members_and_staff(client: Client, hub: Any) -> None:
    hub.community.is_public = False
    hub.community.save()
    item = KnowledgeItemFactory(community=hub.community, title="ידע פנימי")

    assert _detail(client, item) == 404
    assert "ידע פנימי" not in client.get("/en/knowledge/").content.decode()
    assert client.get(f"/en/knowledge/c/{hub.community.slug}/").status_code == 404
    client.force_login(hub.outsider)
    assert _detail(client, item) == 404
    assert published_items(hub.outsider, KnowledgeFilters()).count() == 0
    client.force_login(hub.member)
    assert _detail(client, item) == 200
    assert "ידע פנימי" in client.get("/en/knowledge/").content.decode()
    client.force_login(hub.manager)
    assert _detail(client, item) == 200


def test_the_review_queue_holds_only_the_reviewers_communities(client: Client, hub: Any) -> None:
    mine = KnowledgeItemFactory(
        community=hub.community, status=KnowledgeStatus.IN_REVIEW, title="ממתין אצלנו"
    )
    KnowledgeItemFactory(
        community=hub.other_community, status=KnowledgeStatus.IN_REVIEW, title="ממתין אצל אחרים"
    )

    assert list(review_queue(hub.coordinator)) == [mine]
    client.force_login(hub.manager)
    page = client.get("/en/knowledge/review/").content.decode()
    assert "ממתין אצלנו" in page
    assert "ממתין אצל אחרים" not in page
    client.force_login(hub.member)
    assert client.get("/en/knowledge/review/").status_code == 403


def test_a_reviewer_approves_from_the_item_page_and_returns_with_a_note(
    client: Client, hub: Any
) -> None:
    first = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.IN_REVIEW
    )
    second = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.IN_REVIEW
    )
    client.force_login(hub.coordinator)

    page = client.get(f"/en/knowledge/{first.pk}/").content.decode()
    assert "Approve and publish" in page
    client.post(reverse("knowledge:approve", args=[first.pk]))
    missing_note = client.post(reverse("knowledge:return", args=[second.pk]), {"note": ""})
    client.post(reverse("knowledge:return", args=[second.pk]), {"note": "להוסיף מקורות"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert missing_note.status_code == 400
    assert first.status == KnowledgeStatus.PUBLISHED
    assert (second.status, second.review_note) == (KnowledgeStatus.RETURNED, "להוסיף מקורות")


def test_another_communitys_manager_cannot_approve_through_the_page(
    client: Client, hub: Any
) -> None:
    item = KnowledgeItemFactory(community=hub.community, status=KnowledgeStatus.IN_REVIEW)
    client.force_login(hub.other_manager)

    response = client.post(reverse("knowledge:approve", args=[item.pk]))

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == KnowledgeStatus.IN_REVIEW


def test_a_member_comments_on_the_page_and_a_visitor_is_asked_to_log_in(
    client: Client, hub: Any
) -> None:
    item = KnowledgeItemFactory(community=hub.community)
    assert "Log in to comment." in client.get(f"/en/knowledge/{item.pk}/").content.decode()
    anonymous = client.post(reverse("knowledge:comment", args=[item.pk]), {"body": "היי"})
    assert anonymous.status_code == 403

    client.force_login(hub.member)
    client.post(reverse("knowledge:comment", args=[item.pk]), {"body": "שאלה על הפיילוט"})
    page = client.get(f"/en/knowledge/{item.pk}/").content.decode()

    assert "שאלה על הפיילוט" in page
    assert item.comments.get().author == hub.member


def test_a_user_of_no_community_may_not_open_the_writing_page(client: Client) -> None:
    client.force_login(UserFactory())
    assert client.get("/en/knowledge/new/").status_code == 403


def test_writing_through_the_page_offers_only_the_writers_communities(
    client: Client, hub: Any
) -> None:
    CommunityFactory(name="קהילה שאינה שלי")
    client.force_login(hub.member)

    page = client.get("/en/knowledge/new/").content.decode()

    assert hub.community.name in page or hub.community.name_en in page
    assert "קהילה שאינה שלי" not in page


def test_a_member_filters_by_their_private_community_and_others_do_not_see_it(
    client: Client, hub: Any
) -> None:
    hub.community.is_public = False
    hub.community.save()
    KnowledgeItemFactory(community=hub.community, title="ידע פנימי")
    KnowledgeItemFactory(community=hub.other_community, title="ידע פתוח")

    client.force_login(hub.member)
    mine = client.get("/en/knowledge/", {"community": hub.community.slug}).content.decode()
    client.force_login(hub.outsider)
    theirs = client.get("/en/knowledge/").content.decode()

    assert "ידע פנימי" in mine and "ידע פתוח" not in mine
    assert f'value="{hub.community.slug}"' not in theirs
    assert "ידע פנימי" not in theirs


def test_the_submit_button_says_whether_the_item_will_wait_for_review(
    client: Client, hub: Any
) -> None:
    by_member = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.DRAFT
    )
    by_coordinator = KnowledgeItemFactory(
        community=hub.community, author=hub.coordinator, status=KnowledgeStatus.DRAFT
    )

    client.force_login(hub.member)
    member_page = client.get(f"/en/knowledge/{by_member.pk}/").content.decode()
    client.force_login(hub.coordinator)
    coordinator_page = client.get(f"/en/knowledge/{by_coordinator.pk}/").content.decode()

    assert "Send for review</button>" in member_page
    assert "Publish</button>" in coordinator_page
