"""A visitor's walk through Kaveret in a real browser, and axe-core on the pages they see.

UI labels are not asserted in words (the Hebrew catalogue changes); the tests assert on
lang/dir, roles, addresses and the data they arranged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser


def expect_language(page: Page, lang: str, direction: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)


def venture_link(page: Page, venture: Any) -> Locator:
    """The venture's link in the directory's results."""
    return page.locator("#directory-results").get_by_role("link", name=venture.name, exact=True)


def test_visitor_finds_a_venture_and_reads_it_in_english(page: Page, ecosystem: Any) -> None:
    wanted, other = ecosystem.disability_venture, ecosystem.health_venture
    broken_assets: list[str] = []
    page.on(
        "response",
        lambda r: (
            broken_assets.append(f"{r.status} {r.url}")
            if "/static/" in r.url and not r.ok
            else None
        ),
    )

    page.goto("/")
    expect_language(page, "he", "rtl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=ecosystem.community.name)).to_be_visible()
    assert not broken_assets, f"stylesheets or scripts failed to load: {broken_assets}"
    # The stylesheet applies: the skip link waits off screen until it gets focus.
    expect(page.locator(".skip-link")).not_to_be_in_viewport()

    page.locator("header").locator("a[href='/ventures/']").click()
    expect(page).to_have_url(re.compile(r"/ventures/$"))
    expect(venture_link(page, wanted)).to_be_visible()
    expect(venture_link(page, other)).to_be_visible()

    # Filtering swaps only the results (htmx): the page is not reloaded, the address is.
    page.evaluate("window.notReloaded = true")
    page.locator("select[name=domain]").select_option(ecosystem.employment.slug)
    expect(venture_link(page, other)).to_have_count(0)
    expect(venture_link(page, wanted)).to_be_visible()
    expect(page).to_have_url(re.compile(r"domain=employment"))
    assert page.evaluate("window.notReloaded") is True

    venture_link(page, wanted).click()
    expect(page).to_have_url(re.compile(rf"/ventures/{wanted.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.name)
    relations = page.locator("section[aria-labelledby=relations-title]")
    expect(relations.get_by_role("link", name=ecosystem.organisation.name)).to_be_visible()

    page.locator(".language-switcher a[hreflang=en]").click()
    expect(page).to_have_url(re.compile(rf"/en/ventures/{wanted.pk}/$"))
    assert urlparse(page.url).path.startswith("/en/")
    expect_language(page, "en", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.name_en)
    relations = page.locator("section[aria-labelledby=relations-title]")
    expect(relations.get_by_role("link", name=ecosystem.organisation.name_en)).to_be_visible()


def test_directory_filters_work_without_javascript(
    new_page: Callable[..., Page], ecosystem: Any
) -> None:
    page = new_page(javascript=False)
    page.goto("/ventures/")
    page.locator("select[name=domain]").select_option(ecosystem.health.slug)
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ventures/\?.*domain=health"))
    expect(venture_link(page, ecosystem.health_venture)).to_be_visible()
    expect(venture_link(page, ecosystem.disability_venture)).to_have_count(0)


def test_hebrew_search_finds_a_word_behind_its_prefix(page: Page, ecosystem: Any) -> None:
    page.goto("/ventures/")
    # The directory's own name filter, not the site-wide search box in the header.
    page.locator("main input[name=q]").press_sequentially("מוגבלות")
    expect(venture_link(page, ecosystem.health_venture)).to_have_count(0)
    expect(venture_link(page, ecosystem.disability_venture)).to_be_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, ecosystem: Any
) -> None:
    page.goto("/ventures/")
    skip_link = page.locator(".skip-link")
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab continues inside main, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


PAGES = [
    "home",
    "ventures",
    "ventures-no-match",
    "venture",
    "organisations",
    "organisation",
    "login",
]


def page_path(name: str, ecosystem: Any) -> str:
    return {
        "home": "/",
        "ventures": "/ventures/",
        "ventures-no-match": "/ventures/?q=zzz",
        "venture": f"/ventures/{ecosystem.disability_venture.pk}/",
        "organisations": "/organisations/",
        "organisation": f"/organisations/{ecosystem.organisation.pk}/",
        "login": "/accounts/login/",
    }[name]


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(
    new_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    page = new_page(languages[language][1])
    assert_accessible(page, page_path(name, ecosystem), language)
