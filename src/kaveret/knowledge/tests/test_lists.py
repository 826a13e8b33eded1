"""The lists: Hebrew search with prefixes, filters, pages, the empty state, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.knowledge.models import KnowledgeStatus
from kaveret.knowledge.selectors import KnowledgeFilters, published_items
from kaveret.testing.factories import DomainFactory
from kaveret.testing.knowledge_factories import KnowledgeItemFactory

pytestmark = pytest.mark.django_db


def _titles(user: Any, **filters: str) -> set[str]:
    return {item.title for item in published_items(user, KnowledgeFilters(**filters))}


def test_a_search_for_a_word_finds_it_behind_hebrew_prefixes(hub: Any) -> None:
    KnowledgeItemFactory(community=hub.community, title="תעסוקה ולאנשים עם מוגבלות")
    KnowledgeItemFactory(community=hub.community, title="כלים", summary="ליווי אנשים במוגבלות")
    KnowledgeItemFactory(community=hub.community, title="זקנה מיטבית")

    assert _titles(hub.outsider, q="מוגבלות") == {"תעסוקה ולאנשים עם מוגבלות", "כלים"}
    assert _titles(hub.outsider, q="ובמוגבלות") == {"תעסוקה ולאנשים עם מוגבלות", "כלים"}
    assert _titles(hub.outsider, q="אנשים מוגבל") == {"תעסוקה ולאנשים עם מוגבלות", "כלים"}
    assert _titles(hub.outsider, q="זקנה") == {"זקנה מיטבית"}


def test_the_search_reads_the_text_and_tags_and_ignores_niqqud(hub: Any) -> None:
    KnowledgeItemFactory(
        community=hub.community, title="מדריך", body="על שגרירים פנימיים", tags=["חוסן"]
    )
    assert _titles(hub.outsider, q="השגרירים") == {"מדריך"}
    assert _titles(hub.outsider, q="חוֹסֶן") == {"מדריך"}


def test_the_filters_narrow_the_list(hub: Any) -> None:
    health = DomainFactory(slug="health-k", name="בריאות")
    KnowledgeItemFactory(
        community=hub.community,
        title="א",
        kind="case_study",
        language="he",
        domains=[health],
        tags=["פיילוט"],
    )
    KnowledgeItemFactory(community=hub.other_community, title="ב", kind="report", language="en")

    assert _titles(hub.outsider, kind="case_study") == {"א"}
    assert _titles(hub.outsider, language="en") == {"ב"}
    assert _titles(hub.outsider, community=hub.other_community.slug) == {"ב"}
    assert _titles(hub.outsider, domain="health-k") == {"א"}
    assert _titles(hub.outsider, tag="פיילוט") == {"א"}


def test_the_list_page_searches_pages_and_says_when_nothing_matches(
    client: Client, hub: Any, settings: Any
) -> None:
    settings.KAVERET_PAGE_SIZE = 2
    for number in range(3):
        KnowledgeItemFactory(community=hub.community, title=f"מוגבלות {number}")

    first = client.get("/en/knowledge/", {"q": "במוגבלות"}).content.decode()
    second = client.get("/en/knowledge/", {"q": "במוגבלות", "page": 2}).content.decode()
    none = client.get("/en/knowledge/", {"q": "אין-כזה"}).content.decode()

    assert "3 knowledge items" in first
    assert "Page 1 of 2" in first
    assert "q=%D7%91%D7%9E%D7%95%D7%92%D7%91%D7%9C%D7%95%D7%AA&amp;page=2" in first
    assert "Page 2 of 2" in second
    assert "No knowledge item matches these filters" in none


def test_the_empty_hub_says_nothing_is_published_yet(client: Client, db: Any) -> None:
    page = client.get("/en/knowledge/").content.decode()
    assert "No knowledge items have been published yet." in page


def test_a_communitys_list_shows_only_its_items(client: Client, hub: Any) -> None:
    KnowledgeItemFactory(community=hub.community, title="שלנו")
    KnowledgeItemFactory(community=hub.other_community, title="שלהם")

    page = client.get(f"/en/knowledge/c/{hub.community.slug}/").content.decode()

    assert "שלנו" in page
    assert "שלהם" not in page


def test_htmx_filtering_returns_only_the_results(client: Client, hub: Any) -> None:
    KnowledgeItemFactory(community=hub.community, title="חוסן")

    response = client.get(
        "/en/knowledge/", {"q": "חוסן"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="knowledge-results"
    )

    page = response.content.decode()
    assert page.lstrip().startswith("<section")
    assert "חוסן" in page


def _fill(hub: Any, count: int) -> None:
    domain = DomainFactory()
    for number in range(count):
        KnowledgeItemFactory(
            community=hub.community if number % 2 else hub.other_community,
            domains=[domain],
            tags=[f"תג {number}", "משותף"],
        )
    KnowledgeItemFactory(community=hub.community, status=KnowledgeStatus.DRAFT)


@pytest.mark.parametrize("count", [3, 20])
def test_the_list_page_issues_a_bounded_number_of_queries(
    client: Client, hub: Any, django_assert_max_num_queries: Any, count: int
) -> None:
    _fill(hub, count)
    client.force_login(hub.member)
    client.get("/en/knowledge/")  # warm the per-process caches

    with django_assert_max_num_queries(15):
        response = client.get("/en/knowledge/")

    assert response.status_code == 200


def test_a_communitys_list_issues_a_bounded_number_of_queries(
    client: Client, hub: Any, django_assert_max_num_queries: Any
) -> None:
    _fill(hub, 20)
    client.get(f"/en/knowledge/c/{hub.community.slug}/")

    with django_assert_max_num_queries(10):
        client.get(f"/en/knowledge/c/{hub.community.slug}/")
