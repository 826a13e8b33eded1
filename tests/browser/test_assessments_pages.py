"""Assessments in the browser: a manager records a collective-impact assessment and sees the
chart's table; axe-core on the assessment pages and the MAP view, in the three languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _manager_of(community: Any) -> Any:
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    manager = UserFactory(full_name="Dana Manager")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    return manager


def _history(ecosystem: Any) -> None:
    from kaveret.ecosystem.choices import OrganisationKind
    from kaveret.measurement.models import RubricKind
    from kaveret.testing.factories import OrganisationFactory
    from kaveret.testing.measurement_assessments_factories import assess
    from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

    community = ecosystem.community
    assess(
        RubricKind.COLLECTIVE_IMPACT,
        {"common_agenda": 2, "trust_and_agreement": 1},
        community=community,
        assessed_on=date(2025, 3, 1),
    )
    assess(
        RubricKind.COLLECTIVE_IMPACT,
        {"common_agenda": 4, "trust_and_agreement": 3, "backbone_support": 5},
        community=community,
        assessed_on=date(2025, 9, 1),
    )
    rival = OrganisationFactory(kind=OrganisationKind.NGO, name="עמותה אחרת")
    assess(RubricKind.OI_MATURITY, {"adoption": 3, "mechanisms_used": 4}, organisation=rival)
    assess(
        RubricKind.OI_MATURITY,
        {"adoption": 2, "internal_ambassador": 5},
        organisation=ecosystem.organisation,
    )
    WorkActivityFactory(
        cycle=WorkCycleFactory(community=community), title="מיפוי", map_tags=["mindset"]
    )


def test_a_manager_records_an_assessment(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    community = ecosystem.community
    page = logged_in_page(_manager_of(community), "en-GB")
    page.goto(f"/en/measurement/assessments/communities/{community.slug}/")
    page.get_by_role("link", name="Record an assessment").click()
    page.get_by_label("Date of the assessment").fill("2026-01-10")
    group = page.get_by_role("group", name="Common agenda")
    group.get_by_label("Score").select_option("4")
    group.get_by_label("Note").fill("Agreed in the steering committee")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The assessment is recorded.")).to_be_visible()
    cell = page.locator('td[data-dimension="common_agenda"][data-date="2026-01-10"]')
    expect(cell).to_have_text("4")
    expect(page.locator(".assessment-index")).to_contain_text("75.0")


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["community", "organisation", "form", "map"])
def test_assessment_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    community = ecosystem.community
    manager = _manager_of(community)
    _history(ecosystem)
    page = logged_in_page(manager, languages[language][1])
    base = "/measurement/assessments"
    path = {
        "community": f"{base}/communities/{community.slug}/",
        "organisation": f"{base}/organisations/{ecosystem.organisation.pk}/",
        "form": f"{base}/communities/{community.slug}/new/",
        "map": f"{base}/communities/{community.slug}/map/",
    }[name]
    assert_accessible(page, path, language)
