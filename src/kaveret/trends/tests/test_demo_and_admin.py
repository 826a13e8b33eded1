"""The demo signals load twice without duplicates; the admin lists signals."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.test import Client

from kaveret.accounts.models import Role
from kaveret.communities.models import Community
from kaveret.testing.factories import CommunityFactory, DomainFactory, RoleAssignmentFactory
from kaveret.testing.trends_factories import TrendSignalFactory
from kaveret.trends.demo import SIGNALS, load_trends_demo
from kaveret.trends.models import SignalStatus, TrendSignal

pytestmark = pytest.mark.django_db


def _demo_communities() -> dict[str, Any]:
    return {
        slug: CommunityFactory(slug=slug, name_en=slug)
        for slug in ("techability", "employtech", "agingil")
    }


def test_the_demo_loads_twice_without_duplicates() -> None:
    communities = _demo_communities()
    DomainFactory(slug="aging", name="הזדקנות מיטבית")
    manager = RoleAssignmentFactory(
        role=Role.COMMUNITY_MANAGER, community=communities["techability"]
    ).user

    first = load_trends_demo(communities)
    again = load_trends_demo(communities)

    assert first == again == len(SIGNALS) == TrendSignal.objects.count()
    for slug, community in communities.items():
        assert community.trend_signals.filter(status=SignalStatus.CURATED).count() >= 4, slug
    ageing = TrendSignal.objects.get(title="הזדקנות האוכלוסייה בישראל")
    assert ageing.community.slug == "agingil" and ageing.domain is not None
    assert ageing.ring == "act"
    curated_here = TrendSignal.objects.filter(
        community=communities["techability"], status=SignalStatus.CURATED
    )
    assert {signal.curated_by for signal in curated_here} == {manager}
    assert TrendSignal.objects.filter(status=SignalStatus.PROPOSED).count() == 1


def test_the_demo_skips_communities_it_is_not_given() -> None:
    techability = cast(Community, CommunityFactory(slug="techability"))

    loaded = load_trends_demo({"techability": techability})

    assert loaded == TrendSignal.objects.count()
    assert set(TrendSignal.objects.values_list("community__slug", flat=True)) == {"techability"}


def test_every_demo_signal_covers_the_five_kinds_and_three_rings() -> None:
    assert {spec.kind for spec in SIGNALS} == {
        "social_process",
        "technology",
        "system_challenge",
        "work_mechanism",
        "policy_change",
    }
    assert {spec.ring for spec in SIGNALS} == {"act", "assess", "watch"}


def test_a_platform_admin_opens_the_signal_admin(client: Client, personas: Any) -> None:
    signal = TrendSignalFactory()
    client.force_login(personas.admin)

    assert client.get("/en/admin/trends/trendsignal/").status_code == 200
    assert client.get(f"/en/admin/trends/trendsignal/{signal.pk}/change/").status_code == 200
