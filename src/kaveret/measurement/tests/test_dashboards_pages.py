"""The dashboards' pages: who may open them, every chart with its table and CSV, hidden
sections, and query counts that do not grow with the data."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client

from kaveret.accounts.models import Role
from kaveret.testing.factories import (
    CommunityFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)
from kaveret.testing.measurement_dashboards_factories import (
    community_with_figures,
    funder,
    member_of,
)
from kaveret.testing.measurement_factories import IndicatorFactory, ProgrammeFactory
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory
from kaveret.testing.partnerships_factories import community_manager, entrepreneur

pytestmark = pytest.mark.django_db


def _url(community: Any) -> str:
    return f"/en/measurement/dashboards/communities/{community.slug}/"


def _csv(response: Any) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def _html_table(page: str, key: str) -> list[list[str]]:
    table = re.search(rf'<table class="chart-data" data-table="{key}">(.*?)</table>', page, re.S)
    assert table is not None, key
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        rows.append(
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
        )
    return rows


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    community = CommunityFactory()
    response = client.get(_url(community))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_non_member_gets_404_a_member_and_the_staff_see_it(client: Client) -> None:
    made = community_with_figures()
    client.force_login(UserFactory())
    assert client.get(_url(made.community)).status_code == 404
    assert client.get(_url(made.community) + "funnel.csv").status_code == 404
    client.force_login(member_of(made.community))
    assert client.get(_url(made.community)).status_code == 200
    client.force_login(community_manager(made.community))
    assert client.get(_url(made.community)).status_code == 200


def test_every_chart_has_an_image_a_table_and_a_csv_with_the_same_figures(
    client: Client,
) -> None:
    made = community_with_figures(applications=2)
    client.force_login(member_of(made.community))
    page = client.get(_url(made.community)).content.decode()
    for key in ("members-by-type", "members-by-sector", "events", "challenges", "funnel",
                "partnerships"):  # fmt: skip
        assert f'data-chart="chart-{key}"' in page, key
        assert f'id="chart-{key}-title"' in page
        html_rows = _html_table(page, key)
        response = client.get(_url(made.community) + f"{key}.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert _csv(response) == html_rows, key
    assert 'role="img"' in page
    assert "67% of the pilots reached implementation (2 of 3)." in page


def test_the_csv_headers_are_in_the_request_language(client: Client) -> None:
    made = community_with_figures()
    client.force_login(member_of(made.community))
    english = _csv(client.get(_url(made.community) + "funnel.csv"))
    assert english[0][:3] == ["Call", "Applications submitted", "Eligible"]
    hebrew = client.get(f"/measurement/dashboards/communities/{made.community.slug}/funnel.csv")
    assert hebrew.status_code == 200
    assert _csv(hebrew)[1][0] == made.call.title


def test_an_unknown_chart_is_404(client: Client) -> None:
    made = community_with_figures()
    client.force_login(member_of(made.community))
    assert client.get(_url(made.community) + "nothing.csv").status_code == 404


def test_sections_without_data_are_hidden_and_explained_to_staff_only(client: Client) -> None:
    community = CommunityFactory()
    member = member_of(community)
    client.force_login(member)
    page = client.get(_url(community)).content.decode()
    assert 'data-section="members"' in page  # the member themself
    for section in ("events", "challenges", "funnel", "partnerships", "indicators"):
        assert f'data-section="{section}"' not in page
        assert f'data-hidden="{section}"' not in page
    client.force_login(community_manager(community))
    page = client.get(_url(community)).content.decode()
    for section in ("events", "challenges", "funnel", "partnerships", "indicators"):
        assert f'data-hidden="{section}"' in page


def test_the_indicators_section_links_each_indicator(client: Client) -> None:
    community = CommunityFactory()
    indicator = IndicatorFactory(community=community, programme=None, name="שיעור תעסוקה")
    client.force_login(member_of(community))
    page = client.get(_url(community)).content.decode()
    assert 'data-section="indicators"' in page
    assert f'data-indicator="{indicator.pk}"' in page
    assert "שיעור תעסוקה" in page


def test_the_community_page_links_the_dashboard_for_members_only(client: Client) -> None:
    community = CommunityFactory()
    link = f'href="/en/measurement/dashboards/communities/{community.slug}/"'
    assert link not in client.get(f"/en/communities/{community.slug}/").content.decode()
    client.force_login(member_of(community))
    assert link in client.get(f"/en/communities/{community.slug}/").content.decode()


def _grow(community: Any, rows: int) -> None:
    import datetime

    from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
    from kaveret.testing.measurement_dashboards_factories import (
        application,
        held_event,
        membership,
    )
    from kaveret.testing.partnerships_factories import PartnershipFactory

    call = CallFactory(community=community)
    for index in range(rows):
        membership(community, datetime.date(2023, 1 + index % 12, 1))
        held_event(community, days_ago=1 + index * 20, registered=1, attended=1)
        ChallengeFactory(community=community)
        application(call, reviewed=True)
        PartnershipFactory(community=community)
        IndicatorFactory(community=community, programme=None)


@pytest.mark.parametrize("rows", [3, 30])
def test_the_community_dashboard_queries_do_not_grow_with_the_data(
    client: Client, django_assert_max_num_queries: Any, rows: int
) -> None:
    community = CommunityFactory()
    _grow(community, rows)
    manager = community_manager(community)
    client.force_login(manager)
    with django_assert_max_num_queries(16):
        response = client.get(_url(community))
    assert response.status_code == 200
    assert 'data-section="indicators"' in response.content.decode()


# The portfolio dashboard


def _plan_with_figures() -> Any:
    programme = ProgrammeFactory()
    BudgetLineFactory(plan=programme.plan, area=programme.area, programme=programme,
                      inside=300, outside=100)  # fmt: skip
    indicator = IndicatorFactory(programme=programme)
    TargetFactory(programme=programme, indicator=indicator)
    TargetFactory(programme=programme)
    return programme.plan


def test_funders_and_admins_see_the_portfolio_entrepreneurs_and_members_do_not(
    client: Client,
) -> None:
    _plan_with_figures()
    url = "/en/measurement/dashboards/portfolio/"
    assert client.get(url).status_code == 302
    client.force_login(entrepreneur(VentureFactory()))
    assert client.get(url).status_code == 404
    assert client.get(url + "budget.csv").status_code == 404
    client.force_login(member_of(CommunityFactory()))
    assert client.get(url).status_code == 404
    client.force_login(funder())
    assert client.get(url).status_code == 200
    client.force_login(community_manager(CommunityFactory()))  # ecosystem staff
    assert client.get(url).status_code == 200
    client.force_login(RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user)
    assert client.get(url).status_code == 200


def test_the_portfolio_tables_and_csv_agree(client: Client) -> None:
    plan = _plan_with_figures()
    client.force_login(funder())
    page = client.get("/en/measurement/dashboards/portfolio/").content.decode()
    for key in ("budget", "split", "targets", "indicators"):
        assert f'data-chart="chart-{key}"' in page, key
        response = client.get(f"/en/measurement/dashboards/portfolio/{key}.csv?plan={plan.pk}")
        assert _csv(response) == _html_table(page, key), key
    budget = _csv(client.get("/en/measurement/dashboards/portfolio/budget.csv"))
    assert budget[-1] == ["Total", "300", "100", "400", "100"]
    split = _csv(client.get("/en/measurement/dashboards/portfolio/split.csv"))
    assert split[1:] == [
        ["Inside the partnership", "300", "75"],
        ["Outside the partnership", "100", "25"],
    ]
    targets = dict(_csv(client.get("/en/measurement/dashboards/portfolio/targets.csv"))[1:])
    assert targets["Not measured"] == "1"
    assert targets["No data"] == "1"


def _organisation(name: str) -> Any:
    from kaveret.testing.factories import OrganisationFactory

    return OrganisationFactory(name=name)


def test_shared_indicators_show_each_party_and_the_total(client: Client) -> None:
    import datetime
    from decimal import Decimal

    from kaveret.measurement.models import IndicatorParty, Measurement

    indicator: Any = IndicatorFactory(programme=None, is_shared=True, name="מדד משותף")
    first = IndicatorParty.objects.create(indicator=indicator, actor=_organisation("עמותה א"))
    IndicatorParty.objects.create(indicator=indicator, actor=_organisation("עמותה ב"))
    Measurement.objects.create(indicator=indicator, party=first, value=Decimal(7),
                               period_start=datetime.date(2021, 1, 1),
                               period_end=datetime.date(2021, 3, 31))  # fmt: skip
    client.force_login(funder())
    rows = _csv(client.get("/en/measurement/dashboards/portfolio/shared.csv"))
    # Only one of two parties reported: no total, only "1 of 2" (no complete period yet).
    assert rows[1:] == [
        ["מדד משותף", "01/01/2021–31/03/2021", "עמותה א", "7"],
        ["מדד משותף", "01/01/2021–31/03/2021", "עמותה ב", "—"],
        [
            "מדד משותף",
            "01/01/2021–31/03/2021",
            "Reported so far: 1 of 2 parties (no total yet)",
            "7",
        ],
    ]


def test_shared_total_is_of_the_latest_complete_period_and_a_later_one_is_partial(
    client: Client,
) -> None:
    import datetime
    from decimal import Decimal

    from kaveret.measurement.models import IndicatorParty, Measurement

    indicator: Any = IndicatorFactory(programme=None, is_shared=True, name="מדד משותף")
    parties = [
        IndicatorParty.objects.create(indicator=indicator, actor=_organisation(name))
        for name in ("עמותה א", "עמותה ב", "עמותה ג")
    ]
    q1 = (datetime.date(2021, 1, 1), datetime.date(2021, 3, 31))
    q2 = (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))
    for party, value in zip(parties, (1, 2, 3), strict=True):
        Measurement.objects.create(indicator=indicator, party=party, value=Decimal(value),
                                   period_start=q1[0], period_end=q1[1])  # fmt: skip
    for party in parties[:2]:
        Measurement.objects.create(indicator=indicator, party=party, value=Decimal(3),
                                   period_start=q2[0], period_end=q2[1])  # fmt: skip
    client.force_login(funder())
    rows = _csv(client.get("/en/measurement/dashboards/portfolio/shared.csv"))
    assert ["מדד משותף", "01/01/2021–31/03/2021", "Total", "6"] in rows
    assert ["מדד משותף", "01/04/2021–30/06/2021", "Total", "6"] not in rows
    assert [
        "מדד משותף",
        "01/04/2021–30/06/2021",
        "Reported so far: 2 of 3 parties (no total yet)",
        "6",
    ] in rows
    page = client.get("/en/measurement/dashboards/portfolio/").content.decode()
    assert "2 of 3 parties" in page
    shared = client.get("/api/v1/dashboards/portfolio").json()["shared"][0]
    assert shared["period_start"] == "2021-01-01" and float(shared["total"]) == 6
    assert shared["partial"]["reported_count"] == 2 and shared["partial"]["expected_count"] == 3


def test_the_portfolio_shows_only_the_shared_indicators_the_user_may_see(client: Client) -> None:
    hidden_community = CommunityFactory(is_public=False)
    IndicatorFactory(programme=None, is_shared=True, community=hidden_community, name="מוסתר")
    own = CommunityFactory()
    IndicatorFactory(programme=None, is_shared=True, community=own, name="פורטפוליו")
    client.force_login(community_manager(own))
    rows = _csv(client.get("/en/measurement/dashboards/portfolio/shared.csv"))
    names = {row[0] for row in rows[1:]}
    assert "פורטפוליו" in names and "מוסתר" not in names
    assert "מוסתר" not in client.get("/en/measurement/dashboards/portfolio/").content.decode()
    api = client.get("/api/v1/dashboards/portfolio").json()["shared"]
    assert "מוסתר" not in [item["name"] for item in api]
    client.force_login(funder())
    rows = _csv(client.get("/en/measurement/dashboards/portfolio/shared.csv"))
    assert "מוסתר" in {row[0] for row in rows[1:]}


@pytest.mark.parametrize("rows", [3, 30])
def test_the_portfolio_dashboard_queries_do_not_grow_with_the_data(
    client: Client, django_assert_max_num_queries: Any, rows: int
) -> None:
    plan = _plan_with_figures()
    programme = plan.programmes.first()
    for _index in range(rows):
        indicator = IndicatorFactory(programme=programme)
        TargetFactory(programme=programme, indicator=indicator)
        BudgetLineFactory(plan=plan, area=programme.area, inside=1, outside=1)
        IndicatorFactory(programme=None, is_shared=True)
    client.force_login(funder())
    with django_assert_max_num_queries(18):
        response = client.get("/en/measurement/dashboards/portfolio/")
    assert response.status_code == 200
