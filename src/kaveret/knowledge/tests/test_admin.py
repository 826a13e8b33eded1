"""Every model of the knowledge hub opens in the admin, with an item to show."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from kaveret.knowledge.models import KnowledgeItem
from kaveret.testing.knowledge_factories import KnowledgeCommentFactory, KnowledgeItemFactory

pytestmark = pytest.mark.django_db


def test_every_knowledge_model_is_registered_and_opens(client: Client, personas: Any) -> None:
    item = KnowledgeItemFactory(tags=["חוסן"])
    KnowledgeCommentFactory(item=item)
    client.force_login(personas.admin)

    for model in apps.get_app_config("knowledge").get_models():
        assert model in admin.site._registry, model
        url = reverse(f"admin:knowledge_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    assert (
        client.get(reverse("admin:knowledge_knowledgeitem_change", args=[item.pk])).status_code
        == 200
    )


def test_an_admin_edit_refreshes_the_search_text(client: Client, personas: Any) -> None:
    item = KnowledgeItemFactory(title="ישן")
    client.force_login(personas.admin)
    data = {
        "community": item.community.pk,
        "author": item.author.pk,
        "kind": item.kind,
        "title": "מדריך לשגרירים",
        "summary": "",
        "body": "",
        "language": "he",
        "status": "published",
        "published_at_0": "2025-01-01",
        "published_at_1": "10:00:00",
        "review_note": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("admin:knowledge_knowledgeitem_change", args=[item.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert " שגרירימ " in KnowledgeItem.objects.get(pk=item.pk).search_text
