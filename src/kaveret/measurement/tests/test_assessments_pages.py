"""The assessment pages: who reads and who writes, the chart's table, a failed submit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.measurement.models import Assessment, RubricKind
from kaveret.testing.challenges_factories import community_member
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, UserFactory
from kaveret.testing.measurement_assessments_factories import assess
from kaveret.testing.partnerships_factories import PartnershipFactory, user_with_role
from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

pytestmark = pytest.mark.django_db
CI = RubricKind.COLLECTIVE_IMPACT
OI = RubricKind.OI_MATURITY


def manager_of(community: Any) -> Any:
    return user_with_role(Role.COMMUNITY_MANAGER, community=community)


def test_members_read_collective_impact_with_history_table(
    django_assert_max_num_queries: Any,
) -> None:
    community = CommunityFactory()
    assess(CI, {"common_agenda": 2}, community=community, assessed_on=datetime.date(2025, 6, 1))
    for month in range(1, 9):
        assess(
            CI,
            {"common_agenda": 4, "trust_and_agreement": 3},
            community=community,
            assessed_on=datetime.date(2025, 9, month),
        )
    url = f"/en/measurement/assessments/communities/{community.slug}/"
    member = community_member(community)
    client = client_as(member)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-dimension="common_agenda" data-date="2025-06-01">2<' in html
    assert 'data-dimension="shared_measurement" data-date="2025-06-01">—<' in html
    assert 'data-index="62.5"' in html  # (75 + 50) / 2 at the latest
    assert "Record an assessment" not in html  # members read only
    assert client_as(UserFactory()).get(url).status_code == 404
    assert client_as().get(url).status_code == 404
    staff_page = client_as(manager_of(community)).get(url).content.decode()
    assert f"/measurement/assessments/communities/{community.slug}/new/" in staff_page


def test_staff_record_through_the_form_and_a_failed_submit_keeps_input() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    url = f"/en/measurement/assessments/communities/{community.slug}/new/"
    client = client_as(manager)
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {"assessed_on": "2026-01-10", "score_common_agenda": "", "notes": "הערה שנשמרת"},
    )
    assert bad.status_code == 400
    assert "הערה שנשמרת" in bad.content.decode()
    good = client.post(
        url,
        {
            "assessed_on": "2026-01-10",
            "score_common_agenda": "5",
            "note_common_agenda": "כתוב",
            "score_backbone_support": "3",
        },
    )
    assert good.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.community == community
    assert sorted(s.score for s in assessment.scores.all()) == [3, 5]
    # A member may not open the form.
    assert client_as(community_member(community)).get(url).status_code == 403


def test_the_author_corrects_an_admin_deletes() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    assessment = assess(CI, {"common_agenda": 2}, community=community)
    Assessment.objects.filter(pk=assessment.pk).update(assessed_by=manager)
    edit = f"/en/measurement/assessments/{assessment.pk}/edit/"
    assert client_as(community_member(community)).get(edit).status_code == 403
    response = client_as(manager).post(
        edit, {"assessed_on": "2026-01-12", "score_common_agenda": "4"}
    )
    assert response.status_code == 302
    assert assessment.scores.get().score == 4
    delete = f"/en/measurement/assessments/{assessment.pk}/delete/"
    assert client_as(manager).post(delete).status_code == 403
    assert client_as(UserFactory(is_superuser=True)).post(delete).status_code == 302
    assert not Assessment.objects.exists()


def test_maturity_page_shows_rank_and_hides_other_names_from_representatives() -> None:
    ngo: Any = OrganisationFactory(kind=OrganisationKind.NGO)
    rival: Any = OrganisationFactory(kind=OrganisationKind.NGO)
    assess(OI, {"adoption": 5, "mechanisms_used": 3}, organisation=ngo)  # 75
    assess(OI, {"adoption": 5}, organisation=rival)  # 100
    representative = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=ngo)
    url = f"/en/measurement/assessments/organisations/{ngo.pk}/"
    page = client_as(representative).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-rank="2" data-of="2"' in html
    assert rival.name not in html
    assert ngo.name in html
    staff = manager_of(CommunityFactory())
    assert rival.name in client_as(staff).get(url).content.decode()
    funder = user_with_role(Role.FUNDER)
    assert client_as(funder).get(url).status_code == 200
    assert client_as(UserFactory()).get(url).status_code == 404
    assert client_as(representative).get(f"{url}new/").status_code == 403
    assert client_as(staff).get(f"{url}new/").status_code == 200
    other = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=rival)
    assert client_as(other).get(url).status_code == 404


def test_partnership_flags_read_by_its_editors_only() -> None:
    partnership = PartnershipFactory()
    url = f"/en/measurement/assessments/partnerships/{partnership.pk}/"
    side = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=partnership.organisation)
    assert client_as(side).get(url).status_code == 200
    assert client_as(side).get(f"{url}new/").status_code == 200
    assert client_as(UserFactory()).get(url).status_code == 404
    assert client_as(manager_of(partnership.community)).get(url).status_code == 200


def test_map_view_and_tagging_an_activity() -> None:
    community = CommunityFactory()
    activity = WorkActivityFactory(
        cycle=WorkCycleFactory(community=community), title="מיפוי שחקנים"
    )
    manager = manager_of(community)
    view = f"/en/measurement/assessments/communities/{community.slug}/map/"
    member_page = client_as(community_member(community)).get(view)
    assert member_page.status_code == 200
    assert 'data-tag="untagged"><th scope="row">' in member_page.content.decode()
    assert client_as(UserFactory()).get(view).status_code == 404
    tag_url = f"/en/measurement/assessments/map/activities/{activity.pk}/"
    assert client_as(community_member(community)).get(tag_url).status_code == 403
    response = client_as(manager).post(tag_url, {"tags": ["ability", "pipes"]})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.map_tags == ["ability", "pipes"]
    bad = client_as(manager).post(tag_url, {"tags": ["heart"]})
    assert bad.status_code == 400
    html = client_as(manager).get(view).content.decode()
    assert 'data-kind="activities" data-tag="ability" data-value="1"' in html
