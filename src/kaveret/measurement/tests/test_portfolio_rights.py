"""Who edits and who reads a work plan (issue 8): the staff of the plan's own community edit
it, not the staff of any community; a hidden community's plan is read by its members only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.core.errors import DomainError
from kaveret.measurement import portfolio_services as services
from kaveret.measurement import rules
from kaveret.measurement.models import WorkPlan
from kaveret.testing.challenges_factories import community_member
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, UserFactory
from kaveret.testing.measurement_factories import AreaFactory, ProgrammeFactory, WorkPlanFactory
from kaveret.testing.partnerships_factories import user_with_role

pytestmark = pytest.mark.django_db


def _manager(community):
    return user_with_role(Role.COMMUNITY_MANAGER, community=community)


def test_staff_of_another_community_do_not_edit_the_plan():
    plan = WorkPlanFactory(community=CommunityFactory(), is_published=False)
    area = AreaFactory(plan=plan, slug="digital")
    ProgrammeFactory(area=area, slug="dig")
    outsider = _manager(CommunityFactory())
    insider = _manager(plan.community)
    assert not rules.edits_portfolio(outsider, plan)
    assert rules.edits_portfolio(insider, plan)
    with pytest.raises(PermissionDenied):
        services.save_area(by=outsider, plan=plan, values={"name": "זר"})
    client = client_as(outsider)
    # the draft is not theirs to read either
    assert client.get(f"/measurement/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/measurement/plans/{plan.pk}/edit/").status_code == 404
    assert "/edit/" not in client_as(outsider).get("/measurement/plans/").content.decode()
    plan.is_published = True
    plan.save()
    page = client.get(f"/measurement/plans/{plan.pk}/")
    assert page.status_code == 200
    assert f"/measurement/plans/{plan.pk}/edit/" not in page.content.decode()
    assert client.get(f"/measurement/plans/{plan.pk}/edit/").status_code == 403
    assert client.get(f"/measurement/plans/{plan.pk}/programmes/dig/edit/").status_code == 403
    assert client.post(f"/measurement/plans/{plan.pk}/budget/new/", {}).status_code == 403
    assert client_as(insider).get(f"/measurement/plans/{plan.pk}/edit/").status_code == 200


def test_a_plan_without_a_community_is_edited_by_platform_admins_only():
    plan = WorkPlanFactory(community=None)
    manager = _manager(CommunityFactory())
    assert not rules.edits_portfolio(manager, plan)
    assert rules.edits_portfolio(user_with_role(Role.PLATFORM_ADMIN), plan)
    with pytest.raises(PermissionDenied):
        services.save_area(by=manager, plan=plan, values={"name": "x"})


def test_a_plan_is_created_for_a_community_its_author_runs():
    community, other = CommunityFactory(), CommunityFactory()
    manager = _manager(community)
    values = {"year": 2022, "title": "תכנית חדשה", "organisation": OrganisationFactory()}
    with pytest.raises(DomainError) as caught:
        services.save_plan(by=manager, values={**values, "community": other})
    assert "community" in caught.value.message_dict
    with pytest.raises(DomainError):
        services.save_plan(by=manager, values={**values, "community": None})
    with pytest.raises(PermissionDenied):
        services.save_plan(by=UserFactory(), values={**values, "community": community})
    created = services.save_plan(by=manager, values={**values, "community": community})
    assert created.community == community
    # and it cannot be moved to a community the author does not run
    with pytest.raises(DomainError):
        services.save_plan(by=manager, values={"community": other}, plan=created)
    assert WorkPlan.objects.get(pk=created.pk).community == community
    response = client_as(manager).post(
        "/measurement/plans/new/",
        {
            "year": 2023,
            "title": "תכנית של אחרים",
            "organisation": values["organisation"].pk,
            "community": other.pk,
            "currency": "USD",
        },
    )
    assert response.status_code in (200, 400)
    assert not WorkPlan.objects.filter(title="תכנית של אחרים").exists()
    page = client_as(manager).get("/measurement/plans/new/").content.decode()
    form = page.split('name="community"')[1].split("</select>")[0]
    assert f'value="{community.pk}"' in form
    assert f'value="{other.pk}"' not in form  # only the communities they run are offered


def test_a_hidden_communitys_published_plan_is_read_by_its_members_only():
    hidden = CommunityFactory(is_public=False)
    plan = WorkPlanFactory(community=hidden, title="תכנית הקהילה הסגורה")
    area = AreaFactory(plan=plan, slug="digital")
    ProgrammeFactory(area=area, slug="dig")
    paths = [
        f"/measurement/plans/{plan.pk}/",
        f"/measurement/plans/{plan.pk}/areas/digital/",
        f"/measurement/plans/{plan.pk}/programmes/dig/",
        f"/measurement/plans/{plan.pk}/data/budget.csv",
        f"/measurement/plans/{plan.pk}/areas/digital/data.csv",
        f"/measurement/plans/{plan.pk}/programmes/dig/data.csv",
        f"/api/v1/plans/{plan.pk}",
    ]
    for user in (None, UserFactory(), _manager(CommunityFactory())):
        client = client_as(user)
        for path in paths:
            assert client.get(path).status_code == 404, (user, path)
        assert "תכנית הקהילה הסגורה" not in client.get("/measurement/plans/").content.decode()
        assert plan.pk not in [row["id"] for row in client.get("/api/v1/plans").json()["items"]]
    for user in (
        community_member(hidden),
        _manager(hidden),
        user_with_role(Role.FUNDER),
        user_with_role(Role.PLATFORM_ADMIN),
    ):
        client = client_as(user)
        for path in paths:
            assert client.get(path).status_code == 200, (user, path)
        assert "תכנית הקהילה הסגורה" in client.get("/measurement/plans/").content.decode()
