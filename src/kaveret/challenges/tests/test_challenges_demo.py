"""The demo challenges from the seeds load, and load again without duplicates."""

from __future__ import annotations

import pytest

from kaveret.challenges.demo import load_challenges_demo
from kaveret.challenges.models import Challenge, ChallengeKind, ChallengeStatus
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.ecosystem.demo.loader import load_taxonomies
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SYSTEM_TITLES = {"איכות השירותים", "אזוריות", "מיצוי משאבים", 'שת"פ בין מגזרי', "דיגיטציה"}


def _load_twice() -> tuple[int, int]:
    load_taxonomies()
    communities = {
        slug: CommunityFactory(slug=slug) for slug in ("techability", "employtech", "agingil")
    }
    organisations = {"jdc-elka": OrganisationFactory(kind=OrganisationKind.JDC)}
    return (
        load_challenges_demo(communities, organisations),
        load_challenges_demo(communities, organisations),
    )


def test_the_demo_loads_twice_without_duplicates() -> None:
    manager = UserFactory(email="manager@demo.kaveret.local")

    first, second = _load_twice()

    assert first == second == Challenge.objects.count() == 9
    assert set(Challenge.objects.values_list("status", flat=True)) == {ChallengeStatus.OPEN}
    assert set(Challenge.objects.values_list("owner", flat=True)) == {manager.pk}
    assert all(challenge.revisions.count() == 1 for challenge in Challenge.objects.all())


def test_the_five_system_challenges_meet_the_five_criteria_with_map_tags() -> None:
    _load_twice()

    system = Challenge.objects.filter(kind=ChallengeKind.SYSTEM)

    assert set(system.values_list("title", flat=True)) == SYSTEM_TITLES
    for challenge in system:
        assert all(getattr(challenge, name) for name in Challenge.SYSTEM_CRITERIA)
        assert challenge.map_tags
        assert challenge.owner_organisation is not None


def test_community_challenges_come_from_the_seeds_and_are_searchable() -> None:
    _load_twice()

    employtech = Challenge.objects.get(slug="employtech-technological-education")
    arab_society = Challenge.objects.get(slug="employment-builds-resilience-arab-society")

    assert employtech.community is not None
    assert employtech.community.slug == "employtech"
    assert "Nexme" in employtech.evidence
    assert arab_society.populations.filter(slug="arab-society").exists()
    assert " תעסוקה " in arab_society.search_text
    assert Challenge.objects.filter(community__slug="techability").count() == 2
