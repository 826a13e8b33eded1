"""The dashboards' API: the same figures as the pages, with the same permissions."""

from __future__ import annotations

import pytest
from django.test import Client

from kaveret.testing.factories import CommunityFactory, UserFactory, VentureFactory
from kaveret.testing.measurement_dashboards_factories import (
    community_with_figures,
    funder,
    member_of,
)
from kaveret.testing.measurement_factories import ProgrammeFactory
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory
from kaveret.testing.partnerships_factories import entrepreneur

pytestmark = pytest.mark.django_db

API = "/api/v1/dashboards"


def test_a_member_reads_the_community_figures_others_get_404(client: Client) -> None:
    made = community_with_figures(applications=2)
    url = f"{API}/communities/{made.community.slug}"
    assert client.get(url).status_code in {401, 404}
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(member_of(made.community))
    body = client.get(url).json()
    assert {row["key"]: row["count"] for row in body["funnel"]["stages"]} == {
        "submitted": 2, "eligible": 2, "reviewed": 2, "accepted": 2, "granted": 2,
    }  # fmt: skip
    assert body["partnerships"]["pilots"] == 3
    assert body["partnerships"]["implemented"] == 2
    assert body["members"]["totals"][-1] == 3  # two members and the reader
    assert body["events"][0]["registered"] == 4
    assert body["events"][0]["attended"] == 3
    assert body["indicators"] is None


def test_an_empty_community_has_null_figures(client: Client) -> None:
    community = CommunityFactory()
    client.force_login(member_of(community))
    body = client.get(f"{API}/communities/{community.slug}").json()
    assert body["funnel"] is None and body["partnerships"] is None and body["events"] is None


def test_funders_read_the_portfolio_entrepreneurs_do_not(client: Client) -> None:
    programme = ProgrammeFactory()
    BudgetLineFactory(
        plan=programme.plan, area=programme.area, programme=programme, inside=30, outside=10
    )
    client.force_login(entrepreneur(VentureFactory()))
    assert client.get(f"{API}/portfolio").status_code == 404
    client.force_login(funder())
    body = client.get(f"{API}/portfolio").json()
    assert body["totals"]["plan_id"] == programme.plan.pk
    assert body["totals"]["inside_share_display"] == 75
    assert float(body["totals"]["total"]) == 40
    assert [row["key"] for row in body["targets"]][:2] == ["on_track", "at_risk"]
