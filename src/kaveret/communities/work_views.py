"""Pages of a community's ecosystem work: the board of the four moves, and the principles.

Visitors read the work of a public community; members read their own community's;
only its staff (``runs_community``) write. Whoever may not read gets a 404, as if the
community did not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError

from . import work_services
from .models import Community, Principle, WorkActivity, WorkCycle
from .rules import can_set_phase, runs_community
from .work_forms import ActivityForm, AssessmentForm, MoveForm, PhaseForm
from .work_selectors import (
    assessments_with_scores,
    board_columns,
    can_read_work,
    community_activity,
    community_cycles,
    measured_figures,
    open_cycle_of,
    principle_chart,
    scores_by_principle,
)


def _community_or_404(request: HttpRequest, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_read_work(request.user, community):
        raise Http404
    return community


def _staff_community_or_403(request: HttpRequest, slug: str) -> Community:
    community = _community_or_404(request, slug)
    if not runs_community(request.user, community):
        raise PermissionDenied
    return community


def _board_url(community: Community) -> str:
    return reverse("communities:work_board", args=[community.slug])


def _render_board(
    request: HttpRequest, community: Community, cycle: WorkCycle | None, cycles: list[WorkCycle]
) -> HttpResponse:
    is_open = cycle is None or cycle.ended_on is None
    can_edit = bool(runs_community(request.user, community)) and is_open
    return render(
        request,
        "communities/work/board.html",
        {
            "community": community,
            "cycle": cycle,
            "cycles": cycles,
            "is_open": is_open,
            "columns": board_columns(community, cycle),
            "can_edit": can_edit,
            "phase_form": (
                PhaseForm(initial={"phase": community.phase})
                if can_edit and can_set_phase(request.user, community)
                else None
            ),
            "move_form": MoveForm() if can_edit else None,
        },
    )


def work_board(request: HttpRequest, slug: str) -> HttpResponse:
    """The open cycle's board (empty, numbered one, before anything is written)."""
    community = _community_or_404(request, slug)
    cycles = community_cycles(community)
    return _render_board(request, community, open_cycle_of(cycles), cycles)


def work_cycle(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Any cycle's board; a closed one reads as it was left, with nothing to edit."""
    community = _community_or_404(request, slug)
    cycles = community_cycles(community)
    cycle = next((item for item in cycles if item.number == number), None)
    if cycle is None:
        raise Http404
    return _render_board(request, community, cycle, cycles)


def _activity_or_404(community: Community, pk: int) -> WorkActivity:
    activity = community_activity(community, pk)
    if activity is None:
        raise Http404
    return activity


def _closed_cycle_redirect(request: HttpRequest, activity: WorkActivity) -> HttpResponse:
    messages.error(
        request,
        _("Cycle %(number)d is closed; its activities are kept as they were.")
        % {"number": activity.cycle.number},
    )
    return redirect(
        reverse(
            "communities:work_cycle", args=[activity.cycle.community.slug, activity.cycle.number]
        )
    )


def _activity_form_page(
    request: HttpRequest,
    *,
    community: Community,
    activity: WorkActivity | None,
    title: str,
) -> HttpResponse:
    initial = None
    if activity is None:
        initial = {"move": request.GET.get("move") or community.phase}
    form = ActivityForm(
        request.POST or None,
        user=request.user,
        community=community,
        instance=activity,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except DomainError:
            pass  # the form carries the errors; what was typed stays on the page
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": saved.title})
            return redirect(f"{_board_url(community)}#move-{saved.move}")
    return render(
        request,
        "communities/work/activity_form.html",
        {"form": form, "title": title, "community": community, "activity": activity},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    return _activity_form_page(request, community=community, activity=None, title=_("New activity"))


@login_required
@require_http_methods(["GET", "POST"])
def work_activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    activity = _activity_or_404(community, pk)
    if activity.cycle.ended_on is not None:
        return _closed_cycle_redirect(request, activity)
    title = _("Edit “%(title)s”") % {"title": activity.title}
    return _activity_form_page(request, community=community, activity=activity, title=title)


@login_required
@require_http_methods(["GET", "POST"])
def work_activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    activity = _activity_or_404(community, pk)
    if activity.cycle.ended_on is not None:
        return _closed_cycle_redirect(request, activity)
    if request.method == "POST":
        work_services.activity_delete(by=request.user, activity=activity)
        messages.success(request, _("Deleted “%(title)s”.") % {"title": activity.title})
        return redirect(_board_url(community))
    return render(
        request,
        "communities/work/activity_delete.html",
        {"community": community, "activity": activity},
    )


@login_required
@require_POST
def work_activity_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    activity = _activity_or_404(community, pk)
    move = request.POST.get("move", "")
    try:
        moved = work_services.activity_move(by=request.user, activity=activity, move=move)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_board_url(community))
    messages.success(
        request,
        _("“%(title)s” is now under %(move)s.")
        % {"title": moved.title, "move": moved.get_move_display()},
    )
    return redirect(f"{_board_url(community)}#move-{moved.move}")


@login_required
@require_POST
def work_phase(request: HttpRequest, slug: str) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the four moves."))
        return redirect(_board_url(community))
    cycles_before = community.work_cycles.count()
    try:
        updated = work_services.set_phase(
            request.user,
            community,
            form.cleaned_data["phase"],
            summary=form.cleaned_data["summary"],
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_board_url(community))
    if cycles_before and updated.work_cycles.count() > cycles_before:
        messages.success(
            request, _("The cycle is closed and a new one has started, with exploration.")
        )
    else:
        messages.success(
            request,
            _("The current phase is now %(phase)s.") % {"phase": updated.get_phase_display()},
        )
    return redirect(_board_url(community))


# The principles


def principles(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    assessments = list(assessments_with_scores(community))
    latest = assessments[0] if assessments else None
    measured = measured_figures(community)
    latest_scores = scores_by_principle(latest) if latest else {}
    rows: list[dict[str, Any]] = []
    for principle in Principle:
        rows.append(
            {
                "principle": principle.value,
                "label": principle.label,
                "score": latest_scores.get(principle.value),
                "measurable": principle.value in measured,
                "measured": measured.get(principle.value),
            }
        )
    return render(
        request,
        "communities/work/principles.html",
        {
            "community": community,
            "latest": latest,
            "rows": rows,
            "assessments": assessments,
            "chart": principle_chart(assessments),
            "can_assess": bool(runs_community(request.user, community)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def principle_assessment_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = _staff_community_or_403(request, slug)
    form = AssessmentForm(
        request.POST or None,
        user=request.user,
        community=community,
        initial={"assessed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except DomainError:
            pass
        else:
            messages.success(request, _("The self-assessment is recorded."))
            return redirect(reverse("communities:principles", args=[community.slug]))
    return render(
        request,
        "communities/work/assessment_form.html",
        {"form": form, "community": community},
        status=400 if request.method == "POST" else 200,
    )
