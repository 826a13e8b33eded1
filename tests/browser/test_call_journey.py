"""The path of issue 5 in the browser, end to end: an entrepreneur applies to an open call
with an attachment, a reviewer scores the application, the community manager accepts it
and awards a grant, and sees it committed on the call's budget."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_apply_review_accept_and_see_the_grant_on_the_budget(
    logged_in_page: Callable[..., Page], ecosystem: Any, settings: Any, tmp_path: Any
) -> None:
    from weasyprint import HTML

    from kaveret.accounts.models import Role
    from kaveret.calls.models import Application, ApplicationStatus, Grant
    from kaveret.testing.application_factories import call_with_full_form, entrepreneur
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    deck = tmp_path / "deck.pdf"
    deck.write_bytes(HTML(string="<p>Pitch deck</p>").write_pdf())
    call = call_with_full_form(
        community=ecosystem.community, title="קול קורא לתעסוקה", budget=Decimal("300000")
    )
    applicant = entrepreneur(name="תעסוקה בכבוד", name_en="Work with dignity")
    reviewer = UserFactory(language="en", full_name="Rina Reviewer")
    call.reviewers.add(reviewer)
    manager = UserFactory(language="en")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=call.community)

    # 1. The entrepreneur applies, with a file, and submits.
    page = logged_in_page(applicant.user, "en-GB")
    page.goto(f"/en/calls/{call.slug}/")
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("Work with dignity").check()
    page.get_by_role("button", name="Start or continue the application").click()
    page.get_by_label("שם המיזם").fill("Work with dignity")
    page.get_by_label("Describe the venture").fill(
        "Matching employers with people with disabilities."
    )
    page.get_by_label("Team size").fill("4")
    page.get_by_label("Pilot").check()
    page.get_by_label("Yes").check()
    page.get_by_label("Pitch deck").set_input_files(str(deck))
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("#application-status")).to_have_text("Submitted")
    application = Application.objects.get(call=call)

    # 2. The manager assigns the reviewers automatically.
    staff = logged_in_page(manager, "en-GB")
    staff.goto(f"/en/calls/{call.slug}/assignments/")
    staff.get_by_role("button", name="Assign automatically").click()
    assert application.reviews.filter(reviewer=reviewer).exists()

    # 3. The reviewer declares no conflict, scores every criterion and submits.
    review_page = logged_in_page(reviewer, "en-GB")
    review_page.goto(f"/en/calls/{call.slug}/reviews/")
    review_page.get_by_role("button", name="I have declared all my conflicts").click()
    review_page.get_by_role("link", name="Work with dignity").click()
    for criterion in call.criteria.all():
        review_page.get_by_label(f"Score for {criterion.name}").select_option("5")
    review_page.get_by_label("Recommendation").select_option("accept")
    review_page.get_by_role("button", name="Submit review").click()
    expect(review_page.get_by_text("This review was submitted and is locked.")).to_be_visible()

    # 4. The manager accepts it, awards a grant and sees it on the budget.
    staff.goto(f"/en/calls/{call.slug}/decisions/{application.pk}/")
    staff.get_by_label("Accept").check()
    staff.get_by_label("Reason").fill("Strong impact and a ready design partner.")
    staff.get_by_role("button", name="Record the decision").click()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    staff.goto(f"/en/calls/{call.slug}/grants/{application.pk}/")
    staff.get_by_label("Amount (ILS)").first.fill("80000")
    staff.get_by_role("button", name="Award the grant").click()
    assert Grant.objects.get(application=application).amount == Decimal("80000")
    staff.goto(f"/en/calls/{call.slug}/budget/")
    committed = staff.get_by_role("row", name="Committed (grants)")
    expect(committed).to_contain_text("80,000")
    expect(staff.get_by_role("row", name="Remaining to commit")).to_contain_text("220,000")
