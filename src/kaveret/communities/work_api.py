"""The ecosystem-work API, read-only: the cycles and boards, the principles, contributions.

Mounted beside the communities API (``api.add_router("/", work_api.router)``). Whoever may
not read a community's work gets 404, as on the pages; writing stays on the pages.
Owners are given by name only, never by e-mail.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from kaveret.ecosystem.api import ERRORS, acting_user

from .contributions import community_contribution_stats
from .models import (
    ActivityKind,
    ActivityStatus,
    Community,
    EcosystemPhase,
    Principle,
    WorkActivity,
    WorkCycle,
)
from .rules import can_see_members_part
from .work_selectors import (
    assessments_with_scores,
    can_read_work,
    community_cycles,
    measured_figures,
)


class CycleOut(Schema):
    number: int
    started_on: datetime.date
    ended_on: datetime.date | None = Field(description="Null while the cycle is open.")
    is_open: bool
    summary: str
    activity_count: int


class WorkOut(Schema):
    community: str = Field(description="The community's slug.")
    phase: EcosystemPhase = Field(description="The current move of the open cycle.")
    phase_label: str
    cycles: list[CycleOut] = Field(description="Latest first.")


class ActivityOut(Schema):
    id: int
    move: EcosystemPhase
    move_label: str
    kind: ActivityKind
    kind_label: str
    title: str
    description: str
    owner: str | None = Field(description="The owner's name; null when none is set.")
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: ActivityStatus
    status_label: str
    outputs: str
    links: list[str]


class CycleBoardOut(CycleOut):
    activities: list[ActivityOut] = Field(description="In the order of the four moves.")


class ScoreOut(Schema):
    principle: Principle
    label: str
    score: int = Field(ge=1, le=5)
    note: str


class AssessmentOut(Schema):
    assessed_on: datetime.date
    note: str
    scores: list[ScoreOut]


class MeasuredOut(Schema):
    principle: Principle
    label: str
    summary: str | None = Field(description="Null: nothing to measure yet.")


class PrinciplesOut(Schema):
    assessments: list[AssessmentOut] = Field(description="Latest first.")
    measured: list[MeasuredOut] = Field(
        description="The principles the platform's data can speak to."
    )


class ContributionTotalsOut(Schema):
    knowledge_items: int
    comments: int
    events_attended: int
    total: int


class ContributionStatsOut(Schema):
    totals: ContributionTotalsOut = Field(description="Each user counted once.")
    member_count: int = Field(description="Active members.")
    contributor_count: int
    contributor_share: float | None = Field(description="0 to 1; null with no members.")


def _community_or_404(request: HttpRequest, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_read_work(acting_user(request), community):
        raise Http404
    return community


def _cycle_out(cycle: WorkCycle) -> dict[str, Any]:
    return {
        "number": cycle.number,
        "started_on": cycle.started_on,
        "ended_on": cycle.ended_on,
        "is_open": cycle.ended_on is None,
        "summary": cycle.summary,
        "activity_count": cycle.activity_count,  # type: ignore[attr-defined]
    }


def _activity_out(activity: WorkActivity) -> dict[str, Any]:
    owner = activity.owner
    return {
        "id": activity.pk,
        "move": activity.move,
        "move_label": str(activity.get_move_display()),
        "kind": activity.kind,
        "kind_label": str(activity.get_kind_display()),
        "title": activity.title,
        "description": activity.description,
        "owner": (owner.full_name or None) if owner else None,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "status": activity.status,
        "status_label": str(activity.get_status_display()),
        "outputs": activity.outputs,
        "links": list(activity.links or []),
    }


def build_router() -> Router:
    """The router of the ecosystem-work API (a function, so tests can mount a fresh one)."""
    router = Router(tags=["ecosystem work"])

    @router.get("/communities/{slug}/work", response={200: WorkOut, **ERRORS})
    def get_work(request: HttpRequest, slug: str) -> dict[str, Any]:
        """The community's current phase and its cycles of ecosystem work."""
        community = _community_or_404(request, slug)
        return {
            "community": community.slug,
            "phase": community.phase,
            "phase_label": str(community.get_phase_display()),
            "cycles": [_cycle_out(cycle) for cycle in community_cycles(community)],
        }

    @router.get("/communities/{slug}/work/cycles/{number}", response={200: CycleBoardOut, **ERRORS})
    def get_cycle(request: HttpRequest, slug: str, number: int) -> dict[str, Any]:
        """One cycle's board: its activities under the four moves."""
        community = _community_or_404(request, slug)
        cycle = next((c for c in community_cycles(community) if c.number == number), None)
        if cycle is None:
            raise Http404
        order = {move: index for index, move in enumerate(EcosystemPhase.values)}
        activities = sorted(
            cycle.activities.select_related("owner").order_by("starts_on", "title", "pk"),
            key=lambda activity: order.get(activity.move, len(order)),
        )
        return _cycle_out(cycle) | {
            "activities": [_activity_out(activity) for activity in activities]
        }

    @router.get("/communities/{slug}/principles", response={200: PrinciplesOut, **ERRORS})
    def get_principles(request: HttpRequest, slug: str) -> dict[str, Any]:
        """The self-assessments of the six principles, and what the data measures."""
        community = _community_or_404(request, slug)
        assessments = [
            {
                "assessed_on": assessment.assessed_on,
                "note": assessment.note,
                "scores": [
                    {
                        "principle": score.principle,
                        "label": str(score.get_principle_display()),
                        "score": score.score,
                        "note": score.note,
                    }
                    for score in assessment.scores.all()
                ],
            }
            for assessment in assessments_with_scores(community)
        ]
        measured = [
            {
                "principle": principle,
                "label": str(Principle(principle).label),
                "summary": figure.summary if figure else None,
            }
            for principle, figure in measured_figures(community).items()
        ]
        return {"assessments": assessments, "measured": measured}

    @router.get("/communities/{slug}/contributions", response={200: ContributionStatsOut, **ERRORS})
    def get_contributions(request: HttpRequest, slug: str) -> dict[str, Any]:
        """How much the community's members contributed: totals and the share who did.
        Its members and staff only, as on the community page."""
        community = _community_or_404(request, slug)
        if not can_see_members_part(acting_user(request), community):
            raise PermissionDenied
        stats = community_contribution_stats(community)
        totals = stats.totals
        return {
            "totals": {
                "knowledge_items": totals.knowledge_items,
                "comments": totals.comments,
                "events_attended": totals.events_attended,
                "total": totals.total,
            },
            "member_count": stats.member_count,
            "contributor_count": stats.contributor_count,
            "contributor_share": stats.contributor_share,
        }

    return router


router = build_router()
