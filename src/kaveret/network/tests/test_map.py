"""The map page, its data, its table and its downloads, for visitors and for staff."""

from __future__ import annotations

import csv
import io
import itertools
from typing import Any

import networkx
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kaveret.ecosystem.models import Relation
from kaveret.network.graph import load_graph
from kaveret.network.map import layout, map_document
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

MAP = "/en/network/map/"
DATA = "/en/network/map/data.json"
ACTORS_CSV = "/en/network/map/actors.csv"
RELATIONS_CSV = "/en/network/map/relations.csv"
GRAPHML = "/en/network/map/map.graphml"
# The session, the user and their roles; the communities the user belongs to (hidden ones
# are shown to their members); the filter choices (communities, domains, populations,
# regions), which also validate the query string; the loader's four.
MAX_QUERIES = 12


@pytest.fixture
def ecosystem() -> dict[str, Any]:
    """A public partnership, a hidden organisation and a hidden relation, one community."""
    clalit = OrganisationFactory(name="כללית", name_en="Clalit", kind="hmo")
    wellplay = VentureFactory(name="וולפליי", name_en="Wellplay")
    secret = OrganisationFactory(name="חסוי", name_en="Secret fund", is_public=False)
    RelationFactory(source=clalit, target=wellplay, kind="partnership", level=3)
    RelationFactory(source=secret, target=wellplay, kind="funding")
    RelationFactory(source=clalit, target=wellplay, kind="funding", is_public=False)
    health = CommunityFactory(name="קהילת בריאות", name_en="Health community", slug="health")
    MembershipFactory(community=health, actor=wellplay)
    MembershipFactory(community=health, actor=clalit)
    return {"clalit": clalit, "wellplay": wellplay, "secret": secret, "health": health}


def _staff_client(personas: Any) -> Client:
    client = Client()
    client.force_login(personas.staff)
    return client


def test_visitors_get_public_actors_and_relations_in_the_map_data(
    ecosystem: dict[str, Any],
) -> None:
    data = Client().get(DATA).json()

    names = {node["label"] for node in data["nodes"]}
    assert names == {"Clalit", "Wellplay"}
    assert data["edge_fields"] == ["source", "target", "kind", "level"]
    assert data["edges"] == [[ecosystem["clalit"].pk, ecosystem["wellplay"].pk, "partnership", 3]]
    wellplay = next(node for node in data["nodes"] if node["label"] == "Wellplay")
    assert wellplay["url"] == f"/en/ventures/{ecosystem['wellplay'].pk}/"
    assert wellplay["type"] == "venture"
    assert wellplay["sector"] == "ventures"
    assert wellplay["degree"] == 1
    assert wellplay["communities"] == [ecosystem["health"].pk]
    assert [c["label"] for c in data["communities"]] == ["Health community"]


def test_staff_see_hidden_actors_and_relations_in_the_map_data(
    ecosystem: dict[str, Any], personas: Any
) -> None:
    data = _staff_client(personas).get(DATA).json()

    assert "Secret fund" in {node["label"] for node in data["nodes"]}
    assert len(data["edges"]) == 3


def test_the_map_data_follows_the_filters_of_the_query_string(
    ecosystem: dict[str, Any],
) -> None:
    outsider = VentureFactory(name_en="Outsider")
    RelationFactory(source=ecosystem["clalit"], target=outsider, kind="mentoring")

    in_community = Client().get(DATA, {"community": "health"}).json()
    mentoring = Client().get(DATA, {"relation_kind": "mentoring"}).json()
    ventures = Client().get(DATA, {"sector": "ventures"}).json()

    assert {n["label"] for n in in_community["nodes"]} == {"Clalit", "Wellplay"}
    assert [edge[2] for edge in mentoring["edges"]] == ["mentoring"]
    assert {n["label"] for n in ventures["nodes"]} == {"Wellplay", "Outsider"}


def test_a_hidden_community_is_no_filter_for_visitors(ecosystem: dict[str, Any]) -> None:
    hidden = CommunityFactory(slug="hidden", is_public=False)
    MembershipFactory(community=hidden, actor=ecosystem["clalit"])

    data = Client().get(DATA, {"community": "hidden"}).json()

    # The unknown choice is ignored: the whole public map, not the hidden members.
    assert {n["label"] for n in data["nodes"]} == {"Clalit", "Wellplay"}
    assert "hidden" not in {c["slug"] for c in data["communities"]}


def test_filter_values_that_are_not_choices_are_ignored(ecosystem: dict[str, Any]) -> None:
    response = Client().get(DATA, {"level": "9", "active_from": "soon", "sector": "nowhere"})

    assert response.status_code == 200
    assert {n["label"] for n in response.json()["nodes"]} == {"Clalit", "Wellplay"}


def test_the_map_page_shows_the_legend_the_table_and_download_links(
    ecosystem: dict[str, Any],
) -> None:
    response = Client().get(MAP, {"sector": "ventures", "domain": "", "sort": "-degree"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'role="img"' in html
    assert 'id="map-config"' in html
    assert "Secret fund" not in html
    assert f'href="/en/ventures/{ecosystem["wellplay"].pk}/">Wellplay</a>' in html
    assert "Third sector" in html  # the sector legend
    assert 'href="/en/network/map/actors.csv?sector=ventures"' in html
    assert "vendor/sigma/sigma.min.js" in html
    assert "<script>" not in html  # no inline script


def test_staff_see_hidden_actors_in_the_table(ecosystem: dict[str, Any], personas: Any) -> None:
    html = _staff_client(personas).get(MAP).content.decode()

    assert "Secret fund" in html


def test_the_table_sorts_by_a_column_and_says_so_with_aria_sort(
    ecosystem: dict[str, Any],
) -> None:
    hub = VentureFactory(name_en="Hub")
    for _ in range(3):
        RelationFactory(source=OrganisationFactory(), target=hub, kind="mentoring")

    by_degree = Client().get(MAP, {"sort": "-degree"}).content.decode()
    by_name = Client().get(MAP).content.decode()

    assert by_degree.index(">Hub</a>") < by_degree.index(">Wellplay</a>")
    assert '<th scope="col" aria-sort="descending"><a href="?sort=degree#map-table">' in by_degree
    assert by_name.index(">Clalit</a>") < by_name.index(">Hub</a>")
    assert 'aria-sort="ascending"><a href="?sort=-name#map-table">' in by_name


def test_the_table_is_paginated(settings: Any) -> None:
    settings.KAVERET_PAGE_SIZE = 2
    for index in range(5):
        VentureFactory(name_en=f"Venture {index}")

    second = Client().get(MAP, {"page": 2, "sort": "name"}).content.decode()

    assert ">Venture 2</a>" in second
    assert ">Venture 0</a>" not in second
    assert "Page 2 of 3" in second
    assert 'href="?sort=name&amp;page=3"' in second


def _chain() -> list[Any]:
    """Four actors in a row: a - b - c - d."""
    actors = [VentureFactory(name_en=name) for name in ("Alpha", "Beta", "Gamma", "Delta")]
    for source, target in itertools.pairwise(actors):
        RelationFactory(source=source, target=target, kind="mentoring")
    return actors


def test_the_table_and_downloads_follow_the_focused_ego_network() -> None:
    alpha, *_others = _chain()

    one_step = Client().get(MAP, {"focus": alpha.pk, "ego": 1}).content.decode()
    two_steps = Client().get(ACTORS_CSV, {"focus": alpha.pk, "ego": 2}).content.decode()
    relations = Client().get(RELATIONS_CSV, {"focus": alpha.pk, "ego": 2}).content.decode()

    assert ">Beta</a>" in one_step
    assert ">Gamma</a>" not in one_step
    assert "Alpha and the actors it is related to" in one_step
    assert f'href="/en/network/map/actors.csv?focus={alpha.pk}&amp;ego=1"' in one_step
    assert "Gamma" in two_steps and "Delta" not in two_steps
    assert len(relations.strip().splitlines()) == 3  # the header and two relations


def test_the_map_data_keeps_the_whole_view_when_an_actor_is_in_focus() -> None:
    alpha, *_others = _chain()

    data = Client().get(DATA, {"focus": alpha.pk, "ego": 1}).json()

    assert len(data["nodes"]) == 4  # the script hides the others, and can refocus


def test_a_focus_outside_the_view_is_ignored() -> None:
    _chain()
    outsider = OrganisationFactory(name_en="Outsider", is_public=False)

    html = Client().get(MAP, {"focus": outsider.pk, "ego": 1}).content.decode()

    assert ">Delta</a>" in html
    assert "Outsider" not in html


def test_each_row_links_to_its_ego_network() -> None:
    alpha, *_others = _chain()

    html = Client().get(MAP, {"sector": "ventures"}).content.decode()

    assert f'href="?sector=ventures&amp;focus={alpha.pk}&amp;ego=1#map-table"' in html


def test_actors_csv_has_a_bom_hebrew_names_and_only_public_rows(
    ecosystem: dict[str, Any],
) -> None:
    response = Client().get("/network/map/actors.csv")  # Hebrew, the default language
    body = response.content.decode("utf-8")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert {row[1] for row in rows[1:]} == {"כללית", "וולפליי"}
    assert len(rows[0]) == 8


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv() -> None:
    VentureFactory(name="=HYPERLINK(1)")

    body = Client().get(ACTORS_CSV).content.decode("utf-8")

    assert "'=HYPERLINK(1)" in body


def test_relations_csv_lists_the_visible_relations(
    ecosystem: dict[str, Any], personas: Any
) -> None:
    public = Client().get(RELATIONS_CSV).content.decode("utf-8").removeprefix("\ufeff")
    staff = _staff_client(personas).get(RELATIONS_CSV).content.decode("utf-8")

    rows = list(csv.reader(io.StringIO(public)))
    clalit, wellplay = ecosystem["clalit"].pk, ecosystem["wellplay"].pk
    assert [row[1:7] for row in rows[1:]] == [
        [str(clalit), "Clalit", str(wellplay), "Wellplay", "Partnership", "Focused"]
    ]
    assert len(list(csv.reader(io.StringIO(staff)))) == 4


def test_graphml_parses_back_into_the_same_graph(ecosystem: dict[str, Any], tmp_path: Any) -> None:
    VentureFactory(name_en='Tom & Jerry <"Ltd">')
    response = Client().get(GRAPHML)
    path = tmp_path / "map.graphml"
    path.write_bytes(response.content)

    graph = networkx.read_graphml(path)

    assert response["Content-Type"].startswith("application/graphml+xml")
    assert graph.number_of_nodes() == 3
    assert graph.number_of_edges() == 1
    labels = {data["label"] for _node, data in graph.nodes(data=True)}
    assert labels == {"Clalit", "Wellplay", 'Tom & Jerry <"Ltd">'}
    (_source, _target, edge), *_rest = graph.edges(data=True)
    partnership = Relation.objects.get(kind="partnership")
    assert edge == {"id": f"r{partnership.pk}", "kind": "partnership", "level": 3}


def test_staff_downloads_include_hidden_actors(ecosystem: dict[str, Any], personas: Any) -> None:
    client = _staff_client(personas)

    assert "Secret fund" in client.get(ACTORS_CSV).content.decode()
    assert "Secret fund" in client.get(GRAPHML).content.decode()
    assert "Secret fund" not in Client().get(GRAPHML).content.decode()


def _build(actors: int, relations_per_actor: int) -> None:
    community = CommunityFactory()
    domain = DomainFactory()
    hub = OrganisationFactory()
    for index in range(actors):
        venture = VentureFactory()
        venture.domains.add(domain)
        if index % 2:
            MembershipFactory(community=community, actor=venture)
        for kind in ["partnership", "pilot", "funding"][:relations_per_actor]:
            RelationFactory(source=hub, target=venture, kind=kind)


@pytest.mark.parametrize("path", [DATA, MAP, ACTORS_CSV, RELATIONS_CSV, GRAPHML])
def test_each_view_costs_the_same_queries_for_a_small_and_a_larger_graph(
    path: str, personas: Any, django_assert_max_num_queries: Any
) -> None:
    client = _staff_client(personas)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, {"domain": "term-0"}).status_code == 200
        return len(captured.captured_queries)

    _build(2, 1)
    small = count()
    _build(30, 3)
    larger = count()

    assert small == larger
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(path)


def test_the_layout_places_every_node_and_community_members_together() -> None:
    community = CommunityFactory()
    members = [VentureFactory() for _ in range(10)]
    for member in members:
        MembershipFactory(community=community, actor=member)
    loners = [OrganisationFactory() for _ in range(10)]
    graph = load_graph(None)

    positions = layout(graph)

    assert set(positions) == set(graph.nodes)
    assert len(set(positions.values())) == len(positions)  # no two nodes on one spot

    def spread(ids: list[int]) -> float:
        xs = [positions[i][0] for i in ids]
        return max(xs) - min(xs)

    everyone = [actor.pk for actor in members + loners]
    assert spread([m.pk for m in members]) < spread(everyone)
    assert layout(graph) == positions  # the same data gives the same picture
    assert len(map_document(graph)["nodes"]) == 20
