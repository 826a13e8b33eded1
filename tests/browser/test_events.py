"""Events in the browser: a member registers and downloads the .ics; axe on event pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_a_member_registers_for_an_event_and_downloads_its_ics(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    from kaveret.testing.factories import EventFactory, UserFactory

    event = EventFactory(community=ecosystem.community, title="Employment roundtable", capacity=5)
    member = UserFactory(language="en")
    page = logged_in_page(member, "en-GB")

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
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
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
    page = logged_in_page(manager, languages[language][1])
    slug = ecosystem.community.slug
    path = {
        "event-list": f"/communities/{slug}/events/",
        "event": f"/communities/{slug}/events/{event.pk}/",
        "attendance": f"/communities/{slug}/events/{event.pk}/attendance/",
    }[name]

    assert_accessible(page, path, language)
