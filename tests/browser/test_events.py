"""Events in the browser: a member registers and downloads the .ics; axe on event pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LANGUAGES = {"he": ("", "he-IL", "rtl"), "en": ("/en", "en-GB", "ltr"), "ar": ("/ar", "ar", "rtl")}


def _logged_in_page(
    new_page: Callable[..., Page], live_server: Any, user: Any, locale: str
) -> Page:
    client = Client()
    client.force_login(user)
    page = new_page(locale)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_a_member_registers_for_an_event_and_downloads_its_ics(
    new_page: Callable[..., Page], live_server: Any, ecosystem: Any
) -> None:
    from kaveret.testing.factories import EventFactory, UserFactory

    event = EventFactory(community=ecosystem.community, title="Employment roundtable", capacity=5)
    member = UserFactory(language="en")
    page = _logged_in_page(new_page, live_server, member, "en-GB")

    page.goto(f"/en/communities/{ecosystem.community.slug}/events/")
    page.get_by_role("link", name="Employment roundtable").click()
    page.get_by_role("button", name="Register").click()

    assert page.get_by_text("You are registered.", exact=True).is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    path = download_info.value.path()
    text = path.read_text(encoding="utf-8")
    assert f"UID:event-{event.pk}@kaveret" in text
    assert "SUMMARY:Employment roundtable" in text


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["event-list", "event", "attendance"])
def test_event_pages_have_no_serious_violations(
    new_page: Callable[..., Page],
    serious_axe_violations: Callable[[Page], str],
    live_server: Any,
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import (
        EventFactory,
        EventRegistrationFactory,
        RoleAssignmentFactory,
        UserFactory,
    )

    event = EventFactory(community=ecosystem.community, accessibility="Step-free entrance.")
    EventRegistrationFactory(event=event)
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=event.community)
    prefix, locale, direction = LANGUAGES[language]
    page = _logged_in_page(new_page, live_server, manager, locale)
    slug = ecosystem.community.slug
    path = {
        "event-list": f"/communities/{slug}/events/",
        "event": f"/communities/{slug}/events/{event.pk}/",
        "attendance": f"/communities/{slug}/events/{event.pk}/attendance/",
    }[name]

    response = page.goto(prefix + path)

    assert response is not None and response.ok
    assert page.locator("html").get_attribute("dir") == direction
    violations = serious_axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{violations}"
