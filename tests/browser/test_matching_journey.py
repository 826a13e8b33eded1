"""Browser: a tech-arena manager opens a challenge, adds two suggested ventures to its
scouting list, then runs the community's matchmaking round — proposes pairs, builds the
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


def _challenge_with_suggestions(community: Any) -> tuple[Any, list[Any]]:
    """An open challenge of ``community`` and two ventures the scouting panel suggests."""
    from kaveret.matching import engine, index
    from kaveret.testing.challenges_factories import open_challenge
    from kaveret.testing.factories import DomainFactory, VentureFactory

    domain = DomainFactory(name="נגישות", name_en="Accessibility", slug="accessibility")
    challenge = open_challenge(
        community=community,
        title="נגישות דיגיטלית לאנשים עם מוגבלות",
        problem="אנשים עם מוגבלות מתקשים להשתמש בשירותים הדיגיטליים של הארגון.",
        domain=domain,
    )
    ventures = [
        VentureFactory(name="גישה שווה", description="כלי נגישות דיגיטלית לאנשים עם מוגבלות."),
        VentureFactory(name="קול פתוח", description="שירותים דיגיטליים נגישים לאנשים עם מוגבלות."),
    ]
    for venture in ventures:
        venture.domains.add(domain)
    index.rebuild()
    engine.forget_index()
    return challenge, ventures


def test_tech_arena_manager_scouts_then_runs_the_matchmaking_round(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    from kaveret.matching.models import ScoutingEntry
    from kaveret.testing.matching_factories import (
        AvailabilitySlotFactory,
        VentureParticipantFactory,
    )

    matchmaking, manager, ventures, _organisations = _round()
    challenge, scouted = _challenge_with_suggestions(matchmaking.event.community)
    page = logged_in_page(manager, "en-GB")

    # The challenge: add two suggested ventures to the scouting list, in one click each.
    page.goto(f"/en{challenge.get_absolute_url()}")
    scouting = page.get_by_role("region", name="Scouting (active search)")
    for venture in scouted:
        scouting.get_by_role("button", name=f"Add to scouting list — {venture.name}").click()
        expect(
            scouting.get_by_role("list", name="Scouting list").get_by_role(
                "link", name=venture.name
            )
        ).to_be_visible()
    assert set(ScoutingEntry.objects.values_list("venture_id", flat=True)) == {
        v.pk for v in scouted
    }

    # The two scouted ventures take part in the community's matchmaking round.
    for venture in scouted:
        participant = VentureParticipantFactory(matchmaking=matchmaking, actor=venture, capacity=1)
        AvailabilitySlotFactory(participant=participant)

    # The console: propose pairs (maximum total fit), build the schedule.
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

    # One participant's schedule.
    page.goto(f"/en{console}")
    page.get_by_role("link", name=ventures[0].actor.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ventures[0].actor.name)
    schedule = page.get_by_role("table").first
    expect(schedule.get_by_role("row")).to_have_count(3)
    participant_path = f"/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/"
    assert_accessible(page, participant_path, "en")
    assert_accessible(page, participant_path, "he")


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
