"""The demo's knowledge: the three case studies of seed 001 and two more items, loaded once."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.knowledge.demo import load_knowledge_demo
from kaveret.knowledge.models import KnowledgeItem, KnowledgeStatus, Tag
from kaveret.knowledge.selectors import KnowledgeFilters, published_items
from kaveret.testing.factories import CommunityFactory, DomainFactory

pytestmark = pytest.mark.django_db


def _communities() -> dict[str, Any]:
    for slug in ("mental-health", "technological-education", "employment", "health"):
        DomainFactory(slug=slug)
    return {
        slug: CommunityFactory(slug=slug, name=name)
        for slug, name in (
            ("techability", "טקאביליטי"),
            ("employtech", "EmployTech"),
            ("agingil", "AgingIL"),
        )
    }


def test_loading_twice_leaves_the_same_published_items(db: Any) -> None:
    communities = _communities()

    first = load_knowledge_demo(communities)
    counts = (KnowledgeItem.objects.count(), Tag.objects.count())
    second = load_knowledge_demo(communities)

    assert first == second == 5
    assert (KnowledgeItem.objects.count(), Tag.objects.count()) == counts == (5, counts[1])
    assert set(KnowledgeItem.objects.values_list("status", flat=True)) == {
        KnowledgeStatus.PUBLISHED
    }


def test_the_three_case_studies_sit_in_their_communities_and_are_found_in_hebrew(
    db: Any,
) -> None:
    communities = _communities()
    load_knowledge_demo(communities)

    case_studies = {
        item.title.split(" – ")[0]: item.community.slug
        for item in KnowledgeItem.objects.filter(kind="case_study").select_related("community")
    }
    assert case_studies == {
        "חקר מקרה: VIVID": "techability",
        "חקר מקרה: Nexme": "employtech",
        "חקר מקרה: Wellplay": "techability",
    }
    wellplay = KnowledgeItem.objects.get(title__contains="Wellplay")
    assert "שלוותא" in wellplay.body and "שגריר פנימי" in wellplay.body
    assert set(wellplay.domains.values_list("slug", flat=True)) == {"mental-health", "health"}
    found = published_items(None, KnowledgeFilters(q="ובשגריר"))
    assert wellplay in found


def test_a_community_not_given_is_skipped(db: Any) -> None:
    communities = _communities()
    del communities["agingil"]
    assert load_knowledge_demo(communities) == 4
