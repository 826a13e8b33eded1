"""The status rule on hand-computed cases, and its properties (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kaveret.measurement.models import Direction, Frequency
from kaveret.measurement.status import (
    STATUS_RANK,
    IndicatorStatus,
    Period,
    expected_value,
    indicator_status,
    periods,
    shared_values,
)

D = Decimal


def indicator(**kwargs: Any) -> Any:
    values: dict[str, Any] = {
        "baseline": D(100),
        "target": D(200),
        "starts_on": date(2021, 1, 1),
        "target_on": date(2021, 12, 31),
        "direction": Direction.UP,
        "frequency": Frequency.QUARTERLY,
        "is_shared": False,
    }
    values.update(kwargs)
    return SimpleNamespace(**values)


def m(start: date, end: date, value: Any, party_id: int | None = None) -> Any:
    return SimpleNamespace(period_start=start, period_end=end, value=D(value), party_id=party_id)


Q1 = Period(date(2021, 1, 1), date(2021, 3, 31))
Q2 = Period(date(2021, 4, 1), date(2021, 6, 30))
Q3 = Period(date(2021, 7, 1), date(2021, 9, 30))
Q4 = Period(date(2021, 10, 1), date(2021, 12, 31))


def test_quarterly_periods_end_the_day_before_the_next() -> None:
    assert periods(indicator(), date(2021, 12, 31)) == [Q1, Q2, Q3, Q4]
    assert periods(indicator(), date(2021, 4, 1)) == [Q1, Q2]
    assert periods(indicator(), date(2020, 12, 31)) == []


def test_monthly_periods_from_the_end_of_a_month_do_not_drift() -> None:
    monthly = indicator(frequency=Frequency.MONTHLY, starts_on=date(2021, 1, 31))
    found = periods(monthly, date(2021, 4, 30))
    assert found[0] == Period(date(2021, 1, 31), date(2021, 2, 27))
    assert found[1] == Period(date(2021, 2, 28), date(2021, 3, 30))
    assert found[2].start == date(2021, 3, 31)


def test_half_yearly_and_yearly() -> None:
    half = indicator(frequency=Frequency.HALF_YEARLY)
    assert periods(half, date(2021, 12, 1)) == [
        Period(date(2021, 1, 1), date(2021, 6, 30)),
        Period(date(2021, 7, 1), date(2021, 12, 31)),
    ]
    assert periods(indicator(frequency=Frequency.YEARLY), date(2022, 1, 1))[1] == Period(
        date(2022, 1, 1), date(2022, 12, 31)
    )


def test_expected_value_on_the_straight_line() -> None:
    # Q2 ends on day 180 of 364: 100 + 100 * 180/364 = 149.45...
    value = expected_value(indicator(), Q2.end)
    assert value is not None and round(value, 2) == D("149.45")
    assert expected_value(indicator(), date(2023, 1, 1)) == D(200)  # past the target date
    assert expected_value(indicator(baseline=None), Q2.end) is None


def test_on_track_at_risk_off_track_up() -> None:
    today = date(2021, 7, 15)
    # expected gain at Q2's end is 49.45: 90% is 44.5, 70% is 34.6
    cases = {
        "146": IndicatorStatus.ON_TRACK,
        "145": IndicatorStatus.ON_TRACK,
        "140": IndicatorStatus.AT_RISK,
        "135": IndicatorStatus.AT_RISK,
        "134": IndicatorStatus.OFF_TRACK,
        "90": IndicatorStatus.OFF_TRACK,
    }
    for value, status in cases.items():
        result = indicator_status(indicator(), [m(*Q1, 130), m(*Q2, value)], today=today)
        assert result.status == status, value
        assert result.latest_value == D(value)
        assert result.latest_period == Q2
    result = indicator_status(indicator(), [m(*Q1, 130), m(*Q2, 150)], today=today)
    assert result.progress == D("0.5")
    assert result.expected_value is not None and round(result.expected_value, 2) == D("149.45")
    assert "150" in result.reason


def test_direction_down_reverses_the_comparison() -> None:
    # Waiting days: from 60 down to 30 over the year; Q2 ends at 180/364 of the way.
    down = indicator(baseline=D(60), target=D(30), direction=Direction.DOWN)
    today = date(2021, 7, 15)
    # expected 60 - 30*180/364 = 45.16; expected drop 14.84: 90% 13.35, 70% 10.38
    assert indicator_status(down, [m(*Q2, 46)], today=today).status == IndicatorStatus.ON_TRACK
    assert indicator_status(down, [m(*Q2, 40)], today=today).status == IndicatorStatus.ON_TRACK
    assert indicator_status(down, [m(*Q2, 49)], today=today).status == IndicatorStatus.AT_RISK
    assert indicator_status(down, [m(*Q2, 55)], today=today).status == IndicatorStatus.OFF_TRACK
    # a rise is off track
    assert indicator_status(down, [m(*Q2, 70)], today=today).status == IndicatorStatus.OFF_TRACK
    assert indicator_status(down, [m(*Q2, 45)], today=today).progress == D("0.5")


def test_no_measurement_is_no_data_and_every_ended_period_is_missing() -> None:
    result = indicator_status(indicator(), [], today=date(2021, 10, 5))
    assert result.status == IndicatorStatus.NO_DATA
    assert result.latest_value is None
    assert result.missing_periods == [Q1, Q2, Q3]


def test_a_missing_period_is_missing_not_zero() -> None:
    # Q1 measured, Q2 not: Q1's value counts (not a zero for Q2), Q2 is listed as missing.
    result = indicator_status(indicator(), [m(*Q1, 130)], today=date(2021, 7, 15))
    assert result.status == IndicatorStatus.ON_TRACK  # 30 >= 0.9 * 24.45
    assert result.latest_period == Q1
    assert result.missing_periods == [Q2]


def test_latest_older_than_two_periods_is_no_data() -> None:
    result = indicator_status(indicator(), [m(*Q1, 130)], today=date(2021, 10, 5))
    assert result.status == IndicatorStatus.NO_DATA
    assert result.latest_value == D(130)
    assert result.missing_periods == [Q2, Q3]


def test_baseline_equal_to_target_holds_the_level() -> None:
    hold = indicator(baseline=D(80), target=D(80))
    today = date(2021, 7, 15)
    assert indicator_status(hold, [m(*Q2, 80)], today=today).status == IndicatorStatus.ON_TRACK
    assert indicator_status(hold, [m(*Q2, 95)], today=today).status == IndicatorStatus.ON_TRACK
    assert indicator_status(hold, [m(*Q2, 73)], today=today).status == IndicatorStatus.AT_RISK
    assert indicator_status(hold, [m(*Q2, 71)], today=today).status == IndicatorStatus.OFF_TRACK
    hold_down = indicator(baseline=D(10), target=D(10), direction=Direction.DOWN)
    assert indicator_status(hold_down, [m(*Q2, 9)], today=today).status == (
        IndicatorStatus.ON_TRACK
    )
    assert indicator_status(hold_down, [m(*Q2, 12)], today=today).status == (
        IndicatorStatus.OFF_TRACK
    )


def test_past_the_target_date_the_target_itself_is_expected() -> None:
    late = indicator(target_on=date(2021, 6, 30))
    today = date(2021, 10, 15)
    result = indicator_status(late, [m(*Q3, 195)], today=today)
    assert result.expected_value == D(200)
    assert result.status == IndicatorStatus.ON_TRACK  # 95 >= 0.9 * 100
    assert indicator_status(late, [m(*Q3, 175)], today=today).status == IndicatorStatus.AT_RISK
    assert indicator_status(late, [m(*Q3, 160)], today=today).status == (IndicatorStatus.OFF_TRACK)
    assert indicator_status(late, [m(*Q3, 260)], today=today).progress == D(1)


def test_without_a_target_there_is_no_status() -> None:
    result = indicator_status(indicator(target=None), [m(*Q1, 5)], today=date(2021, 4, 5))
    assert result.status == IndicatorStatus.NO_DATA
    assert result.latest_value == D(5)


@dataclass(frozen=True)
class Party:
    pk: int


def party(pk: int) -> Any:
    return Party(pk)


def test_shared_values_per_party_and_total() -> None:
    shared = indicator(is_shared=True, baseline=D(100), target=D(200))
    parties = [party(1), party(2), party(3)]
    data = [
        m(*Q1, 40, 1),
        m(*Q1, 50, 2),
        m(*Q1, 35, 3),
        m(*Q2, 45, 1),
        m(*Q2, 55, 3),
    ]
    rows = shared_values(shared, data, parties, today=date(2021, 7, 15))
    assert [row.period for row in rows] == [Q1, Q2, Q3]
    assert rows[0].total == D(125) and rows[0].complete
    assert rows[1].values == {parties[0]: D(45), parties[1]: None, parties[2]: D(55)}
    assert rows[1].total == D(100)
    assert (rows[1].reported_count, rows[1].expected_count) == (2, 3)
    assert not rows[1].complete
    assert rows[2].reported_count == 0 and rows[2].total == 0


def test_shared_status_only_from_complete_periods_and_flagged_partial() -> None:
    shared = indicator(is_shared=True)
    parties = [party(1), party(2)]
    data = [m(*Q1, 60, 1), m(*Q1, 70, 2), m(*Q2, 1, 1)]
    result = indicator_status(shared, data, today=date(2021, 7, 15), parties=parties)
    # Q1's total 130 counts; Q2's partial 1 does not make it off track
    assert result.latest_value == D(130)
    assert result.latest_period == Q1
    assert result.status == IndicatorStatus.ON_TRACK
    assert result.partial
    assert result.missing_periods == [Q2]


def test_shared_with_no_complete_period_is_no_data() -> None:
    shared = indicator(is_shared=True)
    result = indicator_status(
        shared, [m(*Q1, 60, 1)], today=date(2021, 4, 15), parties=[party(1), party(2)]
    )
    assert result.status == IndicatorStatus.NO_DATA
    assert result.partial


values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
days = st.integers(min_value=0, max_value=1200)


@settings(max_examples=300, deadline=None)
@given(
    baseline=values,
    target=values,
    first=values,
    second=values,
    down=st.booleans(),
    span=st.integers(min_value=1, max_value=800),
    quarter=st.integers(min_value=0, max_value=8),
)
def test_a_better_value_never_gives_a_worse_status(
    baseline: Decimal,
    target: Decimal,
    first: Decimal,
    second: Decimal,
    down: bool,
    span: int,
    quarter: int,
) -> None:
    from datetime import timedelta

    ind = indicator(
        baseline=baseline,
        target=target,
        direction=Direction.DOWN if down else Direction.UP,
        target_on=date(2021, 1, 1) + timedelta(days=span),
    )
    period = periods(ind, date(2023, 12, 31))[quarter]
    today = period.end + timedelta(days=1)
    worse, better = sorted([first, second], reverse=down)
    worse_status = indicator_status(ind, [m(*period, worse)], today=today).status
    better_status = indicator_status(ind, [m(*period, better)], today=today).status
    assert STATUS_RANK[better_status] <= STATUS_RANK[worse_status]


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.none(), values), min_size=1, max_size=6))
def test_shared_total_sums_only_what_was_reported(values: list[Decimal | None]) -> None:
    parties = [party(i) for i in range(len(values))]
    data = [m(*Q1, value, i) for i, value in enumerate(values) if value is not None]
    (row,) = shared_values(indicator(is_shared=True), data, parties, today=date(2021, 2, 1))
    assert row.total == sum((v for v in values if v is not None), D(0))
    assert row.reported_count == sum(v is not None for v in values)
    assert row.complete == all(v is not None for v in values)
    assert [row.values[p] for p in parties] == values


@settings(max_examples=100, deadline=None)
@given(missing=st.sets(st.integers(min_value=0, max_value=3)))
def test_missing_periods_are_exactly_the_ended_ones_without_a_measurement(
    missing: set[int],
) -> None:
    quarters = [Q1, Q2, Q3, Q4]
    data = [m(*q, 150) for i, q in enumerate(quarters) if i not in missing]
    result = indicator_status(indicator(), data, today=date(2022, 1, 5))
    assert result.missing_periods == [q for i, q in enumerate(quarters) if i in missing]
    assert all(value != 0 for value in [result.latest_value] if value is not None)


def test_periods_after_the_target_date_are_not_missing() -> None:
    short = indicator(target_on=date(2021, 6, 30))
    result = indicator_status(short, [m(*Q1, 150)], today=date(2022, 3, 1))
    assert result.missing_periods == [Q2]
    assert result.status == IndicatorStatus.ON_TRACK  # one missing period is not stale
    late = indicator_status(short, [m(*Q1, 150), m(*Q4, 210)], today=date(2022, 3, 1))
    assert late.latest_period == Q4 and late.latest_value == D(210)
