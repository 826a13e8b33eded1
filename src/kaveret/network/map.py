"""The map of the ecosystem: the loaded graph laid out, labelled and serialised.

``load_graph`` decides what the user may see and what the filters select; this module only
turns that graph into what the map, its table and its downloads show: a JSON document for
the renderer, table rows, CSV and GraphML. Nothing here queries the database, so every
output costs the loader's four queries and no more.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kaveret.core.spreadsheets import csv_text, escape_formula
from kaveret.ecosystem.choices import (
    ActorType,
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureType,
)

from .graph import VENTURE_SECTOR, EcosystemGraph, Node

# Colours chosen from a colour-blind-safe palette (Okabe and Ito), one per sector.
SECTOR_COLOURS: dict[str, str] = {
    Sector.PUBLIC_CENTRAL: "#0072B2",
    Sector.PUBLIC_LOCAL: "#56B4E9",
    Sector.THIRD_SECTOR: "#009E73",
    Sector.BUSINESS: "#E69F00",
    Sector.PHILANTHROPY: "#CC79A7",
    Sector.ACADEMIA: "#8C6D1F",
    VENTURE_SECTOR: "#D55E00",
}
COMMUNITY_COLOURS = [
    "#0072B2",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#555555",
    "#44AA99",
]

# Each relation kind keeps a colour; the level of a partnership sets the width (1 to 5 on
# the continuum). Dashed lines would tell kinds apart without colour, but sigma 4's dashed
# edge layer drew nothing in our tests: colour and the legend (and the table) must do.
RELATION_STYLES: dict[str, dict[str, str]] = {
    RelationKind.PARTNERSHIP: {"colour": "#4D4D4D"},
    RelationKind.FUNDING: {"colour": "#CC79A7"},
    RelationKind.MEMBERSHIP: {"colour": "#9E9E9E"},
    RelationKind.FOUNDER: {"colour": "#0072B2"},
    RelationKind.INVESTMENT: {"colour": "#E69F00"},
    RelationKind.PILOT: {"colour": "#009E73"},
    RelationKind.MENTORING: {"colour": "#56B4E9"},
    RelationKind.SUPPLY: {"colour": "#8C6D1F"},
}

SECTOR_LABELS: dict[str, Any] = {**dict(Sector.choices), VENTURE_SECTOR: _("Ventures")}
KIND_LABELS: dict[str, Any] = {**dict(OrganisationKind.choices), **dict(VentureType.choices)}
TYPE_LABELS: dict[str, Any] = dict(ActorType.choices)
RELATION_LABELS: dict[str, Any] = dict(RelationKind.choices)
LEVEL_LABELS: dict[int, Any] = dict(PartnershipLevel.choices)

NODE_SHAPES = {ActorType.ORGANISATION: "square", ActorType.VENTURE: "circle"}

# Columns of the table: the key in the query string and how rows sort by it.
TABLE_SORTS = ("name", "type", "kind", "sector", "degree", "communities")


@dataclass
class MapRow:
    """One actor as the table and the CSV show it."""

    id: int
    name: str
    actor_type: str
    type_label: str
    kind: str
    kind_label: str
    sector: str
    sector_label: str
    degree: int
    communities: list[str]
    url: str


def display_name(name: str, name_en: str, name_ar: str) -> str:
    """The name in the active language, falling back to Hebrew (as the models do)."""
    language = (translation.get_language() or "he")[:2]
    if language == "en" and name_en:
        return name_en
    if language == "ar" and name_ar:
        return name_ar
    return name


class _ActorUrls:
    """Actor page addresses without a ``reverse`` per node: one per type, then formatted."""

    PLACEHOLDER = "2147483647"

    def __init__(self) -> None:
        self.templates: dict[str, str] = {
            ActorType.VENTURE: reverse("ecosystem:venture_detail", args=[self.PLACEHOLDER]),
            ActorType.ORGANISATION: reverse(
                "ecosystem:organisation_detail", args=[self.PLACEHOLDER]
            ),
        }

    def __call__(self, node: Node) -> str:
        template = self.templates.get(node.actor_type, self.templates[ActorType.ORGANISATION])
        return template.replace(self.PLACEHOLDER, str(node.id))


def communities_of_nodes(graph: EcosystemGraph) -> dict[int, list[int]]:
    """For each node, the ids of the communities it belongs to, in community order."""
    memberships: dict[int, list[int]] = defaultdict(list)
    for community_id in sorted(graph.communities):
        for actor_id in graph.communities[community_id].members:
            memberships[actor_id].append(community_id)
    return memberships


def layout(graph: EcosystemGraph) -> dict[int, tuple[float, float]]:
    """Positions that show communities as clusters, in linear time.

    Members of one community gather round its centre, the communities sit on a circle,
    actors shared by several communities sit between their centres (so the groups
    overlap), and the actors of no community form one cluster per sector on an outer
    ring. Each cluster is a sunflower (golden-angle spiral), so nodes never pile up and the
    same data always gives the same picture. A force layout of 5,000 nodes took seconds in
    networkx; this takes milliseconds and keeps the groups readable.
    """
    memberships = communities_of_nodes(graph)
    clusters: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for node_id in graph.nodes:
        communities = memberships.get(node_id)
        if communities:
            clusters[("community", *communities)].append(node_id)
        else:
            clusters[("sector", graph.nodes[node_id].sector)].append(node_id)

    def radius(count: int) -> float:
        return math.sqrt(count) * 1.2 + 1.0

    community_ids = sorted({c for key in clusters if key[0] == "community" for c in key[1:]})
    sectors = sorted({key[1] for key in clusters if key[0] == "sector"})
    community_radius = max(
        (radius(len(ids)) for key, ids in clusters.items() if key[0] == "community"), default=0.0
    )
    sector_radius = max(
        (radius(len(ids)) for key, ids in clusters.items() if key[0] == "sector"), default=0.0
    )
    centres = _ring(community_ids, community_radius, inner=0.0)
    # Actors of no community stay outside every community's area.
    outside = 0.0
    if community_ids:
        outside = _ring_radius(len(community_ids), community_radius) + community_radius
        outside += sector_radius * 1.3
    sector_centres = _ring(sectors, sector_radius, inner=outside, offset=0.5)

    golden_angle = math.pi * (3 - math.sqrt(5))
    positions: dict[int, tuple[float, float]] = {}
    for key, node_ids in clusters.items():
        if key[0] == "sector":
            centre_x, centre_y = sector_centres[key[1]]
        else:
            points = [centres[community_id] for community_id in key[1:]]
            centre_x = sum(point[0] for point in points) / len(points)
            centre_y = sum(point[1] for point in points) / len(points)
        for index, node_id in enumerate(sorted(node_ids)):
            distance = 1.2 * math.sqrt(index + 0.5)
            angle = index * golden_angle
            positions[node_id] = (
                round(centre_x + distance * math.cos(angle), 3),
                round(centre_y + distance * math.sin(angle), 3),
            )
    return positions


def _ring_radius(count: int, cluster_radius: float) -> float:
    """How far from the centre ``count`` clusters must sit so that neighbours do not touch."""
    if count < 2:
        return 0.0
    return 1.15 * cluster_radius / math.sin(math.pi / count)


def _ring(
    keys: list[Any], cluster_radius: float, *, inner: float, offset: float = 0.0
) -> dict[Any, tuple[float, float]]:
    """Centres for clusters spread evenly on a circle at least ``inner`` from the middle."""
    distance = max(inner, _ring_radius(len(keys), cluster_radius))
    return {
        key: (
            distance * math.cos(2 * math.pi * (index + offset) / len(keys)),
            distance * math.sin(2 * math.pi * (index + offset) / len(keys)),
        )
        for index, key in enumerate(keys)
    }


def ego_network(graph: EcosystemGraph, centre: int, steps: int) -> EcosystemGraph:
    """The actors within ``steps`` relations of ``centre``, and the relations among them."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for edge in graph.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    kept = {centre}
    frontier = {centre}
    for _step in range(steps):
        frontier = {other for node in frontier for other in neighbours[node]} - kept
        kept |= frontier
    return EcosystemGraph(
        nodes={pk: node for pk, node in graph.nodes.items() if pk in kept},
        edges=[edge for edge in graph.edges if edge.source in kept and edge.target in kept],
        communities={
            pk: dataclasses.replace(group, members=group.members & kept)
            for pk, group in graph.communities.items()
        },
    )


def map_document(graph: EcosystemGraph) -> dict[str, Any]:
    """What the renderer needs: nodes with positions, edges, community groups.

    Edges are arrays ``[source, target, kind, level]`` (named in ``edge_fields``) because
    20,000 of them as objects would double the download.
    """
    degrees = graph.degree()
    positions = layout(graph)
    memberships = communities_of_nodes(graph)
    url_of = _ActorUrls()
    nodes = []
    for node in graph.nodes.values():
        x, y = positions[node.id]
        nodes.append(
            {
                "id": node.id,
                "label": display_name(node.name, node.name_en, node.name_ar),
                "type": node.actor_type,
                "kind": node.kind or "",
                "sector": node.sector or "",
                "degree": degrees[node.id],
                "communities": memberships.get(node.id, []),
                "x": x,
                "y": y,
                "url": url_of(node),
            }
        )
    communities = [
        {
            "id": group.id,
            "slug": group.slug,
            "label": display_name(group.name, group.name_en, group.name_ar),
            "colour": COMMUNITY_COLOURS[index % len(COMMUNITY_COLOURS)],
        }
        # Numbered among all visible communities, so a community keeps its colour
        # whatever the filters leave of the others.
        for index, group in enumerate(graph.communities[pk] for pk in sorted(graph.communities))
        if group.members
    ]
    return {
        "nodes": nodes,
        "edge_fields": ["source", "target", "kind", "level"],
        "edges": [[edge.source, edge.target, edge.kind, edge.level] for edge in graph.edges],
        "communities": communities,
    }


def legend() -> dict[str, Any]:
    """Colours and shapes with their translated names, for the page and its script."""
    return {
        "sectors": [
            {"value": value, "label": str(SECTOR_LABELS[value]), "colour": colour}
            for value, colour in SECTOR_COLOURS.items()
        ],
        "types": [
            {"value": value, "label": str(TYPE_LABELS[value]), "shape": shape}
            for value, shape in NODE_SHAPES.items()
        ],
        "relations": [
            {"value": value, "label": str(RELATION_LABELS[value]), **style}
            for value, style in RELATION_STYLES.items()
        ],
        "levels": [{"value": value, "label": str(label)} for value, label in LEVEL_LABELS.items()],
    }


def table_rows(graph: EcosystemGraph, sort: str = "name") -> list[MapRow]:
    """The nodes as table rows, sorted by a column of ``TABLE_SORTS`` (``-`` for reverse)."""
    degrees = graph.degree()
    memberships = communities_of_nodes(graph)
    community_names = {
        pk: display_name(group.name, group.name_en, group.name_ar)
        for pk, group in graph.communities.items()
    }
    url_of = _ActorUrls()
    rows = [
        MapRow(
            id=node.id,
            name=display_name(node.name, node.name_en, node.name_ar),
            actor_type=node.actor_type,
            type_label=str(TYPE_LABELS.get(node.actor_type, node.actor_type)),
            kind=node.kind or "",
            kind_label=str(KIND_LABELS.get(node.kind or "", node.kind or "")),
            sector=node.sector or "",
            sector_label=str(SECTOR_LABELS.get(node.sector or "", node.sector or "")),
            degree=degrees[node.id],
            communities=[community_names[pk] for pk in memberships.get(node.id, [])],
            url=url_of(node),
        )
        for node in graph.nodes.values()
    ]
    column = sort.removeprefix("-")
    keys = {
        "name": lambda row: (row.name.casefold(), row.id),
        "type": lambda row: (row.type_label.casefold(), row.name.casefold(), row.id),
        "kind": lambda row: (row.kind_label.casefold(), row.name.casefold(), row.id),
        "sector": lambda row: (row.sector_label.casefold(), row.name.casefold(), row.id),
        "degree": lambda row: (row.degree, row.name.casefold(), row.id),
        "communities": lambda row: (len(row.communities), row.name.casefold(), row.id),
    }
    rows.sort(key=keys.get(column, keys["name"]), reverse=sort.startswith("-"))
    return rows


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    escaped = [[escape_formula(v) if isinstance(v, str) else v for v in row] for row in rows]
    return csv_text([header, *escaped])


def nodes_csv(graph: EcosystemGraph) -> str:
    """The actors of the view, one a row, with translated headers and labels."""
    header = [
        str(_("ID")),
        str(_("Name")),
        str(_("Type")),
        str(_("Kind")),
        str(_("Sector")),
        str(_("Relations")),
        str(_("Communities")),
        str(_("Address")),
    ]
    rows = [
        [
            row.id,
            row.name,
            row.type_label,
            row.kind_label,
            row.sector_label,
            row.degree,
            "; ".join(row.communities),
            row.url,
        ]
        for row in table_rows(graph)
    ]
    return _csv(header, rows)


def relations_csv(graph: EcosystemGraph) -> str:
    """The relations of the view, one a row, each end by id and name."""
    names = {
        pk: display_name(node.name, node.name_en, node.name_ar) for pk, node in graph.nodes.items()
    }
    header = [
        str(_("ID")),
        str(_("Source ID")),
        str(_("Source")),
        str(_("Target ID")),
        str(_("Target")),
        str(_("Relation kind")),
        str(_("Partnership level")),
        str(_("Started on")),
        str(_("Ended on")),
    ]
    rows = [
        [
            edge.id,
            edge.source,
            names[edge.source],
            edge.target,
            names[edge.target],
            str(RELATION_LABELS.get(edge.kind, edge.kind)),
            str(LEVEL_LABELS[edge.level]) if edge.level in LEVEL_LABELS else "",
            edge.started_on.isoformat() if edge.started_on else "",
            edge.ended_on.isoformat() if edge.ended_on else "",
        ]
        for edge in graph.edges
    ]
    return _csv(header, rows)


# Characters XML 1.0 forbids even when escaped.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return escape(_XML_FORBIDDEN.sub("", value))


_GRAPHML_NODE_KEYS = ("label", "type", "kind", "sector", "degree", "communities", "url")
_GRAPHML_EDGE_KEYS = ("kind", "level", "started_on", "ended_on")


def graphml(graph: EcosystemGraph) -> str:
    """The view as GraphML (for Gephi, yEd, networkx), written by hand with XML escaping.

    Every attribute is a string key declared once; values are the stored codes (``ngo``,
    ``pilot``) so that other tools can group by them, and the label is the display name.
    """
    rows = {row.id: row for row in table_rows(graph)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for key in _GRAPHML_NODE_KEYS:
        kind = "int" if key == "degree" else "string"
        lines.append(f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="{kind}"/>')
    for key in _GRAPHML_EDGE_KEYS:
        kind = "int" if key == "level" else "string"
        lines.append(f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="{kind}"/>')
    lines.append('  <graph id="kaveret" edgedefault="directed">')
    for node_id, row in rows.items():
        values = {
            "label": row.name,
            "type": row.actor_type,
            "kind": row.kind,
            "sector": row.sector,
            "degree": str(row.degree),
            "communities": "; ".join(row.communities),
            "url": row.url,
        }
        lines.append(f'    <node id="a{node_id}">')
        lines.extend(
            f'      <data key="n_{key}">{_xml_text(value)}</data>'
            for key, value in values.items()
            if value
        )
        lines.append("    </node>")
    for edge in graph.edges:
        values = {
            "kind": edge.kind,
            "level": str(edge.level) if edge.level is not None else "",
            "started_on": edge.started_on.isoformat() if edge.started_on else "",
            "ended_on": edge.ended_on.isoformat() if edge.ended_on else "",
        }
        lines.append(
            f'    <edge id={quoteattr(f"r{edge.id}")} source="a{edge.source}"'
            f' target="a{edge.target}">'
        )
        lines.extend(
            f'      <data key="e_{key}">{_xml_text(value)}</data>'
            for key, value in values.items()
            if value
        )
        lines.append("    </edge>")
    lines.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(lines)
