"""API: the dashboards' figures as JSON (the same as the pages and their CSV files).

``GET /dashboards/communities/{slug}``: the community's members and staff;
``GET /dashboards/portfolio?plan=ID``: funders, ecosystem staff, platform admins.
Anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from kaveret.communities.models import Community
from kaveret.ecosystem.api import ERRORS, acting_user

from . import dashboard_data as data
from .dashboards_schemas import CommunityDashboardOut, PortfolioDashboardOut
from .rules import can_view_community_dashboard, reads_portfolio_dashboard

router = Router(tags=["measurement"])


def _counts(rows: list[Any] | None) -> list[dict[str, Any]] | None:
    if rows is None:
        return None
    return [{"key": row.key, "label": str(row.label), "count": row.count} for row in rows]


def _series(series: list[tuple[str, str, list[int]]]) -> list[dict[str, Any]]:
    return [{"key": key, "label": label, "values": values} for key, label, values in series]


def _indicators(figures: data.IndicatorFigures | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {
        "counts": _counts(figures.counts),
        "items": [
            {
                "id": item.pk,
                "name": item.name,
                "status": item.status,
                "status_label": item.status_label,
                "reason": item.reason,
                "url": item.url,
                "programme": item.programme,
            }
            for item in figures.items
        ],
    }


@router.get("/dashboards/communities/{slug}", response={200: CommunityDashboardOut, **ERRORS})
def community_dashboard(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A community's dashboard; figures without data are null (their section is hidden)."""
    user = acting_user(request)
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_view_community_dashboard(user, community):
        raise Http404
    dashboard = data.community_dashboard(community, user)
    members = dashboard.members
    partnerships = dashboard.partnerships
    return {
        "community": community.slug,
        "members": None
        if members is None
        else {
            "months": members.months,
            "by_type": _series(members.by_type),
            "by_sector": _series(members.by_sector),
            "totals": members.totals,
        },
        "events": None
        if dashboard.events is None
        else [vars(row) for row in dashboard.events.months],
        "challenges": _counts(dashboard.challenges),
        "funnel": None
        if dashboard.funnel is None
        else {
            "stages": _counts(dashboard.funnel.stages),
            "calls": [vars(call) for call in dashboard.funnel.calls],
        },
        "partnerships": None
        if partnerships is None
        else {
            "by_stage": _counts(partnerships.by_stage),
            "pilots": partnerships.pilots,
            "implemented": partnerships.implemented,
            "implemented_share": partnerships.implemented_share,
        },
        "indicators": _indicators(dashboard.indicators),
    }


@router.get("/dashboards/portfolio", response={200: PortfolioDashboardOut, **ERRORS})
def portfolio_dashboard(request: HttpRequest, plan: int | None = None) -> dict[str, Any]:
    """The portfolio of one work plan (the latest by default) and the shared indicators."""
    user = acting_user(request)
    if not reads_portfolio_dashboard(user):
        raise Http404
    dashboard = data.portfolio_dashboard(user, plan)
    totals = dashboard.totals
    return {
        "plans": [item.pk for item in dashboard.plans],
        "totals": None
        if totals is None
        else {
            "plan_id": totals.plan.pk,
            "year": totals.plan.year,
            "title": totals.plan.title,
            "currency": totals.currency,
            "inside": totals.inside,
            "outside": totals.outside,
            "total": totals.total,
            "inside_share_display": totals.inside_share_display,
            "outside_share_display": totals.outside_share_display,
            "areas": [
                {
                    "area": str(area.area.display_name),
                    "inside": area.inside,
                    "outside": area.outside,
                    "total": area.total,
                    "share_of_plan": area.share_of_plan,
                    "share_display": area.share_display,
                }
                for area in totals.areas
            ],
        },
        "targets": [
            {"key": row.status, "label": str(row.label), "count": row.count}
            for row in dashboard.targets
        ],
        "indicators": _indicators(dashboard.indicators),
        "shared": [
            {
                "id": figure.pk,
                "name": figure.name,
                "unit": figure.unit,
                "period_start": figure.period_start,
                "period_end": figure.period_end,
                "parties": [
                    {"party": party.name, "value": party.value} for party in figure.parties
                ],
                "total": figure.total,
                "complete": figure.complete,
                "partial": {
                    "period_start": figure.partial.period_start,
                    "period_end": figure.partial.period_end,
                    "parties": [
                        {"party": party.name, "value": party.value}
                        for party in figure.partial.parties
                    ],
                    "reported_total": figure.partial.reported_total,
                    "reported_count": figure.partial.reported_count,
                    "expected_count": figure.partial.expected_count,
                }
                if figure.partial
                else None,
            }
            for figure in dashboard.shared
        ],
    }
