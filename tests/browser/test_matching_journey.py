"""Browser: a tech-arena manager runs a matchmaking round — proposes pairs, builds the
schedule, opens one participant's schedule; the console and the participant's page are
axe-clean in Hebrew and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def _round() -> tuple[Any, Any, list[Any], list[Any]]:
    from kaveret.testing.matching_factories import matchmaking_round, matchmaking_staff

    matchmaking, ventures, organisations = matchmaking_round(3, 3, capacity=2)
    return matchmaking, matchmaking_staff(matchmaking), ventures, organisations


def test_manager_proposes_pairs_builds_the_schedule_and_opens_a_participant(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    matchmaking, manager, ventures, _organisations = _round()
    page = logged_in_page(manager, "en-GB")
    console = f"/matchmaking/{matchmaking.pk}/"
    page.goto(f"/en{console}")

    pairs = page.get_by_role("region", name="Pairs")
    pairs.get_by_label("Pairing method").select_option("max_weight")
    pairs.get_by_role("button", name="Propose pairs").click()
    expect(page.get_by_text("6 pairs proposed.")).to_be_visible()
    page.get_by_role("button", name="Build schedule").click()
    expect(page.get_by_text("6 of 6 pairs scheduled.").first).to_be_visible()
    by_time = page.get_by_role("region", name="By time and room")
    expect(by_time.get_by_role("row")).to_have_count(7)
    assert_accessible(page, console, "en")
    assert_accessible(page, console, "he")

    page.goto(f"/en{console}")
    page.get_by_role("link", name=ventures[0].actor.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ventures[0].actor.name)
    schedule = page.get_by_role("table").first
    expect(schedule.get_by_role("row")).to_have_count(3)
    participant = f"/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/"
    assert_accessible(page, participant, "en")
    assert_accessible(page, participant, "he")


def test_participant_states_interest_with_the_keyboard(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
) -> None:
    from kaveret.matching.models import Interest
    from kaveret.testing.matching_factories import acting_for

    matchmaking, _manager, ventures, organisations = _round()
    page = logged_in_page(acting_for(ventures[0]), "en-GB")
    page.goto(f"/en/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/")
    select = page.get_by_label(organisations[0].actor.name)
    select.focus()
    select.select_option("must")
    page.get_by_role("button", name="Save interests").press("Enter")
    expect(page.get_by_text("Interests saved.")).to_be_visible()
    assert Interest.objects.get(source=ventures[0]).level == "must"
