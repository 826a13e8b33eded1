"""Pages of trend sensing: the platform overview, a community's radar, a signal, proposing
and curating. Thin: rules decide who may, selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Domain

from . import radar, selectors
from .forms import CurateForm, RadarFilterForm, SignalForm
from .models import Ring, SignalKind, SignalStatus
from .rules import (
    can_curate_signals,
    can_propose_signal,
    get_community_trends_or_404,
    get_signal_for_user_or_404,
)

PAGE_SIZE = 20


def _legend() -> list[dict[str, str]]:
    return [
        {"kind": kind, "label": str(SignalKind(kind).label), "colour": radar.KIND_COLOURS[kind]}
        for kind in radar.KINDS
    ]


def overview(request: HttpRequest) -> HttpResponse:
    """Every community's curated signals, latest first, a page at a time."""
    signals = selectors.platform_signals(request.user, selectors.SignalFilters())
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "trends/overview.html",
        {
            "page": page,
            "signals": page.object_list,
            "communities": selectors.communities_with_signal_counts(request.user),
        },
    )


def community_radar(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_community_trends_or_404(request.user, slug)
    domains = list(
        Domain.objects.filter(
            trend_signals__community=community, trend_signals__status=SignalStatus.CURATED
        )
        .distinct()
        .order_by("name")
    )
    filter_form = RadarFilterForm(request.GET or None, domains=domains)
    filters = selectors.SignalFilters(**filter_form.values())
    signals = selectors.radar_signals(community, filters)
    rows, column_totals, total = selectors.counts_by_ring_and_kind(signals)
    can_curate = can_curate_signals(request.user, community)
    return render(
        request,
        "trends/radar.html",
        {
            "community": community,
            "filter_form": filter_form,
            "is_filtered": bool(filter_form.values()),
            "signals": signals,
            "dots": radar.layout(signals),
            "frame": radar.frame(),
            "legend": _legend(),
            "ring_labels": {ring: str(Ring(ring).label) for ring in radar.RINGS},
            "kind_labels": {kind: str(SignalKind(kind).label) for kind in radar.KINDS},
            "count_rows": rows,
            "column_totals": column_totals,
            "total": total,
            "own_proposals": selectors.own_proposals(request.user, community),
            "can_propose": can_propose_signal(request.user, community) or can_curate,
            "can_curate": can_curate,
            "queue_count": selectors.curation_queue_count(community) if can_curate else 0,
        },
    )


def signal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    signal = get_signal_for_user_or_404(request.user, pk, slug)
    return render(
        request,
        "trends/signal_detail.html",
        {
            "community": signal.community,
            "signal": signal,
            "can_curate": can_curate_signals(request.user, signal.community),
            "colour": radar.KIND_COLOURS.get(signal.kind, "#1b1f24"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    """Members propose a signal; the community's staff put one straight on the radar."""
    community = get_community_trends_or_404(request.user, slug)
    curate = can_curate_signals(request.user, community)
    if not curate and not can_propose_signal(request.user, community):
        raise PermissionDenied
    form = SignalForm(request.POST or None, user=request.user, community=community, curate=curate)
    if request.method == "POST" and form.is_valid():
        try:
            signal = form.save()
        except DomainError:
            pass  # the form now carries the errors; what was typed stays on the page
        else:
            if curate:
                messages.success(
                    request, _("“%(title)s” is on the radar.") % {"title": signal.title}
                )
            else:
                messages.success(
                    request,
                    _("Thank you: “%(title)s” is proposed; the community's staff will review it.")
                    % {"title": signal.title},
                )
            return redirect(signal.get_absolute_url())
    return render(
        request,
        "trends/signal_form.html",
        {
            "form": form,
            "community": community,
            "curate": curate,
            "title": _("Add a signal to the radar") if curate else _("Propose a signal"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def curation_queue(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_community_trends_or_404(request.user, slug)
    if not can_curate_signals(request.user, community):
        raise PermissionDenied
    return render(
        request,
        "trends/queue.html",
        {
            "community": community,
            "proposals": selectors.curation_queue(community),
            "handled": selectors.handled_signals(community),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def curate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    signal = get_signal_for_user_or_404(request.user, pk, slug)
    if not can_curate_signals(request.user, signal.community):
        raise PermissionDenied
    form = CurateForm(request.POST or None, user=request.user, signal=signal)
    if request.method == "POST" and form.is_valid():
        try:
            signal = form.save()
        except DomainError:
            pass
        else:
            messages.success(
                request,
                _("“%(title)s” is now: %(status)s.")
                % {"title": signal.title, "status": signal.get_status_display()},
            )
            return redirect(reverse("trends:queue", args=[slug]))
    return render(
        request,
        "trends/curate.html",
        {"form": form, "community": signal.community, "signal": signal},
        status=400 if request.method == "POST" else 200,
    )
