"""The measurement journey in the browser: an indicator's owner enters a measurement with
evidence (a small PDF), the indicator's status changes on the community dashboard, and
the work plan PDF downloads; axe-core on both dashboards in Hebrew, English and Arabic."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _setting(community: Any) -> dict[str, Any]:
    """A member owning a quarterly community indicator (0 to 100 over two years, begun
    seven months ago: two periods ended, none measured), a published 2021 plan with one
    area, programme, budget line and target, and a held event."""
    from kaveret.testing.measurement_dashboards_factories import held_event, member_of
    from kaveret.testing.measurement_factories import (
        AreaFactory,
        IndicatorFactory,
        ProgrammeFactory,
        WorkPlanFactory,
    )
    from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

    owner = member_of(community)
    today = datetime.date.today()
    starts = (today.replace(day=1) - datetime.timedelta(days=200)).replace(day=1)
    indicator = IndicatorFactory(
        name="Employment of graduates",
        community=community,
        programme=None,
        owner=owner,
        starts_on=starts,
        target_on=starts + datetime.timedelta(days=730),
    )
    plan = WorkPlanFactory(year=2021, community=community, title="Work plan 2021")
    area = AreaFactory(plan=plan, name="Digitisation", name_en="Digitisation")
    programme = ProgrammeFactory(plan=plan, area=area, title="Digital skills")
    BudgetLineFactory(plan=plan, area=area, programme=programme, inside=300, outside=100)
    TargetFactory(programme=programme, indicator=IndicatorFactory(programme=programme))
    held_event(community, days_ago=3, registered=3, attended=2)
    return {"owner": owner, "indicator": indicator, "plan": plan}


def _status_on_dashboard(page: Page, community: Any, indicator: Any) -> str | None:
    page.goto(f"/en/measurement/dashboards/communities/{community.slug}/")
    return page.locator(f'li[data-indicator="{indicator.pk}"]').get_attribute("data-status")


def test_an_owner_measures_the_dashboard_follows_and_the_work_plan_downloads(
    logged_in_page: Callable[..., Page], ecosystem: Any, live_server: Any
) -> None:
    community = ecosystem.community
    made = _setting(community)
    indicator = made["indicator"]
    page = logged_in_page(made["owner"], "en-GB")

    assert _status_on_dashboard(page, community, indicator) == "no_data"

    page.goto(f"/en/measurement/indicators/{indicator.pk}/measure/")
    page.fill('input[name="value"]', "100")
    page.fill('textarea[name="note"]', "Counted from the placement reports.")
    page.set_input_files(
        'input[name="evidence_file"]',
        files=[{"name": "placements.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/measurement/indicators/{indicator.pk}/")

    from kaveret.measurement.models import Measurement

    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.evidence_file.name.endswith(".pdf")
    assert measurement.reported_by == made["owner"]

    assert _status_on_dashboard(page, community, indicator) == "on_track"
    assert page.locator('[data-table="indicators"]').is_visible()

    response = page.context.request.get(f"{live_server.url}/measurement/reports/workplan/2021.pdf")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_both_dashboards_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    language: str,
) -> None:
    from kaveret.testing.measurement_dashboards_factories import community_with_figures, funder
    from kaveret.testing.partnerships_factories import community_manager

    made = community_with_figures(applications=2)
    _setting(made.community)
    page = logged_in_page(community_manager(made.community), languages[language][1])
    assert_accessible(page, f"/measurement/dashboards/communities/{made.community.slug}/", language)
    page = logged_in_page(funder(), languages[language][1])
    assert_accessible(page, "/measurement/dashboards/portfolio/", language)
