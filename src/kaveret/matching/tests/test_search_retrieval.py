"""Search finds what a user means: Hebrew prefixes, across languages, with filters."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.challenges.models import ChallengeStatus
from kaveret.ecosystem.choices import VentureStage
from kaveret.matching.engine import SearchFilters, related, search, search_text
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    OrganisationFactory,
    TargetPopulationFactory,
    VentureFactory,
)
from kaveret.testing.matching_search_factories import fresh_search_index, index_now

pytestmark = pytest.mark.django_db

EMPLOYMENT = "תעסוקה ולאנשים עם מוגבלות: ליווי אישי והשמה בעבודה נתמכת במקומות עבודה רגילים."
MATHS = "אפליקציה ללימוד מתמטיקה לתלמידי תיכון בפריפריה."
RECYCLING = "ניהול פסולת עירונית ומיחזור בקהילה."


@pytest.fixture(autouse=True)
def _fresh() -> None:
    fresh_search_index()


def _titles(hits: list[Any]) -> list[str]:
    return [hit.title for hit in hits]


def test_a_bare_word_finds_a_venture_that_writes_it_with_prefixes() -> None:
    venture = VentureFactory(name="עבודה שווה", description=EMPLOYMENT)
    other = VentureFactory(name="מתמטיקה לכולם", description=MATHS)
    index_now(venture, other)

    hits, total = search("מוגבלות", mode="lexical")

    assert _titles(hits) == ["עבודה שווה"]
    assert total == 1
    assert "מוגבלות" in hits[0].matched_terms
    assert "מוגבלות" in hits[0].snippet


def test_a_prefixed_query_finds_the_bare_word() -> None:
    venture = VentureFactory(name="נגיש", description="שירות הסעות לאנשים עם מוגבלות בגליל.")
    index_now(venture)

    hits, _ = search("במוגבלות", mode="lexical")

    assert _titles(hits) == ["נגיש"]


def test_hybrid_search_puts_the_matching_venture_first() -> None:
    index_now(
        VentureFactory(name="עבודה שווה", description=EMPLOYMENT),
        VentureFactory(name="מתמטיקה לכולם", description=MATHS),
        VentureFactory(name="עיר נקייה", description=RECYCLING),
    )

    hits, _ = search("מוגבלות")

    assert hits[0].title == "עבודה שווה"
    assert hits[0].lexical_rank == 1


def test_an_english_query_finds_a_hebrew_only_venture_by_meaning() -> None:
    index_now(
        VentureFactory(name="עבודה שווה", description=EMPLOYMENT),
        VentureFactory(name="מתמטיקה לכולם", description=MATHS),
        VentureFactory(name="עיר נקייה", description=RECYCLING),
    )

    hits, _ = search("employment for people with disabilities", mode="semantic")
    assert hits[0].title == "עבודה שווה"
    assert hits[0].matched_terms == ()

    hybrid, _ = search("employment for people with disabilities")
    assert hybrid[0].title == "עבודה שווה"


def test_filters_by_kind_domain_population_community_and_stage() -> None:
    domain = DomainFactory(slug="employment")
    population = TargetPopulationFactory(slug="disabled")
    community = CommunityFactory()
    early = VentureFactory(name="מיזם מוקדם", description=EMPLOYMENT, stage=VentureStage.IDEA)
    early.domains.add(domain)
    late = VentureFactory(name="מיזם בוגר", description=EMPLOYMENT, stage=VentureStage.SCALE)
    late.target_populations.add(population)
    organisation = OrganisationFactory(name="ארגון תעסוקה", description=EMPLOYMENT)
    challenge = ChallengeFactory(
        title="תעסוקה לאנשים עם מוגבלות",
        status=ChallengeStatus.OPEN,
        community=community,
    )
    index_now(early, late, organisation, challenge)

    def found(**filters: Any) -> set[str]:
        hits, _ = search("מוגבלות", filters=SearchFilters(**filters), mode="lexical")
        return set(_titles(hits))

    assert found(kinds=("organisation",)) == {"ארגון תעסוקה"}
    assert found(kinds=("venture",)) == {"מיזם מוקדם", "מיזם בוגר"}
    assert found(domain_ids=(domain.pk,)) == {"מיזם מוקדם"}
    assert found(population_ids=(population.pk,)) == {"מיזם בוגר"}
    assert found(community_ids=(community.pk,)) == {"תעסוקה לאנשים עם מוגבלות"}
    assert found(stages=("scale",)) == {"מיזם בוגר"}
    assert found(kinds=("venture",), stages=("idea",)) == {"מיזם מוקדם"}


def test_only_active_drops_closed_calls() -> None:
    from datetime import timedelta

    from django.utils import timezone

    open_call = CallFactory(title="קול קורא פתוח", description=EMPLOYMENT)
    closed = CallFactory(
        title="קול קורא סגור",
        description=EMPLOYMENT,
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.now() - timedelta(days=2),
    )
    index_now(open_call, closed)

    everything, _ = search("מוגבלות", filters=SearchFilters(kinds=("call",)), mode="lexical")
    active, _ = search(
        "מוגבלות", filters=SearchFilters(kinds=("call",), only_active=True), mode="lexical"
    )

    assert set(_titles(everything)) == {"קול קורא פתוח", "קול קורא סגור"}
    assert _titles(active) == ["קול קורא פתוח"]


def test_pages_and_totals() -> None:
    index_now(*[VentureFactory(name=f"מיזם {n}", description=EMPLOYMENT) for n in range(5)])

    first, total = search("מוגבלות", limit=2, mode="lexical")
    third, _ = search("מוגבלות", limit=2, offset=4, mode="lexical")

    assert total == 5
    assert len(first) == 2
    assert len(third) == 1


def test_related_excludes_the_document_itself() -> None:
    venture = VentureFactory(name="עבודה שווה", description=EMPLOYMENT)
    similar = VentureFactory(name="השמה נתמכת", description=EMPLOYMENT)
    index_now(venture, similar, VentureFactory(name="עיר נקייה", description=RECYCLING))

    hits = related("venture", venture.pk)

    assert hits[0].title == "השמה נתמכת"
    assert venture.pk not in [hit.object_id for hit in hits if hit.kind == "venture"]


def test_search_text_takes_a_long_description() -> None:
    challenge = ChallengeFactory(
        title="שילוב בעבודה", problem=EMPLOYMENT, status=ChallengeStatus.OPEN
    )
    index_now(challenge, VentureFactory(name="עיר נקייה", description=RECYCLING))

    hits = search_text(
        "המיזם שלנו מלווה אנשים עם מוגבלות בדרך לעבודה ומחבר אותם למעסיקים.",
        filters=SearchFilters(kinds=("challenge",)),
    )

    assert [hit.title for hit in hits] == ["שילוב בעבודה"]
