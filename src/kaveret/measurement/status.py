"""An indicator's status, computed from its trajectory toward the target (pure functions).

The rule (docs/indicators.md tells it for users):

- **Periods** follow the indicator's frequency from ``starts_on``: monthly, quarterly,
  half-yearly or yearly; each period ends the day before the next one starts.
- **Expected value**: a straight line from the baseline (at ``starts_on``) to the target
  (at ``target_on``; without a target date the target is expected at once). After the
  target date the expected value is the target itself.
- **Status**: the latest measurement is compared with the expected value at the end of its
  period. With ``s`` = +1 when higher is better and -1 when lower is better,
  ``gain = s * (value - baseline)`` and ``expected gain = s * (expected - baseline)``:
  on track when ``gain >= 90%`` of the expected gain, at risk when ``gain >= 70%``,
  otherwise off track.
- **Holding a level**: when the target is not better than the baseline (for instance
  baseline == target), the value must not be worse than the target: on track when it is
  not, at risk when it is worse by at most 10% of the target, otherwise off track.
- **No data**: no measurement at all, no baseline or no target, or the latest measurement
  is stale (two or more later periods have ended without one). A missing measurement is
  missing, never zero. Periods starting after the target date are not tracked (not
  missing), though a measurement may still be entered for them.
- **Shared indicators**: each period's total is the sum of the parties' figures; the status
  is computed from the totals of complete periods only (every party reported). When a
  later period is partly reported the result says so (``partial``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Direction, Frequency

#: Share of the expected progress that is "on track" and "at risk" (below: off track).
ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.7")
#: Holding a level: how far below the target (as a share of it) is still "at risk".
HOLD_TOLERANCE = Decimal("0.1")
#: The latest measurement is stale once this many later periods have ended without one.
STALE_AFTER_PERIODS = 2

MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", gettext_lazy("On track")
    AT_RISK = "at_risk", gettext_lazy("At risk")
    OFF_TRACK = "off_track", gettext_lazy("Off track")
    NO_DATA = "no_data", gettext_lazy("No data")


#: From best to worst (no data is not ranked: it is not a judgement of the value).
STATUS_RANK = {
    IndicatorStatus.ON_TRACK: 0,
    IndicatorStatus.AT_RISK: 1,
    IndicatorStatus.OFF_TRACK: 2,
}


class Period(NamedTuple):
    start: date
    end: date


@dataclass(frozen=True)
class StatusResult:
    status: IndicatorStatus
    latest_value: Decimal | None = None
    expected_value: Decimal | None = None
    progress: Decimal | None = None  # share of the way from baseline to target, 0..1
    missing_periods: list[Period] = field(default_factory=list)
    reason: str = ""
    latest_period: Period | None = None
    partial: bool = False  # shared: a later period is only partly reported

    @property
    def label(self) -> str:
        return str(self.status.label)


@dataclass(frozen=True)
class SharedRow:
    """One period of a shared indicator: each party's figure (None: missing) and the total."""

    period: Period
    values: dict[Any, Decimal | None]  # party (IndicatorParty) -> value
    total: Decimal
    reported_count: int
    expected_count: int

    @property
    def complete(self) -> bool:
        return self.expected_count > 0 and self.reported_count == self.expected_count


def _months(indicator: Any) -> int:
    return MONTHS.get(indicator.frequency, 3)


def period_at(indicator: Any, index: int) -> Period:
    step = _months(indicator)
    start = indicator.starts_on + relativedelta(months=step * index)
    end = indicator.starts_on + relativedelta(months=step * (index + 1)) - relativedelta(days=1)
    return Period(start, end)


def periods(indicator: Any, until: date) -> list[Period]:
    """The indicator's periods that have begun on or before ``until``, oldest first."""
    result: list[Period] = []
    index = 0
    while True:
        period = period_at(indicator, index)
        if period.start > until:
            return result
        result.append(period)
        index += 1


def tracked_periods(indicator: Any, today: date) -> list[Period]:
    """The periods begun by ``today`` that are measured: none starting after the target date."""
    return [
        period
        for period in periods(indicator, today)
        if indicator.target_on is None or period.start <= indicator.target_on
    ]


def ended_periods(indicator: Any, today: date) -> list[Period]:
    """Tracked periods that have ended: without a measurement they are missing."""
    return [period for period in tracked_periods(indicator, today) if period.end < today]


def period_for(indicator: Any, start: date) -> Period | None:
    """The indicator's period that starts on ``start`` (None when no period does)."""
    if start < indicator.starts_on:
        return None
    for period in periods(indicator, start):
        if period.start == start:
            return period
    return None


def expected_value(indicator: Any, on: date) -> Decimal | None:
    """The value on the straight line from baseline to target on the day ``on``."""
    if indicator.baseline is None or indicator.target is None:
        return None
    baseline, target = Decimal(indicator.baseline), Decimal(indicator.target)
    return baseline + (target - baseline) * _elapsed_share(indicator, on)


def _elapsed_share(indicator: Any, on: date) -> Decimal:
    if indicator.target_on is None:
        return Decimal(1)
    span = (indicator.target_on - indicator.starts_on).days
    if span <= 0:
        return Decimal(1)
    elapsed = (on - indicator.starts_on).days
    return min(Decimal(1), max(Decimal(0), Decimal(elapsed) / Decimal(span)))


def judge(indicator: Any, value: Decimal, on: date) -> tuple[IndicatorStatus, Decimal | None]:
    """The status of ``value`` measured for a period ending ``on`` and the progress (0..1).

    The indicator must have a baseline and a target.
    """
    baseline, target = Decimal(indicator.baseline), Decimal(indicator.target)
    sign = Decimal(-1) if indicator.direction == Direction.DOWN else Decimal(1)
    needed = sign * (target - baseline)
    if needed <= 0:
        shortfall = sign * (target - value)
        if shortfall <= 0:
            return IndicatorStatus.ON_TRACK, Decimal(1)
        if shortfall <= HOLD_TOLERANCE * abs(target):
            return IndicatorStatus.AT_RISK, Decimal(0)
        return IndicatorStatus.OFF_TRACK, Decimal(0)
    gain = sign * (value - baseline)
    expected_gain = needed * _elapsed_share(indicator, on)
    progress = min(Decimal(1), max(Decimal(0), gain / needed))
    if gain >= ON_TRACK_SHARE * expected_gain:
        return IndicatorStatus.ON_TRACK, progress
    if gain >= AT_RISK_SHARE * expected_gain:
        return IndicatorStatus.AT_RISK, progress
    return IndicatorStatus.OFF_TRACK, progress


def _measurements(indicator: Any, measurements: Iterable[Any] | None) -> list[Any]:
    if measurements is None:
        measurements = indicator.measurements.all()
    return list(measurements)


def _parties(indicator: Any, parties: Iterable[Any] | None) -> list[Any]:
    if parties is None:
        parties = indicator.parties.all()
    return list(parties)


def shared_values(
    indicator: Any,
    measurements: Iterable[Any] | None = None,
    parties: Iterable[Any] | None = None,
    today: date | None = None,
) -> list[SharedRow]:
    """Per period (begun by ``today``, or holding a figure): each party's figure and the total.

    ``total`` sums the figures reported; ``reported_count`` out of ``expected_count`` tells
    whether every party reported. A party that did not report shows None, never 0.
    """
    today = today or timezone.localdate()
    party_list = _parties(indicator, parties)
    by_key: dict[tuple[date, int | None], Decimal] = {}
    ends: dict[date, date] = {}
    for measurement in _measurements(indicator, measurements):
        by_key[(measurement.period_start, measurement.party_id)] = Decimal(measurement.value)
        ends[measurement.period_start] = measurement.period_end
    all_periods = {period.start: period for period in tracked_periods(indicator, today)}
    for start, end in ends.items():
        all_periods.setdefault(start, Period(start, end))
    rows = []
    for start in sorted(all_periods):
        values: dict[Any, Decimal | None] = {
            party: by_key.get((start, party.pk)) for party in party_list
        }
        reported = [value for value in values.values() if value is not None]
        rows.append(
            SharedRow(
                period=all_periods[start],
                values=values,
                total=sum(reported, Decimal(0)),
                reported_count=len(reported),
                expected_count=len(party_list),
            )
        )
    return rows


def _series(
    indicator: Any,
    measurements: Iterable[Any] | None,
    parties: Iterable[Any] | None,
    today: date,
) -> tuple[dict[Period, Decimal], bool]:
    """The values per period that count for the status, and whether a later one is partial."""
    if not indicator.is_shared:
        series = {
            Period(m.period_start, m.period_end): Decimal(m.value)
            for m in _measurements(indicator, measurements)
            if m.party_id is None
        }
        return series, False
    rows = shared_values(indicator, measurements, parties, today)
    series = {row.period: row.total for row in rows if row.complete}
    latest_complete = max(series, default=None)
    partial = any(
        row.reported_count and not row.complete
        for row in rows
        if latest_complete is None or row.period > latest_complete
    )
    return series, partial


def indicator_status(
    indicator: Any,
    measurements: Sequence[Any] | None = None,
    today: date | None = None,
    parties: Sequence[Any] | None = None,
) -> StatusResult:
    """The indicator's status with its reason (see the module's docstring for the rule).

    ``measurements`` and ``parties`` default to the indicator's own (prefetch them when
    computing many).
    """
    today = today or timezone.localdate()
    series, partial = _series(indicator, measurements, parties, today)
    ended = ended_periods(indicator, today)
    missing = [period for period in ended if period not in series]
    partial_note = (
        " " + _("A later period is only partly reported, so it does not count yet.")
        if partial
        else ""
    )
    if not series:
        reason = (
            _("Not every party has reported for any period yet.")
            if indicator.is_shared and partial
            else _("No measurement yet.")
        )
        return StatusResult(
            IndicatorStatus.NO_DATA, missing_periods=missing, reason=reason, partial=partial
        )
    latest = max(series)
    value = series[latest]
    stale = [period for period in missing if period.start > latest.end]
    if len(stale) >= STALE_AFTER_PERIODS:
        return StatusResult(
            IndicatorStatus.NO_DATA,
            latest_value=value,
            missing_periods=missing,
            latest_period=latest,
            partial=partial,
            reason=_(
                "The latest measurement is out of date: %(count)d later periods have ended "
                "without one."
            )
            % {"count": len(stale)}
            + partial_note,
        )
    if indicator.baseline is None or indicator.target is None:
        return StatusResult(
            IndicatorStatus.NO_DATA,
            latest_value=value,
            missing_periods=missing,
            latest_period=latest,
            partial=partial,
            reason=_("Without a baseline and a target the status cannot be computed.")
            + partial_note,
        )
    expected = expected_value(indicator, latest.end)
    status, progress = judge(indicator, value, latest.end)
    params = {
        "value": _number(value),
        "expected": _number(expected),
        "end": latest.end.strftime("%d/%m/%Y"),
    }
    reasons = {
        IndicatorStatus.ON_TRACK: _(
            "%(value)s measured for the period ending %(end)s; %(expected)s was expected "
            "on the way to the target."
        ),
        IndicatorStatus.AT_RISK: _(
            "%(value)s measured for the period ending %(end)s, somewhat behind the "
            "%(expected)s expected on the way to the target."
        ),
        IndicatorStatus.OFF_TRACK: _(
            "%(value)s measured for the period ending %(end)s, well behind the "
            "%(expected)s expected on the way to the target."
        ),
    }
    return StatusResult(
        status,
        latest_value=value,
        expected_value=expected,
        progress=progress,
        missing_periods=missing,
        reason=reasons[status] % params + partial_note,
        latest_period=latest,
        partial=partial,
    )


def indicator_statuses(
    indicators: Iterable[Any], today: date | None = None
) -> dict[int, StatusResult]:
    """Statuses of many indicators by id (prefetch ``measurements`` and ``parties``)."""
    today = today or timezone.localdate()
    return {indicator.pk: indicator_status(indicator, today=today) for indicator in indicators}


def status_counts(results: Iterable[StatusResult]) -> dict[str, int]:
    """How many results have each status (every status present, zeros included)."""
    counts = {status.value: 0 for status in IndicatorStatus}
    for result in results:
        counts[result.status.value] += 1
    return counts


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    rounded = value.quantize(Decimal("0.01"))
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
