"""The knowledge API: reading, writing, the review flow and comments, with permissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.knowledge.models import KnowledgeItem, KnowledgeStatus
from kaveret.notifications.models import Notification
from kaveret.testing.clients import client_as
from kaveret.testing.factories import ApiTokenFactory, DomainFactory
from kaveret.testing.knowledge_factories import KnowledgeCommentFactory, KnowledgeItemFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/knowledge"


def _post(client: Client, url: str, data: dict[str, Any] | None = None, **headers: Any) -> Any:
    return client.post(url, data or {}, content_type="application/json", **headers)


def test_visitors_list_and_search_published_items(hub: Any) -> None:
    item = KnowledgeItemFactory(
        community=hub.community, title="ליווי אנשים במוגבלות", tags=["תעסוקה"]
    )
    KnowledgeItemFactory(community=hub.community, status=KnowledgeStatus.DRAFT, title="מוגבלות")

    body = client_as().get(API, {"q": "מוגבלות"}).json()

    assert body["count"] == 1
    assert body["items"][0]["id"] == item.pk
    assert body["items"][0]["tags"] == ["תעסוקה"]
    assert body["items"][0]["community"] == hub.community.slug


def test_a_filter_value_that_is_not_a_choice_is_a_translated_422(hub: Any) -> None:
    response = client_as().get(API, {"kind": "novel"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "kind" in response.json()["fields"]


def test_an_item_shows_its_rendered_text_and_files(hub: Any) -> None:
    item = KnowledgeItemFactory(community=hub.community, body="<script>x</script> **חשוב**")

    body = client_as().get(f"{API}/{item.pk}").json()

    assert body["body_html"] == "<p>&lt;script&gt;x&lt;/script&gt; <strong>חשוב</strong></p>\n"
    assert body["status"] == "published"
    assert body["attachments"] == []


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_manager"])
def test_drafts_are_missing_for_others(hub: Any, who: str) -> None:
    item = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.DRAFT
    )
    client = client_as(None if who == "anonymous" else getattr(hub, who))

    response = client.get(f"{API}/{item.pk}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_visitors_must_authenticate_to_write(hub: Any) -> None:
    response = _post(
        client_as(),
        API,
        {"community": hub.community.slug, "kind": "article", "title": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Log in, or send an API token, to do this."


def test_an_outsider_may_not_write_in_the_community(hub: Any) -> None:
    response = _post(
        client_as(hub.outsider),
        API,
        {"community": hub.community.slug, "kind": "article", "title": "x"},
    )
    assert response.status_code == 403
    assert not KnowledgeItem.objects.exists()


def test_a_member_writes_submits_and_a_coordinator_approves_through_the_api(hub: Any) -> None:
    DomainFactory(slug="disability-k")
    member = client_as(hub.member)

    created = _post(
        member,
        API,
        {
            "community": hub.community.slug,
            "kind": "case_study",
            "title": "חקר מקרה",
            "body": "# כותרת",
            "domains": ["disability-k"],
            "tags": ["שותפות מעצבת"],
        },
    )
    item_id = created.json()["id"]
    patched = member.patch(
        f"{API}/{item_id}", {"summary": "תקציר"}, content_type="application/json"
    )
    submitted = _post(member, f"{API}/{item_id}/submit")
    refused = _post(client_as(hub.other_manager), f"{API}/{item_id}/approve")
    approved = _post(client_as(hub.coordinator), f"{API}/{item_id}/approve")

    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    assert created.json()["domains"][0]["slug"] == "disability-k"
    assert patched.json()["summary"] == "תקציר"
    assert submitted.json()["status"] == "in_review"
    assert refused.status_code == 404
    assert approved.json()["status"] == "published"
    assert Notification.objects.filter(kind="knowledge_review").count() == 2
    assert Notification.objects.get(kind="knowledge_decided").recipient == hub.member


def test_returning_needs_a_note_and_only_staff_may(hub: Any) -> None:
    item = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.IN_REVIEW
    )

    by_author = _post(client_as(hub.member), f"{API}/{item.pk}/return", {"note": "לא"})
    empty = _post(
        client_as(hub.manager), f"{API}/{item.pk}/return", {"note": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    returned = _post(client_as(hub.manager), f"{API}/{item.pk}/return", {"note": "להוסיף לקחים"})

    assert by_author.status_code == 403
    assert empty.status_code == 422
    assert empty.json()["fields"] == {"note": ["Tell the author what to change."]}
    assert returned.json()["status"] == "returned"
    assert returned.json()["review_note"] == "להוסיף לקחים"


def test_unknown_domains_and_empty_titles_are_422_per_field(hub: Any) -> None:
    response = _post(
        client_as(hub.member),
        API,
        {
            "community": hub.community.slug,
            "kind": "article",
            "title": " ",
            "domains": ["nope"],
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    assert "domains" in response.json()["fields"]


def test_a_patch_by_someone_else_is_refused(hub: Any) -> None:
    item = KnowledgeItemFactory(community=hub.community, author=hub.member)
    response = client_as(hub.outsider).patch(
        f"{API}/{item.pk}", {"title": "השתלטות"}, content_type="application/json"
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title != "השתלטות"


def test_comments_are_read_by_all_and_written_by_members_with_a_token(hub: Any) -> None:
    item = KnowledgeItemFactory(community=hub.community)
    KnowledgeCommentFactory(item=item, body="ראשונה")
    ApiTokenFactory(user=hub.member, key="kvt_test-member-key")

    listed = client_as().get(f"{API}/{item.pk}/comments").json()
    written = Client().post(
        f"{API}/{item.pk}/comments",
        {"body": "שנייה"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer kvt_test-member-key",
    )
    outsider = _post(client_as(hub.outsider), f"{API}/{item.pk}/comments", {"body": "זר"})

    assert [c["body"] for c in listed] == ["ראשונה"]
    assert written.status_code == 201
    assert written.json()["author"] == str(hub.member)
    assert outsider.status_code == 403
