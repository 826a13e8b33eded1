"""The ecosystem as a graph: actors as nodes, relations as edges, communities as groups.

One loader serves the map, its table and downloads, and the analytics, so all of them
agree on what the user may see and what the filters mean. It reads with ``values()`` in
a fixed, small number of queries whatever the size of the ecosystem.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from kaveret.accounts.roles import is_ecosystem_staff
from kaveret.communities.models import Community, Membership, MembershipStatus
from kaveret.communities.rules import visible_community_condition
from kaveret.ecosystem.choices import ActorType
from kaveret.ecosystem.models import Actor, Relation

VENTURE_SECTOR = "ventures"
"""The group ventures stand in on the map (organisations stand in their sector)."""


@dataclass(frozen=True)
class GraphFilters:
    """What part of the ecosystem to draw or measure; empty values filter nothing."""

    community: str = ""  # a community slug: its members and the relations among them
    sector: str = ""  # an organisation sector, or "ventures"
    kind: str = ""  # an organisation kind or a venture type
    domain: str = ""
    population: str = ""
    region: str = ""
    relation_kind: str = ""
    level: int | None = None  # a partnership level on the continuum
    active_on_or_after: datetime.date | None = None
    active_on_or_before: datetime.date | None = None


@dataclass
class Node:
    id: int
    name: str
    name_en: str
    name_ar: str
    actor_type: str
    kind: str
    sector: str
    is_public: bool
    created_at: datetime.datetime


@dataclass
class Edge:
    id: int
    source: int
    target: int
    kind: str
    level: int | None
    started_on: datetime.date | None
    ended_on: datetime.date | None
    created_at: datetime.datetime


@dataclass
class CommunityGroup:
    id: int
    slug: str
    name: str
    name_en: str
    name_ar: str
    members: set[int] = field(default_factory=set)


@dataclass
class EcosystemGraph:
    nodes: dict[int, Node]
    edges: list[Edge]
    communities: dict[int, CommunityGroup]

    def degree(self) -> dict[int, int]:
        """How many edges touch each node."""
        degrees = dict.fromkeys(self.nodes, 0)
        for edge in self.edges:
            degrees[edge.source] += 1
            degrees[edge.target] += 1
        return degrees


def _actor_rows(user: Any, filters: GraphFilters) -> QuerySet[Actor]:
    actors = Actor.objects.all()
    if not is_ecosystem_staff(user):
        actors = actors.filter(is_public=True)
    if filters.community:
        actors = actors.filter(
            memberships__community__slug=filters.community,
            memberships__status=MembershipStatus.ACTIVE,
        )
    if filters.sector == VENTURE_SECTOR:
        actors = actors.filter(actor_type=ActorType.VENTURE)
    elif filters.sector:
        actors = actors.filter(organisation__sector=filters.sector)
    if filters.kind:
        actors = actors.filter(
            Q(organisation__kind=filters.kind) | Q(venture__venture_type=filters.kind)
        )
    if filters.domain:
        actors = actors.filter(domains__slug=filters.domain)
    if filters.population:
        actors = actors.filter(target_populations__slug=filters.population)
    if filters.region:
        actors = actors.filter(regions__slug=filters.region)
    return actors


def _relation_rows(user: Any, filters: GraphFilters) -> QuerySet[Relation]:
    relations = Relation.objects.all()
    if not is_ecosystem_staff(user):
        relations = relations.filter(is_public=True)
    if filters.relation_kind:
        relations = relations.filter(kind=filters.relation_kind)
    if filters.level is not None:
        relations = relations.filter(level=filters.level)
    if filters.active_on_or_after:
        # Still running on or after that day: not ended before it.
        relations = relations.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=filters.active_on_or_after)
        )
    if filters.active_on_or_before:
        relations = relations.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=filters.active_on_or_before)
        )
    return relations


def load_graph(user: Any, filters: GraphFilters | None = None) -> EcosystemGraph:
    """The part of the ecosystem the user may see that the filters select.

    Edges are kept only where both ends are nodes. Four queries.
    """
    filters = filters or GraphFilters()
    nodes: dict[int, Node] = {}
    for row in (
        _actor_rows(user, filters)
        .values_list(
            "id",
            "name",
            "name_en",
            "name_ar",
            "actor_type",
            "organisation__kind",
            "organisation__sector",
            "venture__venture_type",
            "is_public",
            "created_at",
        )
        .distinct()
        .order_by("id")
    ):
        pk, name, name_en, name_ar, actor_type, kind, sector, venture_type, public, created = row
        is_venture = actor_type == ActorType.VENTURE
        nodes[pk] = Node(
            id=pk,
            name=name,
            name_en=name_en,
            name_ar=name_ar,
            actor_type=actor_type,
            kind=venture_type if is_venture else kind,
            sector=VENTURE_SECTOR if is_venture else sector,
            is_public=public,
            created_at=created,
        )
    edges = [
        Edge(*row)
        for row in _relation_rows(user, filters)
        .values_list(
            "id", "source_id", "target_id", "kind", "level", "started_on", "ended_on", "created_at"
        )
        .order_by("id")
        if row[1] in nodes and row[2] in nodes
    ]
    return EcosystemGraph(nodes=nodes, edges=edges, communities=_communities(user, nodes))


def _communities(user: Any, nodes: dict[int, Node]) -> dict[int, CommunityGroup]:
    # The communities this user may see: hidden ones only for their members and admins.
    communities = Community.objects.filter(visible_community_condition(user))
    groups = {
        pk: CommunityGroup(id=pk, slug=slug, name=name, name_en=name_en, name_ar=name_ar)
        for pk, slug, name, name_en, name_ar in communities.values_list(
            "id", "slug", "name", "name_en", "name_ar"
        )
    }
    members: dict[int, set[int]] = defaultdict(set)
    for community_id, actor_id in Membership.objects.filter(
        status=MembershipStatus.ACTIVE, actor__isnull=False, community_id__in=list(groups)
    ).values_list("community_id", "actor_id"):
        if actor_id in nodes:
            members[community_id].add(actor_id)
    for community_id, actor_ids in members.items():
        groups[community_id].members = actor_ids
    return groups
