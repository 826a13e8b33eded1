"""Challenges in the browser: a member proposes an edit and the owner accepts it; axe-core
on the list, a challenge page with its history, and the propose form in three languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _challenge_with_history(community: Any) -> tuple[Any, Any, Any]:
    from kaveret.accounts.models import Role
    from kaveret.challenges import services
    from kaveret.testing.calls_factories import CallFactory
    from kaveret.testing.challenges_factories import (
        ChallengeCommentFactory,
        EditProposalFactory,
        community_member,
    )
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    manager = UserFactory(full_name="Noa Manager", language="en")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    member = community_member(community, full_name="Dana Member", language="en")
    challenge = services.challenge_create(
        by=manager,
        values={
            "title": "איכות השירותים",
            "kind": "system",
            "problem": "השירותים הציבוריים אינם מועילים ויעילים דיים.",
            "background": "תחום איכות השירותים פועל לקידום שירותים ממוקדי אדם.",
            "community": community,
            "owner_kind": "community",
            "origin": "work_plan",
            "about_interfaces": True,
            "recurring": True,
            "map_tags": ["mindset", "pipes"],
        },
    )
    challenge = services.challenge_set_status(by=manager, challenge=challenge, status="open")
    accepted = EditProposalFactory(challenge=challenge, author=member)
    services.proposal_decide(by=manager, proposal=accepted, accept=True, message="תודה")
    EditProposalFactory(
        challenge=challenge,
        author=member,
        changes={"background": challenge.background + " עם נתונים."},
        base={"background": challenge.background},
    )
    ChallengeCommentFactory(challenge=challenge, author=member, body="כדאי לשתף את הרשויות.")
    call = CallFactory(community=community, title="קול קורא לאיכות השירותים")
    call.challenges.add(challenge)
    return challenge, manager, member


def test_a_member_proposes_an_edit_and_the_owner_accepts_it(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    from kaveret.challenges.models import ChallengeRevision

    challenge, manager, member = _challenge_with_history(ecosystem.community)
    page = logged_in_page(member, "en-GB")
    page.goto(f"/en/challenges/{challenge.slug}/")
    page.get_by_role("link", name="Propose an edit").click()
    page.get_by_label("Success measures").fill("Fewer people turned away.")
    page.get_by_label("Why this change").fill("Make success measurable.")
    page.get_by_role("button", name="Send the proposed edit").click()
    assert page.get_by_text("Your proposed edit was sent").is_visible()

    owner = logged_in_page(manager, "en-GB")
    owner.goto(f"/en/challenges/{challenge.slug}/")
    proposal = owner.locator("article.card").filter(has_text="Make success measurable.")
    proposal.get_by_label("Accept and apply").check()
    proposal.get_by_role("button", name="Decide").click()

    assert owner.get_by_text("The proposed edit was accepted and applied.").is_visible()
    assert ChallengeRevision.objects.filter(
        challenge=challenge, changes__has_key="success_measures"
    ).exists()
    assert owner.locator("#history ins").filter(has_text="Fewer people turned away.").count() == 1


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["list", "challenge", "propose"])
def test_challenge_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    challenge, manager, member = _challenge_with_history(ecosystem.community)
    user = member if name == "propose" else manager
    page = logged_in_page(user, languages[language][1])
    path = {
        "list": "/challenges/?q=שירותים",
        "challenge": f"/challenges/{challenge.slug}/",
        "propose": f"/challenges/{challenge.slug}/propose/",
    }[name]

    assert_accessible(page, path, language)
