"""Totals and percentages of a work plan, computed from its budget lines."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from kaveret.measurement.models import MapTag
from kaveret.measurement.portfolio import (
    NOT_MEASURED,
    largest_remainder,
    map_tag_counts,
    plan_totals,
    round_half_up,
    targets_by_status,
)
from kaveret.testing.measurement_factories import (
    AreaFactory,
    IndicatorFactory,
    ProgrammeFactory,
    WorkPlanFactory,
)
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

pytestmark = pytest.mark.django_db

# Seed 004, the budget table at its end (2021, USD): area, inside, outside.
SEED_004 = [
    ("digitisation", "1258015", "4411015"),
    ("resources", "1520015", "2040015"),
    ("quality", "1522030", "0"),
    ("collaboration", "1591415", "1903515"),
    ("task-forces", "769015", "97015"),
]


def _seed_plan():
    plan = WorkPlanFactory(year=2021)
    for order, (slug, inside, outside) in enumerate(SEED_004):
        area = AreaFactory(plan=plan, slug=slug, order=order)
        BudgetLineFactory(area=area, inside=Decimal(inside), outside=Decimal(outside))
    return plan


def test_seed_004_totals_equal_the_table():
    totals = plan_totals(_seed_plan())
    assert [row.total for row in totals.areas] == [
        Decimal("5669030"),
        Decimal("3560030"),
        Decimal("1522030"),
        Decimal("3494930"),
        Decimal("866030"),
    ]
    assert totals.inside == Decimal("6660490")
    assert totals.outside == Decimal("8451560")
    assert totals.total == Decimal("15112050")


def test_seed_004_percentages():
    totals = plan_totals(_seed_plan())
    # each share rounded on its own (half up) is the table's figure ...
    assert [row.share_rounded for row in totals.areas] == [38, 24, 10, 23, 6]
    assert sum(row.share_rounded for row in totals.areas) == 101
    # ... the displayed shares (largest remainder) add up to 100: digitisation's 37.51
    # has the third largest remainder and shows 37.
    assert [row.share_display for row in totals.areas] == [37, 24, 10, 23, 6]
    assert sum(row.share_display for row in totals.areas) == 100
    assert totals.areas[0].share_of_plan.quantize(Decimal("0.01")) == Decimal("37.51")
    assert round_half_up(totals.inside_share) == 44
    assert round_half_up(totals.outside_share) == 56
    assert (totals.inside_share_display, totals.outside_share_display) == (44, 56)
    assert totals.inside_share + totals.outside_share == Decimal(100)


def test_area_total_is_its_own_lines_plus_its_programmes_lines():
    area = AreaFactory()
    first = ProgrammeFactory(area=area)
    second = ProgrammeFactory(area=area)
    BudgetLineFactory(area=area, inside=Decimal("100.10"), outside=Decimal("0.20"))
    BudgetLineFactory(programme=first, inside=Decimal("0.10"), outside=Decimal("300"))
    BudgetLineFactory(programme=first, inside=Decimal("0.20"), outside=Decimal("0"))
    BudgetLineFactory(programme=second, inside=Decimal("50"), outside=Decimal("49.40"))
    totals = plan_totals(area.plan)
    row = totals.area(area)
    assert row is not None
    assert row.inside == Decimal("150.40")  # 100.10 + 0.10 + 0.20 + 50 exactly
    assert row.outside == Decimal("349.60")
    assert row.total == Decimal("500.00")
    assert (row.area_inside, row.area_outside) == (Decimal("100.10"), Decimal("0.20"))
    assert totals.programme(first).total == Decimal("300.30")
    assert totals.programme(second).total == Decimal("99.40")
    assert row.share_display == 100
    assert row.inside_share == Decimal("30.08")


def test_lines_of_another_plan_are_not_counted():
    area = AreaFactory()
    BudgetLineFactory(area=area, inside=Decimal("10"))
    BudgetLineFactory(inside=Decimal("999"))  # another plan
    assert plan_totals(area.plan).total == Decimal("10")


def test_empty_plan_has_zero_totals_and_no_division_by_zero():
    plan = WorkPlanFactory()
    AreaFactory(plan=plan)
    totals = plan_totals(plan)
    assert totals.total == 0
    assert totals.inside_share == 0
    assert [row.share_display for row in totals.areas] == [0]
    assert (totals.inside_share_display, totals.outside_share_display) == (0, 0)


def test_largest_remainder_adds_to_100_and_breaks_ties_by_order():
    third = Decimal(100) / 3
    assert largest_remainder([third, third, third]) == [34, 33, 33]
    assert largest_remainder([Decimal("12.5"), Decimal("87.5")]) == [13, 87]
    assert largest_remainder([]) == []


def test_plan_totals_query_count_does_not_grow(django_assert_max_num_queries):
    plan = WorkPlanFactory()
    for _index in range(6):
        programme = ProgrammeFactory(area=AreaFactory(plan=plan))
        BudgetLineFactory(programme=programme)
        BudgetLineFactory(area=programme.area)
    with django_assert_max_num_queries(3):
        totals = plan_totals(plan)
        assert len(totals.programmes) == 6


def test_targets_without_indicator_are_not_measured_and_with_one_have_a_status():
    programme = ProgrammeFactory()
    TargetFactory(programme=programme)
    TargetFactory(programme=programme, indicator=IndicatorFactory(programme=programme))
    counts = {row.status: row.count for row in targets_by_status(programme.plan)}
    assert counts[NOT_MEASURED] == 1
    # the indicator's target: whatever status the indicators module computes (no data
    # while it has no measurement), never "not measured"
    assert sum(counts.values()) == 2
    assert counts["on_track"] == 0


def test_map_tag_counts():
    area = AreaFactory()
    ProgrammeFactory(area=area, map_tags=[MapTag.MINDSET, MapTag.PIPES])
    ProgrammeFactory(area=area, map_tags=[MapTag.PIPES])
    ProgrammeFactory(area=area, map_tags=[])
    counts = {row.tag: row.count for row in map_tag_counts(area.plan)}
    assert counts == {"mindset": 1, "ability": 0, "pipes": 2}


def test_a_target_takes_its_indicators_status(monkeypatch):
    from kaveret.measurement import status

    programme = ProgrammeFactory()
    on_track = IndicatorFactory(programme=programme)
    silent = IndicatorFactory(programme=programme)
    TargetFactory(programme=programme, indicator=on_track)
    TargetFactory(programme=programme, indicator=on_track)
    TargetFactory(programme=programme, indicator=silent)
    # without measurements the indicators module says "no data", never a status
    counts = {row.status: row.count for row in targets_by_status(programme.plan)}
    assert counts["no_data"] == 3
    real = status.indicator_status

    def fake(indicator, *args, **kwargs):
        result = real(indicator, *args, **kwargs)
        if indicator.pk == on_track.pk:
            return dataclasses.replace(result, status=status.IndicatorStatus.ON_TRACK)
        return result

    monkeypatch.setattr(status, "indicator_status", fake)
    counts = {row.status: row.count for row in targets_by_status(programme.plan)}
    assert (counts["on_track"], counts["no_data"], counts[NOT_MEASURED]) == (2, 1, 0)
