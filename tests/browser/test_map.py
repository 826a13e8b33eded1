"""The ecosystem map in Chromium: filter to a community, find an actor, open its page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _wait_for_map(page: Page) -> None:
    expect(page.locator("#network-map")).to_have_attribute("data-ready", "true")


def test_filter_the_map_to_a_community_find_an_actor_and_open_it(
    page: Page, ecosystem: Any
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/en/network/map/")
    _wait_for_map(page)
    expect(page.locator("#network-map")).to_have_attribute("data-nodes", "3")

    page.locator("select[name=community]").select_option(ecosystem.community.slug)
    page.get_by_role("button", name="Apply filters").click()
    _wait_for_map(page)
    expect(page).to_have_url(re.compile(f"community={ecosystem.community.slug}"))
    expect(page.locator("#network-map")).to_have_attribute("data-nodes", "1")
    expect(page.locator("#map-legend-communities")).to_contain_text("Employment community")
    painted = page.evaluate(
        """() => {
            const canvas = document.getElementById("map-hulls");
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
            return pixels.data.filter((value, index) => index % 4 === 3 && value > 0).length;
        }"""
    )
    assert painted > 0  # the community's area is drawn under the map

    page.get_by_label("Find an actor on the map").fill("employment for people")
    page.get_by_role("button", name="Find", exact=True).click()
    expect(page.locator("#map-status")).to_contain_text("Employment for people with disabilities")
    expect(page).to_have_url(re.compile(f"focus={ecosystem.disability_venture.pk}"))

    page.get_by_label("Around the chosen actor").select_option("1")
    expect(page).to_have_url(re.compile("ego=1"))
    page.get_by_label("Size of a point").select_option("communities")
    expect(page).to_have_url(re.compile("size=communities"))
    venture_id = ecosystem.disability_venture.pk
    actors_csv = page.get_by_role("link", name="Actors (CSV, opens in Excel)")
    expect(actors_csv).to_have_attribute("href", re.compile(f"focus={venture_id}&ego=1"))

    page.get_by_role("link", name="Open Employment for people with disabilities").click()
    expect(page).to_have_url(re.compile(f"/en/ventures/{ecosystem.disability_venture.pk}/$"))
    expect(page.locator("h1")).to_have_text("Employment for people with disabilities")
    assert errors == []


def test_a_shared_address_restores_the_focused_actor(page: Page, ecosystem: Any) -> None:
    page.goto(f"/en/network/map/?focus={ecosystem.organisation.pk}&ego=2")
    _wait_for_map(page)

    expect(page.locator("#map-focus-link")).to_have_text("Open Gate to Work")
    expect(page.locator("#map-ego-select")).to_have_value("2")
    # The table lists the same network: the organisation and the venture of its pilot.
    expect(page.locator("#map-table h2")).to_contain_text("Gate to Work and the actors up to two")
    expect(page.locator("#map-table tbody tr")).to_have_count(2)


def test_the_map_page_and_its_table_have_no_serious_accessibility_violation(
    new_page: Callable[..., Page],
    ecosystem: Any,
    serious_axe_violations: Callable[[Page], str],
) -> None:
    for locale, path in (("he-IL", "/network/map/"), ("en-GB", "/en/network/map/?sort=-degree")):
        page = new_page(locale)
        page.goto(path)
        _wait_for_map(page)
        expect(page.locator("#map-table tbody tr")).to_have_count(3)
        assert serious_axe_violations(page) == ""
