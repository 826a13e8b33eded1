"""A community in the browser: an entrepreneur asks to join TechAbility, the manager
approves, the entrepreneur registers for an event and downloads its .ics; axe-core on
the community's pages in the three languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_an_entrepreneur_joins_techability_and_registers_for_an_event(
    logged_in_page: Callable[..., Page], transactional_db: Any
) -> None:
    from kaveret.accounts.models import Role
    from kaveret.communities.models import Membership, MembershipStatus
    from kaveret.testing.factories import (
        CommunityFactory,
        EventFactory,
        RoleAssignmentFactory,
        UserFactory,
        VentureFactory,
    )

    techability = CommunityFactory(name="טקאביליטי", name_en="TechAbility", slug="techability")
    event = EventFactory(community=techability, title="AI and mental health roundtable")
    venture = VentureFactory(name="VIVID", name_en="VIVID")
    entrepreneur = UserFactory(language="en", full_name="Dana Levi")
    RoleAssignmentFactory(user=entrepreneur, role=Role.ENTREPRENEUR, venture=venture)
    manager = UserFactory(language="en")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=techability)

    # The entrepreneur asks to join, for the venture.
    page = logged_in_page(entrepreneur, "en-GB")
    page.goto("/en/communities/techability/")
    page.get_by_role("link", name="Ask to join").click()
    page.get_by_label("Who is joining").select_option(label="VIVID")
    page.get_by_label("Member type").select_option("entrepreneur")
    page.get_by_label("Why you want to join (optional)").fill("We build VR for rehabilitation.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request to join was sent.", exact=False)).to_be_visible()
    expect(page.get_by_text("Pending")).to_be_visible()

    # The manager approves it with a message.
    staff = logged_in_page(manager, "en-GB")
    staff.goto("/en/communities/techability/")
    staff.get_by_role("link", name="Requests and invitations (1)").click()
    expect(staff.get_by_text("We build VR for rehabilitation.")).to_be_visible()
    staff.get_by_label("Message to the applicant (optional)").fill("Welcome aboard!")
    staff.get_by_role("button", name="Approve").click()
    expect(staff.get_by_text("VIVID is now a member.")).to_be_visible()
    membership = Membership.objects.get(community=techability, actor=venture)
    assert membership.status == MembershipStatus.ACTIVE

    # The entrepreneur is told, sees the membership, and registers for an event.
    page.goto("/en/communities/techability/")
    expect(page.get_by_role("link", name="Notifications (1), 1 unread")).to_be_visible()
    expect(page.get_by_text("Active", exact=True)).to_be_visible()
    page.get_by_role("link", name="AI and mental health roundtable").click()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    text = download_info.value.path().read_text(encoding="utf-8")
    assert f"UID:event-{event.pk}@kaveret" in text
    assert "SUMMARY:AI and mental health roundtable" in text


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize(
    "name", ["community", "join", "manage", "roles", "history", "settings", "member"]
)
def test_community_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    ecosystem: Any,
    languages: dict[str, tuple[str, str, str]],
    name: str,
    language: str,
) -> None:
    from kaveret.accounts.models import Role
    from kaveret.communities import services
    from kaveret.communities.models import MemberType
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    community = ecosystem.community
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    services.request_membership(
        by=UserFactory(), community=community, member_type=MemberType.NEED_EXPERT, note="שלום"
    )
    services.invite_member(
        by=manager, community=community, email="guest@example.org", member_type="academia"
    )
    member = community.memberships.filter(actor__isnull=False).first()
    page = logged_in_page(manager, languages[language][1])
    slug = community.slug
    path = {
        "community": f"/communities/{slug}/",
        "join": f"/communities/{slug}/join/",
        "manage": f"/communities/{slug}/manage/",
        "roles": f"/communities/{slug}/roles/",
        "history": f"/communities/{slug}/history/",
        "settings": f"/communities/{slug}/settings/",
        "member": f"/communities/{slug}/members/{member.pk}/",
    }[name]

    assert_accessible(page, path, language)
