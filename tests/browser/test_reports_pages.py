"""The report pages in the browser: a community manager asks for the community's yearly
report, the form shows only the fields that report needs, the report is made (eagerly
in tests) and downloads from its page; every page axe-core clean."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_a_manager_requests_and_downloads_the_community_report(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    from kaveret.testing.measurement_reports_factories import community_year
    from kaveret.testing.partnerships_factories import community_manager

    community = community_year(2025)
    manager = community_manager(community)
    page = logged_in_page(manager, "en-GB")
    for language in ("he", "ar", "en"):
        assert_accessible(page, "/measurement/reports/", language)
        assert_accessible(page, "/measurement/reports/new/", language)
    assert "/en/" in page.url

    page.select_option("#id_kind", "community_year")
    assert page.locator("#id_plan").is_hidden() and page.locator("#id_call").is_hidden()
    page.select_option("#id_community", community.slug)
    page.fill("#id_year", "2025")
    page.select_option("#id_language", "en")
    page.select_option("#id_format", "xlsx")
    page.get_by_role("button", name="Make the report").click()
    page.wait_for_url("**/measurement/reports/*/")
    assert "The report is ready." in page.locator("[role=status]").inner_text()
    job_path = page.url.split("/en", 1)[1]
    for language in ("he", "en"):
        assert_accessible(page, job_path, language)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report").click()
    assert download.value.suggested_filename.endswith("-en.xlsx")
