"""Scouting and routing on cases whose answers are known by hand."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kaveret.ecosystem.choices import VentureStage
from kaveret.matching import engine, index
from kaveret.matching.models import DocumentKind
from kaveret.matching.recommend import route_text, route_venture, scout
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    TargetPopulationFactory,
    VentureFactory,
)
from kaveret.testing.matching_recommend_factories import ScoutingEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employment() -> Any:
    return DomainFactory(name="תעסוקה", name_en="Employment", slug="employment")


@pytest.fixture
def disability() -> Any:
    return TargetPopulationFactory(
        name="אנשים עם מוגבלות", name_en="People with disabilities", slug="disability"
    )


def rebuild() -> None:
    index.rebuild()
    engine.forget_index()


def ventures(employment: Any, disability: Any) -> dict[str, Any]:
    jobs = VentureFactory(
        name="עבודה שווה",
        description="פלטפורמת גיוס שמתאימה משרות לאנשים עם מוגבלות ומלווה מעסיקים בהשמה.",
        stage=VentureStage.PRODUCT_MARKET_FIT,
    )
    jobs.domains.add(employment)
    jobs.target_populations.add(disability)
    garden = VentureFactory(
        name="גינה קהילתית",
        description="גינות קהילתיות בשכונות עירוניות, עם מתנדבים ותושבים ותיקים.",
    )
    ageing = VentureFactory(
        name="זקנה פעילה",
        description="אפליקציה לפעילות גופנית של אזרחים ותיקים בבית.",
    )
    return {"jobs": jobs, "garden": garden, "ageing": ageing}


def test_a_challenge_about_employment_of_people_with_disabilities_finds_its_venture(
    employment: Any, disability: Any
) -> None:
    made = ventures(employment, disability)
    challenge = ChallengeFactory(
        title="תעסוקה לאנשים עם מוגבלות",
        problem="אנשים עם מוגבלות מתקשים למצוא משרות, ומעסיקים אינם יודעים איך לגייס אותם.",
        success_measures="יותר אנשים עם מוגבלות מועסקים בשוק הפתוח.",
        domain=employment,
    )
    challenge.populations.add(disability)
    rebuild()

    ranked = scout(challenge, limit=5)

    assert ranked[0].object_id == made["jobs"].pk
    first = ranked[0]
    assert "תעסוקה" in first.shared_domains
    assert "אנשים עם מוגבלות" in first.shared_populations
    assert any("תעסוקה" in reason for reason in first.reasons)
    assert any("מוגבלות" in term for term in first.matched_terms)
    assert {c.key for c in first.components if c.available} >= {"text", "domain", "population"}
    assert sum(c.weight for c in first.components) == pytest.approx(1.0)


def test_a_venture_already_on_the_scouting_list_is_flagged(
    employment: Any, disability: Any
) -> None:
    made = ventures(employment, disability)
    challenge = ChallengeFactory(
        title="תעסוקה לאנשים עם מוגבלות",
        problem="אנשים עם מוגבלות מתקשים למצוא משרות.",
        domain=employment,
    )
    ScoutingEntryFactory(challenge=challenge, venture=made["jobs"])
    rebuild()

    ranked = scout(challenge, limit=5)

    listed = [r for r in ranked if r.object_id == made["jobs"].pk]
    assert listed and listed[0].on_list
    assert not any(r.on_list for r in ranked if r.object_id != made["jobs"].pk)


def test_routing_ranks_the_fitting_community_first_and_closed_calls_last(
    employment: Any, disability: Any
) -> None:
    from kaveret.testing.calls_factories import CallFactory

    made = ventures(employment, disability)
    fitting = CommunityFactory(
        name="תעסוקה שווה", tagline="תעסוקה לאנשים עם מוגבלות", domain=employment
    )
    CommunityFactory(name="קהילת הגינות", tagline="גינון עירוני וקהילות שכונתיות")
    now = timezone.now()
    closed = CallFactory(
        title="קול קורא לתעסוקת אנשים עם מוגבלות",
        description="מענקים למיזמי תעסוקה לאנשים עם מוגבלות.",
        opens_at=now - timedelta(days=60),
        deadline=now - timedelta(days=1),
        is_published=True,
    )
    open_call = CallFactory(
        title="קול קורא לתעסוקה בפריפריה",
        description="מענקים למיזמי תעסוקה בפריפריה.",
        opens_at=now - timedelta(days=1),
        deadline=now + timedelta(days=30),
        is_published=True,
    )
    rebuild()

    communities = route_venture(made["jobs"], kinds=(DocumentKind.COMMUNITY,))
    assert communities[0].object_id == fitting.pk
    assert any("תעסוקה" in reason for reason in communities[0].reasons)

    calls = route_text("מיזם תעסוקה לאנשים עם מוגבלות", kinds=(DocumentKind.CALL,))
    # The closed call says more about the text, yet comes after the open one.
    assert [r.object_id for r in calls] == [open_call.pk, closed.pk]
    assert not calls[-1].is_active
    unsorted = route_text(
        "מיזם תעסוקה לאנשים עם מוגבלות", kinds=(DocumentKind.CALL,), closed_last=False
    )
    assert {r.object_id for r in unsorted} == {open_call.pk, closed.pk}
