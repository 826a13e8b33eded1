"""The definition page in a browser: axe-clean in Hebrew and English, an expectation saved
in place with htmx (its error shown in the row first), and the document of the new version
listed for download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """The definition PDFs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def defined(transactional_db: Any) -> Any:
    from kaveret.testing.partnerships_definition_factories import (
        defined_partnership,
        definition_people,
    )

    partnership = defined_partnership(title="שותפות לבדיקה בדפדפן")
    return partnership, definition_people(partnership)


@pytest.mark.parametrize("language", ["he", "en"])
def test_the_definition_page_is_accessible(
    defined: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    language: str,
) -> None:
    partnership, people = defined
    page = logged_in_page(people.staff, languages[language][1])
    assert_accessible(page, f"/partnerships/{partnership.pk}/definition/", language)


def test_an_expectation_is_saved_in_place_and_a_new_document_listed(
    defined: Any, media: Any, logged_in_page: Callable[..., Page]
) -> None:
    partnership, people = defined
    page = logged_in_page(people.entrepreneur, "en-GB")
    page.goto(f"/en/partnerships/{partnership.pk}/definition/")
    row = page.locator("#expectation-ip_protection")
    row.get_by_label("Status of “Protection of intellectual property”").select_option(
        "agreed_with_note"
    )
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#expectation-ip_protection .error")).to_be_visible()
    row = page.locator("#expectation-ip_protection")
    row.get_by_label("Note on “Protection of intellectual property”").fill("הקוד נשאר במיזם")
    row.get_by_role("button", name="Save").click()
    expect(page.locator("#expectation-ip_protection [role=status]")).to_have_text("Saved.")
    page.reload()
    expect(page.locator("#definition-version")).to_have_text("1")
    expect(page.get_by_role("link", name="Version 1 in Hebrew (PDF)")).to_be_visible()
