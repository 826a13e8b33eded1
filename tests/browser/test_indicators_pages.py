"""Indicator pages in the browser: an indicator (chart, table, a missing period, a shared
indicator's parties) and the measurement form are axe-clean in Hebrew, English and Arabic;
the owner enters a measurement with a file from the keyboard-reachable form."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _indicators() -> tuple[Any, Any]:
    from kaveret.testing.measurement_indicators_factories import (
        measure,
        owned_indicator,
        shared_indicator,
    )

    own = owned_indicator(name="Graduates employed", unit="%")
    measure(own, 0, 20, evidence_link="https://data.example.org/q1")
    measure(own, 2, 70)
    shared, (first, second) = shared_indicator(name="Shared reach")
    measure(shared, 0, 40, party=first)
    measure(shared, 0, 30, party=second)
    measure(shared, 1, 45, party=first)
    return own, shared


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_indicator_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    transactional_db: Any,
    language: str,
) -> None:
    own, shared = _indicators()
    page = logged_in_page(own.owner, languages[language][1])
    assert_accessible(page, "/measurement/indicators/", language)
    assert_accessible(page, f"/measurement/indicators/{own.pk}/", language)
    assert page.locator("svg").count() >= 1
    assert page.locator("td .missing").count() >= 1
    assert_accessible(page, f"/measurement/indicators/{own.pk}/measure/", language)
    admin_page = logged_in_page(_admin(), languages[language][1])
    assert_accessible(admin_page, f"/measurement/indicators/{shared.pk}/", language)


def _admin() -> Any:
    from kaveret.testing.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)


def test_the_owner_enters_a_measurement_with_a_file(
    logged_in_page: Callable[..., Page], transactional_db: Any
) -> None:
    from kaveret.measurement.models import Measurement

    own, _shared = _indicators()
    page = logged_in_page(own.owner, "en-GB")
    page.goto(f"/en/measurement/indicators/{own.pk}/measure/")
    page.select_option('select[name="period"]', datetime.date(2021, 4, 1).isoformat())
    page.fill('input[name="value"]', "45")
    page.set_input_files(
        'input[name="evidence_file"]',
        files=[{"name": "q2.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/measurement/indicators/{own.pk}/")
    assert Measurement.objects.filter(indicator=own, period_start="2021-04-01").exists()
    assert page.get_by_role("link", name="Evidence file").count() == 1
    if os.environ.get("KAVERET_SCREENSHOTS"):
        page.screenshot(path=os.environ["KAVERET_SCREENSHOTS"], full_page=True)
