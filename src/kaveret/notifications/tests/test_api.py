"""The notifications API: one's own only, 401 for visitors, 404 for someone else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.notifications.models import Delivery, NotificationKind
from kaveret.notifications.services import preference_of
from kaveret.testing.factories import UserFactory
from kaveret.testing.notifications_factories import NotificationFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _logged_in(client: Client) -> Any:
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_list_has_ones_own_newest_first_with_text_in_the_request_language(
    client: Client,
) -> None:
    reader = _logged_in(client)
    older = NotificationFactory(recipient=reader, params={"community": "Alpha"})
    newer = NotificationFactory(recipient=reader, params={"community": "Beta"}, url="/c/b/")
    NotificationFactory()

    body = client.get("/api/v1/notifications", **ENGLISH).json()

    assert body["count"] == 2
    assert body["unread_count"] == 2
    assert [item["id"] for item in body["items"]] == [newer.pk, older.pk]
    assert body["items"][0]["text"] == "Your request to join Beta was approved."
    assert body["items"][0]["url"] == "/en/c/b/"
    assert body["items"][0]["is_read"] is False


def test_the_list_filters_unread_and_pages(client: Client) -> None:
    reader = _logged_in(client)
    NotificationFactory.create_batch(3, recipient=reader)
    read = NotificationFactory(recipient=reader, read_at="2026-01-01T10:00Z")

    unread = client.get("/api/v1/notifications?unread=true").json()
    assert unread["count"] == 3
    only_read = client.get("/api/v1/notifications?unread=false").json()
    assert [item["id"] for item in only_read["items"]] == [read.pk]
    page = client.get("/api/v1/notifications?limit=2&offset=2").json()
    assert page["count"] == 4
    assert len(page["items"]) == 2


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/notifications"),
        ("post", "/api/v1/notifications/read-all"),
        ("post", "/api/v1/notifications/1/read"),
        ("get", "/api/v1/notifications/preferences"),
    ],
)
def test_visitors_must_authenticate(client: Client, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 401


def test_putting_preferences_needs_a_login(client: Client) -> None:
    response = client.put(
        "/api/v1/notifications/preferences",
        {"default_delivery": "none"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_reading_one_marks_it_and_someone_elses_is_not_found(client: Client) -> None:
    reader = _logged_in(client)
    own = NotificationFactory(recipient=reader)
    others = NotificationFactory()

    response = client.post(f"/api/v1/notifications/{own.pk}/read")
    assert response.status_code == 200
    assert response.json()["is_read"] is True

    assert client.post(f"/api/v1/notifications/{others.pk}/read").status_code == 404
    others.refresh_from_db()
    assert others.read_at is None


def test_read_all_marks_only_ones_own(client: Client) -> None:
    reader = _logged_in(client)
    NotificationFactory.create_batch(2, recipient=reader)
    others = NotificationFactory()

    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 2}
    assert client.get("/api/v1/notifications").json()["unread_count"] == 0
    others.refresh_from_db()
    assert others.read_at is None


def test_preferences_default_to_immediately_and_can_be_replaced(client: Client) -> None:
    reader = _logged_in(client)
    before = client.get("/api/v1/notifications/preferences").json()
    assert before["default_delivery"] == Delivery.IMMEDIATELY
    assert set(before["effective"].values()) == {Delivery.IMMEDIATELY}

    response = client.put(
        "/api/v1/notifications/preferences",
        {"default_delivery": "none", "overrides": {"waitlist_seat": "immediately"}},
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["effective"][NotificationKind.WAITLIST_SEAT] == Delivery.IMMEDIATELY
    assert body["effective"][NotificationKind.EVENT_REMINDER] == Delivery.NONE
    assert preference_of(reader).default_delivery == Delivery.NONE


def test_unknown_preference_values_are_refused(client: Client) -> None:
    reader = _logged_in(client)
    response = client.put(
        "/api/v1/notifications/preferences",
        {"default_delivery": "hourly"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert preference_of(reader).pk is None
