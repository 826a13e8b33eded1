"""The Excel reports open with openpyxl and hold the figures computed from the data."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kaveret.measurement.reports import (
    call_results_xlsx,
    community_year_xlsx,
    format_amount,
    format_money,
    workplan_xlsx,
)
from kaveret.testing.measurement_reports_factories import (
    SEED_BUDGET,
    community_year,
    decided_call,
    seed_plan,
)

pytestmark = pytest.mark.django_db


def _values(content: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def test_amounts_are_formatted_with_thousands_and_the_currency() -> None:
    from django.utils import translation

    assert format_amount(15112050) == "15,112,050"
    assert format_amount(0) == "0"
    with translation.override("en"):
        assert format_money(15112050, "USD") == "$15,112,050"
    with translation.override("he"):
        assert format_money(22000000, "ILS") == "22,000,000 ₪"


def test_the_work_plan_workbook_holds_the_seed_budget_table() -> None:
    plan = seed_plan()
    sheets = _values(workplan_xlsx(plan, "he"))
    budget, programmes = list(sheets.values())
    rows = {row[0]: row[1:] for row in budget[1:]}
    for _slug, name, inside, outside in SEED_BUDGET:
        assert rows[name][:3] == [inside, outside, inside + outside]
    total = budget[-1]
    assert total[1:4] == [6_660_490, 8_451_560, 15_112_050]
    assert sum(row[4] for row in budget[1:-1]) == 100  # shares shown add up to 100
    assert programmes[1][1] == "מובילים דיגיטליים לשלטון המרכזי"
    assert "90% מהפרויקטים מגיעים לקו הגמר" in programmes[1][3]
    assert load_workbook(io.BytesIO(workplan_xlsx(plan, "he"))).active.sheet_view.rightToLeft


def test_the_call_results_workbook_has_the_funnel_and_grants_but_no_reviewer() -> None:
    call = decided_call()
    content = call_results_xlsx(call, "en")
    sheets = _values(content)
    funnel, decisions = list(sheets.values())
    assert [row[1] for row in funnel[1:6]] == [3, 2, 1, 1, 1]  # applied .. granted
    assert funnel[6][1] == 120000
    by_applicant = {row[0]: row for row in decisions[1:]}
    assert by_applicant["מיזם הזהב"][4] == 120000
    assert by_applicant["מיזם הכסף"][3] == "לא עומד בתנאים"
    assert len(decisions) == 4  # three submitted applications; the draft is not counted
    assert "שופטת סודית" not in str(sheets)


def test_the_community_workbook_has_members_events_and_calls_of_the_year() -> None:
    community = community_year(2025)
    sheets = _values(community_year_xlsx(community, 2025, "en"))
    summary = {row[0]: row[1] for row in sheets["Summary"][1:]}
    assert summary["Members"] == 2
    assert summary["Joined this year"] == 1
    assert summary["Registered"] == 2 and summary["Attended"] == 1
    events = sheets["Events"]
    assert events[1][0] == "מפגש שולחן עגול"
    calls = sheets["Calls"]
    assert calls[1][1:7] == [3, 2, 1, 1, 1, 120000]
    indicators = {row[0]: row for row in sheets["Indicators"][1:]}
    assert indicators["שיעור המעסיקים המשתתפים"][3] == 30
    assert indicators["מדד שלא נמדד"][3] is None  # missing, never 0
    assert indicators["מדד שלא נמדד"][5] == "No data"
    # Another year holds nothing of this one.
    other = _values(community_year_xlsx(community, 2023, "en"))
    assert len(other["Events"]) == 1 and len(other["Calls"]) == 1
