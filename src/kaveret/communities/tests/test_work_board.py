"""The board of the four moves: phases and cycles, activities, who may read and write."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kaveret.accounts.models import Role
from kaveret.communities import work_services
from kaveret.communities.models import (
    ActivityKind,
    ActivityStatus,
    Community,
    CommunityHistory,
    EcosystemPhase,
    HistoryKind,
    MemberType,
    WorkActivity,
    WorkCycle,
)
from kaveret.core.errors import DomainError
from kaveret.testing.factories import (
    CommunityFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Pages in English, and every reversed URL in the /en/ tree they link to."""
    with translation.override("en"):
        yield


def _board(community: Community) -> str:
    return reverse("communities:work_board", args=[community.slug])


def _activity_url(name: str, activity: WorkActivity) -> str:
    return reverse(f"communities:{name}", args=[activity.cycle.community.slug, activity.pk])


def _valid_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "מיפוי האקו-סיסטם",
        "move": EcosystemPhase.EXPLORATION,
        "kind": ActivityKind.MAPPING,
        "status": ActivityStatus.PLANNED,
        "owner": "",
        "starts_on": "2025-03-01",
        "ends_on": "2025-04-01",
        "description": "",
        "outputs": "מפת שחקנים",
        "links": "https://example.org/map\nhttp://example.org/report",
    }
    return data | overrides


# Phases and cycles


def test_the_first_cycle_opens_on_demand_with_a_history_row(personas: Any) -> None:
    community = personas.community
    assert not community.work_cycles.exists()

    cycle = work_services.open_cycle(by=personas.staff, community=community)

    assert cycle.number == 1
    assert cycle.ended_on is None
    assert cycle.started_on == timezone.localdate()
    assert community.history.filter(kind=HistoryKind.CYCLE_STARTED).count() == 1
    # Asking again gives the same open cycle.
    assert work_services.open_cycle(by=personas.staff, community=community) == cycle


def test_setting_the_phase_changes_it_and_writes_history(personas: Any) -> None:
    community = personas.community

    work_services.set_phase(personas.staff, community, EcosystemPhase.DEEPENING)

    community.refresh_from_db()
    assert community.phase == EcosystemPhase.DEEPENING
    change = community.history.get(kind=HistoryKind.PHASE_CHANGED)
    assert change.by == personas.staff
    assert "→" in change.subject


def test_setting_the_same_phase_changes_nothing(personas: Any) -> None:
    work_services.set_phase(personas.staff, personas.community, EcosystemPhase.EXPLORATION)

    assert not CommunityHistory.objects.filter(kind=HistoryKind.PHASE_CHANGED).exists()


def test_moving_on_from_evaluation_closes_the_cycle_and_opens_the_next(personas: Any) -> None:
    community = personas.community
    for phase in (EcosystemPhase.DEEPENING, EcosystemPhase.RESPONSE, EcosystemPhase.EVALUATION):
        work_services.set_phase(personas.staff, community, phase)
    first = community.work_cycles.get()

    work_services.set_phase(
        personas.staff, community, EcosystemPhase.EXPLORATION, summary="למדנו הרבה"
    )

    first.refresh_from_db()
    assert first.ended_on == timezone.localdate()
    assert first.summary == "למדנו הרבה"
    second = community.work_cycles.get(ended_on__isnull=True)
    assert second.number == 2
    community.refresh_from_db()
    assert community.phase == EcosystemPhase.EXPLORATION
    assert community.history.filter(kind=HistoryKind.CYCLE_STARTED).count() == 2
    assert community.history.filter(kind=HistoryKind.PHASE_CHANGED).count() == 4


def test_moving_back_from_response_to_exploration_keeps_the_cycle(personas: Any) -> None:
    community = personas.community
    work_services.set_phase(personas.staff, community, EcosystemPhase.RESPONSE)
    work_services.set_phase(personas.staff, community, EcosystemPhase.EXPLORATION)

    assert community.work_cycles.count() == 1
    assert community.work_cycles.get().ended_on is None


def test_an_unknown_phase_is_refused(personas: Any) -> None:
    with pytest.raises(DomainError):
        work_services.set_phase(personas.staff, personas.community, "dreaming")


def test_moving_from_evaluation_to_any_move_starts_a_new_cycle(personas: Any) -> None:
    community = personas.community
    work_services.set_phase(personas.staff, community, EcosystemPhase.EVALUATION)
    work_services.set_phase(personas.staff, community, EcosystemPhase.DEEPENING)

    assert list(community.work_cycles.order_by("number").values_list("number", "ended_on")) == [
        (1, timezone.localdate()),
        (2, None),
    ]


@pytest.mark.parametrize("who", ["entrepreneur", "other_staff", "coordinator", "anonymous"])
def test_only_the_communitys_manager_sets_its_phase(personas: Any, who: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    other = UserFactory()
    RoleAssignmentFactory(user=other, role=Role.COMMUNITY_MANAGER, community=CommunityFactory())
    coordinator = UserFactory()
    RoleAssignmentFactory(
        user=coordinator, role=Role.COMMUNITY_COORDINATOR, community=personas.community
    )
    user = {
        "entrepreneur": personas.entrepreneur,
        "other_staff": other,
        "coordinator": coordinator,
    }.get(who, AnonymousUser())

    with pytest.raises(PermissionDenied):
        work_services.set_phase(user, personas.community, EcosystemPhase.DEEPENING)
    personas.community.refresh_from_db()
    assert personas.community.phase == EcosystemPhase.EXPLORATION


def test_a_platform_admin_sets_any_communitys_phase(personas: Any) -> None:
    work_services.set_phase(personas.admin, personas.community, EcosystemPhase.RESPONSE)

    personas.community.refresh_from_db()
    assert personas.community.phase == EcosystemPhase.RESPONSE


def test_the_phase_form_moves_on_to_a_new_cycle(client: Client, personas: Any) -> None:
    community = personas.community
    community.phase = EcosystemPhase.EVALUATION
    community.save()
    WorkCycleFactory(community=community, number=1)
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:work_phase", args=[community.slug]),
        {"phase": EcosystemPhase.EXPLORATION, "summary": "סיכום"},
        follow=True,
    )

    assert response.status_code == 200
    assert list(community.work_cycles.values_list("number", "ended_on")) == [
        (2, None),
        (1, timezone.localdate()),
    ]
    assert "Cycle 2" in client.get(_board(community)).content.decode()


# Activities


def test_staff_add_an_activity_which_shows_under_its_move(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:work_activity_create", args=[personas.community.slug]),
        _valid_post(move=EcosystemPhase.DEEPENING, owner=str(personas.staff.pk)),
    )

    assert response.status_code == 302
    activity = WorkActivity.objects.get()
    assert activity.cycle.number == 1
    assert activity.owner == personas.staff
    assert activity.links == ["https://example.org/map", "http://example.org/report"]
    page = client.get(_board(personas.community)).content.decode()
    deepening = page.split('id="move-deepening"')[1].split('id="move-response"')[0]
    assert "מיפוי האקו-סיסטם" in deepening
    assert 'href="https://example.org/map"' in deepening


def test_an_activity_ending_before_it_starts_is_refused_and_the_input_kept(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:work_activity_create", args=[personas.community.slug]),
        _valid_post(title="כותרת שנשמרת", starts_on="2025-05-01", ends_on="2025-04-01"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The activity cannot end before it starts." in page
    assert 'value="כותרת שנשמרת"' in page
    assert not WorkActivity.objects.exists()


@pytest.mark.parametrize(
    "links", ["ftp://example.org/file", "javascript:alert(1)", "not a link", "example.org"]
)
def test_links_must_be_web_addresses(client: Client, personas: Any, links: str) -> None:
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:work_activity_create", args=[personas.community.slug]),
        _valid_post(links=f"https://example.org/ok\n{links}"),
    )

    assert response.status_code == 400
    assert "is not a web address" in response.content.decode()
    assert links in response.content.decode().replace("&#x27;", "'")
    assert not WorkActivity.objects.exists()


def test_the_service_refuses_an_activity_without_a_title(personas: Any) -> None:
    with pytest.raises(DomainError) as error:
        work_services.activity_create(
            by=personas.staff,
            community=personas.community,
            values={"title": " ", "move": "exploration", "kind": "mapping", "status": "planned"},
        )
    assert "title" in error.value.error_dict


def test_staff_edit_an_activity(client: Client, personas: Any) -> None:
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=personas.community))
    client.force_login(personas.staff)

    response = client.post(
        _activity_url("work_activity_edit", activity),
        _valid_post(title="מפגש למידה", kind=ActivityKind.LEARNING_MEETING, status="done"),
    )

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.kind, activity.status) == (
        "מפגש למידה",
        ActivityKind.LEARNING_MEETING,
        ActivityStatus.DONE,
    )


def test_the_edit_form_opens_with_the_activitys_values(client: Client, personas: Any) -> None:
    activity = WorkActivityFactory(
        cycle=WorkCycleFactory(community=personas.community),
        title="ועדת היגוי",
        move=EcosystemPhase.RESPONSE,
        links=["https://example.org/a", "https://example.org/b"],
    )
    client.force_login(personas.staff)

    page = client.get(_activity_url("work_activity_edit", activity)).content.decode()

    assert 'value="ועדת היגוי"' in page
    assert '<option value="response" selected>' in page
    assert "https://example.org/a\nhttps://example.org/b</textarea>" in page


def test_staff_move_an_activity_to_another_move(client: Client, personas: Any) -> None:
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=personas.community))
    client.force_login(personas.staff)

    client.post(_activity_url("work_activity_move", activity), {"move": "response"})

    activity.refresh_from_db()
    assert activity.move == EcosystemPhase.RESPONSE


def test_staff_delete_an_activity_after_confirming(client: Client, personas: Any) -> None:
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=personas.community))
    client.force_login(personas.staff)

    assert client.get(_activity_url("work_activity_delete", activity)).status_code == 200
    assert WorkActivity.objects.filter(pk=activity.pk).exists()
    client.post(_activity_url("work_activity_delete", activity))

    assert not WorkActivity.objects.filter(pk=activity.pk).exists()


def test_an_activity_of_another_community_is_missing(client: Client, personas: Any) -> None:
    elsewhere = WorkActivityFactory()
    client.force_login(personas.staff)

    url = reverse("communities:work_activity_edit", args=[personas.community.slug, elsewhere.pk])
    assert client.get(url).status_code == 404


# Past cycles


def _closed_cycle_with_activity(community: Community) -> Any:
    closed = WorkCycleFactory(
        community=community, number=1, ended_on=date(2025, 6, 30), summary="סיכום המחזור"
    )
    WorkCycleFactory(community=community, number=2)
    return WorkActivityFactory(cycle=closed, title="מיפוי ראשון")


def test_a_past_cycle_stays_readable_and_read_only(client: Client, personas: Any) -> None:
    activity = _closed_cycle_with_activity(personas.community)
    client.force_login(personas.staff)

    page = client.get(
        reverse("communities:work_cycle", args=[personas.community.slug, 1])
    ).content.decode()

    assert "מיפוי ראשון" in page
    assert "סיכום המחזור" in page
    assert "read-only" in page
    assert _activity_url("work_activity_edit", activity) not in page
    assert "current phase" not in page
    board = client.get(_board(personas.community)).content.decode()
    assert "מיפוי ראשון" not in board
    assert reverse("communities:work_cycle", args=[personas.community.slug, 1]) in board


def test_activities_of_a_past_cycle_cannot_change(client: Client, personas: Any) -> None:
    activity = _closed_cycle_with_activity(personas.community)
    client.force_login(personas.staff)

    client.post(_activity_url("work_activity_edit", activity), _valid_post(title="שונה"))
    client.post(_activity_url("work_activity_move", activity), {"move": "response"})
    client.post(_activity_url("work_activity_delete", activity))

    activity.refresh_from_db()
    assert (activity.title, activity.move) == ("מיפוי ראשון", EcosystemPhase.EXPLORATION)
    with pytest.raises(DomainError):
        work_services.activity_move(by=personas.staff, activity=activity, move="response")


def test_an_unknown_cycle_is_missing(client: Client, personas: Any) -> None:
    url = reverse("communities:work_cycle", args=[personas.community.slug, 9])
    assert client.get(url).status_code == 404


# Who reads and who writes


def test_the_board_shows_four_moves_in_order_with_the_current_phase_marked(
    client: Client, personas: Any
) -> None:
    community = personas.community
    community.phase = EcosystemPhase.RESPONSE
    community.save()

    page = client.get(_board(community)).content.decode()

    positions = [page.index(f'id="move-{move}"') for move in EcosystemPhase.values]
    assert positions == sorted(positions)
    response = page.split('id="move-response"')[1].split("</h3>")[0]
    assert "current phase" in response
    assert page.count("<mark>") == 1


def test_visitors_read_a_public_communitys_board_without_staff_controls(
    client: Client, personas: Any
) -> None:
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=personas.community))

    page = client.get(_board(personas.community)).content.decode()

    assert str(activity.title) in page
    assert _activity_url("work_activity_edit", activity) not in page
    assert reverse("communities:work_phase", args=[personas.community.slug]) not in page


def test_a_hidden_communitys_board_is_missing_for_visitors_and_read_by_members(
    client: Client,
) -> None:
    community = CommunityFactory(is_public=False)
    member = UserFactory()
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=member),
        member_type=MemberType.NEED_EXPERT,
    )
    outsider = UserFactory()

    assert client.get(_board(community)).status_code == 404
    client.force_login(outsider)
    assert client.get(_board(community)).status_code == 404
    client.force_login(member)
    assert client.get(_board(community)).status_code == 200
    assert client.get(reverse("communities:principles", args=[community.slug])).status_code == 200


@pytest.mark.parametrize("who", ["member", "other_staff"])
def test_members_and_other_communities_staff_may_not_write(
    client: Client, personas: Any, who: str
) -> None:
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=personas.community))
    user = UserFactory()
    if who == "member":
        MembershipFactory(
            community=personas.community,
            actor=None,
            person=PersonFactory(user=user),
            member_type=MemberType.NEED_EXPERT,
        )
    else:
        RoleAssignmentFactory(user=user, role=Role.COMMUNITY_MANAGER, community=CommunityFactory())
    client.force_login(user)
    slug = personas.community.slug

    assert client.get(_board(personas.community)).status_code == 200
    assert (
        client.post(
            reverse("communities:work_activity_create", args=[slug]), _valid_post()
        ).status_code
        == 403
    )
    assert (
        client.post(_activity_url("work_activity_move", activity), {"move": "response"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("communities:work_phase", args=[slug]), {"phase": "response"}
        ).status_code
        == 403
    )
    activity.refresh_from_db()
    assert activity.move == EcosystemPhase.EXPLORATION
    assert WorkActivity.objects.count() == 1
    assert WorkCycle.objects.count() == 1


def test_a_platform_admin_writes_on_any_board(client: Client, personas: Any) -> None:
    client.force_login(personas.admin)

    response = client.post(
        reverse("communities:work_activity_create", args=[personas.community.slug]),
        _valid_post(),
    )

    assert response.status_code == 302
    assert WorkActivity.objects.filter(cycle__community=personas.community).count() == 1


def test_the_board_reads_in_a_bounded_number_of_queries(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    cycle = WorkCycleFactory(community=personas.community)
    for move in EcosystemPhase.values:
        WorkActivityFactory.create_batch(5, cycle=cycle, move=move, owner=UserFactory())
    client.force_login(personas.staff)
    client.get(_board(personas.community))  # warm the per-process caches

    with django_assert_max_num_queries(14):
        response = client.get(_board(personas.community))
    assert response.content.decode().count('class="work-activity"') == 20
