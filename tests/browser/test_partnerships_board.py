"""The board in the browser: axe-core on the board and the partnership pages; a move by
keyboard refused with its reason in the live region, then one that goes through; an
admin overrides a gate with a reason; a card dragged to the next column moves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_the_board_pages_are_accessible(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    language: str,
) -> None:
    from kaveret.testing.partnerships_factories import community_manager, full_partnership

    partnership = full_partnership(community=ecosystem.community, title="VIVID ורקמה")
    full_partnership(community=ecosystem.community, origin="matchmaking")
    page = logged_in_page(community_manager(ecosystem.community), languages[language][1])
    for path in (
        "/partnerships/",
        "/partnerships/?view=list",
        "/partnerships/new/",
        f"/partnerships/{partnership.pk}/",
        f"/partnerships/{partnership.pk}/edit/",
        f"/partnerships/{partnership.pk}/timeline/",
        f"/partnerships/{partnership.pk}/stages/identify/",
    ):
        assert_accessible(page, path, language)


def test_a_keyboard_move_is_refused_with_its_reason_then_goes(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    from kaveret.partnerships.models import Partnership, Stage
    from kaveret.testing.calls_factories import ChallengeFactory
    from kaveret.testing.partnerships_factories import (
        full_partnership,
        organisation_representative,
    )

    partnership = full_partnership(community=ecosystem.community, title="Nexme")
    page = logged_in_page(organisation_representative(partnership.organisation), "en-GB")
    page.goto("/en/partnerships/")
    select = page.locator(f"#move-{partnership.pk}")
    select.focus()
    select.select_option(Stage.SEARCH)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_contain_text(
        "Link the challenge the partnership addresses"
    )
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.IDENTIFY
    expect(page.locator("#board-override")).to_be_hidden()

    partnership.challenge = ChallengeFactory()
    partnership.save()
    page.locator(f"#move-{partnership.pk}").select_option(Stage.SEARCH)
    page.locator(f"#move-{partnership.pk} + button").click()
    expect(page.locator("#column-search").locator("..")).to_contain_text("Nexme")
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.SEARCH


def test_an_admin_overrides_a_dragged_move_with_a_reason(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    from kaveret.partnerships.models import Partnership, Stage, StageMove
    from kaveret.testing.partnerships_factories import full_partnership, platform_admin

    partnership = full_partnership(community=ecosystem.community, title="Wellplay")
    page = logged_in_page(platform_admin(), "en-GB")
    page.goto("/en/partnerships/")
    card = page.locator(f"[data-card]:has(#card-{partnership.pk})")
    card.drag_to(page.locator("section[data-stage=search]"))
    expect(page.locator("#board-status")).to_contain_text("Link the challenge")
    expect(page.locator("#board-override")).to_be_visible()
    page.fill("#override-reason", "The challenge is being written")
    page.click("[data-override-form] button[type=submit]")
    expect(page.locator("#column-search").locator("..")).to_contain_text("Wellplay")
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.SEARCH
    assert StageMove.objects.get(partnership=partnership).override_reason == (
        "The challenge is being written"
    )
