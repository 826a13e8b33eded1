"""Totals and percentages of a work plan, computed from its budget lines (never typed).

Pure computations over the rows, in ``Decimal`` (no float anywhere), with a bounded number
of queries (``plan_totals``: 3 queries whatever the size of the plan).

**Percentages.** Every share is kept exact (``Decimal``, ``part * 100 / whole``); rounding
happens only for display, and two roundings are offered:

- ``*_rounded``: each share on its own, rounded half-up to a whole percent (0.5 goes up).
  This is how seed 004's table rounds, and it can add up to 99 or 101.
- ``share_display`` / ``inside_share_display`` / ``outside_share_display``: the
  *largest-remainder* method (Hamilton): every share is first rounded down, then the
  points still missing to reach 100 go, one each, to the shares with the largest
  fractional remainders (ties to the earlier area). The displayed shares then always add
  to exactly 100 — the pages and charts show these.

Seed 004's table prints 38 + 24 + 10 + 23 + 6 = 101 %. Its own figures give 37.51 %,
23.56 %, 10.07 %, 23.13 %, 5.73 %: each rounded half-up is the table's number, but the
largest-remainder display gives 37 % to digitisation (its remainder .51 is the third
largest) so that the column adds to 100 (see docs/portfolio.md).

An area's total is its area-level lines (lines without a programme) plus its programmes'
lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Area, BudgetLine, MapTag, Programme, Target, WorkPlan

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as an exact percentage of ``whole`` (0 when the whole is 0)."""
    if not whole:
        return ZERO
    return Decimal(part) * HUNDRED / Decimal(whole)


def round_half_up(value: Decimal) -> int:
    """A percentage rounded on its own to a whole number, 0.5 up."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def largest_remainder(values: Sequence[Decimal], total: int = 100) -> list[int]:
    """Whole numbers, one per value, adding up to ``total`` (Hamilton's method).

    Each value is rounded down; the points missing to reach ``total`` go one by one to the
    values with the largest fractional remainders (ties: the earlier value). Values that
    are all zero stay zero (nothing to share out).
    """
    if not values or not any(values):
        return [0 for _value in values]
    floors = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in values]
    missing = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for index in order[: max(missing, 0)]:
        floors[index] += 1
    return floors


@dataclass
class ProgrammeTotals:
    programme: Programme
    inside: Decimal = ZERO
    outside: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.inside + self.outside

    @property
    def inside_share(self) -> Decimal:
        return percent(self.inside, self.total)

    @property
    def outside_share(self) -> Decimal:
        return percent(self.outside, self.total)


@dataclass
class AreaTotals:
    area: Area
    inside: Decimal = ZERO
    outside: Decimal = ZERO
    #: lines of the area itself (not of one of its programmes)
    area_inside: Decimal = ZERO
    area_outside: Decimal = ZERO
    share_of_plan: Decimal = ZERO
    share_display: int = 0
    programmes: list[ProgrammeTotals] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.inside + self.outside

    @property
    def share_rounded(self) -> int:
        return round_half_up(self.share_of_plan)

    @property
    def inside_share(self) -> Decimal:
        return percent(self.inside, self.total)

    @property
    def outside_share(self) -> Decimal:
        return percent(self.outside, self.total)

    @property
    def inside_share_display(self) -> int:
        return largest_remainder([self.inside_share, self.outside_share])[0]

    @property
    def outside_share_display(self) -> int:
        return largest_remainder([self.inside_share, self.outside_share])[1]


@dataclass
class PlanTotals:
    plan: WorkPlan
    areas: list[AreaTotals] = field(default_factory=list)
    inside: Decimal = ZERO
    outside: Decimal = ZERO

    @property
    def currency(self) -> str:
        return self.plan.currency

    @property
    def total(self) -> Decimal:
        return self.inside + self.outside

    @property
    def inside_share(self) -> Decimal:
        return percent(self.inside, self.total)

    @property
    def outside_share(self) -> Decimal:
        return percent(self.outside, self.total)

    @property
    def inside_share_display(self) -> int:
        return largest_remainder([self.inside_share, self.outside_share])[0]

    @property
    def outside_share_display(self) -> int:
        return largest_remainder([self.inside_share, self.outside_share])[1]

    @property
    def programmes(self) -> list[ProgrammeTotals]:
        return [row for area in self.areas for row in area.programmes]

    def area(self, area: Area | int) -> AreaTotals | None:
        area_id = area if isinstance(area, int) else area.pk
        return next((row for row in self.areas if row.area.pk == area_id), None)

    def programme(self, programme: Programme | int) -> ProgrammeTotals | None:
        programme_id = programme if isinstance(programme, int) else programme.pk
        return next((row for row in self.programmes if row.programme.pk == programme_id), None)


def plan_totals(plan: WorkPlan) -> PlanTotals:
    """Totals of every area and programme of ``plan`` and of the whole plan (3 queries)."""
    areas = list(Area.objects.filter(plan=plan).order_by("order", "pk"))
    programmes = list(
        Programme.objects.filter(plan=plan).select_related("area").order_by("order", "pk")
    )
    lines = BudgetLine.objects.filter(plan=plan).values_list(
        "area_id", "programme_id", "inside", "outside"
    )
    by_area = {area.pk: AreaTotals(area=area) for area in areas}
    by_programme: dict[int, ProgrammeTotals] = {}
    for programme in programmes:
        row = ProgrammeTotals(programme=programme)
        by_programme[programme.pk] = row
        if programme.area_id in by_area:
            by_area[programme.area_id].programmes.append(row)
    totals = PlanTotals(plan=plan, areas=list(by_area.values()))
    for area_id, programme_id, inside, outside in lines:
        inside = Decimal(inside or 0)
        outside = Decimal(outside or 0)
        area_row = by_area.get(area_id)
        if area_row is None:  # a line whose area is of another plan: never counted
            continue
        area_row.inside += inside
        area_row.outside += outside
        if programme_id is None:
            area_row.area_inside += inside
            area_row.area_outside += outside
        elif programme_id in by_programme:
            by_programme[programme_id].inside += inside
            by_programme[programme_id].outside += outside
        totals.inside += inside
        totals.outside += outside
    grand = totals.total
    for area_row in totals.areas:
        area_row.share_of_plan = percent(area_row.total, grand)
    for area_row, shown in zip(
        totals.areas,
        largest_remainder([row.share_of_plan for row in totals.areas]),
        strict=True,
    ):
        area_row.share_display = shown
    return totals


# --- targets by status --------------------------------------------------------------

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_DATA = "no_data"
NOT_MEASURED = "not_measured"

TARGET_STATUSES: tuple[tuple[str, Any], ...] = (
    (ON_TRACK, _("On track")),
    (AT_RISK, _("At risk")),
    (OFF_TRACK, _("Off track")),
    (NO_DATA, _("No data")),
    (NOT_MEASURED, _("Not measured")),
)
STATUS_LABELS = dict(TARGET_STATUSES)


@dataclass
class StatusCount:
    status: str
    label: Any
    count: int


def _status_key(result: Any) -> str:
    """The status key of whatever ``indicator_status`` returns (a string, enum or object)."""
    for attribute in ("status", "value", "key"):
        inner = getattr(result, attribute, None)
        if inner is not None and not callable(inner) and inner is not result:
            return _status_key(inner)
    key = str(result or NO_DATA)
    return key if key in STATUS_LABELS and key != NOT_MEASURED else NO_DATA


def indicator_status_key(indicator: Any) -> str:
    """The indicator's status, from ``measurement.status`` when it exists, else "no data"."""
    try:
        from kaveret.measurement import status as status_module
    except ImportError:
        return NO_DATA
    compute = getattr(status_module, "indicator_status", None)
    if compute is None:
        return NO_DATA
    return _status_key(compute(indicator))


def target_statuses(targets: Iterable[Target]) -> dict[int, str]:
    """Status of each target: its indicator's status, or "not measured" without one."""
    cache: dict[int, str] = {}
    result: dict[int, str] = {}
    for target in targets:
        if target.indicator_id is None:
            result[target.pk] = NOT_MEASURED
            continue
        if target.indicator_id not in cache:
            cache[target.indicator_id] = indicator_status_key(target.indicator)
        result[target.pk] = cache[target.indicator_id]
    return result


def plan_targets(plan: WorkPlan) -> list[Target]:
    return list(
        Target.objects.filter(programme__plan=plan)
        .select_related("indicator", "programme")
        .prefetch_related("indicator__measurements", "indicator__parties")
        .order_by("programme__area__order", "programme__order", "programme_id", "order", "pk")
    )


def count_statuses(statuses: Iterable[str]) -> list[StatusCount]:
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return [StatusCount(key, STATUS_LABELS[key], counts[key]) for key in STATUS_LABELS]


def targets_by_status(plan: WorkPlan) -> list[StatusCount]:
    """How many targets of ``plan`` are on track, at risk, off track, without data or
    not measured (no indicator), in that fixed order."""
    return count_statuses(target_statuses(plan_targets(plan)).values())


# --- MAP tags -----------------------------------------------------------------------


@dataclass
class MapTagCount:
    tag: str
    label: Any
    count: int


def map_tag_counts(plan: WorkPlan) -> list[MapTagCount]:
    """How many programmes of ``plan`` carry each MAP tag (a programme may carry several)."""
    counts = dict.fromkeys(MapTag.values, 0)
    for tags in Programme.objects.filter(plan=plan).values_list("map_tags", flat=True):
        for tag in set(tags or []):
            if tag in counts:
                counts[tag] += 1
    return [MapTagCount(tag, MapTag(tag).label, counts[tag]) for tag in MapTag.values]
