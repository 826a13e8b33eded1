"""Running a partnership in the browser: axe-core on the running page, its forms and the
public feedback form in three languages; a field worker leaves feedback by keyboard."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _running_partnership(ecosystem: Any) -> Any:
    from kaveret.testing.partnerships_running_factories import (
        ContinuityPlanFactory,
        DecisionEntryFactory,
        FeedbackFactory,
        PilotIndicatorFactory,
        PilotMeasurementFactory,
        RiskFactory,
        make_partnership,
    )

    partnership = make_partnership(
        community=ecosystem.community, lessons="כדאי להתחיל מול גוף קטן וגמיש.", stage="launch"
    )
    RiskFactory(partnership=partnership)
    RiskFactory(partnership=partnership, key="other", title="עומס על המטפלים", likelihood=1)
    FeedbackFactory(partnership=partnership, response="תודה", change_made="כפתור גדול")
    FeedbackFactory(partnership=partnership, role="user", rating=2)
    indicator = PilotIndicatorFactory(partnership=partnership)
    for day, value in ((1, "12"), (15, "18"), (40, "25")):
        PilotMeasurementFactory(
            indicator=indicator,
            measured_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            value=Decimal(value),
        )
    PilotIndicatorFactory(partnership=partnership)
    DecisionEntryFactory(partnership=partnership)
    ContinuityPlanFactory(partnership=partnership)
    return partnership


@pytest.mark.parametrize("language", ["he", "en", "ar"])
def test_the_running_pages_are_accessible(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    language: str,
) -> None:
    from kaveret.testing.partnerships_factories import community_manager

    partnership = _running_partnership(ecosystem)
    page = logged_in_page(community_manager(ecosystem.community), languages[language][1])
    base = f"/partnerships/{partnership.pk}/running/"

    for path in (
        base,
        f"{base}conditions/early_expectations/",
        f"{base}risks/new/",
        f"{base}feedback-link/",
        f"{base}continuity/",
        f"{base}outcome/",
        f"/partnerships/feedback/{partnership.feedback_token}/",
    ):
        assert_accessible(page, path, language)


def test_a_field_worker_leaves_feedback_with_the_keyboard(
    new_page: Callable[..., Page],
    serious_axe_violations: Callable[[Page], str],
    ecosystem: Any,
) -> None:
    from kaveret.partnerships.models import Feedback
    from kaveret.testing.partnerships_running_factories import make_partnership

    partnership = make_partnership(community=ecosystem.community, stage="launch")
    page = new_page("en-GB")
    page.goto(f"/en/partnerships/feedback/{partnership.feedback_token}/")

    page.get_by_label("User or beneficiary").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Your feedback").fill("The reminders help me get ready.")
    page.get_by_label("Your feedback").press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Thank you for your feedback").wait_for()
    assert not serious_axe_violations(page)
    stored = Feedback.objects.get(partnership=partnership)
    assert (stored.role, stored.rating) == ("user", 4)
