"""The dashboards' pages and their CSV downloads (thin: figures from ``dashboard_data``).

A community's dashboard is read by its members and staff; the portfolio dashboard by
funders, ecosystem staff and platform admins (``rules``). Anyone else gets a 404, as if
the page did not exist; anonymous visitors are sent to log in first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaveret.communities.models import Community
from kaveret.communities.rules import runs_community

from . import dashboard_data as data
from . import dashboards_charts as charts
from .rules import can_view_community_dashboard, reads_portfolio_dashboard


@dataclass
class Block:
    """One chart, its table and its CSV link, as the template draws them."""

    key: str
    kind: str  # "bars" or "columns"
    chart: Any
    table: data.Table
    csv_url: str

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def long(self) -> bool:
        return len(self.table.rows) > 12


def _blocks(
    tables: dict[str, data.Table], chart_by_key: dict[str, Any], csv_url: Any
) -> dict[str, Block]:
    blocks = {}
    for key, table in tables.items():
        chart = chart_by_key.get(key.replace("-", "_"))
        kind = "columns" if isinstance(chart, charts.ColumnChart) else "bars"
        blocks[key.replace("-", "_")] = Block(key, kind, chart, table, csv_url(key))
    return blocks


def _rtl() -> bool:
    return bool(translation.get_language_bidi())


def _community_or_404(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not can_view_community_dashboard(request.user, community):
        raise Http404
    return community


def _counts_chart(rows: list[data.CountRow] | None, *, rtl: bool) -> charts.BarChart | None:
    if rows is None:
        return None
    return charts.bar_chart(
        [(row.label, row.count, str(row.count)) for row in rows],
        rtl=rtl,
        styled=True,
        keys=[row.key for row in rows],
    )


def community_charts(dashboard: data.CommunityDashboard, *, rtl: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    members = dashboard.members
    if members is not None:
        labels = [data.month_label(month) for month in members.months]
        result["members_by_type"] = charts.column_chart(
            labels, members.by_type, rtl=rtl, stacked=True
        )
        result["members_by_sector"] = charts.column_chart(
            labels, members.by_sector, rtl=rtl, stacked=True
        )
    if dashboard.events is not None:
        months = dashboard.events.months
        result["events"] = charts.column_chart(
            [data.month_label(row.month) for row in months],
            [
                ("registered", _("Registered"), [row.registered for row in months]),
                ("attended", _("Attended"), [row.attended for row in months]),
            ],
            rtl=rtl,
            stacked=False,
        )
    result["challenges"] = _counts_chart(dashboard.challenges, rtl=rtl)
    if dashboard.funnel is not None:
        result["funnel"] = _counts_chart(dashboard.funnel.stages, rtl=rtl)
    if dashboard.partnerships is not None:
        result["partnerships"] = _counts_chart(dashboard.partnerships.by_stage, rtl=rtl)
    if dashboard.indicators is not None:
        result["indicators"] = _counts_chart(dashboard.indicators.counts, rtl=rtl)
    return result


@login_required
@require_GET
def community_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    dashboard = data.community_dashboard(community, request.user)
    blocks = _blocks(
        dashboard.tables,
        community_charts(dashboard, rtl=_rtl()),
        lambda key: reverse("measurement:community_dashboard_csv", args=[community.slug, key]),
    )
    return render(
        request,
        "measurement/dashboards/community.html",
        {
            "community": community,
            "dashboard": dashboard,
            "blocks": blocks,
            "is_staff": bool(runs_community(request.user, community)),
        },
    )


def csv_response(table: data.Table, filename: str) -> HttpResponse:
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def community_dashboard_csv(request: HttpRequest, slug: str, chart: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    dashboard = data.community_dashboard(community, request.user)
    table = dashboard.tables.get(chart)
    if table is None:
        raise Http404
    return csv_response(table, f"{community.slug}-{chart}.csv")


def _portfolio_or_404(request: HttpRequest) -> data.PortfolioDashboard:
    if not reads_portfolio_dashboard(request.user):
        raise Http404
    plan = request.GET.get("plan", "")
    return data.portfolio_dashboard(request.user, int(plan) if plan.isdigit() else None)


def portfolio_charts(dashboard: data.PortfolioDashboard, *, rtl: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    totals = dashboard.totals
    if totals is not None and totals.areas:
        result["budget"] = charts.bar_chart(
            [
                (
                    str(area.area.display_name),
                    float(area.total),
                    f"{data.money(area.total)} ({area.share_display}%)",
                )
                for area in totals.areas
            ],
            rtl=rtl,
        )
        result["split"] = charts.bar_chart(
            [
                (_("Inside the partnership"), float(totals.inside),
                 f"{data.money(totals.inside)} ({totals.inside_share_display}%)"),
                (_("Outside the partnership"), float(totals.outside),
                 f"{data.money(totals.outside)} ({totals.outside_share_display}%)"),
            ],
            rtl=rtl,
            styled=True,
        )  # fmt: skip
    if "targets" in dashboard.tables:
        result["targets"] = charts.bar_chart(
            [(str(row.label), row.count, str(row.count)) for row in dashboard.targets],
            rtl=rtl,
            styled=True,
            keys=[row.status for row in dashboard.targets],
        )
    if dashboard.indicators is not None:
        result["indicators"] = _counts_chart(dashboard.indicators.counts, rtl=rtl)
    return result


@login_required
@require_GET
def portfolio_dashboard(request: HttpRequest) -> HttpResponse:
    dashboard = _portfolio_or_404(request)
    chart_by_key = portfolio_charts(dashboard, rtl=_rtl())
    query = f"?plan={dashboard.plan.pk}" if dashboard.plan else ""
    blocks = _blocks(
        dashboard.tables,
        chart_by_key,
        lambda key: (
            reverse("measurement:portfolio_dashboard_csv", args=[key])
            + ("" if key == "shared" else query)
        ),
    )
    return render(
        request,
        "measurement/dashboards/portfolio.html",
        {
            "dashboard": dashboard,
            "blocks": blocks,
            "charts": chart_by_key,
            "totals_total": data.money(dashboard.totals.total) if dashboard.totals else "",
        },
    )


@login_required
@require_GET
def portfolio_dashboard_csv(request: HttpRequest, chart: str) -> HttpResponse:
    dashboard = _portfolio_or_404(request)
    table = dashboard.tables.get(chart)
    if table is None:
        raise Http404
    year = f"-{dashboard.plan.year}" if dashboard.plan and chart != "shared" else ""
    return csv_response(table, f"portfolio{year}-{chart}.csv")
