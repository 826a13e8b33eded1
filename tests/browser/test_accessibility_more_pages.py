"""axe-core on the pages beyond the visitor's first walk: communities, analytics, the
Arabic interface, sign-up, and the staff pages (forms and the import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LANGUAGES = {"he": ("", "he-IL", "rtl"), "en": ("/en", "en-GB", "ltr"), "ar": ("/ar", "ar", "rtl")}


def _check(page: Page, path: str, language: str, axe: Callable[[Page], str]) -> None:
    prefix, _locale, direction = LANGUAGES[language]
    response = page.goto(prefix + path)
    assert response is not None and response.ok, f"{prefix + path}: {response and response.status}"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    violations = axe(page)
    assert not violations, f"axe on {page.url}:\n{violations}"


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["communities", "community", "analytics", "signup", "home"])
def test_visitor_pages_have_no_serious_violations(
    new_page: Callable[..., Page],
    serious_axe_violations: Callable[[Page], str],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.network.analytics import store_snapshot

    store_snapshot(visibility="public")
    path = {
        "communities": "/communities/",
        "community": f"/communities/{ecosystem.community.slug}/",
        "analytics": "/network/analytics/",
        "signup": "/accounts/signup/",
        "home": "/",
    }[name]
    page = new_page(LANGUAGES[language][1])
    _check(page, path, language, serious_axe_violations)


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize("name", ["import", "new-organisation", "new-relation"])
def test_staff_pages_have_no_serious_violations(
    new_page: Callable[..., Page],
    serious_axe_violations: Callable[[Page], str],
    live_server: Any,
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.testing.personas import make_personas

    staff = make_personas().staff
    client = Client()
    client.force_login(staff)
    page = new_page(LANGUAGES[language][1])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    path = {
        "import": "/import/",
        "new-organisation": "/organisations/new/",
        "new-relation": f"/actors/{ecosystem.organisation.pk}/relations/new/",
    }[name]
    _check(page, path, language, serious_axe_violations)
