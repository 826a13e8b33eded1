"""The portfolio pages: who sees what, the figures shown, the CSV, the edit forms."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from kaveret.accounts.models import Role
from kaveret.measurement.models import BudgetLine
from kaveret.testing.clients import client_as
from kaveret.testing.factories import RoleAssignmentFactory, UserFactory
from kaveret.testing.measurement_factories import (
    AreaFactory,
    ProgrammeFactory,
    WorkPlanFactory,
)
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _plan(published=True):
    plan = WorkPlanFactory(is_published=published, title="תכנית העבודה של אלכא")
    area = AreaFactory(plan=plan, name="דיגיטציה", slug="digital")
    programme = ProgrammeFactory(area=area, title="תכנית הדיגיטל", slug="dig", map_tags=["pipes"])
    BudgetLineFactory(programme=programme, inside=Decimal("1258015"), outside=Decimal("4411015"))
    other = AreaFactory(plan=plan, name="צממים", slug="tasks")
    BudgetLineFactory(area=other, inside=Decimal("769015"), outside=Decimal("97015"))
    TargetFactory(programme=programme, text="100 עובדים יוכשרו")
    return plan, programme


def test_anonymous_sees_a_published_plan_with_its_figures():
    plan, _programme = _plan()
    response = client_as().get(f"/measurement/plans/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "תכנית העבודה של אלכא" in html
    assert "$6,535,060" in html  # 5,669,030 + 866,030, thousands separators and currency
    assert "$5,669,030" in html
    assert 'role="img"' in html and "aria-labelledby" in html
    assert f"/measurement/plans/{plan.pk}/data/budget.csv" in html
    programme_page = client_as().get(f"/measurement/plans/{plan.pk}/programmes/dig/")
    assert programme_page.status_code == 200
    assert "100 עובדים יוכשרו" in programme_page.content.decode()
    area_page = client_as().get(f"/measurement/plans/{plan.pk}/areas/digital/")
    assert "תכנית הדיגיטל" in area_page.content.decode()


def test_a_draft_is_hidden_from_visitors_and_members_but_read_by_funders_and_editors():
    plan, _programme = _plan(published=False)
    for client in (client_as(), client_as(UserFactory())):
        assert client.get(f"/measurement/plans/{plan.pk}/").status_code == 404
        assert client.get(f"/measurement/plans/{plan.pk}/areas/digital/").status_code == 404
        assert client.get(f"/measurement/plans/{plan.pk}/data/budget.csv").status_code == 404
        assert "תכנית העבודה של אלכא" not in client.get("/measurement/plans/").content.decode()
    funder = RoleAssignmentFactory(role=Role.FUNDER).user
    response = client_as(funder).get(f"/measurement/plans/{plan.pk}/")
    assert response.status_code == 200
    assert f"/measurement/plans/{plan.pk}/edit/" not in response.content.decode()
    assert client_as(funder).get(f"/measurement/plans/{plan.pk}/edit/").status_code == 403
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    response = client_as(admin).get(f"/measurement/plans/{plan.pk}/")
    assert f"/measurement/plans/{plan.pk}/edit/" in response.content.decode()


def test_budget_csv_holds_the_table():
    plan, _programme = _plan()
    response = client_as().get(f"/en/measurement/plans/{plan.pk}/data/budget.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:5] == ["דיגיטציה", "1258015.00", "4411015.00", "5669030.00", "87"]
    assert rows[2][:5] == ["צממים", "769015.00", "97015.00", "866030.00", "13"]
    assert rows[-1][:4] == ["Total", "2027030.00", "4508030.00", "6535060.00"]
    split = client_as().get(f"/measurement/plans/{plan.pk}/data/split.csv")
    assert split.status_code == 200
    targets = client_as().get(f"/measurement/plans/{plan.pk}/data/targets.csv")
    rows = list(csv.reader(io.StringIO(targets.content.decode("utf-8-sig"))))
    assert rows[-1][1] == "1"  # one target, not measured
    assert client_as().get(f"/measurement/plans/{plan.pk}/data/other.csv").status_code == 404


def test_empty_plan_shows_empty_states():
    plan = WorkPlanFactory()
    response = client_as().get(f"/en/measurement/plans/{plan.pk}/")
    assert response.status_code == 200
    assert "This plan has no areas yet." in response.content.decode()


def test_editor_adds_a_budget_line_and_a_negative_amount_is_refused():
    plan, programme = _plan()
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    client = client_as(admin)
    url = f"/en/measurement/plans/{plan.pk}/budget/new/"
    area = programme.area
    refused = client.post(url, {"area": area.pk, "label": "מיוחד", "inside": "-5", "outside": "0"})
    assert refused.status_code == 200
    assert "An amount cannot be negative." in refused.content.decode()
    assert 'value="מיוחד"' in refused.content.decode()  # what was typed is kept
    response = client.post(url, {"area": area.pk, "label": "מיוחד", "inside": "5", "outside": "1"})
    assert response.status_code == 302
    assert BudgetLine.objects.filter(plan=plan, label="מיוחד").exists()
    member = client_as(UserFactory())
    assert member.post(url, {"area": area.pk, "inside": "5"}).status_code == 403


def test_editor_adds_a_target_and_a_programme():
    plan, programme = _plan()
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    client = client_as(admin)
    response = client.post(
        f"/measurement/plans/{plan.pk}/programmes/dig/targets/new/", {"text": "יעד חדש"}
    )
    assert response.status_code == 302
    assert programme.targets.filter(text="יעד חדש").exists()
    response = client.post(
        f"/measurement/plans/{plan.pk}/programmes/new/",
        {"area": programme.area_id, "title": "תכנית חדשה", "map_tags": ["mindset"], "order": 0},
    )
    assert response.status_code == 302
    created = plan.programmes.get(title="תכנית חדשה")
    assert created.map_tags == ["mindset"] and created.owner == admin


def test_plan_page_query_count_is_bounded(django_assert_max_num_queries):
    plan, _programme = _plan()
    for _index in range(8):
        programme = ProgrammeFactory(area=AreaFactory(plan=plan))
        BudgetLineFactory(programme=programme)
        TargetFactory(programme=programme)
    client = client_as()
    client.get(f"/measurement/plans/{plan.pk}/")  # warm caches (session, site)
    with django_assert_max_num_queries(25):
        assert client.get(f"/measurement/plans/{plan.pk}/").status_code == 200


def test_programme_page_lists_its_indicators_with_their_status():
    from kaveret.testing.measurement_factories import IndicatorFactory

    plan, programme = _plan()
    indicator = IndicatorFactory(programme=programme, name="מספר המשתתפים")
    response = client_as().get(f"/measurement/plans/{plan.pk}/programmes/dig/")
    html = response.content.decode()
    assert "מספר המשתתפים" in html
    assert f"/measurement/indicators/{indicator.pk}/" in html
    assert "status-no_data" in html


def test_area_page_lists_its_own_lines_with_edit_links_for_editors():
    plan, _programme = _plan()
    url = f"/measurement/plans/{plan.pk}/areas/tasks/"
    line = plan.budget_lines.get(programme__isnull=True)
    visitor = client_as().get(url).content.decode()
    assert "$769,015" in visitor
    assert f"/budget/{line.pk}/" not in visitor
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    assert f"/budget/{line.pk}/" in client_as(admin).get(url).content.decode()


def test_budget_csv_escapes_a_name_that_looks_like_a_formula():
    plan = WorkPlanFactory()
    AreaFactory(plan=plan, name="=HYPERLINK(1)")
    response = client_as().get(f"/measurement/plans/{plan.pk}/data/budget.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_the_programme_page_charts_its_targets_by_status_with_a_csv():
    plan, programme = _plan()
    TargetFactory(programme=programme, text="יעד שני")
    response = client_as().get(f"/measurement/plans/{plan.pk}/programmes/dig/")
    html = response.content.decode()
    assert 'id="programme-status-chart-title"' in html
    assert f"/measurement/plans/{plan.pk}/programmes/dig/data.csv" in html
    csv_response = client_as().get(f"/en/measurement/plans/{plan.pk}/programmes/dig/data.csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Status", "Targets"]
    assert ["Not measured", "2"] in rows  # neither target is tied to an indicator
    assert sum(int(row[1]) for row in rows[1:]) == 2


def test_the_area_chart_has_its_table_and_a_csv():
    plan, _programme = _plan()
    html = client_as().get(f"/measurement/plans/{plan.pk}/areas/digital/").content.decode()
    assert f"/measurement/plans/{plan.pk}/areas/digital/data.csv" in html
    assert "<title>" in html and "<section" not in html.split("</head>")[0]
    response = client_as().get(f"/en/measurement/plans/{plan.pk}/areas/digital/data.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Inside the partnership", "1258015.00", "22"]
    assert rows[2][:3] == ["Outside the partnership", "4411015.00", "78"]
    assert (
        client_as().get(f"/measurement/plans/{plan.pk}/areas/nowhere/data.csv").status_code == 404
    )
