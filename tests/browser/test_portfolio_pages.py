"""The portfolio pages in the browser: axe-core clean in Hebrew, English and Arabic, and
the budget table beside the chart showing seed 004's figures."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SEED_004 = [
    ("דיגיטציה", "digitisation", "1258015", "4411015"),
    ("מיצוי משאבים ואזוריות", "resources", "1520015", "2040015"),
    ("הבטחת איכות", "quality", "1522030", "0"),
    ("שיתופיות", "collaboration", "1591415", "1903515"),
    ("צממים", "task-forces", "769015", "97015"),
]


def _plan() -> Any:
    from kaveret.testing.measurement_factories import (
        AreaFactory,
        ProgrammeFactory,
        WorkPlanFactory,
    )
    from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

    plan = WorkPlanFactory(title="תכנית עבודה 2021")
    for order, (name, slug, inside, outside) in enumerate(SEED_004):
        area = AreaFactory(plan=plan, name=name, slug=slug, order=order)
        programme = ProgrammeFactory(area=area, slug=f"{slug}-p", map_tags=["mindset"])
        BudgetLineFactory(programme=programme, inside=Decimal(inside), outside=Decimal(outside))
        TargetFactory(programme=programme)
    return plan


def test_portfolio_pages_are_accessible(
    transactional_db: Any, page: Page, assert_accessible: Callable[[Page, str, str], None]
) -> None:
    plan = _plan()
    for language in ("he", "en", "ar"):
        assert_accessible(page, f"/measurement/plans/{plan.pk}/", language)
        assert_accessible(page, f"/measurement/plans/{plan.pk}/areas/digitisation/", language)
        assert_accessible(
            page, f"/measurement/plans/{plan.pk}/programmes/digitisation-p/", language
        )
    assert_accessible(page, "/measurement/plans/", "he")


def test_budget_table_shows_the_seed_figures(transactional_db: Any, page: Page) -> None:
    plan = _plan()
    page.goto(f"/en/measurement/plans/{plan.pk}/")
    table = page.locator("table.chart-data").first
    assert "$15,112,050" in table.inner_text()
    assert "$5,669,030" in table.inner_text()
    assert page.locator("svg[role=img] title").first.text_content() == "Budget by area"
