"""The trend-sensing API: list and read signals, propose one, curate one.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call the
same selectors and services, shape the answer; ``kaveret.api`` turns ``PermissionDenied``
and ``DomainError`` into JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Domain

from . import selectors, services
from .models import TrendSignal
from .rules import can_view_community_trends, get_signal_for_user_or_404
from .schemas import CurateIn, SignalIn, SignalOut, SignalPage, SignalsQuery

router = Router(tags=["Trend sensing"])


def _signal_out(request: HttpRequest, signal: TrendSignal) -> dict[str, Any]:
    return {
        "id": signal.pk,
        "community": signal.community.slug,
        "title": signal.title,
        "description": signal.description,
        "kind": signal.kind,
        "kind_label": str(signal.get_kind_display()),
        "ring": signal.ring,
        "ring_label": str(signal.get_ring_display()),
        "horizon": signal.horizon,
        "horizon_label": str(signal.get_horizon_display()),
        "status": signal.status,
        "status_label": str(signal.get_status_display()),
        "source": signal.source,
        "source_url": signal.source_url,
        "observed_on": signal.observed_on,
        "domain": signal.domain.slug if signal.domain else None,
        "curator_note": signal.curator_note,
        "url": request.build_absolute_uri(signal.get_absolute_url()),
    }


def _value(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


@router.get("/trends", response={200: SignalPage, **ERRORS})
def list_signals(request: HttpRequest, query: Query[SignalsQuery]) -> dict[str, Any]:
    """Signals the user may see, latest first: curated ones of the communities they may
    see, their own proposals, and every signal of the communities they curate."""
    user = acting_user(request)
    filters = selectors.SignalFilters(
        domain=query.domain,
        horizon=_value(query.horizon),
        kind=_value(query.kind),
        ring=_value(query.ring),
        status=_value(query.status),
        community=query.community,
    )
    signals = selectors.filter_signals(selectors.visible_signals(user), filters).order_by(
        "-observed_on", "-pk"
    )
    items = list(signals[query.offset : query.offset + query.limit])
    return {
        "count": signals.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_signal_out(request, signal) for signal in items],
    }


@router.get("/trends/{signal_id}", response={200: SignalOut, **ERRORS})
def get_signal(request: HttpRequest, signal_id: int) -> dict[str, Any]:
    """One signal, if the user may see it."""
    return _signal_out(request, get_signal_for_user_or_404(acting_user(request), signal_id))


def _community(user: Any, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_view_community_trends(user, community):
        raise DomainError(
            {"community": _("There is no community with the slug “%(slug)s”.") % {"slug": slug}},
            code="unknown_community",
        )
    return community


def _domain(slug: str | None) -> Domain | None:
    if not slug:
        return None
    domain = Domain.objects.filter(slug=slug).first()
    if domain is None:
        raise DomainError(
            {
                "domain": _("There is no term with the slug %(slugs)s in this list.")
                % {"slugs": f"“{slug}”"}
            },
            code="unknown_slug",
        )
    return domain


@router.post("/trends", response={201: SignalOut, **ERRORS})
def create_signal(request: HttpRequest, payload: SignalIn) -> Status[dict[str, Any]]:
    """Propose a signal (members of the community); with ``curate``, the community's staff
    put it straight on the radar."""
    user = acting_user(request)
    if not user.is_authenticated:
        # Anonymous visitors are told to authenticate before anything else is checked.
        raise PermissionDenied
    values = payload.model_dump()
    community = _community(user, values.pop("community"))
    curate = values.pop("curate")
    values = {field: _plain(value) for field, value in values.items()}
    values["domain"] = _domain(values.get("domain"))
    if curate:
        signal = services.add_curated_signal(by=user, community=community, values=values)
    else:
        signal = services.propose_signal(by=user, community=community, values=values)
    return Status(201, _signal_out(request, get_signal_for_user_or_404(user, signal.pk)))


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


@router.post("/trends/{signal_id}/curate", response={200: SignalOut, **ERRORS})
def curate_signal(request: HttpRequest, signal_id: int, payload: CurateIn) -> dict[str, Any]:
    """Accept (optionally moving the ring, horizon or kind), decline with a note, or archive
    (the community's staff)."""
    user = acting_user(request)
    signal = get_signal_for_user_or_404(user, signal_id)
    values = {field: _plain(value) for field, value in payload.model_dump().items()}
    services.curate_signal(by=user, signal=signal, **values)
    return _signal_out(request, get_signal_for_user_or_404(user, signal_id))
