"""axe-core on the pages beyond the visitor's first walk: communities, analytics, the
Arabic interface, sign-up, and the staff pages (forms and the import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["communities", "community", "analytics", "signup", "home"])
def test_visitor_pages_have_no_serious_violations(
    new_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
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
    page = new_page(languages[language][1])
    assert_accessible(page, path, language)


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize("name", ["import", "new-organisation", "new-relation"])
def test_staff_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.testing.personas import make_personas

    page = logged_in_page(make_personas().staff, languages[language][1])
    path = {
        "import": "/import/",
        "new-organisation": "/organisations/new/",
        "new-relation": f"/actors/{ecosystem.organisation.pk}/relations/new/",
    }[name]
    assert_accessible(page, path, language)
