"""Reads of indicators: what a user may see, with statuses, in a bounded number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from . import rules
from .models import Indicator, IndicatorParty, Measurement
from .status import IndicatorStatus, StatusResult, indicator_status


@dataclass(frozen=True)
class IndicatorFilters:
    programme: int | None = None
    community: int | None = None
    call: int | None = None
    partnership: int | None = None
    status: str = ""
    q: str = ""


def _with_relations(queryset: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return queryset.select_related(
        "owner",
        "programme__plan__community",
        "programme__area",
        "community",
        "call__community",
        "partnership",
    ).prefetch_related(
        Prefetch(
            "parties",
            queryset=IndicatorParty.objects.select_related("actor", "reporter").order_by("pk"),
        ),
        Prefetch("measurements", queryset=Measurement.objects.order_by("period_start", "pk")),
    )


def visible_indicators(
    user: Any, filters: IndicatorFilters | None = None, today: datetime.date | None = None
) -> list[tuple[Indicator, StatusResult]]:
    """The indicators ``user`` may see that match ``filters``, each with its status."""
    filters = filters or IndicatorFilters()
    today = today or timezone.localdate()
    queryset = Indicator.objects.all()
    for field in ("programme", "community", "call", "partnership"):
        value = getattr(filters, field)
        if value:
            queryset = queryset.filter(**{f"{field}_id": value})
    if filters.q:
        queryset = queryset.filter(name__icontains=filters.q) | queryset.filter(
            name_en__icontains=filters.q
        )
    rows = []
    for indicator in _with_relations(queryset.order_by("name", "pk")):
        if not rules.can_view_indicator(user, indicator):
            continue
        result = indicator_status(indicator, today=today)
        if filters.status and result.status != filters.status:
            continue
        rows.append((indicator, result))
    return rows


def get_indicator_for_user_or_404(user: Any, pk: int) -> Indicator:
    indicator = _with_relations(Indicator.objects.filter(pk=pk)).first()
    if indicator is None or not rules.can_view_indicator(user, indicator):
        raise Http404
    return indicator


def get_measurement_for_user_or_404(user: Any, pk: int) -> Measurement:
    measurement = (
        Measurement.objects.select_related("indicator", "party__actor", "reported_by")
        .filter(pk=pk)
        .first()
    )
    if measurement is None:
        raise Http404
    indicator = get_indicator_for_user_or_404(user, measurement.indicator_id)
    measurement.indicator = indicator
    return measurement


def status_choices() -> list[tuple[str, Any]]:
    return list(IndicatorStatus.choices)
