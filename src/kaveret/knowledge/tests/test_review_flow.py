"""Writing, submitting and reviewing items: who publishes, who is told, who may decide."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.core.errors import DomainError
from kaveret.knowledge import services
from kaveret.knowledge.models import KnowledgeItem, KnowledgeStatus
from kaveret.notifications.models import Notification
from kaveret.testing.factories import RoleAssignmentFactory, UserFactory
from kaveret.testing.knowledge_factories import KnowledgeItemFactory

pytestmark = pytest.mark.django_db

VALUES = {"kind": "case_study", "title": "חקר מקרה: שותפות מעצבת", "body": "טקסט"}


def _draft(hub: Any, **values: Any) -> KnowledgeItem:
    return services.item_create(by=hub.member, community=hub.community, values=VALUES | values)


def test_a_member_writes_a_draft_that_only_they_and_staff_know_of(hub: Any) -> None:
    item = _draft(hub, tags="חוסן, שותפות מעצבת, חוסן")

    assert item.status == KnowledgeStatus.DRAFT
    assert item.author == hub.member
    assert sorted(item.tags.values_list("name", flat=True)) == ["חוסן", "שותפות מעצבת"]
    assert item.published_at is None
    assert not Notification.objects.exists()


def test_someone_outside_the_community_cannot_write_in_it(hub: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.item_create(by=hub.outsider, community=hub.community, values=VALUES)
    assert not KnowledgeItem.objects.exists()


def test_a_missing_title_is_refused_with_a_message_on_the_field(hub: Any) -> None:
    with pytest.raises(DomainError) as caught:
        _draft(hub, title="  ")
    assert "title" in caught.value.error_dict
    assert not KnowledgeItem.objects.exists()


def test_submitting_where_review_is_needed_waits_and_tells_every_coordinator(hub: Any) -> None:
    inactive = UserFactory(is_active=False)
    RoleAssignmentFactory(user=inactive, role="community_coordinator", community=hub.community)
    item = services.item_submit(by=hub.member, item=_draft(hub))

    assert item.status == KnowledgeStatus.IN_REVIEW
    assert item.published_at is None
    told = Notification.objects.filter(kind="knowledge_review")
    assert sorted(n.recipient_id for n in told) == sorted([hub.manager.pk, hub.coordinator.pk])
    assert told[0].params == {
        "item": VALUES["title"],
        "community": hub.community.name,
        "author": "חברה בקהילה",
    }
    assert told[0].url == f"/knowledge/{item.pk}/"
    assert not Notification.objects.filter(recipient=hub.other_manager).exists()


def test_without_review_the_author_publishes_directly(hub: Any) -> None:
    hub.community.knowledge_needs_review = False
    hub.community.save()

    item = services.item_create(by=hub.member, community=hub.community, values=VALUES, submit=True)

    assert item.status == KnowledgeStatus.PUBLISHED
    assert item.published_at is not None
    assert not Notification.objects.filter(kind="knowledge_review").exists()


def test_the_community_staff_publish_their_own_items_directly(hub: Any) -> None:
    item = services.item_create(
        by=hub.coordinator, community=hub.community, values=VALUES, submit=True
    )
    assert item.status == KnowledgeStatus.PUBLISHED


def test_a_coordinator_approves_and_the_author_is_told(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))

    item = services.item_approve(by=hub.coordinator, item=item)

    assert item.status == KnowledgeStatus.PUBLISHED
    assert item.reviewed_by == hub.coordinator
    assert item.published_at is not None
    told = Notification.objects.get(kind="knowledge_decided")
    assert told.recipient == hub.member
    assert told.params == {"item": VALUES["title"], "published": "yes", "note": ""}


def test_a_coordinator_returns_with_a_note_and_the_author_resubmits(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))

    item = services.item_return(by=hub.manager, item=item, note="חסר פרק לקחים")

    assert item.status == KnowledgeStatus.RETURNED
    assert item.review_note == "חסר פרק לקחים"
    told = Notification.objects.get(kind="knowledge_decided")
    assert told.params == {"item": VALUES["title"], "published": "no", "note": "חסר פרק לקחים"}

    item = services.item_update(by=hub.member, item=item, values={"body": "עם לקחים"})
    item = services.item_submit(by=hub.member, item=item)
    assert item.status == KnowledgeStatus.IN_REVIEW
    assert item.review_note == ""


def test_returning_without_a_note_is_refused(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))
    with pytest.raises(DomainError):
        services.item_return(by=hub.manager, item=item, note=" ")
    item.refresh_from_db()
    assert item.status == KnowledgeStatus.IN_REVIEW


def test_another_communitys_staff_cannot_approve(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))
    with pytest.raises(PermissionDenied):
        services.item_approve(by=hub.other_manager, item=item)
    with pytest.raises(PermissionDenied):
        services.item_return(by=hub.other_manager, item=item, note="לא")
    item.refresh_from_db()
    assert item.status == KnowledgeStatus.IN_REVIEW


def test_authors_cannot_approve_their_own_items(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))
    with pytest.raises(PermissionDenied):
        services.item_approve(by=hub.member, item=item)


def test_an_item_decided_already_cannot_be_decided_again(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))
    stale = KnowledgeItem.objects.get(pk=item.pk)
    services.item_approve(by=hub.manager, item=item)
    with pytest.raises(DomainError):
        services.item_return(by=hub.coordinator, item=stale, note="מאוחר")
    assert KnowledgeItem.objects.get(pk=item.pk).status == KnowledgeStatus.PUBLISHED


def test_only_the_author_submits_and_not_twice(hub: Any) -> None:
    item = _draft(hub)
    with pytest.raises(PermissionDenied):
        services.item_submit(by=hub.manager, item=item)
    services.item_submit(by=hub.member, item=item)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.item_submit(by=hub.member, item=item)


def test_the_author_cannot_edit_an_item_in_review_but_staff_can(hub: Any) -> None:
    item = services.item_submit(by=hub.member, item=_draft(hub))
    with pytest.raises(PermissionDenied):
        services.item_update(by=hub.member, item=item, values={"title": "אחר"})
    item = services.item_update(by=hub.coordinator, item=item, values={"title": "כותרת מתוקנת"})
    assert item.title == "כותרת מתוקנת"


def test_only_members_comment_and_only_on_published_items(hub: Any) -> None:
    published = KnowledgeItemFactory(community=hub.community)
    draft = KnowledgeItemFactory(community=hub.community, status=KnowledgeStatus.DRAFT)

    comment = services.comment_add(by=hub.member, item=published, body="  תודה, מועיל מאוד  ")
    assert comment.body == "תודה, מועיל מאוד"
    with pytest.raises(PermissionDenied):
        services.comment_add(by=hub.outsider, item=published, body="שלום")
    with pytest.raises(PermissionDenied):
        services.comment_add(by=hub.member, item=draft, body="שלום")
    with pytest.raises(DomainError):
        services.comment_add(by=hub.member, item=published, body="   ")
