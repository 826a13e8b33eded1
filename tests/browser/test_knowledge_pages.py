"""The knowledge hub in the browser: a member writes and submits an item, a coordinator
approves it; axe-core on the list, item, form and review pages in the three languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _member_and_coordinator(community: Any) -> tuple[Any, Any]:
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import (
        MembershipFactory,
        PersonFactory,
        RoleAssignmentFactory,
        UserFactory,
    )

    member = UserFactory(full_name="Dana Member", language="en")
    MembershipFactory(community=community, actor=None, person=PersonFactory(user=member))
    coordinator = UserFactory(full_name="Noa Coordinator", language="en")
    RoleAssignmentFactory(user=coordinator, role=Role.COMMUNITY_COORDINATOR, community=community)
    return member, coordinator


def test_a_member_submits_an_item_and_a_coordinator_publishes_it(
    logged_in_page: Callable[..., Page], ecosystem: Any, settings: Any, tmp_path: Any
) -> None:
    from kaveret.knowledge.models import KnowledgeItem, KnowledgeStatus

    settings.MEDIA_ROOT = tmp_path
    member, coordinator = _member_and_coordinator(ecosystem.community)
    attachment = tmp_path / "checklist.md"
    attachment.write_text("# Checklist\n\n- expectations\n", encoding="utf-8")

    page = logged_in_page(member, "en-GB")
    page.goto("/en/knowledge/")
    page.get_by_role("link", name="Write a knowledge item").click()
    page.get_by_label("Kind").select_option("tool_template")
    page.get_by_label("Title").fill("Design partnership checklist")
    page.get_by_label("Summary").fill("What to agree before a pilot.")
    page.get_by_label("Text (Markdown)").fill("## Before the pilot\n\n- **Ambassador** inside")
    page.get_by_label("Tags").fill("design partnership, pilot")
    page.get_by_label("Attach files").set_input_files(str(attachment))
    page.get_by_role("button", name="Save and submit").click()

    assert page.get_by_role("heading", name="Design partnership checklist").is_visible()
    assert page.get_by_text("for review").first.is_visible()
    item = KnowledgeItem.objects.get()
    assert item.status == KnowledgeStatus.IN_REVIEW
    assert item.attachments.get().original_name == "checklist.md"

    reviewer = logged_in_page(coordinator, "en-GB")
    reviewer.goto("/en/knowledge/review/")
    reviewer.get_by_role("button", name="Approve “Design partnership checklist”").click()

    assert reviewer.get_by_text("Nothing waits for review.").is_visible()
    item.refresh_from_db()
    assert item.status == KnowledgeStatus.PUBLISHED
    reviewer.goto(f"/en/knowledge/{item.pk}/")
    assert reviewer.locator(".knowledge-body strong").inner_text() == "Ambassador"


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["list", "item", "form", "review"])
def test_knowledge_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.knowledge.models import KnowledgeStatus
    from kaveret.testing.knowledge_factories import KnowledgeCommentFactory, KnowledgeItemFactory

    member, coordinator = _member_and_coordinator(ecosystem.community)
    item = KnowledgeItemFactory(
        community=ecosystem.community,
        kind="case_study",
        title="חקר מקרה: Wellplay",
        summary="פלטפורמה מבוססת פסיכודרמה.",
        body="## לקחים\n\n1. **שגריר פנימי**\n2. [הכוורת](https://hackaveret.org)\n\n"
        "| שלב | מה |\n|---|---|\n| 1 | ניסוי קליני |",
        domains=[ecosystem.health],
        tags=["פיילוט", "שותפות מעצבת"],
    )
    KnowledgeCommentFactory(item=item, author=member)
    KnowledgeItemFactory(
        community=ecosystem.community, author=member, status=KnowledgeStatus.IN_REVIEW
    )
    user = coordinator if name == "review" else member
    page = logged_in_page(user, languages[language][1])
    path = {
        "list": "/knowledge/?q=פיילוט",
        "item": f"/knowledge/{item.pk}/",
        "form": "/knowledge/new/",
        "review": "/knowledge/review/",
    }[name]

    assert_accessible(page, path, language)
