"""Reads of a community's ecosystem work: the board, the cycles, the principles.

Each selector issues a fixed number of queries. The principles chart is computed here as
plain geometry, which the template draws as an inline SVG with a table of the same
numbers beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from kaveret.ecosystem.choices import ActorType, Sector, VentureType
from kaveret.ecosystem.models import Organisation, Region, Venture

from .contributions import community_contribution_stats
from .models import (
    Community,
    EcosystemPhase,
    MembershipStatus,
    MemberType,
    Principle,
    PrincipleAssessment,
    PrincipleScore,
    WorkActivity,
    WorkCycle,
)
from .rules import is_community_member, runs_community

# Boards


@dataclass
class BoardColumn:
    move: str
    label: str
    is_current: bool
    activities: list[WorkActivity]


def community_cycles(community: Community) -> list[WorkCycle]:
    """The community's cycles, latest first, each with ``activity_count``."""
    return list(
        community.work_cycles.annotate(activity_count=Count("activities")).order_by("-number")
    )


def open_cycle_of(cycles: list[WorkCycle]) -> WorkCycle | None:
    return next((cycle for cycle in cycles if cycle.ended_on is None), None)


def board_columns(community: Community, cycle: WorkCycle | None) -> list[BoardColumn]:
    """The four moves in order, each with its activities in ``cycle`` (one query).

    The community's current phase is marked only on the open cycle's board.
    """
    activities: list[WorkActivity] = []
    if cycle is not None:
        activities = list(
            cycle.activities.select_related("owner").order_by("starts_on", "title", "pk")
        )
    is_open = cycle is None or cycle.ended_on is None
    return [
        BoardColumn(
            move=move.value,
            label=str(move.label),
            is_current=is_open and community.phase == move.value,
            activities=[activity for activity in activities if activity.move == move.value],
        )
        for move in EcosystemPhase
    ]


def can_read_work(user: Any, community: Community) -> bool:
    """The public reads a public community's work; members and staff read their own."""
    return (
        user.has_perm("communities.view_community", community)
        or is_community_member(user, community)
        or bool(runs_community(user, community))
    )


def community_activity(community: Community, pk: int) -> WorkActivity | None:
    return (
        WorkActivity.objects.select_related("cycle", "cycle__community", "owner")
        .filter(pk=pk, cycle__community=community)
        .first()
    )


# Principles: the self-assessments and the chart


def assessments_with_scores(community: Community) -> QuerySet[PrincipleAssessment]:
    """The community's self-assessments, latest first, with scores and assessor."""
    return (
        community.principle_assessments.select_related("assessed_by")
        .annotate(average_score=Avg("scores__score"))
        .prefetch_related(Prefetch("scores", queryset=PrincipleScore.objects.order_by("pk")))
        .order_by("-assessed_on", "-pk")
    )


def scores_by_principle(assessment: PrincipleAssessment) -> dict[str, PrincipleScore]:
    return {score.principle: score for score in assessment.scores.all()}


# Six series told apart by colour, by marker shape and by line dash, never by colour
# alone. Each colour has at least 4.5:1 contrast on white.
SERIES_STYLES: dict[str, tuple[str, str, str]] = {
    Principle.DIVERSE_ENTREPRENEURSHIP: ("#0b5cab", "circle", ""),
    Principle.OPEN_INNOVATION: ("#b45309", "square", "8 4"),
    Principle.COMMUNITY_MISSION_BALANCE: ("#1e6b2e", "triangle", "2 4"),
    Principle.LIVING_BODY: ("#a4133c", "diamond", "10 4 2 4"),
    Principle.MULTI_SECTORALITY: ("#6b21a8", "triangle-down", "4 4"),
    Principle.PROSUMERS: ("#374151", "cross", "1 3"),
}

CHART_WIDTH = 640
CHART_HEIGHT = 300
MARGIN_START = 36
MARGIN_END = 48
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
MARKER = 6.0
CHART_MAX_ASSESSMENTS = 12


def marker_path(shape: str, x: float, y: float, size: float = MARKER) -> str:
    """An SVG path of a marker centred on (x, y)."""
    s = size
    if shape == "square":
        return f"M{x - s * 0.8:.1f},{y - s * 0.8:.1f}h{s * 1.6:.1f}v{s * 1.6:.1f}h{-s * 1.6:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y + s * 0.8:.1f}L{x - s:.1f},{y + s * 0.8:.1f}Z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + s:.1f}L{x + s:.1f},{y - s * 0.8:.1f}L{x - s:.1f},{y - s * 0.8:.1f}Z"
    if shape == "diamond":
        return f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s:.1f}L{x - s:.1f},{y:.1f}Z"
    if shape == "cross":
        w = s * 0.35
        return (
            f"M{x - w:.1f},{y - s:.1f}h{2 * w:.1f}v{s - w:.1f}h{s - w:.1f}v{2 * w:.1f}"
            f"h{w - s:.1f}v{s - w:.1f}h{-2 * w:.1f}v{w - s:.1f}h{w - s:.1f}v{-2 * w:.1f}"
            f"h{s - w:.1f}Z"
        )
    # circle, drawn as two arcs
    arc = f"a{s:.1f},{s:.1f} 0 1,0"
    return f"M{x - s:.1f},{y:.1f}{arc} {2 * s:.1f},0{arc} {-2 * s:.1f},0Z"


@dataclass
class ChartPoint:
    x: float
    y: float
    score: int
    date: datetime.date
    marker: str


@dataclass
class ChartSeries:
    principle: str
    label: str
    colour: str
    shape: str
    dash: str
    points: list[ChartPoint]
    legend_marker: str = ""

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass
class PrincipleChart:
    """How each principle's self-assessed score moved, and the same numbers as a table."""

    width: int
    height: int
    plot_bottom: float
    plot_start: float
    plot_end: float
    series: list[ChartSeries]
    x_labels: list[tuple[float, datetime.date]]
    y_ticks: list[tuple[float, int]]
    dates: list[datetime.date]
    # (principle, label, [(date, score or None), ...]) in the order of ``dates``.
    table: list[tuple[str, str, list[tuple[datetime.date, int | None]]]] = field(
        default_factory=list
    )


def _y(score: float) -> float:
    plot_height = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    return MARGIN_TOP + (5 - score) / 4 * plot_height


def _thinned(labels: list[tuple[float, datetime.date]]) -> list[tuple[float, datetime.date]]:
    """At most six date labels under the chart, so they never overlap (the table has all)."""
    stride = -(-len(labels) // 6)
    return [label for index, label in enumerate(labels) if index % stride == 0]


def principle_chart(assessments: list[PrincipleAssessment]) -> PrincipleChart | None:
    """The chart of the latest assessments (oldest first); None when there are none.

    ``assessments`` come latest first, as ``assessments_with_scores`` gives them.
    """
    shown = list(reversed(assessments[:CHART_MAX_ASSESSMENTS]))
    if not shown:
        return None
    plot_start, plot_end = float(MARGIN_START + 16), float(CHART_WIDTH - MARGIN_END)
    step = (plot_end - plot_start) / (len(shown) - 1) if len(shown) > 1 else 0.0
    xs = [
        plot_start + index * step if len(shown) > 1 else (plot_start + plot_end) / 2
        for index in range(len(shown))
    ]
    dates = [assessment.assessed_on for assessment in shown]
    by_assessment = [scores_by_principle(assessment) for assessment in shown]
    series: list[ChartSeries] = []
    table: list[tuple[str, str, list[tuple[datetime.date, int | None]]]] = []
    for index, principle in enumerate(Principle):
        colour, shape, dash = SERIES_STYLES[principle.value]
        # Equal scores would hide each other: each series sits a few pixels apart.
        offset = (index - (len(Principle) - 1) / 2) * 3
        values: list[tuple[datetime.date, int | None]] = []
        points: list[ChartPoint] = []
        for column_x, date_label, scores in zip(xs, dates, by_assessment, strict=True):
            score = scores.get(principle.value)
            values.append((date_label, score.score if score else None))
            if score is not None:
                x, y = column_x + offset, _y(score.score)
                points.append(ChartPoint(x, y, score.score, date_label, marker_path(shape, x, y)))
        series.append(
            ChartSeries(principle.value, str(principle.label), colour, shape, dash, points)
        )
        table.append((principle.value, str(principle.label), values))
    for item in series:
        item.legend_marker = marker_path(item.shape, 20, 10)
    return PrincipleChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        plot_bottom=_y(1),
        plot_start=float(MARGIN_START),
        plot_end=plot_end,
        series=series,
        x_labels=_thinned(list(zip(xs, dates, strict=True))),
        y_ticks=[(_y(value), value) for value in range(1, 6)],
        dates=dates,
        table=table,
    )


# Principles: what the data measures


@dataclass
class ShareRow:
    label: str
    count: int
    share: float  # 0 to 1


@dataclass
class Breakdown:
    title: str
    rows: list[ShareRow]


@dataclass
class MeasuredFigure:
    """What the platform's data says about a principle, beside the self-assessment."""

    summary: str
    breakdowns: list[Breakdown] = field(default_factory=list)
    note: str = ""


def _shares(counted: list[tuple[str, int]]) -> list[ShareRow]:
    total = sum(count for _label, count in counted)
    return [
        ShareRow(label, count, count / total if total else 0.0) for label, count in counted if count
    ]


def _member_type_counts(community: Community) -> dict[str, int]:
    return dict(
        community.memberships.filter(status=MembershipStatus.ACTIVE)
        .values("member_type")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("member_type", "n")
    )


def _multi_sectorality(community: Community) -> MeasuredFigure | None:
    by_type = _member_type_counts(community)
    if not by_type:
        return None
    type_rows = _shares([(str(kind.label), by_type.get(kind.value, 0)) for kind in MemberType])
    sectors = dict(
        Organisation.objects.filter(
            memberships__community=community, memberships__status=MembershipStatus.ACTIVE
        )
        .values("sector")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("sector", "n")
    )
    breakdowns = [Breakdown(_("Active members by member type"), type_rows)]
    if sectors:
        sector_rows = _shares(
            [(str(sector.label), sectors.get(sector.value, 0)) for sector in Sector]
        )
        breakdowns.append(Breakdown(_("Member organisations by sector"), sector_rows))
    summary = _(
        "Member types represented: %(types)d of %(all_types)d. Sectors of the member "
        "organisations: %(sectors)d of %(all_sectors)d."
    ) % {
        "types": len(type_rows),
        "all_types": len(MemberType),
        "sectors": len(sectors),
        "all_sectors": len(Sector),
    }
    return MeasuredFigure(summary=summary, breakdowns=breakdowns)


def _diverse_entrepreneurship(community: Community) -> MeasuredFigure | None:
    ventures = Venture.objects.filter(
        memberships__community=community, memberships__status=MembershipStatus.ACTIVE
    )
    by_type = dict(
        ventures.values("venture_type")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("venture_type", "n")
    )
    venture_count = sum(by_type.values())
    if not venture_count:
        return None
    regions = list(
        Region.objects.filter(
            actor__actor_type=ActorType.VENTURE,
            actor__memberships__community=community,
            actor__memberships__status=MembershipStatus.ACTIVE,
        )
        .annotate(n=Count("actor", distinct=True))
        .order_by("-n", "name")
    )
    without_region = ventures.filter(regions__isnull=True).values("pk").distinct().count()
    region_rows = [
        ShareRow(region.display_name, region.n, region.n / venture_count) for region in regions
    ]
    if without_region:
        region_rows.append(
            ShareRow(_("Region not recorded"), without_region, without_region / venture_count)
        )
    type_rows = [
        ShareRow(str(kind.label), by_type[kind.value], by_type[kind.value] / venture_count)
        for kind in VentureType
        if by_type.get(kind.value)
    ]
    summary = _(
        "Member ventures: %(ventures)d. Regions: %(regions)d. Venture types: %(types)d."
    ) % {"ventures": venture_count, "regions": len(regions), "types": len(type_rows)}
    return MeasuredFigure(
        summary=summary,
        breakdowns=[
            Breakdown(_("Member ventures by region (a venture may work in several)"), region_rows),
            Breakdown(_("Member ventures by venture type"), type_rows),
        ],
        note=_(
            "The ecosystem does not record the founders' society, so the spread by society "
            "cannot be measured yet."
        ),
    )


def _prosumers(community: Community) -> MeasuredFigure | None:
    stats = community_contribution_stats(community)
    share = stats.contributor_share
    if share is None:
        return None
    summary = _(
        "Active members who contributed at least once: %(contributors)d of %(members)d (%(share)s)."
    ) % {
        "contributors": stats.contributor_count,
        "members": stats.member_count,
        "share": f"{share:.0%}",
    }
    totals = stats.totals
    rows = [
        ShareRow(_("Knowledge items published"), totals.knowledge_items, 0.0),
        ShareRow(_("Comments"), totals.comments, 0.0),
        ShareRow(_("Events attended"), totals.events_attended, 0.0),
    ]
    return MeasuredFigure(
        summary=summary,
        breakdowns=[Breakdown(_("Contributions so far"), rows)],
        note=_("Challenge refinements will be counted once challenges are on the platform."),
    )


def measured_figures(community: Community) -> dict[str, MeasuredFigure | None]:
    """Principle → what the data measures; None where there is nothing to measure.

    Principles the data cannot speak to (open innovation, community and mission balance,
    a living body) are absent: they have the self-assessment only.
    """
    return {
        Principle.MULTI_SECTORALITY.value: _multi_sectorality(community),
        Principle.DIVERSE_ENTREPRENEURSHIP.value: _diverse_entrepreneurship(community),
        Principle.PROSUMERS.value: _prosumers(community),
    }


def member_type_shares(community: Community) -> dict[str, float]:
    """Member type → share (0 to 1) of the active members; empty with no members."""
    counted = _member_type_counts(community)
    total = sum(counted.values())
    return {kind: count / total for kind, count in counted.items()} if total else {}
