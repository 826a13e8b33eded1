"""The events API: reading events, registering and cancelling, with permissions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kaveret.communities.models import RegistrationStatus
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    ApiTokenFactory,
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_visitors_list_the_published_upcoming_events_with_seats_left(personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=5)
    EventRegistrationFactory.create_batch(2, event=event)
    EventFactory(community=personas.community, is_published=False)
    EventFactory(community=personas.community, starts_at=timezone.now() - timedelta(days=9))

    response = client_as().get(f"{API}/communities/{personas.community.slug}/events")

    assert response.status_code == 200
    body = response.json()
    assert [(item["id"], item["seats_left"]) for item in body] == [(event.pk, 3)]


def test_staff_list_drafts_too(personas: Any) -> None:
    draft = EventFactory(community=personas.community, is_published=False)

    body = client_as(personas.staff).get(
        f"{API}/communities/{personas.community.slug}/events?when=all"
    )

    assert [item["id"] for item in body.json()] == [draft.pk]


@pytest.mark.parametrize("persona", ["anonymous", "entrepreneur"])
def test_a_draft_or_hidden_event_is_missing(personas: Any, persona: str) -> None:
    draft = EventFactory(community=personas.community, is_published=False)
    hidden = EventFactory(community=CommunityFactory(is_public=False))
    client = client_as(None if persona == "anonymous" else personas.entrepreneur)

    assert client.get(f"{API}/events/{draft.pk}").status_code == 404
    assert client.get(f"{API}/events/{hidden.pk}").status_code == 404
    assert client.post(f"{API}/events/{draft.pk}/registration").status_code == 404


def test_an_anonymous_visitor_must_authenticate_to_register() -> None:
    event = EventFactory()

    response = client_as().post(f"{API}/events/{event.pk}/registration")

    assert response.status_code == 401
    assert not event.registrations.exists()


def test_registering_with_a_token_takes_a_seat_then_the_waiting_list(personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=1)
    EventRegistrationFactory(event=event)
    token = ApiTokenFactory(user=personas.entrepreneur, key="kvt_test-events-0001")

    response = Client().post(
        f"{API}/events/{event.pk}/registration",
        HTTP_AUTHORIZATION="Bearer kvt_test-events-0001",
    )

    assert token.user == personas.entrepreneur
    assert response.status_code == 201
    assert response.json()["status"] == "waiting"
    assert response.json()["waiting_list_position"] == 1


def test_cancelling_in_the_browser_session_moves_the_waiting_list_up(personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=1)
    EventRegistrationFactory(event=event, user=personas.entrepreneur)
    waiting = EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client = client_as(personas.entrepreneur)

    response = client.delete(f"{API}/events/{event.pk}/registration")

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_cancelling_with_a_token_returns_the_cancelled_registration(personas: Any) -> None:
    event = EventFactory(community=personas.community, capacity=1)
    EventRegistrationFactory(event=event, user=personas.entrepreneur)
    waiting = EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    ApiTokenFactory(user=personas.entrepreneur, key="kvt_test-events-0002")

    response = Client().delete(
        f"{API}/events/{event.pk}/registration",
        HTTP_AUTHORIZATION="Bearer kvt_test-events-0002",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_registering_for_a_past_event_is_a_422_with_the_reason(personas: Any) -> None:
    event = EventFactory(
        community=personas.community, starts_at=timezone.now() - timedelta(hours=3)
    )
    ApiTokenFactory(user=personas.entrepreneur, key="kvt_test-events-0003")

    response = Client().post(
        f"{API}/events/{event.pk}/registration",
        HTTP_AUTHORIZATION="Bearer kvt_test-events-0003",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "event_started"
    assert "registration is closed" in response.json()["detail"]


def test_ones_own_registration_is_readable_and_others_are_not_there(personas: Any) -> None:
    event = EventFactory(community=personas.community)
    EventRegistrationFactory(event=event)  # someone else's

    response = client_as(personas.entrepreneur).get(f"{API}/events/{event.pk}/registration")

    assert response.status_code == 404


def test_the_events_of_a_hidden_community_are_missing_for_a_member(personas: Any) -> None:
    hidden = CommunityFactory(is_public=False)
    EventFactory(community=hidden)

    response = client_as(personas.entrepreneur).get(f"{API}/communities/{hidden.slug}/events")

    assert response.status_code == 404
