"""Screen-reader users hear how many results a filter left: the live region is kept."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_filtering_updates_the_results_count_in_a_lasting_live_region(
    page: Page, ecosystem: Any
) -> None:
    page.goto("/en/ventures/")
    status = page.locator("#results-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("2 results")
    status.evaluate("element => { element.dataset.original = 'yes'; }")

    page.locator("select[name=domain]").select_option(ecosystem.employment.slug)

    expect(status).to_have_text("1 result")
    # The same element was updated, not replaced, so assistive technology announces it.
    expect(status).to_have_attribute("data-original", "yes")
    expect(page.locator("#results-status")).to_have_count(1)
