"""The six principles: recording a self-assessment, the chart and its table, measured figures."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kaveret.accounts.models import Role
from kaveret.communities import work_services
from kaveret.communities.models import (
    MembershipStatus,
    MemberType,
    Principle,
    PrincipleAssessment,
    RegistrationStatus,
)
from kaveret.communities.work_selectors import measured_figures, member_type_shares
from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import OrganisationKind, VentureType
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)
from kaveret.testing.work_factories import PrincipleAssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _page_url(community: Any) -> str:
    return reverse("communities:principles", args=[community.slug])


def _new_url(community: Any) -> str:
    return reverse("communities:principle_assessment_create", args=[community.slug])


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"assessed_on": "2025-03-01", "note": "הערכה שנתית"}
    for index, principle in enumerate(Principle.values):
        data[f"score_{principle}"] = str(index % 5 + 1)
        data[f"note_{principle}"] = f"הערה {index}"
    return data | overrides


# Recording


def test_staff_record_a_self_assessment_of_all_six(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)

    response = client.post(_new_url(personas.community), _form())

    assert response.status_code == 302
    assessment = PrincipleAssessment.objects.get()
    assert assessment.assessed_on == date(2025, 3, 1)
    assert assessment.assessed_by == personas.staff
    assert assessment.note == "הערכה שנתית"
    scores = {score.principle: (score.score, score.note) for score in assessment.scores.all()}
    assert scores[Principle.DIVERSE_ENTREPRENEURSHIP] == (1, "הערה 0")
    assert scores[Principle.PROSUMERS] == (1, "הערה 5")
    assert len(scores) == 6


def test_a_missing_score_is_refused_with_a_message_and_the_input_kept(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)

    response = client.post(
        _new_url(personas.community), _form(score_open_innovation="", note="נשמר")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Give “Open innovation” a score from 1 to 5." in page
    assert "נשמר" in page
    assert not PrincipleAssessment.objects.exists()


@pytest.mark.parametrize("score", ["0", "6", "x"])
def test_a_score_outside_one_to_five_is_refused(client: Client, personas: Any, score: str) -> None:
    client.force_login(personas.staff)

    response = client.post(_new_url(personas.community), _form(score_living_body=score))

    assert response.status_code == 400
    assert not PrincipleAssessment.objects.exists()


def test_a_future_date_is_refused(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(_new_url(personas.community), _form(assessed_on=tomorrow.isoformat()))

    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()


def test_the_service_requires_all_six(personas: Any) -> None:
    with pytest.raises(DomainError) as error:
        work_services.record_assessment(
            by=personas.staff,
            community=personas.community,
            assessed_on=date(2025, 1, 1),
            scores={Principle.OPEN_INNOVATION: (4, "")},
        )
    assert f"score_{Principle.PROSUMERS}" in error.value.error_dict


def test_only_the_communitys_staff_assess(client: Client, personas: Any) -> None:
    other = UserFactory()
    RoleAssignmentFactory(user=other, role=Role.COMMUNITY_MANAGER, community=CommunityFactory())
    with pytest.raises(PermissionDenied):
        work_services.record_assessment(
            by=other,
            community=personas.community,
            assessed_on=date(2025, 1, 1),
            scores={principle: (3, "") for principle in Principle.values},
        )
    client.force_login(personas.entrepreneur)
    assert client.post(_new_url(personas.community), _form()).status_code == 403
    client.force_login(personas.admin)
    assert client.post(_new_url(personas.community), _form()).status_code == 302
    assert PrincipleAssessment.objects.count() == 1


# The page, the chart and the table


def _chart_points(page: str) -> dict[tuple[str, str], str]:
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    return {
        (principle, day): score
        for principle, day, score in re.findall(
            r'<path d="[^"]+" fill="#[0-9a-f]+" stroke="#ffffff" stroke-width="1" '
            r'data-marker="[\w-]+" data-principle="(\w+)" data-date="([\d-]+)" data-score="(\d)"',
            svg,
        )
    }


def _table_cells(page: str) -> dict[tuple[str, str], str]:
    table = page.split('class="chart-data principles-data"', 1)[1].split("</table>", 1)[0]
    return dict(
        ((principle, day), score)
        for principle, day, score in re.findall(
            r'<td data-principle="(\w+)" data-date="([\d-]+)">([^<]*)</td>', table
        )
    )


def test_the_chart_and_its_table_give_the_same_numbers(client: Client, personas: Any) -> None:
    community = personas.community
    PrincipleAssessmentFactory(
        community=community, assessed_on=date(2024, 7, 1), scores={Principle.PROSUMERS: 2}
    )
    PrincipleAssessmentFactory(
        community=community,
        assessed_on=date(2025, 1, 1),
        scores={Principle.PROSUMERS: 4, Principle.OPEN_INNOVATION: 5},
    )

    page = client.get(_page_url(community)).content.decode()

    points, cells = _chart_points(page), _table_cells(page)
    assert len(points) == 12
    assert points == cells
    assert points[(Principle.PROSUMERS, "2024-07-01")] == "2"
    assert points[(Principle.PROSUMERS, "2025-01-01")] == "4"
    assert points[(Principle.OPEN_INNOVATION, "2025-01-01")] == "5"


def test_the_chart_is_an_image_with_a_title_and_distinct_markers(
    client: Client, personas: Any
) -> None:
    PrincipleAssessmentFactory(community=personas.community)

    page = client.get(_page_url(personas.community)).content.decode()

    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "<script" not in page.split("</head>")[1]
    markers = re.findall(
        r'<path d="M[^"]+" fill="(#[0-9a-f]+)" stroke="#ffffff" stroke-width="1" '
        r'data-marker="([\w-]+)"',
        svg,
    )
    assert len({colour for colour, _shape in markers}) == 6
    assert len({shape for _colour, shape in markers}) == 6


def test_the_latest_assessment_shows_beside_each_principle(client: Client, personas: Any) -> None:
    PrincipleAssessmentFactory(
        community=personas.community,
        assessed_on=date(2024, 1, 1),
        scores={Principle.LIVING_BODY: 1},
    )
    PrincipleAssessmentFactory(
        community=personas.community,
        assessed_on=date(2025, 1, 1),
        scores={Principle.LIVING_BODY: 5},
    )

    page = client.get(_page_url(personas.community)).content.decode()

    row = page.split(f'<tr data-principle="{Principle.LIVING_BODY}">')[1].split("</tr>")[0]
    assert '<td class="score">5</td>' in row


def test_without_any_assessment_the_page_says_so(client: Client, personas: Any) -> None:
    page = client.get(_page_url(personas.community)).content.decode()

    assert "No self-assessment has been recorded yet." in page
    assert "The chart appears once a self-assessment is recorded." in page
    assert "<svg" not in page.split("<main", 1)[1]


def test_the_principles_page_reads_in_a_bounded_number_of_queries(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for year in range(2015, 2025):
        PrincipleAssessmentFactory(community=personas.community, assessed_on=date(year, 1, 1))
    for _index in range(10):
        MembershipFactory(community=personas.community)
    client.get(_page_url(personas.community))

    with django_assert_max_num_queries(20):
        response = client.get(_page_url(personas.community))
    assert len(_chart_points(response.content.decode())) == 60


# What the data measures


def test_with_no_members_the_measured_figures_say_no_data(client: Client, personas: Any) -> None:
    figures = measured_figures(personas.community)

    assert figures == {
        Principle.MULTI_SECTORALITY: None,
        Principle.DIVERSE_ENTREPRENEURSHIP: None,
        Principle.PROSUMERS: None,
    }
    page = client.get(_page_url(personas.community)).content.decode()
    assert page.count("No data yet.") == 3


def test_the_sector_mix_of_active_members(personas: Any) -> None:
    community = personas.community
    for _index in range(2):
        MembershipFactory(community=community, member_type=MemberType.ENTREPRENEUR)
    MembershipFactory(
        community=community,
        actor=OrganisationFactory(kind=OrganisationKind.MINISTRY),
        member_type=MemberType.PUBLIC_INSTITUTION,
    )
    MembershipFactory(
        community=community,
        actor=OrganisationFactory(kind=OrganisationKind.NGO),
        member_type=MemberType.SOCIAL_ORGANISATION,
    )
    MembershipFactory(
        community=community,
        member_type=MemberType.FUNDER,
        status=MembershipStatus.LEFT,
    )

    assert member_type_shares(community) == {
        MemberType.ENTREPRENEUR: 0.5,
        MemberType.PUBLIC_INSTITUTION: 0.25,
        MemberType.SOCIAL_ORGANISATION: 0.25,
    }
    figure = measured_figures(community)[Principle.MULTI_SECTORALITY]
    assert figure is not None
    assert figure.summary == (
        "Member types represented: 3 of 7. Sectors of the member organisations: 2 of 6."
    )
    by_type = {row.label: (row.count, row.share) for row in figure.breakdowns[0].rows}
    assert by_type["Entrepreneur"] == (2, 0.5)


def test_the_spread_of_member_ventures_by_region_and_type(personas: Any) -> None:
    community = personas.community
    north, south = RegionFactory(name_en="North"), RegionFactory(name_en="South")
    first = VentureFactory(venture_type=VentureType.IMPACT_STARTUP)
    first.regions.add(north, south)
    second = VentureFactory(venture_type=VentureType.SOCIAL_BUSINESS)
    second.regions.add(north)
    third = VentureFactory(venture_type=VentureType.IMPACT_STARTUP)
    for venture in (first, second, third):
        MembershipFactory(community=community, actor=venture)
    MembershipFactory(community=community, actor=OrganisationFactory(), member_type="funder")

    figure = measured_figures(community)[Principle.DIVERSE_ENTREPRENEURSHIP]

    assert figure is not None
    assert figure.summary == "Member ventures: 3. Regions: 2. Venture types: 2."
    regions = {row.label: row.count for row in figure.breakdowns[0].rows}
    assert regions == {"North": 2, "South": 1, "Region not recorded": 1}
    types = {row.label: row.count for row in figure.breakdowns[1].rows}
    assert types == {"Impact startup": 2, "Social business": 1}
    assert "founders' society" in figure.note


def test_the_share_of_members_who_contributed(client: Client, personas: Any) -> None:
    community = personas.community
    event = EventFactory(community=community)
    attendee = UserFactory()
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=attendee),
        member_type=MemberType.NEED_EXPERT,
    )
    EventRegistrationFactory(event=event, user=attendee, status=RegistrationStatus.ATTENDED)
    for _index in range(3):
        MembershipFactory(community=community)

    figure = measured_figures(community)[Principle.PROSUMERS]

    assert figure is not None
    assert figure.summary == "Active members who contributed at least once: 1 of 4 (25%)."
    page = client.get(_page_url(community)).content.decode()
    assert "Active members who contributed at least once: 1 of 4 (25%)." in page
