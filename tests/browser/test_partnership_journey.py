"""The path of issue 7 in the browser, end to end: a community manager turns a matchmaking
meeting's outcome into a design partnership, defines it (expectations agreed, the legal
checklist, the pilot plan, the agreement signed), tries to launch it without an internal
ambassador and is refused with the reason, names one and launches it; a field worker,
without an account, leaves feedback through the private link. The board and the
partnership's pages are axe-clean in Hebrew, English and Arabic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _define(page: Page, partnership: Any) -> None:
    """Step 05 on the definition page: every expectation agreed, every legal item agreed
    with its text, the pilot plan's scope and duration, the agreement's date."""
    from django.utils import translation

    from kaveret.partnerships.models import Expectation, LegalItem

    # The page is in English; so must be the labels the test looks for.
    translation.activate("en")
    page.goto(f"/en/partnerships/{partnership.pk}/definition/")
    for expectation in Expectation.objects.filter(partnership=partnership):
        name = expectation.get_key_display()
        row = page.locator(f"#expectation-{expectation.key}")
        row.get_by_label(f"Status of “{name}”").select_option("agreed")
        row.get_by_role("button", name=f"Save — {name}").click()
        expect(page.locator(f"#expectation-{expectation.key}").get_by_role("status")).to_have_text(
            "Saved."
        )
    for item in LegalItem.objects.filter(partnership=partnership):
        card = page.locator(f"#legal-{item.key}")
        card.get_by_label("Agreed text").fill(f"Agreed: {item.get_key_display()}.")
        card.get_by_label("Agreed by both sides").check()
        card.get_by_role("button", name=f"Save — {item.get_key_display()}").click()
        expect(page.locator(f"#legal-{item.key}").get_by_role("status")).to_have_text("Saved.")
    plan = page.locator("#pilot-plan")
    plan.get_by_label("Scope").fill("Two branches, twenty users, personal coaching to work.")
    plan.get_by_label("Duration").fill("Six months")
    plan.get_by_role("button", name="Save the pilot plan").click()
    page.locator("#agreement").get_by_label("Agreement signed on").fill("2026-01-15")
    page.locator("#agreement").get_by_role("button", name="Save the agreement date").click()
    assert not Expectation.objects.filter(partnership=partnership, status="open").exists()
    assert not LegalItem.objects.filter(partnership=partnership, is_agreed=False).exists()


def _move(page: Page, partnership: Any, stage: str) -> None:
    page.goto(f"/en/partnerships/{partnership.pk}/")
    page.get_by_label("Move to").select_option(stage)
    page.get_by_role("button", name="Move", exact=True).click()


def test_from_a_matchmaking_outcome_to_a_launched_pilot_and_field_feedback(
    logged_in_page: Callable[..., Page],
    new_page: Callable[..., Page],
    ecosystem: Any,
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    from kaveret.partnerships.models import Feedback, Partnership, Stage
    from kaveret.testing.partnerships_demo_factories import matchmaking_meeting_with_outcome
    from kaveret.testing.partnerships_factories import community_manager

    manager = community_manager(ecosystem.community)
    meeting = matchmaking_meeting_with_outcome(
        organisation=ecosystem.organisation,
        venture=ecosystem.disability_venture,
        community=ecosystem.community,
        outcome="pending",
    )

    # 1. The manager records the meeting's outcome, "design partnership proposed", on the
    #    matchmaking console and opens the partnership it proposes.
    page = logged_in_page(manager, "en-GB")
    page.goto(f"/en/matchmaking/{meeting.pair.matchmaking_id}/")
    page.get_by_label("Outcome", exact=True).select_option("partnership")
    page.get_by_label("Outcome note").fill("Both sides want a six-month pilot in two branches.")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_role("button", name="Open the proposed partnership").click()
    partnership = Partnership.objects.get(origin_meeting=meeting)
    assert partnership.origin == "matchmaking"
    assert partnership.stage == Stage.CHOOSE
    assert partnership.summary == "Both sides want a six-month pilot in two branches."
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership.title)

    # 2. The five factors, then on to step 05 and the definition.
    page.goto(f"/en/partnerships/{partnership.pk}/")
    page.get_by_text("Assess the five factors").click()
    for label in (
        "Proximity of vision and values",
        "Contribution",
        "Added value",
        "Investment capacity",
    ):
        page.locator("#factors-section").get_by_label(label).select_option("4")
    page.locator("#factors-section").get_by_label("Power gaps").select_option("2")
    page.get_by_role("button", name="Save the factors").click()
    partnership.refresh_from_db()
    assert partnership.level is not None
    _move(page, partnership, "define")
    partnership.refresh_from_db()
    assert partnership.stage == Stage.DEFINE
    _define(page, partnership)

    # 3. Launch without an ambassador: refused, and the reason is said.
    _move(page, partnership, "launch")
    refused = page.locator("#move-refused")
    expect(refused).to_contain_text("Name the organisation's internal ambassador")
    partnership.refresh_from_db()
    assert partnership.stage == Stage.DEFINE

    # 4. An ambassador is named; the launch goes through.
    page.goto(f"/en/partnerships/{partnership.pk}/definition/")
    ambassador = page.locator("#ambassador")
    ambassador.get_by_label("Internal ambassador's name").fill("Dana Levi")
    ambassador.get_by_label("Ambassador's role").fill("Head of the employment branch")
    ambassador.get_by_role("button", name="Save the ambassador").click()
    _move(page, partnership, "launch")
    expect(page.locator("#move-refused")).to_have_count(0)
    partnership.refresh_from_db()
    assert partnership.stage == Stage.LAUNCH

    # 5. A field worker, with no account, leaves feedback through the private link.
    page.goto(f"/en/partnerships/{partnership.pk}/running/feedback-link/")
    link = page.locator("#feedback-link").input_value()
    field_worker = new_page("he-IL")
    field_worker.goto(link)
    field_worker.get_by_label("Organisation staff").check()
    field_worker.get_by_label("4").check()
    field_worker.get_by_label("Your feedback").fill("הצוות בסניף מרוצה; צריך הדרכה נוספת.")
    field_worker.get_by_role("button", name="Send the feedback").click()
    feedback = Feedback.objects.get(partnership=partnership)
    assert (feedback.role, feedback.rating) == ("staff", 4)

    # 6. The manager reads it; the board shows the partnership at its stage.
    page.goto(f"/en/partnerships/{partnership.pk}/running/feedback/")
    expect(page.get_by_text("צריך הדרכה נוספת").first).to_be_visible()
    page.goto("/en/partnerships/")
    expect(page.get_by_role("link", name=partnership.title).first).to_be_visible()

    # 7. The board and the partnership's pages are accessible in each language.
    pk = partnership.pk
    for language in ("he", "en", "ar"):
        for path in (
            "/partnerships/",
            f"/partnerships/{pk}/",
            f"/partnerships/{pk}/definition/",
            f"/partnerships/{pk}/running/",
        ):
            assert_accessible(page, path, language)
    assert_accessible(field_worker, urlparse(link).path.removeprefix("/en"), "he")


def test_the_demo_case_studies_on_the_board_and_their_pages(
    logged_in_page: Callable[..., Page],
    transactional_db: Any,
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    """The demo manager (TechAbility) sees the case studies of the community, with the
    seed's texts, on accessible Hebrew pages; a visitor reads a published one."""
    from kaveret.accounts.models import User
    from kaveret.partnerships.demo import VIVID_RIKMA, WELLPLAY_CLALIT, WELLPLAY_SHALVATA
    from kaveret.partnerships.models import Partnership
    from kaveret.testing.partnerships_demo_factories import (
        DEMO_MANAGER,
        load_demo_partnerships,
    )

    load_demo_partnerships()
    manager = User.objects.get(email=DEMO_MANAGER)
    page = logged_in_page(manager)
    assert_accessible(page, "/partnerships/", "he")
    for spec in (VIVID_RIKMA, WELLPLAY_CLALIT, WELLPLAY_SHALVATA):
        expect(page.get_by_role("link", name=spec.title).first).to_be_visible()
    vivid = Partnership.objects.get(title=VIVID_RIKMA.title)
    for path in (f"/partnerships/{vivid.pk}/", f"/partnerships/{vivid.pk}/definition/"):
        assert_accessible(page, path, "he")
    expect(page.get_by_text("תמחור").first).to_be_visible()
    shalvata = Partnership.objects.get(title=WELLPLAY_SHALVATA.title)
    assert_accessible(page, f"/partnerships/{shalvata.pk}/definition/", "he")
    expect(page.get_by_text("מנדלוביץ").first).to_be_visible()


def test_the_demo_running_page_with_closed_risks_is_accessible(
    logged_in_page: Callable[..., Page],
    transactional_db: Any,
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    from kaveret.accounts.models import User
    from kaveret.partnerships.demo import VIVID_RIKMA
    from kaveret.partnerships.models import Partnership
    from kaveret.testing.partnerships_demo_factories import (
        DEMO_MANAGER,
        load_demo_partnerships,
    )

    load_demo_partnerships()
    page = logged_in_page(User.objects.get(email=DEMO_MANAGER))
    vivid = Partnership.objects.get(title=VIVID_RIKMA.title)
    assert_accessible(page, f"/partnerships/{vivid.pk}/running/", "he")
    expect(page.get_by_text("הגדרת גבולות עבודה").first).to_be_visible()
