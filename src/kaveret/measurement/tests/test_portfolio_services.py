"""Writing the portfolio: who may, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.core.errors import DomainError
from kaveret.measurement import portfolio_services as services
from kaveret.measurement.portfolio import plan_totals
from kaveret.testing.factories import RoleAssignmentFactory, UserFactory
from kaveret.testing.measurement_factories import (
    AreaFactory,
    IndicatorFactory,
    ProgrammeFactory,
    WorkPlanFactory,
)
from kaveret.testing.measurement_portfolio_factories import TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user


def test_budget_line_adds_to_the_area_and_plan_totals(admin):
    programme = ProgrammeFactory()
    plan = programme.plan
    services.save_budget_line(
        by=admin,
        plan=plan,
        values={"programme": programme, "inside": Decimal("1258015"), "outside": "4411015"},
    )
    totals = plan_totals(plan)
    assert totals.total == Decimal("5669030")
    assert totals.area(programme.area).total == Decimal("5669030")


def test_negative_amount_is_refused_on_its_field(admin):
    area = AreaFactory()
    with pytest.raises(DomainError) as caught:
        services.save_budget_line(
            by=admin, plan=area.plan, values={"area": area, "inside": Decimal("-1")}
        )
    assert "inside" in caught.value.message_dict
    assert area.plan.budget_lines.count() == 0


def test_area_and_programme_must_be_of_the_same_plan(admin):
    plan = WorkPlanFactory()
    other_area = AreaFactory()  # another plan
    with pytest.raises(DomainError) as caught:
        services.save_budget_line(by=admin, plan=plan, values={"area": other_area})
    assert "area" in caught.value.message_dict
    area = AreaFactory(plan=plan)
    other_programme = ProgrammeFactory()
    with pytest.raises(DomainError) as caught:
        services.save_budget_line(
            by=admin, plan=plan, values={"area": area, "programme": other_programme}
        )
    assert "programme" in caught.value.message_dict
    sibling = ProgrammeFactory(area=AreaFactory(plan=plan))
    with pytest.raises(DomainError) as caught:
        services.save_budget_line(by=admin, plan=plan, values={"area": area, "programme": sibling})
    assert "programme" in caught.value.message_dict
    with pytest.raises(DomainError):
        services.save_programme(by=admin, plan=plan, values={"area": other_area, "title": "תכנית"})


def test_programme_gets_a_unique_slug_and_valid_map_tags(admin):
    area = AreaFactory()
    first = services.save_programme(
        by=admin,
        plan=area.plan,
        values={"area": area, "title": "Digital", "map_tags": ["pipes", "mindset"]},
    )
    second = services.save_programme(
        by=admin, plan=area.plan, values={"area": area, "title": "Digital"}
    )
    assert first.slug == "digital" and second.slug == "digital-2"
    assert first.map_tags == ["mindset", "pipes"]
    with pytest.raises(DomainError) as caught:
        services.save_programme(
            by=admin, plan=area.plan, values={"map_tags": ["magic"]}, programme=first
        )
    assert "map_tags" in caught.value.message_dict


def test_only_editors_write():
    area = AreaFactory()
    funder = RoleAssignmentFactory(role=Role.FUNDER).user
    for user in (UserFactory(), funder):
        with pytest.raises(PermissionDenied):
            services.save_area(by=user, plan=area.plan, values={"name": "x"})
        with pytest.raises(PermissionDenied):
            services.save_budget_line(by=user, plan=area.plan, values={"area": area})


def test_target_needs_text_and_an_indicator_of_its_programme(admin):
    programme = ProgrammeFactory()
    with pytest.raises(DomainError) as caught:
        services.save_target(by=admin, programme=programme, values={"text": "  "})
    assert "text" in caught.value.message_dict
    foreign = IndicatorFactory()  # another programme's
    with pytest.raises(DomainError) as caught:
        services.save_target(
            by=admin, programme=programme, values={"text": "יעד", "indicator": foreign}
        )
    assert "indicator" in caught.value.message_dict
    own = IndicatorFactory(programme=programme)
    target = services.save_target(
        by=admin, programme=programme, values={"text": "יעד", "indicator": own}
    )
    assert target.indicator == own and target.order == 1
    services.delete_target(by=admin, target=target)
    assert not programme.targets.exists()


def test_plan_one_a_year_per_organisation(admin):
    plan = WorkPlanFactory(year=2021)
    with pytest.raises(DomainError) as caught:
        services.save_plan(
            by=admin,
            values={"year": 2021, "title": "שוב", "organisation": plan.organisation},
        )
    assert "year" in caught.value.message_dict


def test_target_of_another_programme_is_refused(admin):
    target = TargetFactory()
    with pytest.raises(DomainError):
        services.save_target(
            by=admin, programme=ProgrammeFactory(), values={"text": "x"}, target=target
        )
