"""Applying in the browser: an entrepreneur applies to an open call with an attachment and
submits; axe-core on the apply page, the application page and the dashboard in he/en/ar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _small_pdf(path: Any) -> Any:
    """A small real PDF, made here with WeasyPrint."""
    from weasyprint import HTML

    path.write_bytes(HTML(string="<p>Pitch deck</p>").write_pdf())
    return path


def _call_and_entrepreneur(community: Any) -> tuple[Any, Any]:
    from kaveret.testing.application_factories import call_with_full_form, entrepreneur

    call = call_with_full_form(community=community, title="קול קורא לתעסוקה")
    applicant = entrepreneur(name="תעסוקה בכבוד", name_en="Work with dignity")
    applicant.user.full_name = "Dana Founder"
    applicant.user.save()
    return call, applicant


def test_an_entrepreneur_applies_with_an_attachment_and_submits(
    logged_in_page: Callable[..., Page], ecosystem: Any, settings: Any, tmp_path: Any
) -> None:
    from kaveret.calls.models import Application, ApplicationStatus

    settings.MEDIA_ROOT = tmp_path / "media"
    call, applicant = _call_and_entrepreneur(ecosystem.community)
    deck = _small_pdf(tmp_path / "deck.pdf")

    page = logged_in_page(applicant.user, "en-GB")
    page.goto(f"/en/calls/{call.slug}/apply/")
    page.get_by_label("Work with dignity").check()
    page.get_by_role("button", name="Start or continue the application").click()

    page.get_by_label("שם המיזם").fill("Work with dignity")
    page.get_by_label("Describe the venture").fill(
        "Matching employers with people with disabilities."
    )
    expect(page.locator("#save-status")).to_contain_text("Saved at")  # the autosave
    page.get_by_label("Team size").fill("4")
    page.get_by_label("Pilot").check()
    page.get_by_label("Yes").check()
    page.get_by_label("Pitch deck").set_input_files(str(deck))
    page.get_by_role("button", name="Submit the application").click()

    expect(page.locator("#application-status")).to_have_text("Submitted")
    expect(page.get_by_role("link", name="deck.pdf")).to_be_visible()
    application = Application.objects.get(call=call)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.answers["pitch"] == "Matching employers with people with disabilities."
    assert application.files.get().original_name == "deck.pdf"


def test_the_applicants_pages_are_accessible_in_every_language(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    from kaveret.testing.application_factories import draft_of
    from kaveret.testing.calls_factories import ApplicationFactory, DecisionFactory

    settings.MEDIA_ROOT = tmp_path
    call, applicant = _call_and_entrepreneur(ecosystem.community)
    draft = draft_of(call, applicant, answers={"pitch": "טיוטה"})
    decided = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    DecisionFactory(application=decided)
    for language, (_prefix, locale, _direction) in languages.items():
        page = logged_in_page(applicant.user, locale)
        assert_accessible(page, f"/calls/{call.slug}/apply/", language)
        assert_accessible(page, draft.get_absolute_url(), language)
        assert_accessible(page, decided.get_absolute_url(), language)


def test_the_dashboard_is_accessible_in_every_language(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
) -> None:
    from kaveret.testing.application_factories import draft_of
    from kaveret.testing.calls_factories import ApplicationFactory, DecisionFactory

    call, applicant = _call_and_entrepreneur(ecosystem.community)
    draft_of(call, applicant)
    ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    DecisionFactory(
        application=ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    )
    for language, (_prefix, locale, _direction) in languages.items():
        page = logged_in_page(applicant.user, locale)
        assert_accessible(page, "/calls/mine/", language)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
