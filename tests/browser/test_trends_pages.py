"""Trend sensing in the browser: axe-core on the radar and the other trend pages, and the
table beside the radar counting the same signals as its dots."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CELLS = [
    ("act", "social_process", 2),
    ("act", "technology", 1),
    ("assess", "technology", 3),
    ("assess", "policy_change", 1),
    ("watch", "system_challenge", 2),
    ("watch", "work_mechanism", 4),
]


def _signals(community: Any, ecosystem: Any) -> list[Any]:
    from kaveret.testing.trends_factories import TrendSignalFactory
    from kaveret.trends.models import SignalStatus

    made = []
    for ring, kind, count in CELLS:
        for index in range(count):
            made.append(
                TrendSignalFactory(
                    community=community,
                    ring=ring,
                    kind=kind,
                    title=f"Signal {ring} {kind} {index}",
                    domain=ecosystem.employment if index % 2 else None,
                )
            )
    TrendSignalFactory(community=community, title="Waiting idea", status=SignalStatus.PROPOSED)
    return made


def test_the_table_beside_the_radar_counts_the_dots(
    new_page: Callable[..., Page], ecosystem: Any
) -> None:
    _signals(ecosystem.community, ecosystem)
    page = new_page("en-GB", javascript=False)

    page.goto(f"/en/trends/{ecosystem.community.slug}/")

    radar = page.get_by_role("group", name="Trend radar of Employment community")
    dots = radar.locator("a.radar-dot")
    assert dots.count() == sum(count for _, _, count in CELLS)
    on_radar = Counter(
        (dot.get_attribute("data-ring"), dot.get_attribute("data-kind")) for dot in dots.all()
    )
    table = page.get_by_role("table", name="Signals by ring and kind of change")
    in_table = {
        (cell.get_attribute("data-ring"), cell.get_attribute("data-kind")): int(cell.inner_text())
        for cell in table.locator("td[data-ring]").all()
    }
    assert {key: count for key, count in in_table.items() if count} == dict(on_radar)
    assert on_radar == Counter({(ring, kind): count for ring, kind, count in CELLS})
    # The full list holds the same signals, and not the proposal.
    listed = page.get_by_role("table", name="The signals on the radar, latest first")
    assert listed.locator("tbody tr").count() == dots.count()
    assert page.get_by_text("Waiting idea").count() == 0


def test_a_dot_is_a_link_to_its_signal(new_page: Callable[..., Page], ecosystem: Any) -> None:
    from kaveret.testing.trends_factories import TrendSignalFactory

    TrendSignalFactory(community=ecosystem.community, title="Ageing population", ring="act")
    page = new_page("en-GB")
    page.goto(f"/en/trends/{ecosystem.community.slug}/")

    page.locator("a.radar-dot").first.click()

    assert page.get_by_role("heading", level=1, name="Ageing population").is_visible()


@pytest.mark.parametrize("language", ["he", "en", "ar"])
@pytest.mark.parametrize("name", ["radar", "overview", "signal", "propose", "queue", "curate"])
def test_trend_pages_have_no_serious_violations(
    logged_in_page: Callable[..., Page],
    assert_accessible: Callable[[Page, str, str], None],
    languages: dict[str, tuple[str, str, str]],
    ecosystem: Any,
    name: str,
    language: str,
) -> None:
    from kaveret.testing.trends_factories import TrendSignalFactory, make_staff
    from kaveret.trends.models import SignalStatus

    community = ecosystem.community
    signals = _signals(community, ecosystem)
    proposal = TrendSignalFactory(
        community=community, title="Robots in care", status=SignalStatus.PROPOSED
    )
    manager = make_staff(community)
    page = logged_in_page(manager, languages[language][1])
    slug = community.slug
    path = {
        "radar": f"/trends/{slug}/",
        "overview": "/trends/",
        "signal": f"/trends/{slug}/{signals[0].pk}/",
        "propose": f"/trends/{slug}/new/",
        "queue": f"/trends/{slug}/queue/",
        "curate": f"/trends/{slug}/{proposal.pk}/curate/",
    }[name]

    assert_accessible(page, path, language)


def test_a_refused_proposal_has_no_serious_violations(
    logged_in_page: Callable[..., Page],
    serious_axe_violations: Callable[[Page], str],
    ecosystem: Any,
) -> None:
    from kaveret.testing.trends_factories import make_member

    member = make_member(ecosystem.community)
    page = logged_in_page(member, "en-GB")
    page.goto(f"/en/trends/{ecosystem.community.slug}/new/")
    page.get_by_label("title").fill("Remote work")

    page.get_by_role("button", name="Save").click()

    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("title").input_value() == "Remote work"
    violations = serious_axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{violations}"
