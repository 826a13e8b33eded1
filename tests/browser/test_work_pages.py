"""Ecosystem work in the browser: staff move an activity and set the phase; axe-core on the
board and the principles pages, in the three languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _manager_of(community: Any) -> Any:
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import RoleAssignmentFactory, UserFactory

    manager = UserFactory(full_name="Dana Manager")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    return manager


def _work(community: Any, manager: Any) -> None:
    from kaveret.communities.models import ActivityKind, EcosystemPhase, Principle
    from kaveret.testing.work_factories import (
        PrincipleAssessmentFactory,
        WorkActivityFactory,
        WorkCycleFactory,
    )

    closed = WorkCycleFactory(
        community=community,
        number=1,
        started_on=date(2024, 7, 1),
        ended_on=date(2024, 12, 31),
        summary="We learnt who is out there.",
    )
    WorkActivityFactory(cycle=closed, title="Steering committee", status="done")
    cycle = WorkCycleFactory(community=community, number=2, started_on=date(2025, 1, 1))
    WorkActivityFactory(
        cycle=cycle,
        title="Mapping the employment ecosystem",
        owner=manager,
        starts_on=date(2025, 1, 5),
        ends_on=date(2025, 2, 5),
        outputs="A map of the actors",
        links=["https://example.org/map"],
    )
    WorkActivityFactory(
        cycle=cycle,
        move=EcosystemPhase.RESPONSE,
        kind=ActivityKind.CALL,
        title="Call for technological education",
    )
    PrincipleAssessmentFactory(
        community=community, assessed_on=date(2024, 7, 1), scores={Principle.PROSUMERS: 2}
    )
    PrincipleAssessmentFactory(
        community=community, assessed_on=date(2025, 1, 1), scores={Principle.PROSUMERS: 4}
    )


def test_a_manager_moves_an_activity_and_moves_the_phase_on(
    logged_in_page: Callable[..., Page], ecosystem: Any
) -> None:
    community = ecosystem.community
    manager = _manager_of(community)
    _work(community, manager)
    page = logged_in_page(manager, "en-GB")
    page.goto(f"/en/communities/{community.slug}/work/")

    page.get_by_label("Move to").first.select_option("deepening")
    page.get_by_role("button", name=re.compile("^Move.*Mapping the employment ecosystem$")).click()

    deepening = page.locator("#move-deepening")
    assert deepening.get_by_role("heading", name="Mapping the employment ecosystem").is_visible()

    page.get_by_role("combobox", name="Current phase").select_option("deepening")
    page.get_by_role("button", name="Set the phase").click()

    assert page.get_by_text("The current phase is now Deepening.").is_visible()
    assert page.locator("#move-deepening mark").is_visible()


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["board", "past-cycle", "principles", "assessment-form"])
def test_work_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    community = ecosystem.community
    manager = _manager_of(community)
    _work(community, manager)
    page = logged_in_page(manager, languages[language][1])
    base = f"/communities/{community.slug}/work"
    path = {
        "board": f"{base}/",
        "past-cycle": f"{base}/cycles/1/",
        "principles": f"{base}/principles/",
        "assessment-form": f"{base}/principles/new/",
    }[name]

    assert_accessible(page, path, language)


def test_a_visitor_reads_the_principles_chart_and_its_table(
    new_page: Callable[..., Page], live_server: Any, ecosystem: Any
) -> None:
    community = ecosystem.community
    _work(community, _manager_of(community))
    page = new_page("en-GB", javascript=False)

    page.goto(f"/en/communities/{community.slug}/work/principles/")

    chart = page.get_by_role("img", name="Self-assessed score of each principle over time")
    assert chart.is_visible()
    table = page.get_by_role("table", name="Scores of the principles by date of assessment")
    row = table.get_by_role("row", name="Members as prosumers")
    assert row.get_by_role("cell").all_inner_texts() == ["2", "4"]
