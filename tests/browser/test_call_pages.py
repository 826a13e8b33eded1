"""Calls in the browser: axe-core on the list, a call page, the call's edit page and the
form builder in the three languages; a staff member adds a question with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _manager(community: Any) -> Any:
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    manager = UserFactory(full_name="Maya Manager", language="en")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    return manager


def _call(community: Any) -> Any:
    import datetime

    from django.utils import timezone

    from kaveret.calls.models import FormSection, Offer
    from kaveret.testing.calls_factories import CallFactory, ChallengeFactory, call_with_form

    call = call_with_form(
        community=community,
        title="קול קורא EmployTech לחינוך טכנולוגי",
        title_en="EmployTech call on technological education",
        summary="מענקים למיזמים שמכשירים לעבודה בהייטק.",
        offers=[Offer.GRANT, Offer.MENTORING],
        eligibility={"stages": ["idea", "scale"], "founders_societies": ["arab"]},
    )
    call.challenges.add(
        ChallengeFactory(community=community, title="פערי כישורים דיגיטליים", status="open")
    )
    FormSection.objects.create(version=call.form_versions.get(), order=0, title="על המיזם")
    CallFactory(
        community=community,
        title="קול קורא עתידי",
        opens_at=timezone.now() + datetime.timedelta(days=5),
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    CallFactory(
        community=community,
        title="קול קורא שנסגר",
        opens_at=timezone.now() - datetime.timedelta(days=30),
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    return call


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["list", "call", "edit", "form_builder", "rubric"])
def test_call_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    manager = _manager(ecosystem.community)
    call = _call(ecosystem.community)
    page = logged_in_page(manager, languages[language][1])
    path = {
        "list": "/calls/",
        "call": f"/calls/{call.slug}/",
        "edit": f"/calls/{call.slug}/edit/",
        "form_builder": f"/calls/{call.slug}/form/",
        "rubric": f"/calls/{call.slug}/rubric/",
    }[name]

    assert_accessible(page, path, language)


def test_a_manager_adds_a_question_with_the_keyboard_only(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    import datetime

    from django.utils import timezone

    from kaveret.calls.models import Question
    from kaveret.testing.calls_factories import CallFactory

    manager = _manager(ecosystem.community)
    call = CallFactory(
        community=ecosystem.community,
        opens_at=timezone.now() + datetime.timedelta(days=3),
        deadline=timezone.now() + datetime.timedelta(days=20),
    )
    page = logged_in_page(manager, "en-GB")
    page.goto(f"/en/calls/{call.slug}/form/")

    link = page.get_by_role("link", name="Add a question", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/calls/{call.slug}/form/questions/new/")
    page.get_by_label("Kind of question").focus()
    page.keyboard.press("End")  # the last kind: yes or no
    page.keyboard.press("Tab")
    page.keyboard.type("האם המיזם רשום כעמותה?")
    page.keyboard.press("Tab")
    page.keyboard.type("Is the venture a registered NGO?")
    page.get_by_role("button", name="Save the question").focus()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/calls/{call.slug}/form/")
    assert page.get_by_text("The question was added.").is_visible()
    question = Question.objects.get(version__call=call)
    assert question.kind == "yes_no"
    assert question.label_en == "Is the venture a registered NGO?"
