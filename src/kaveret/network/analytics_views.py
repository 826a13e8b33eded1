"""The analytics page: the stored snapshot drawn as SVG bar charts beside their data tables.

The view only reads a snapshot (computing one takes seconds to a minute); staff who find
none, or who press "recompute", queue the background task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from kaveret.accounts.roles import is_ecosystem_staff
from kaveret.ecosystem.choices import ActorType, OrganisationKind, Sector, VentureType

from .analytics import snapshot_for_user
from .graph import VENTURE_SECTOR
from .tasks import request_analytics_recompute

SECTOR_LABELS: dict[str, Any] = {**dict(Sector.choices), VENTURE_SECTOR: _("Ventures")}
KIND_LABELS: dict[str, Any] = {
    **dict(OrganisationKind.choices),
    **dict(VentureType.choices),
    "": _("Kind not stated"),
}

# Geometry of the charts, in SVG user units (the SVG scales to its container).
CHART_WIDTH = 520
LABEL_WIDTH = 200
VALUE_WIDTH = 60
ROW_HEIGHT = 26
BAR_HEIGHT = 18
COLUMN_CHART_HEIGHT = 200
MAX_QUARTER_WIDTH = 40


@dataclass
class Bar:
    label: str
    value: int
    x: float
    width: float
    y: float
    label_x: float
    value_x: float


@dataclass
class BarChart:
    """Horizontal bars, one per category, laid out for the reading direction."""

    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    label_anchor: str
    value_anchor: str


def bar_chart(rows: list[tuple[str, int]], *, rtl: bool) -> BarChart:
    """Lay out one bar per (label, value); in right-to-left languages bars grow leftwards."""
    largest = max((value for _label, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for position, (label, value) in enumerate(rows):
        length = room * value / largest
        y = position * ROW_HEIGHT
        if rtl:
            start = CHART_WIDTH - LABEL_WIDTH
            bars.append(Bar(label, value, start - length, length, y, start + 8, start - length - 4))
        else:
            bars.append(
                Bar(label, value, LABEL_WIDTH, length, y, LABEL_WIDTH - 8, LABEL_WIDTH + length + 4)
            )
    return BarChart(
        bars=bars,
        width=CHART_WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT,
        bar_height=BAR_HEIGHT,
        label_anchor="start" if rtl else "end",
        value_anchor="end" if rtl else "start",
    )


@dataclass
class Column:
    quarter: str
    series: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class ColumnChart:
    """Actors and relations added per quarter, side by side, time in the reading direction."""

    columns: list[Column]
    year_labels: list[tuple[float, str]]
    width: int
    height: int
    plot_height: int


def growth_chart(growth: list[dict[str, Any]], *, rtl: bool) -> ColumnChart:
    """Two columns per quarter (actors, relations); a year label under each first quarter."""
    plot_height = COLUMN_CHART_HEIGHT - 20
    largest = max((max(row["actors"], row["relations"]) for row in growth), default=0) or 1
    # A young ecosystem has few quarters: keep its columns slim rather than page-wide.
    slot = min(CHART_WIDTH / max(len(growth), 1), MAX_QUARTER_WIDTH)
    width = max(slot / 2 - 1, 1)
    columns: list[Column] = []
    years: list[tuple[float, str]] = []
    for position, row in enumerate(growth):
        start = CHART_WIDTH - (position + 1) * slot if rtl else position * slot
        for offset, series in enumerate(("actors", "relations")):
            height = plot_height * row[series] / largest
            side = 1 - offset if rtl else offset  # actors first in the reading direction
            x = start + side * (slot / 2)
            columns.append(
                Column(row["quarter"], series, row[series], x, plot_height - height, width, height)
            )
        if row["quarter"].endswith("Q1") or position == 0:
            years.append((start + slot / 2, row["quarter"][:4]))
    return ColumnChart(columns, years, CHART_WIDTH, COLUMN_CHART_HEIGHT, plot_height)


def quarter_label(quarter: str) -> str:
    """``2024-Q3`` as the reader says it, e.g. "Q3 2024"."""
    return str(_("Q%(number)s %(year)s") % {"number": quarter[-1], "year": quarter[:4]})


def _display_name(item: dict[str, Any]) -> str:
    language = (translation.get_language() or "he")[:2]
    return str(item.get(f"name_{language}") or item["name"])


def _actor_row(actor: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    route = (
        "ecosystem:venture_detail"
        if actor["actor_type"] == ActorType.VENTURE
        else "ecosystem:organisation_detail"
    )
    return {
        **actor,
        "display_name": _display_name(actor),
        "url": reverse(route, args=[actor["id"]]),
        "sector_label": SECTOR_LABELS.get(actor["sector"], actor["sector"]),
        "community_names": [names.get(slug, slug) for slug in actor["communities"]],
    }


@dataclass
class ScopeView:
    """One scope of the page (the ecosystem or a community), ready for the template."""

    anchor: str
    title: str
    figures: dict[str, Any]
    sectors: BarChart
    kinds: BarChart
    growth: ColumnChart
    missing_sectors: list[Any]
    brokers: list[dict[str, Any]]
    isolated: list[dict[str, Any]]
    growth_rows: list[dict[str, Any]]
    url: str = ""


def scope_view(
    anchor: str, title: str, scope: dict[str, Any], names: dict[str, str], *, rtl: bool, url: str
) -> ScopeView:
    """Turn one scope of a snapshot into labelled rows and chart geometry."""
    sectors = [
        (str(SECTOR_LABELS.get(key, key)), value) for key, value in scope["by_sector"].items()
    ]
    kinds = sorted(
        ((str(KIND_LABELS.get(key, key)), value) for key, value in scope["by_kind"].items()),
        key=lambda row: (-row[1], row[0]),
    )
    return ScopeView(
        anchor=anchor,
        title=title,
        figures=scope,
        sectors=bar_chart(sectors, rtl=rtl),
        kinds=bar_chart(kinds, rtl=rtl),
        growth=growth_chart(scope["growth"], rtl=rtl),
        missing_sectors=[SECTOR_LABELS.get(key, key) for key in scope["missing_sectors"]],
        brokers=[_actor_row(actor, names) for actor in scope["brokers"]],
        isolated=[_actor_row(actor, names) for actor in scope["isolated"]],
        growth_rows=[{**row, "label": quarter_label(row["quarter"])} for row in scope["growth"]],
        url=url,
    )


def _scopes(data: dict[str, Any], *, rtl: bool) -> list[ScopeView]:
    names = {community["slug"]: _display_name(community) for community in data["communities"]}
    scopes = [
        scope_view(
            "ecosystem", str(_("The whole ecosystem")), data["ecosystem"], names, rtl=rtl, url=""
        )
    ]
    for community in data["communities"]:
        scopes.append(
            scope_view(
                f"community-{community['slug']}",
                names[community["slug"]],
                community,
                names,
                rtl=rtl,
                url=reverse("communities:detail", args=[community["slug"]]),
            )
        )
    return scopes


@require_GET
def analytics(request: HttpRequest) -> HttpResponse:
    """The analytics of what the user may see; staff who find none start a computation."""
    snapshot = snapshot_for_user(request.user)
    may_recompute = is_ecosystem_staff(request.user)
    if may_recompute and (
        snapshot is None or (not snapshot.has_figures and not snapshot.is_pending)
    ):
        request_analytics_recompute()
        snapshot = snapshot_for_user(request.user)
    context: dict[str, Any] = {
        "snapshot": snapshot,
        "may_recompute": may_recompute,
        "scopes": [],
        "shared": [],
    }
    if snapshot is not None and snapshot.has_figures:
        rtl = translation.get_language_bidi()
        data = snapshot.data
        names = {c["slug"]: _display_name(c) for c in data["communities"]}
        context["scopes"] = _scopes(data, rtl=rtl)
        context["shared"] = [_actor_row(actor, names) for actor in data["shared"]]
        context["shared_count"] = data["shared_count"]
        context["betweenness"] = data["betweenness"]
    return render(request, "network/analytics.html", context)


@require_POST
def analytics_recompute(request: HttpRequest) -> HttpResponse:
    """Staff ask for fresh figures; the page then says they are being computed."""
    if not is_ecosystem_staff(request.user):
        raise PermissionDenied
    if request_analytics_recompute():
        messages.success(request, _("The analytics are being recomputed."))
    else:
        messages.error(
            request,
            _(
                "The recomputation could not be started: the task queue is unreachable. "
                "Try again later."
            ),
        )
    return HttpResponseRedirect(reverse("network:analytics"))
