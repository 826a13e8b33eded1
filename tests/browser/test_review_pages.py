"""A reviewer scores an application and submits; axe-core on the review page, the console
and the budget page in Hebrew, English and Arabic."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _call_with_review(transactional_db: Any) -> tuple[Any, Any, Any]:
    from kaveret.calls.models import ApplicationStatus, Review
    from kaveret.testing.calls_factories import ApplicationFactory, GrantFactory, call_with_form
    from kaveret.testing.factories import UserFactory
    from kaveret.testing.personas import make_personas
    from kaveret.testing.review_factories import submitted_review

    personas = make_personas()
    call = call_with_form(community=personas.community, budget=Decimal("200000"))
    reviewer = personas.staff
    call.reviewers.add(reviewer)
    application = ApplicationFactory(call=call)
    review = Review.objects.create(application=application, reviewer=reviewer)
    other = ApplicationFactory(call=call, status=ApplicationStatus.ACCEPTED)
    submitted_review(other, UserFactory(), [4, 3])
    GrantFactory(application=other, created_by=personas.staff, amount=Decimal("50000"))
    return call, review, personas


def test_reviewer_declares_scores_and_submits(
    transactional_db: Any, logged_in_page: Callable[..., Page]
) -> None:
    from kaveret.calls.models import ReviewStatus

    call, review, personas = _call_with_review(transactional_db)
    page = logged_in_page(personas.staff, "en-GB")
    page.goto(f"/en/calls/{call.slug}/reviews/")
    page.get_by_role("button", name="I have declared all my conflicts").click()
    page.get_by_role("link", name=review.application.applicant_name).click()
    for criterion in call.criteria.all():
        page.get_by_label(f"Score for {criterion.name}").select_option("4")
    page.get_by_label("Recommendation").select_option("accept")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft was saved.")).to_be_visible()
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("This review was submitted and is locked.")).to_be_visible()
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and review.scores.count() == 2


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["review", "console", "budget"])
def test_review_pages_have_no_serious_violations(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    name: str,
    language: str,
) -> None:
    from kaveret.testing.review_factories import confirm_conflicts

    call, review, personas = _call_with_review(transactional_db)
    confirm_conflicts(personas.staff, call)
    path = {
        "review": f"/calls/{call.slug}/reviews/{review.pk}/",
        "console": f"/calls/{call.slug}/console/?normalise=1",
        "budget": f"/calls/{call.slug}/budget/",
    }[name]
    page = logged_in_page(personas.staff, languages[language][1])
    assert_accessible(page, path, language)
