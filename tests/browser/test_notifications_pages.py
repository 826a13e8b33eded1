"""Notifications in the browser: axe-core on the list and the e-mail preferences in the
three languages, and "Mark all as read" emptying the count in the header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _reader_with_notifications(**user_values: Any) -> Any:
    """A user with two unread notifications of an approved membership."""
    from kaveret.notifications.services import notify
    from kaveret.testing.factories import UserFactory

    reader = UserFactory(**user_values)
    for _ in range(2):
        notify(
            reader,
            "membership_approved",
            url="/communities/x/",
            params={"community": "TechAbility", "note": ""},
        )
    return reader


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("path", ["/notifications/", "/notifications/preferences/"])
def test_notification_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    transactional_db: Any,
    path: str,
    language: str,
) -> None:
    reader = _reader_with_notifications()
    page = logged_in_page(reader, languages[language][1])

    assert_accessible(page, path, language)


def test_marking_all_as_read_empties_the_count_in_the_header(
    logged_in_page: Callable[..., Page], transactional_db: Any
) -> None:
    from kaveret.notifications.models import Notification

    reader = _reader_with_notifications(language="en")
    page = logged_in_page(reader, "en-GB")
    page.goto("/en/notifications/")
    expect(page.get_by_role("link", name="Notifications (2), 2 unread")).to_be_visible()

    page.get_by_role("button", name="Mark all as read").click()

    expect(page.get_by_role("link", name="Notifications (0), 0 unread")).to_be_visible()
    expect(page.get_by_text("All your notifications are marked as read.")).to_be_visible()
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()
