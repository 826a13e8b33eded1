"""The analytics on small graphs whose answers are known by hand."""

from __future__ import annotations

import datetime
import json
import math

import pytest

from kaveret.network import analytics
from kaveret.network.analytics import compute_analytics, growth_by_quarter, quarter_of
from kaveret.network.graph import CommunityGroup, EcosystemGraph, Edge, Node

UTC = datetime.UTC
CREATED = datetime.datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def _node(pk: int, sector: str = "third_sector", kind: str = "ngo") -> Node:
    actor_type = "venture" if sector == "ventures" else "organisation"
    return Node(pk, f"שחקן {pk}", f"Actor {pk}", "", actor_type, kind, sector, True, CREATED)


def _graph(
    sectors: dict[int, str],
    ties: list[tuple[int, int]],
    communities: dict[str, set[int]] | None = None,
) -> EcosystemGraph:
    nodes = {pk: _node(pk, sector) for pk, sector in sectors.items()}
    edges = [
        Edge(i, a, b, "partnership", None, None, None, CREATED) for i, (a, b) in enumerate(ties, 1)
    ]
    groups = {
        i: CommunityGroup(i, slug, slug, slug, "", members)
        for i, (slug, members) in enumerate((communities or {}).items(), 1)
    }
    return EcosystemGraph(nodes, edges, groups)


def _community(result: dict, slug: str) -> dict:
    return next(c for c in result["communities"] if c["slug"] == slug)


def test_density_of_a_triangle_and_an_isolated_actor_is_one_half() -> None:
    graph = _graph(dict.fromkeys([1, 2, 3, 4], "third_sector"), [(1, 2), (2, 3), (3, 1)])

    ecosystem = compute_analytics(graph)["ecosystem"]

    assert ecosystem["density"] == pytest.approx(3 / 6)
    assert ecosystem["isolated_count"] == 1
    assert [actor["id"] for actor in ecosystem["isolated"]] == [4]


def test_two_relations_between_the_same_pair_count_as_one_tie() -> None:
    graph = _graph({1: "business", 2: "ventures"}, [(1, 2), (2, 1), (1, 2)])

    ecosystem = compute_analytics(graph)["ecosystem"]

    assert ecosystem["relations"] == 1
    assert ecosystem["density"] == 1.0


def test_shannon_diversity_of_an_even_two_sector_mix_is_ln_2() -> None:
    graph = _graph({1: "third_sector", 2: "third_sector", 3: "business", 4: "business"}, [])

    ecosystem = compute_analytics(graph)["ecosystem"]

    assert ecosystem["shannon_diversity"] == pytest.approx(math.log(2))
    assert ecosystem["sector_evenness"] == pytest.approx(math.log(2) / math.log(7))
    assert ecosystem["by_sector"]["third_sector"] == 2
    assert ecosystem["by_sector"]["academia"] == 0


def test_one_sector_has_no_diversity_and_all_seven_are_perfectly_even() -> None:
    one = _graph({1: "business", 2: "business"}, [])
    seven = _graph(dict(enumerate(analytics.ORGANISING_MODEL_SECTORS, 1)), [])

    assert compute_analytics(one)["ecosystem"]["shannon_diversity"] == 0
    assert compute_analytics(seven)["ecosystem"]["sector_evenness"] == pytest.approx(1.0)


def test_a_community_is_told_which_sectors_it_still_lacks() -> None:
    graph = _graph({1: "third_sector", 2: "ventures", 3: "academia"}, [], {"techability": {1, 2}})

    community = _community(compute_analytics(graph), "techability")

    assert community["missing_sectors"] == [
        "public_central",
        "public_local",
        "business",
        "philanthropy",
        "academia",
    ]
    assert compute_analytics(graph)["ecosystem"]["missing_sectors"] == [
        "public_central",
        "public_local",
        "business",
        "philanthropy",
    ]


def _two_communities_and_a_bridge() -> EcosystemGraph:
    # Triangle 1-2-3 (ageing), triangle 5-6-7 (employment), tied only through actor 4.
    return _graph(
        dict.fromkeys(range(1, 8), "third_sector"),
        [(1, 2), (2, 3), (1, 3), (3, 4), (4, 5), (5, 6), (6, 7), (5, 7)],
        {"ageing": {1, 2, 3}, "employment": {5, 6, 7}},
    )


def test_the_actor_between_two_communities_is_the_top_broker() -> None:
    result = compute_analytics(_two_communities_and_a_bridge())

    brokers = result["ecosystem"]["brokers"]
    # Actor 4 lies on all 9 shortest paths between the triangles, out of 15 pairs of others;
    # 3 and 5 each on the 8 paths from their two neighbours to the four actors beyond.
    assert [(b["id"], round(b["betweenness"], 4)) for b in brokers] == [
        (4, round(9 / 15, 4)),
        (3, round(8 / 15, 4)),
        (5, round(8 / 15, 4)),
    ]
    assert result["betweenness"] == {"method": "exact", "sources": 7}


def test_a_communitys_brokers_are_its_members_who_tie_it_to_the_rest() -> None:
    result = compute_analytics(_two_communities_and_a_bridge())

    ageing = _community(result, "ageing")
    assert [broker["id"] for broker in ageing["brokers"]] == [3]
    assert ageing["brokers"][0]["communities"] == ["ageing"]
    assert ageing["density"] == 1.0


def test_sampled_betweenness_still_finds_the_bridge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analytics, "EXACT_BETWEENNESS_LIMIT", 10)
    # Two cliques of 15 whose members all know actor 100, the only tie between them.
    left, right = range(1, 16), range(16, 31)
    ties = [(a, b) for group in (left, right) for a in group for b in group if a < b]
    ties += [(member, 100) for member in (*left, *right)]
    graph = _graph(dict.fromkeys([*left, *right, 100], "business"), ties)

    result = compute_analytics(graph, betweenness_sample=12)

    assert result["betweenness"] == {"method": "sampled", "sources": 12}
    assert result["ecosystem"]["brokers"][0]["id"] == 100


def test_actors_in_several_communities_are_listed_as_shared() -> None:
    graph = _graph(
        dict.fromkeys([1, 2, 3], "ventures"),
        [],
        {"ageing": {1, 2}, "employment": {2, 3}, "health": {2}},
    )

    result = compute_analytics(graph)

    assert result["shared_count"] == 1
    assert result["shared"][0]["id"] == 2
    assert result["shared"][0]["communities"] == ["ageing", "employment", "health"]


def test_a_community_member_without_ties_to_other_members_is_isolated_there() -> None:
    graph = _graph(dict.fromkeys([1, 2, 3], "ventures"), [(1, 3)], {"ageing": {1, 2}})

    ageing = _community(compute_analytics(graph), "ageing")

    assert [actor["id"] for actor in ageing["isolated"]] == [1, 2]
    assert ageing["relations"] == 0


def test_quarters_are_counted_in_israel_time() -> None:
    # 31 March 22:30 UTC is already 1 April in Jerusalem (UTC+3 in summer time).
    assert quarter_of(datetime.datetime(2024, 3, 31, 22, 30, tzinfo=UTC)) == "2024-Q2"
    # 31 December 23:00 UTC is 1 January in Jerusalem (UTC+2 in winter).
    assert quarter_of(datetime.datetime(2023, 12, 31, 23, 0, tzinfo=UTC)) == "2024-Q1"
    assert quarter_of(datetime.datetime(2023, 12, 31, 21, 0, tzinfo=UTC)) == "2023-Q4"


def test_growth_lists_every_quarter_from_the_first_to_the_last() -> None:
    actors = [
        datetime.datetime(2023, 11, 1, tzinfo=UTC),
        datetime.datetime(2023, 12, 1, tzinfo=UTC),
        datetime.datetime(2024, 5, 1, tzinfo=UTC),
    ]
    relations = [datetime.datetime(2024, 5, 2, tzinfo=UTC)]

    assert growth_by_quarter(actors, relations) == [
        {"quarter": "2023-Q4", "actors": 2, "relations": 0},
        {"quarter": "2024-Q1", "actors": 0, "relations": 0},
        {"quarter": "2024-Q2", "actors": 1, "relations": 1},
    ]


def test_the_result_is_plain_json() -> None:
    result = compute_analytics(_two_communities_and_a_bridge())

    assert json.loads(json.dumps(result)) == result


def test_an_empty_ecosystem_has_no_figures_to_divide_by_zero() -> None:
    ecosystem = compute_analytics(_graph({}, []))["ecosystem"]

    assert ecosystem["actors"] == 0
    assert ecosystem["density"] == 0
    assert ecosystem["shannon_diversity"] == 0
    assert ecosystem["growth"] == []


def test_a_communitys_growth_counts_only_relations_among_its_members() -> None:
    graph = _graph(
        dict.fromkeys([1, 2, 3], "ventures"), [(1, 2), (2, 1), (2, 3)], {"ageing": {1, 2}}
    )

    ageing = _community(compute_analytics(graph), "ageing")

    assert ageing["relations"] == 1  # one tie between 1 and 2
    assert ageing["growth"] == [{"quarter": "2024-Q2", "actors": 2, "relations": 2}]
