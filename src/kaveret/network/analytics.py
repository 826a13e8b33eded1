"""Network analytics of the ecosystem and of each community, and their cached snapshots.

``compute_analytics`` turns an ``EcosystemGraph`` (from ``graph.load_graph``, the one loader)
into a plain JSON-serialisable dict. It is slow on a large ecosystem, so pages and the API
never call it: a Celery task (``tasks.recompute_analytics``) stores its answer in an
``AnalyticsSnapshot``, one for what visitors may see and one for staff, and the pages read
the snapshot.

Betweenness uses python-igraph (C, about a hundred times faster than networkx here; see
docs/benchmarks.md). On a graph of more than ``EXACT_BETWEENNESS_LIMIT`` nodes it is
estimated from a fixed-seed sample of source nodes (Brandes and Pich, 2007): the paths from
the sampled sources to every node, scaled by nodes / sources.
"""

from __future__ import annotations

import datetime
import math
import random
import time
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import igraph
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kaveret.accounts.roles import is_ecosystem_staff
from kaveret.communities.models import Community
from kaveret.ecosystem.choices import Sector
from kaveret.ecosystem.models import Actor

from .graph import VENTURE_SECTOR, EcosystemGraph, GraphFilters, load_graph
from .models import AnalyticsSnapshot

FORMAT_VERSION = 1
ORGANISING_MODEL_SECTORS: tuple[str, ...] = (*Sector.values, VENTURE_SECTOR)
"""The sectors of seed 000's organising model, plus ventures: what a community should hold."""
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLE_SOURCES = 1000
BETWEENNESS_SEED = 20240701
TOP_BROKERS = 10
LISTED_ACTORS = 50  # isolated and shared actors listed by name; the counts are complete
QUARTER_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Jerusalem")


# --- Pure measures -----------------------------------------------------------------------


def density(node_count: int, pairs: int) -> float:
    """Distinct connected pairs over possible pairs (undirected); 0 with fewer than two nodes."""
    possible = node_count * (node_count - 1) / 2
    return pairs / possible if possible else 0.0


def shannon_diversity(counts: Iterable[int]) -> float:
    """Shannon index H = -sum(p ln p) over the categories with at least one member."""
    values = [count for count in counts if count > 0]
    total = sum(values)
    if not total:
        return 0.0
    return -sum(count / total * math.log(count / total) for count in values)


def sector_evenness(shannon: float) -> float:
    """Shannon index over its largest possible value, ln(number of organising-model sectors).

    1 means every sector of the model is equally present; a community lacking sectors
    scores lower even if the sectors it has are balanced.
    """
    return shannon / math.log(len(ORGANISING_MODEL_SECTORS))


def quarter_of(moment: datetime.datetime) -> str:
    """The calendar quarter of a moment in Israel, as ``2024-Q3``."""
    local = timezone.localtime(moment, QUARTER_TIME_ZONE) if timezone.is_aware(moment) else moment
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def _quarters_between(first: str, last: str) -> list[str]:
    year, quarter = int(first[:4]), int(first[-1])
    quarters = []
    while f"{year}-Q{quarter}" <= last:
        quarters.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def growth_by_quarter(
    actor_times: Iterable[datetime.datetime], relation_times: Iterable[datetime.datetime]
) -> list[dict[str, Any]]:
    """Actors and relations added per quarter, every quarter from the first to the last."""
    actors = Counter(quarter_of(moment) for moment in actor_times)
    relations = Counter(quarter_of(moment) for moment in relation_times)
    seen = set(actors) | set(relations)
    if not seen:
        return []
    return [
        {"quarter": quarter, "actors": actors[quarter], "relations": relations[quarter]}
        for quarter in _quarters_between(min(seen), max(seen))
    ]


def betweenness(
    node_ids: list[int], pairs: set[tuple[int, int]], *, sample: int | None = None
) -> tuple[dict[int, float], dict[str, Any]]:
    """Normalised betweenness of every node, exact or estimated from sampled sources.

    Normalised as networkx does for undirected graphs: divided by (n-1)(n-2)/2, so 1 means
    the node lies on every shortest path between the others. Returns the values and how
    they were computed.
    """
    count = len(node_ids)
    if count < 3:
        return dict.fromkeys(node_ids, 0.0), {"method": "exact", "sources": count}
    index = {node_id: position for position, node_id in enumerate(node_ids)}
    network = igraph.Graph(n=count, edges=[(index[a], index[b]) for a, b in pairs])
    sample = BETWEENNESS_SAMPLE_SOURCES if sample is None else sample
    if count <= EXACT_BETWEENNESS_LIMIT or sample >= count:
        raw = network.betweenness(directed=False)
        method = {"method": "exact", "sources": count}
        scale = 1.0
    else:
        sources = random.Random(BETWEENNESS_SEED).sample(range(count), sample)
        # With every node as a source igraph gives exactly the full betweenness; with a
        # random sample of sources it sees that fraction of the paths on average, so the
        # estimate is scaled back by count / sample.
        raw = network.betweenness(sources=sources, targets=None, directed=False)
        method = {"method": "sampled", "sources": sample}
        scale = count / sample
    normaliser = (count - 1) * (count - 2) / 2
    values = {node_ids[i]: value * scale / normaliser for i, value in enumerate(raw)}
    return values, method


# --- One scope: the ecosystem or a community ----------------------------------------------


def _scope(
    graph: EcosystemGraph,
    members: set[int],
    pairs: set[tuple[int, int]],
    relation_times: list[datetime.datetime],
    centrality: dict[int, float],
    community_of: dict[int, list[str]],
) -> dict[str, Any]:
    nodes = [graph.nodes[node_id] for node_id in sorted(members)]
    by_sector = Counter(node.sector for node in nodes)
    by_kind = Counter(node.kind or "" for node in nodes)
    connected = {node_id for pair in pairs for node_id in pair}
    isolated = [node for node in nodes if node.id not in connected]
    shannon = shannon_diversity(by_sector.values())
    brokers = sorted(
        (node for node in nodes if centrality.get(node.id, 0.0) > 0),
        key=lambda node: (-centrality[node.id], node.id),
    )[:TOP_BROKERS]
    return {
        "actors": len(nodes),
        "relations": len(pairs),
        "by_sector": {sector: by_sector[sector] for sector in ORGANISING_MODEL_SECTORS},
        "by_kind": dict(sorted(by_kind.items())),
        "density": density(len(nodes), len(pairs)),
        "shannon_diversity": shannon,
        "sector_evenness": sector_evenness(shannon),
        "missing_sectors": [s for s in ORGANISING_MODEL_SECTORS if not by_sector[s]],
        "isolated_count": len(isolated),
        "isolated": [_actor(node, community_of) for node in isolated[:LISTED_ACTORS]],
        "brokers": [
            {**_actor(node, community_of), "betweenness": centrality[node.id]} for node in brokers
        ],
        "growth": growth_by_quarter((node.created_at for node in nodes), relation_times),
    }


def _actor(node: Any, community_of: dict[int, list[str]]) -> dict[str, Any]:
    return {
        "id": node.id,
        "name": node.name,
        "name_en": node.name_en,
        "name_ar": node.name_ar,
        "actor_type": node.actor_type,
        "sector": node.sector,
        "communities": community_of.get(node.id, []),
    }


def compute_analytics(
    graph: EcosystemGraph, *, betweenness_sample: int | None = None
) -> dict[str, Any]:
    """Every figure of the analytics page, for the ecosystem and for each community.

    Relations count as undirected distinct pairs (two relations of different kinds
    between the same actors are one tie). A community is its active members and the
    relations among them. Brokers are ranked by betweenness in the whole ecosystem, so a
    community's brokers are its members who tie it to the rest. The answer is plain JSON.
    """
    pairs: set[tuple[int, int]] = set()
    for edge in graph.edges:
        if edge.source != edge.target:
            pairs.add((min(edge.source, edge.target), max(edge.source, edge.target)))
    node_ids = sorted(graph.nodes)
    centrality, method = betweenness(node_ids, pairs, sample=betweenness_sample)

    community_of: dict[int, list[str]] = defaultdict(list)
    groups_of: dict[int, set[int]] = defaultdict(set)
    for group in sorted(graph.communities.values(), key=lambda group: group.slug):
        for member in group.members:
            community_of[member].append(group.slug)
            groups_of[member].add(group.id)

    # One pass over the relations finds those inside each community, whatever their number.
    inner_pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)
    inner_times: dict[int, list[datetime.datetime]] = defaultdict(list)
    for edge in graph.edges:
        if edge.source == edge.target:
            continue
        for group_id in groups_of.get(edge.source, set()) & groups_of.get(edge.target, set()):
            inner_pairs[group_id].add(
                (min(edge.source, edge.target), max(edge.source, edge.target))
            )
            inner_times[group_id].append(edge.created_at)

    ecosystem = _scope(
        graph,
        set(graph.nodes),
        pairs,
        [edge.created_at for edge in graph.edges],
        centrality,
        community_of,
    )
    communities = []
    for group in sorted(graph.communities.values(), key=lambda group: group.name):
        communities.append(
            {
                "id": group.id,
                "slug": group.slug,
                "name": group.name,
                "name_en": group.name_en,
                "name_ar": group.name_ar,
                **_scope(
                    graph,
                    group.members,
                    inner_pairs[group.id],
                    inner_times[group.id],
                    centrality,
                    community_of,
                ),
            }
        )
    shared = sorted(
        (node_id for node_id, slugs in community_of.items() if len(slugs) > 1),
        key=lambda node_id: (-len(community_of[node_id]), node_id),
    )
    return {
        "version": FORMAT_VERSION,
        "betweenness": method,
        "ecosystem": ecosystem,
        "communities": communities,
        "shared_count": len(shared),
        "shared": [_actor(graph.nodes[node_id], community_of) for node_id in shared][
            :LISTED_ACTORS
        ],
    }


# --- Snapshots -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _SeesEverything:
    """Stands for staff when the task loads the full graph: it acts for no one."""

    pk: None = None
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = True


def viewer_for(visibility: str) -> Any:
    """Whom the graph of a snapshot is loaded for: an anonymous visitor, or staff."""
    return _SeesEverything() if visibility == AnalyticsSnapshot.Visibility.FULL else None


def visibility_for_user(user: Any) -> str:
    """Staff read the full snapshot; everyone else the public one."""
    if is_ecosystem_staff(user):
        return AnalyticsSnapshot.Visibility.FULL
    return AnalyticsSnapshot.Visibility.PUBLIC


def snapshot_for_user(user: Any) -> AnalyticsSnapshot | None:
    """The snapshot this user may read, or None if it was never computed nor requested.

    The public snapshot's figures are passed through ``still_public_figures``: they were
    computed earlier, and a community or actor may have been hidden since.
    """
    snapshot = AnalyticsSnapshot.objects.filter(visibility=visibility_for_user(user)).first()
    if snapshot is not None and snapshot.visibility == AnalyticsSnapshot.Visibility.PUBLIC:
        snapshot.data = still_public_figures(snapshot.data)
    return snapshot


def _listed_actors(figures: dict[str, Any]) -> Iterable[list[dict[str, Any]]]:
    """Every list of actors the figures name: per scope isolated and brokers, and shared."""
    for scope in (figures["ecosystem"], *figures["communities"]):
        yield scope["isolated"]
        yield scope["brokers"]
    yield figures["shared"]


def still_public_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """The public figures without the communities and listed actors hidden since they ran.

    Figures are computed in the background, so between two runs a community or an actor
    may have stopped being public; visitors must not read its name. The counts stay as
    computed until the next run. Two queries, whatever the number of listed actors.
    """
    if not figures:
        return figures
    community_ids = [community["id"] for community in figures["communities"]]
    public_slugs = dict(
        Community.objects.filter(is_public=True, id__in=community_ids).values_list("id", "slug")
    )
    listed_ids = {actor["id"] for actors in _listed_actors(figures) for actor in actors}
    public_actor_ids = set(
        Actor.objects.filter(is_public=True, id__in=listed_ids).values_list("id", flat=True)
    )
    slugs = set(public_slugs.values())

    def keep(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {**actor, "communities": [slug for slug in actor["communities"] if slug in slugs]}
            for actor in actors
            if actor["id"] in public_actor_ids
        ]

    def scope(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "isolated": keep(data["isolated"]), "brokers": keep(data["brokers"])}

    return {
        **figures,
        "ecosystem": scope(figures["ecosystem"]),
        "communities": [
            scope(community)
            for community in figures["communities"]
            if community["id"] in public_slugs
        ],
        "shared": keep(figures["shared"]),
    }


def mark_recompute_requested() -> datetime.datetime:
    """Note on both snapshots that fresher figures were asked for; returns that moment."""
    now = timezone.now()
    for visibility in AnalyticsSnapshot.Visibility.values:
        AnalyticsSnapshot.objects.update_or_create(
            visibility=visibility, defaults={"requested_at": now}
        )
    return now


def store_snapshot(*, visibility: str, requested_at: datetime.datetime | None = None) -> bool:
    """Compute the analytics for one visibility and store them; False if already fresh.

    The computation is skipped when the stored snapshot read the data after
    ``requested_at``: a burst of relation changes then costs one run, not one each. The
    figures are stored only if the stored ones read the data before this run did, so runs
    finishing out of order keep the newest; False then too.
    """
    if requested_at is not None:
        current = AnalyticsSnapshot.objects.filter(visibility=visibility).first()
        if current and current.computed_at and current.computed_at >= requested_at:
            return False
    computed_at = timezone.now()
    started = time.perf_counter()
    graph = load_graph(viewer_for(visibility), GraphFilters())
    data = compute_analytics(graph)
    duration = time.perf_counter() - started
    with transaction.atomic():
        AnalyticsSnapshot.objects.get_or_create(visibility=visibility)
        # Conditional update: a slow run that read the data earlier than one that already
        # finished must not replace the newer figures with its older ones.
        written = (
            AnalyticsSnapshot.objects.filter(visibility=visibility)
            .filter(Q(computed_at__isnull=True) | Q(computed_at__lt=computed_at))
            .update(
                computed_at=computed_at,
                duration_seconds=duration,
                node_count=len(graph.nodes),
                edge_count=len(graph.edges),
                data=data,
            )
        )
    return bool(written)
