"""Browser: the recommenders' panels load into their host pages, the "Why?" breakdown
opens from the keyboard, and the panels and the routing page are axe-clean in Hebrew,
English and Arabic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def _setup() -> tuple[Any, Any, Any, Any]:
    from kaveret.accounts.models import Role
    from kaveret.matching import engine, index
    from kaveret.testing.challenges_factories import open_challenge
    from kaveret.testing.factories import (
        CommunityFactory,
        DomainFactory,
        OrganisationFactory,
        RoleAssignmentFactory,
        UserFactory,
        VentureFactory,
    )

    domain = DomainFactory(name="תעסוקה", name_en="Employment", slug="employment")
    community = CommunityFactory(
        name="קהילת תעסוקה", tagline="תעסוקה לאנשים עם מוגבלות", domain=domain
    )
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.PLATFORM_ADMIN)
    challenge = open_challenge(
        community=community,
        owner=admin,
        title="תעסוקה לאנשים עם מוגבלות",
        problem="אנשים עם מוגבלות מתקשים למצוא משרות בשוק הפתוח.",
        domain=domain,
    )
    venture = VentureFactory(name="עבודה שווה", description="משרות לאנשים עם מוגבלות.")
    venture.domains.add(domain)
    organisation = OrganisationFactory(name="מעסיק מכיל", description="מעסיק אנשים עם מוגבלות.")
    organisation.domains.add(domain)
    index.rebuild()
    engine.forget_index()
    return admin, challenge, venture, organisation


def test_the_panels_load_and_explain_and_are_accessible(
    transactional_db: Any,
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
) -> None:
    admin, challenge, venture, organisation = _setup()
    page = logged_in_page(admin, "en-GB")

    page.goto(f"/en{venture.get_absolute_url()}")
    routing = page.get_by_role("region", name="Where this venture fits")
    expect(routing.get_by_role("link", name="קהילת תעסוקה")).to_be_visible()
    fit = page.get_by_role("region", name="Organisations that could be design partners")
    why = fit.get_by_text("Why?").first
    why.focus()
    page.keyboard.press("Enter")
    expect(fit.get_by_role("table").first).to_be_visible()

    for language in ("he", "en", "ar"):
        assert_accessible(page, challenge.get_absolute_url(), language)
        assert_accessible(page, f"/match/scouting/{challenge.slug}/", language)
        assert_accessible(page, f"/match/organisations/{organisation.pk}/fit/", language)
        assert_accessible(page, "/match/route/", language)
        assert_accessible(page, f"/match/assess/{venture.pk}/", language)
