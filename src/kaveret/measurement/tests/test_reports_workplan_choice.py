"""Which plan ``/measurement/reports/workplan/<year>.pdf`` serves (issue 8): a plan the
viewer may see, the one named by ``?plan=`` when given; 404 when none is visible. The
layout itself is tested in test_reports_workplan_pdf; here it is replaced by the plan's
number, so the tests stay quick."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.testing.challenges_factories import community_member
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory
from kaveret.testing.measurement_factories import WorkPlanFactory

pytestmark = pytest.mark.django_db

URL = "/measurement/reports/workplan/2021.pdf"


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(plan: Any, language: str) -> bytes:
        return f"%PDF plan={plan.pk} lang={language}".encode()

    monkeypatch.setattr("kaveret.measurement.reports_views.cached_workplan_pdf", fake)


def test_a_hidden_communitys_newer_plan_is_not_served_to_outsiders() -> None:
    public = WorkPlanFactory(year=2021)
    hidden = CommunityFactory(is_public=False)
    secret = WorkPlanFactory(year=2021, community=hidden)  # updated last: the newest
    assert client_as().get(URL).content == f"%PDF plan={public.pk} lang=he".encode()
    assert client_as().get(f"{URL}?plan={secret.pk}").status_code == 404
    member = client_as(community_member(hidden))
    assert member.get(URL).content == f"%PDF plan={secret.pk} lang=he".encode()
    chosen = member.get(f"{URL}?plan={public.pk}&lang=en")
    assert chosen.content == f"%PDF plan={public.pk} lang=en".encode()


def test_the_plan_named_must_be_of_that_year_published_and_visible() -> None:
    other_year = WorkPlanFactory(year=2022)
    draft = WorkPlanFactory(year=2021, is_published=False)
    for plan_id in (other_year.pk, draft.pk, "x", 999999):
        assert client_as().get(f"{URL}?plan={plan_id}").status_code == 404
    assert client_as().get(URL).status_code == 404  # no published plan of 2021


def test_the_plan_page_links_to_its_own_pdf() -> None:
    plan = WorkPlanFactory(year=2021)
    WorkPlanFactory(year=2021)
    html = client_as().get(f"/measurement/plans/{plan.pk}/").content.decode()
    assert f"{URL}?lang=he&amp;plan={plan.pk}" in html
    assert f"{URL}?lang=en&amp;plan={plan.pk}" in html
