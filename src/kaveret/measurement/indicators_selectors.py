"""Reads of indicators: what a user may see, with statuses, in a bounded number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from . import rules
from .indicators_rules import visible_indicators_condition
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
        Prefetch(
            "measurements",
            queryset=Measurement.objects.select_related("reported_by").order_by(
                "period_start", "pk"
            ),
        ),
    )


class IndicatorRows(Sequence[tuple[Indicator, StatusResult]]):
    """The visible indicators as a lazy sequence: counted in SQL; a slice loads only its
    indicators (with their parties and measurements) and computes only their statuses."""

    def __init__(self, user: Any, queryset: QuerySet[Indicator], today: datetime.date) -> None:
        self.user = user
        self.queryset = queryset
        self.today = today
        self._count: int | None = None

    def _rows(self, indicators: Iterable[Indicator]) -> list[tuple[Indicator, StatusResult]]:
        return [
            (indicator, indicator_status(indicator, today=self.today))
            for indicator in indicators
            if rules.can_view_indicator(self.user, indicator)
        ]

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def count(self) -> int:  # type: ignore[override]
        return len(self)

    @overload
    def __getitem__(self, index: int) -> tuple[Indicator, StatusResult]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Indicator, StatusResult]]: ...

    def __getitem__(
        self, index: int | slice
    ) -> tuple[Indicator, StatusResult] | list[tuple[Indicator, StatusResult]]:
        if isinstance(index, slice):
            return self._rows(_with_relations(self.queryset[index]))
        return self._rows(_with_relations(self.queryset[index : index + 1]))[0]


def visible_indicators(
    user: Any, filters: IndicatorFilters | None = None, today: datetime.date | None = None
) -> Sequence[tuple[Indicator, StatusResult]]:
    """The indicators ``user`` may see that match ``filters``, each with its status.

    Visibility is decided in SQL (``visible_indicators_condition``); without a status filter
    only the page asked for is loaded and given statuses. A status filter computes the
    status of every visible match, in a fixed number of queries.
    """
    filters = filters or IndicatorFilters()
    today = today or timezone.localdate()
    queryset = Indicator.objects.filter(visible_indicators_condition(user))
    for field in ("programme", "community", "call", "partnership"):
        value = getattr(filters, field)
        if value:
            queryset = queryset.filter(**{f"{field}_id": value})
    if filters.q:
        queryset = queryset.filter(Q(name__icontains=filters.q) | Q(name_en__icontains=filters.q))
    queryset = queryset.order_by("name", "pk")
    rows = IndicatorRows(user, queryset, today)
    if not filters.status:
        return rows
    return [row for row in rows[:] if row[1].status == filters.status]


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
