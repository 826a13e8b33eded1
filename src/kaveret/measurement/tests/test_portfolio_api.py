"""The portfolio API: plans with computed totals, programmes and targets, permissions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaveret.accounts.models import Role
from kaveret.testing.clients import client_as
from kaveret.testing.factories import RoleAssignmentFactory, UserFactory
from kaveret.testing.measurement_factories import (
    AreaFactory,
    IndicatorFactory,
    ProgrammeFactory,
    WorkPlanFactory,
)
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _admin():
    return RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user


def test_plan_detail_has_the_computed_totals():
    plan = WorkPlanFactory()
    digital = AreaFactory(plan=plan, order=0)
    tasks = AreaFactory(plan=plan, order=1)
    BudgetLineFactory(area=digital, inside=Decimal("1258015"), outside=Decimal("4411015"))
    BudgetLineFactory(area=tasks, inside=Decimal("769015"), outside=Decimal("97015"))
    body = client_as().get(f"{API}/plans/{plan.pk}").json()
    assert Decimal(body["total"]) == Decimal("6535060")
    assert Decimal(body["areas"][0]["total"]) == Decimal("5669030")
    assert [area["share_display"] for area in body["areas"]] == [87, 13]
    assert body["inside_share_display"] + body["outside_share_display"] == 100


def test_drafts_are_404_for_visitors_and_read_by_funders():
    draft = WorkPlanFactory(is_published=False)
    programme = ProgrammeFactory(area=AreaFactory(plan=draft))
    assert client_as().get(f"{API}/plans/{draft.pk}").status_code == 404
    assert client_as().get(f"{API}/programmes/{programme.pk}").status_code == 404
    assert client_as(UserFactory()).get(f"{API}/plans").json()["count"] == 0
    funder = client_as(RoleAssignmentFactory(role=Role.FUNDER).user)
    assert funder.get(f"{API}/plans/{draft.pk}").status_code == 200
    assert funder.get(f"{API}/programmes").json()["count"] == 1


def test_programmes_list_is_paginated():
    area = AreaFactory()
    for _index in range(3):
        ProgrammeFactory(area=area)
    body = client_as().get(f"{API}/programmes?limit=2&plan={area.plan_id}").json()
    assert body["count"] == 3 and len(body["items"]) == 2


def test_only_editors_create_and_change_programmes():
    area = AreaFactory()
    payload = {
        "plan_id": area.plan_id,
        "area_id": area.pk,
        "title": "תכנית",
        "map_tags": ["ability"],
    }
    assert (
        client_as().post(f"{API}/programmes", payload, content_type="application/json").status_code
        == 401
    )
    funder = client_as(RoleAssignmentFactory(role=Role.FUNDER).user)
    assert (
        funder.post(f"{API}/programmes", payload, content_type="application/json").status_code
        == 403
    )
    admin = client_as(_admin())
    response = admin.post(f"{API}/programmes", payload, content_type="application/json")
    assert response.status_code == 201
    programme_id = response.json()["id"]
    assert response.json()["map_tags"] == ["ability"]
    response = admin.patch(
        f"{API}/programmes/{programme_id}", {"main_goal": "מטרה"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["main_goal"] == "מטרה"
    assert response.json()["title"] == "תכנית"
    other_area = AreaFactory()
    response = admin.patch(
        f"{API}/programmes/{programme_id}",
        {"area_id": other_area.pk},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_targets_crud_with_status():
    programme = ProgrammeFactory()
    TargetFactory(programme=programme, text="קיים")
    admin = client_as(_admin())
    listed = client_as().get(f"{API}/programmes/{programme.pk}/targets").json()
    assert listed[0]["status"] == "not_measured"
    indicator = IndicatorFactory(programme=programme)
    response = admin.post(
        f"{API}/programmes/{programme.pk}/targets",
        {"text": "יעד", "indicator_id": indicator.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    target = response.json()
    assert target["indicator_id"] == indicator.pk and target["status"] != "not_measured"
    member = client_as(UserFactory())
    assert (
        member.patch(
            f"{API}/targets/{target['id']}", {"text": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    response = admin.patch(
        f"{API}/targets/{target['id']}", {"indicator_id": None}, content_type="application/json"
    )
    assert response.json()["status"] == "not_measured"
    assert admin.delete(f"{API}/targets/{target['id']}").status_code == 204
    assert programme.targets.count() == 1
