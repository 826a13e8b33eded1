"""API: portfolio. Plans (with their computed totals), programmes and yearly targets.

Read with the plan (``rules.can_view_plan``: published plans by whoever may see the plan's
community, drafts by their editors, everything by funders); written by the plan's editors
through ``portfolio_services`` (403, or 401 for anonymous). What the caller may not see is
404. Lists are paginated.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor
from kaveret.ecosystem.schemas import PageQuery

from . import portfolio
from . import portfolio_services as services
from .models import Area, Indicator, Programme, Target, WorkPlan
from .portfolio_schemas import (
    PlanDetailOut,
    PlanPage,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePage,
    ProgrammePatch,
    ProgrammeQuery,
    ProgrammeTotalsOut,
    TargetIn,
    TargetOut,
    TargetPatch,
)
from .portfolio_views import get_plan_or_404, visible_plans

router = Router(tags=["Portfolio"])


def _plan_out(plan: WorkPlan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "title_en": plan.title_en,
        "organisation_id": plan.organisation_id,
        "community_id": plan.community_id,
        "currency": plan.currency,
        "is_published": plan.is_published,
    }


@router.get("/plans", response={200: PlanPage, **ERRORS})
def list_plans(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The work plans the caller may read, latest year first."""
    plans = visible_plans(acting_user(request))
    rows = plans[query.offset : query.offset + query.limit]
    return {
        "count": plans.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_plan_out(plan) for plan in rows],
    }


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS})
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """One plan with its totals per area and programme, computed from the budget lines."""
    plan = get_plan_or_404(acting_user(request), plan_id)
    totals = portfolio.plan_totals(plan)
    return {
        **_plan_out(plan),
        "inside": totals.inside,
        "outside": totals.outside,
        "total": totals.total,
        "inside_share": totals.inside_share,
        "outside_share": totals.outside_share,
        "inside_share_display": totals.inside_share_display,
        "outside_share_display": totals.outside_share_display,
        "areas": [
            {
                "id": row.area.pk,
                "slug": row.area.slug,
                "name": row.area.display_name,
                "inside": row.inside,
                "outside": row.outside,
                "total": row.total,
                "share_of_plan": row.share_of_plan,
                "share_display": row.share_display,
                "share_rounded": row.share_rounded,
                "inside_share": row.inside_share,
                "outside_share": row.outside_share,
                "programmes": [
                    ProgrammeTotalsOut(
                        id=item.programme.pk,
                        slug=item.programme.slug,
                        title=item.programme.title,
                        inside=item.inside,
                        outside=item.outside,
                        total=item.total,
                    )
                    for item in row.programmes
                ],
            }
            for row in totals.areas
        ],
        "targets_by_status": [
            {"status": row.status, "label": str(row.label), "count": row.count}
            for row in portfolio.targets_by_status(plan)
        ],
    }


# --- programmes -------------------------------------------------------------------------


def _programme_out(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "plan_id": programme.plan_id,
        "area_id": programme.area_id,
        "slug": programme.slug,
        "order": programme.order,
        "title": programme.title,
        "title_en": programme.title_en,
        "background": programme.background,
        "main_goal": programme.main_goal,
        "partners_text": programme.partners_text,
        "partner_ids": [actor.pk for actor in programme.partners.all()],
        "community_id": programme.community_id,
        "map_tags": list(programme.map_tags or []),
        "owner_id": programme.owner_id,
    }


def _programme(request: HttpRequest, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("plan"), pk=programme_id)
    get_plan_or_404(acting_user(request), programme.plan_id)
    return programme


def _programme_values(plan: WorkPlan, data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    values.pop("plan_id", None)
    values.pop("partner_ids", None)
    if "area_id" in values:
        area_id = values.pop("area_id")
        if area_id is not None:
            values["area"] = Area.objects.filter(pk=area_id).first() or Area(pk=0, plan_id=0)
    if "community_id" in values:
        from kaveret.communities.models import Community

        community_id = values.pop("community_id")
        values["community"] = (
            Community.objects.filter(pk=community_id).first() if community_id else None
        )
    return values


def _partners(ids: list[int] | None) -> list[Actor] | None:
    if ids is None:
        return None
    return list(Actor.objects.filter(pk__in=ids))


@router.get("/programmes", response={200: ProgrammePage, **ERRORS})
def list_programmes(request: HttpRequest, query: Query[ProgrammeQuery]) -> dict[str, Any]:
    """Programmes of the plans the caller may read, by plan, area and order."""
    programmes = Programme.objects.filter(
        plan__in=visible_plans(acting_user(request)).values("pk")
    ).prefetch_related("partners")
    if query.plan is not None:
        programmes = programmes.filter(plan_id=query.plan)
    if query.area is not None:
        programmes = programmes.filter(area_id=query.area)
    rows = programmes[query.offset : query.offset + query.limit]
    return {
        "count": programmes.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_programme_out(programme) for programme in rows],
    }


@router.post("/programmes", response={201: ProgrammeOut, **ERRORS})
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Status[dict[str, Any]]:
    """Add a programme to an area of a plan (portfolio editors)."""
    user = acting_user(request)
    plan = get_plan_or_404(user, payload.plan_id)
    data = payload.model_dump()
    values = _programme_values(plan, data)
    values["owner"] = user if getattr(user, "is_authenticated", False) else None
    programme = services.save_programme(
        by=user, plan=plan, values=values, partners=_partners(data["partner_ids"])
    )
    return Status(201, _programme_out(programme))


@router.get("/programmes/{programme_id}", response={200: ProgrammeOut, **ERRORS})
def get_programme(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    """One programme."""
    return _programme_out(_programme(request, programme_id))


@router.patch("/programmes/{programme_id}", response={200: ProgrammeOut, **ERRORS})
def update_programme(
    request: HttpRequest, programme_id: int, payload: ProgrammePatch
) -> dict[str, Any]:
    """Change a programme: only the fields sent (portfolio editors)."""
    programme = _programme(request, programme_id)
    data = payload.model_dump(exclude_unset=True)
    values = _programme_values(programme.plan, data)
    if values.get("title") is None:
        values.pop("title", None)
    for name in ("title_en", "slug", "background", "main_goal", "partners_text", "order"):
        if name in values and values[name] is None:
            values.pop(name)
    if "map_tags" in values and values["map_tags"] is None:
        values.pop("map_tags")
    saved = services.save_programme(
        by=acting_user(request),
        plan=programme.plan,
        values=values,
        programme=programme,
        partners=_partners(data.get("partner_ids")),
    )
    return _programme_out(saved)


# --- targets ----------------------------------------------------------------------------


def _target_out(target: Target, status: str | None = None) -> dict[str, Any]:
    if status is None:
        status = portfolio.target_statuses([target])[target.pk]
    return {
        "id": target.pk,
        "programme_id": target.programme_id,
        "order": target.order,
        "text": target.text,
        "indicator_id": target.indicator_id,
        "status": status,
    }


def _target_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: value for name, value in data.items() if name != "indicator_id"}
    if values.get("order") is None:
        values.pop("order", None)
    if values.get("text", "") is None:
        values.pop("text")
    if "indicator_id" in data:
        indicator_id = data["indicator_id"]
        indicator = Indicator.objects.filter(pk=indicator_id).first() if indicator_id else None
        if indicator_id and indicator is None:
            from django.utils.translation import gettext as _

            from kaveret.core.errors import DomainError

            raise DomainError({"indicator_id": _("No such indicator.")})
        values["indicator"] = indicator
    return values


@router.get("/programmes/{programme_id}/targets", response={200: list[TargetOut], **ERRORS})
def list_targets(request: HttpRequest, programme_id: int) -> list[dict[str, Any]]:
    """The programme's yearly targets in order, each with its status."""
    programme = _programme(request, programme_id)
    targets = list(
        Target.objects.filter(programme=programme)
        .select_related("indicator")
        .prefetch_related("indicator__measurements", "indicator__parties")
    )
    statuses = portfolio.target_statuses(targets)
    return [_target_out(target, statuses[target.pk]) for target in targets]


@router.post("/programmes/{programme_id}/targets", response={201: TargetOut, **ERRORS})
def create_target(
    request: HttpRequest, programme_id: int, payload: TargetIn
) -> Status[dict[str, Any]]:
    """Add a yearly target, optionally tied to an indicator (portfolio editors)."""
    programme = _programme(request, programme_id)
    target = services.save_target(
        by=acting_user(request),
        programme=programme,
        values=_target_values(payload.model_dump()),
    )
    return Status(201, _target_out(target))


def _target(request: HttpRequest, target_id: int) -> Target:
    target = get_object_or_404(
        Target.objects.select_related("programme__plan", "indicator"), pk=target_id
    )
    get_plan_or_404(acting_user(request), target.programme.plan_id)
    return target


@router.patch("/targets/{target_id}", response={200: TargetOut, **ERRORS})
def update_target(request: HttpRequest, target_id: int, payload: TargetPatch) -> dict[str, Any]:
    """Change a target's text, order or indicator (portfolio editors)."""
    target = _target(request, target_id)
    saved = services.save_target(
        by=acting_user(request),
        programme=target.programme,
        values=_target_values(payload.model_dump(exclude_unset=True)),
        target=target,
    )
    return _target_out(saved)


@router.delete("/targets/{target_id}", response={204: None, **ERRORS})
def delete_target(request: HttpRequest, target_id: int) -> Status[None]:
    """Remove a yearly target (portfolio editors)."""
    services.delete_target(by=acting_user(request), target=_target(request, target_id))
    return Status(204, None)
