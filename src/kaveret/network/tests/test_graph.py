"""The graph loader: what a user may see, and what the filters select."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kaveret.network.graph import VENTURE_SECTOR, GraphFilters, load_graph
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def test_visitors_get_public_actors_and_relations_staff_get_all(personas: Any) -> None:
    clalit = OrganisationFactory(name="כללית", kind="hmo")
    wellplay = VentureFactory(name="Wellplay")
    secret = OrganisationFactory(name="חסוי", is_public=False)
    RelationFactory(source=clalit, target=wellplay, kind="pilot")
    RelationFactory(source=secret, target=wellplay, kind="funding")
    RelationFactory(source=clalit, target=wellplay, kind="funding", is_public=False)

    public = load_graph(None)
    assert secret.pk not in public.nodes
    assert [edge.kind for edge in public.edges] == ["pilot"]
    assert public.nodes[wellplay.pk].sector == VENTURE_SECTOR
    assert public.nodes[clalit.pk].sector == "public_central"

    staff = load_graph(personas.staff)
    assert secret.pk in staff.nodes
    assert len(staff.edges) == 3


def test_filters_keep_only_edges_between_selected_nodes() -> None:
    health = DomainFactory(slug="health")
    clalit, wellplay, other = OrganisationFactory(), VentureFactory(), VentureFactory()
    clalit.domains.add(health)
    wellplay.domains.add(health)
    RelationFactory(source=clalit, target=wellplay, kind="pilot")
    RelationFactory(source=clalit, target=other, kind="pilot")

    graph = load_graph(None, GraphFilters(domain="health"))
    assert set(graph.nodes) == {clalit.pk, wellplay.pk}
    assert [(e.source, e.target) for e in graph.edges] == [(clalit.pk, wellplay.pk)]
    assert graph.degree() == {clalit.pk: 1, wellplay.pk: 1}


def test_a_community_filter_and_the_community_groups() -> None:
    techability = CommunityFactory(slug="techability")
    member_a, member_b, outsider = VentureFactory(), OrganisationFactory(), VentureFactory()
    MembershipFactory(community=techability, actor=member_a)
    MembershipFactory(community=techability, actor=member_b)
    graph = load_graph(None, GraphFilters(community="techability"))
    assert set(graph.nodes) == {member_a.pk, member_b.pk}
    assert outsider.pk not in load_graph(None, GraphFilters(community="techability")).nodes
    assert load_graph(None).communities[techability.pk].members == {member_a.pk, member_b.pk}


def test_active_in_a_date_range() -> None:
    a, b, c = OrganisationFactory(), VentureFactory(), VentureFactory()
    RelationFactory(
        source=a,
        target=b,
        kind="pilot",
        started_on=datetime.date(2021, 1, 1),
        ended_on=datetime.date(2022, 1, 1),
    )
    RelationFactory(source=a, target=c, kind="pilot", started_on=datetime.date(2024, 1, 1))
    graph = load_graph(None, GraphFilters(active_on_or_after=datetime.date(2023, 1, 1)))
    assert [(e.source, e.target) for e in graph.edges] == [(a.pk, c.pk)]
    graph = load_graph(None, GraphFilters(active_on_or_before=datetime.date(2021, 6, 1)))
    assert [(e.source, e.target) for e in graph.edges] == [(a.pk, b.pk)]
