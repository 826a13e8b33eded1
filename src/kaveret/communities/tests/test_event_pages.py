"""Event pages: who sees what, registering and cancelling, attendance, creating events."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.communities.models import Event, RegistrationStatus
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _url(name: str, event: Event) -> str:
    return reverse(f"communities:{name}", args=[event.community.slug, event.pk])


def test_visitors_see_published_events_of_a_public_community_split_by_time(
    client: Client,
) -> None:
    community = CommunityFactory()
    EventFactory(community=community, title="Coming meetup")
    EventFactory(
        community=community,
        title="Last year's conference",
        starts_at=timezone.now() - timedelta(days=300),
    )
    EventFactory(community=community, title="Secret draft", is_published=False)

    page = client.get(reverse("communities:event_list", args=[community.slug])).content.decode()

    upcoming, past = page.split('id="past-title"')
    assert "Coming meetup" in upcoming
    assert "Last year&#x27;s conference" in past
    assert "Secret draft" not in page


def test_a_draft_event_is_missing_for_members_and_shown_to_staff(
    client: Client, personas: Any
) -> None:
    draft = EventFactory(community=personas.community, is_published=False)
    client.force_login(personas.entrepreneur)
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.force_login(personas.staff)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_events_of_a_hidden_community_are_missing_for_visitors(client: Client) -> None:
    event = EventFactory(community=CommunityFactory(is_public=False))

    assert client.get(event.get_absolute_url()).status_code == 404


def test_a_member_registers_and_sees_the_seat_taken(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=3)
    client.force_login(personas.entrepreneur)

    response = client.post(_url("event_register", event), follow=True)

    page = response.content.decode()
    assert "נרשמת." in page
    assert event.registrations.get().user == personas.entrepreneur
    assert reverse("communities:event_cancel", args=[event.community.slug, event.pk]) in page


def test_a_full_event_shows_the_waiting_list_position(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=1)
    EventRegistrationFactory(event=event)
    EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(personas.entrepreneur)

    page = client.post(_url("event_register", event), follow=True).content.decode()

    assert "את/ה במקום 2 ברשימת ההמתנה." in page


def test_cancelling_on_the_page_frees_the_seat(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=1)
    EventRegistrationFactory(event=event, user=personas.entrepreneur)
    waiting = EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(personas.entrepreneur)

    client.post(_url("event_cancel", event))

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_registering_for_a_past_event_on_the_page_says_why_not(
    client: Client, personas: Any
) -> None:
    event = EventFactory(
        community=personas.community, starts_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(personas.entrepreneur)

    page = client.post(_url("event_register", event), follow=True).content.decode()

    assert "ההרשמה סגורה" in page
    assert not event.registrations.exists()


def test_a_visitor_who_tries_to_register_is_sent_to_log_in(client: Client) -> None:
    event = EventFactory()

    response = client.post(_url("event_register", event))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not event.registrations.exists()


def test_a_manager_takes_attendance_on_the_page(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community)
    came, missed = EventRegistrationFactory.create_batch(2, event=event)
    client.force_login(personas.staff)

    page = client.get(_url("event_attendance", event)).content.decode()
    client.post(_url("event_attendance", event), {"attended": [str(came.user_id)]})

    assert escape(missed.user.full_name) in page  # names like ח'אלד come escaped
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == ("attended", "registered")


def test_a_member_may_not_take_attendance(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community)
    registration = EventRegistrationFactory(event=event, user=personas.entrepreneur)
    client.force_login(personas.entrepreneur)

    response = client.post(
        _url("event_attendance", event), {"attended": [str(registration.user_id)]}
    )

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_a_manager_creates_an_event_in_israel_time(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:event_create", args=[personas.community.slug]),
        {
            "kind": "roundtable",
            "title": "שולחן עגול",
            "starts_at": "2031-06-01T18:00",
            "ends_at": "2031-06-01T20:00",
            "online_link": "https://meet.example.org/round",
            "capacity": "",
            "is_published": "on",
        },
    )

    event = Event.objects.get(title="שולחן עגול")
    assert response.status_code == 302
    assert event.community == personas.community
    assert event.capacity is None
    # 18:00 in Jerusalem in summer (UTC+3) is 15:00 UTC.
    assert event.starts_at.astimezone(timezone.get_fixed_timezone(0)).hour == 15


def test_an_event_without_place_or_link_is_refused_on_the_form(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)

    response = client.post(
        reverse("communities:event_create", args=[personas.community.slug]),
        {
            "kind": "meetup",
            "title": "Nowhere",
            "starts_at": "2031-06-01T18:00",
            "ends_at": "2031-06-01T20:00",
        },
    )

    assert response.status_code == 400
    assert "יש לציין מקום, קישור למפגש מקוון, או את שניהם." in response.content.decode()
    assert not Event.objects.filter(title="Nowhere").exists()


def test_staff_of_another_community_may_not_edit_its_events(client: Client) -> None:
    event = EventFactory(title="Original")
    other_manager = UserFactory()
    RoleAssignmentFactory(
        user=other_manager, role=Role.COMMUNITY_MANAGER, community=CommunityFactory()
    )
    client.force_login(other_manager)

    response = client.post(
        _url("event_edit", event),
        {
            "kind": "meetup",
            "title": "Hijacked",
            "starts_at": "2031-06-01T18:00",
            "ends_at": "2031-06-01T20:00",
            "place": "x",
        },
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Original"


@pytest.mark.parametrize("persona", ["anonymous", "staff"])
def test_the_event_list_costs_the_same_queries_for_few_and_many_events(
    client: Client, personas: Any, persona: str
) -> None:
    if persona == "staff":
        client.force_login(personas.staff)
    url = reverse("communities:event_list", args=[personas.community.slug])
    client.get(url)  # warm the per-process caches (site, translations)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    for event in EventFactory.create_batch(2, community=personas.community):
        EventRegistrationFactory(event=event)
    few = count()
    for event in EventFactory.create_batch(20, community=personas.community):
        EventRegistrationFactory(event=event)
    many = count()

    assert many == few
