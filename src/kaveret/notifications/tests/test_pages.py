"""The notification pages and the header link, as a logged-in user sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.notifications.models import Delivery, Notification, NotificationKind
from kaveret.notifications.services import notify, preference_of
from kaveret.testing.factories import UserFactory
from kaveret.testing.notifications_factories import NotificationFactory

pytestmark = pytest.mark.django_db


def _logged_in(client: Client, **user_values: Any) -> Any:
    user = UserFactory(**user_values)
    client.force_login(user)
    return user


def test_the_list_shows_ones_own_notifications_newest_first_in_the_readers_language(
    client: Client,
) -> None:
    reader = _logged_in(client)
    NotificationFactory(recipient=reader, params={"community": "Alpha"})
    NotificationFactory(recipient=reader, params={"community": "Beta"})
    NotificationFactory(params={"community": "Someone else's"})

    page = client.get("/en/notifications/").content.decode()

    assert "Your request to join Beta was approved." in page
    assert page.index("Beta") < page.index("Alpha")
    assert "Someone else" not in page


def test_unread_notifications_are_marked_and_can_be_filtered(client: Client) -> None:
    reader = _logged_in(client)
    NotificationFactory(recipient=reader, params={"community": "Unseen"})
    NotificationFactory(recipient=reader, params={"community": "Seen"}, read_at="2026-01-01T10:00Z")

    page = client.get("/en/notifications/").content.decode()
    assert page.count("notification-unread") == 1
    assert ">Unread<" in page

    unread_only = client.get("/en/notifications/?unread=1").content.decode()
    assert "Unseen" in unread_only
    assert "Seen was approved" not in unread_only


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client: Client) -> None:
    reader = _logged_in(client)
    notification = NotificationFactory(recipient=reader, url="/communities/alpha/")

    response = client.post(f"/en/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/en/communities/alpha/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_outside_link_is_not_followed(client: Client) -> None:
    reader = _logged_in(client)
    notification = NotificationFactory(recipient=reader, url="https://evil.example/")
    response = client.post(f"/en/notifications/{notification.pk}/open/")
    assert response["Location"] == "/en/notifications/"


def test_someone_elses_notification_is_not_found_and_stays_unread(client: Client) -> None:
    _logged_in(client)
    notification = NotificationFactory()
    assert client.post(f"/en/notifications/{notification.pk}/open/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_needs_a_post(client: Client) -> None:
    reader = _logged_in(client)
    notification = NotificationFactory(recipient=reader)
    assert client.get(f"/en/notifications/{notification.pk}/open/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read(client: Client) -> None:
    reader = _logged_in(client)
    NotificationFactory.create_batch(3, recipient=reader)
    others = NotificationFactory()

    response = client.post("/en/notifications/read-all/", follow=True)

    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/en/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_header_shows_the_unread_count_to_a_logged_in_user(client: Client) -> None:
    reader = UserFactory()
    NotificationFactory.create_batch(2, recipient=reader)
    NotificationFactory(recipient=reader, read_at="2026-01-01T10:00Z")
    NotificationFactory()  # someone else's
    client.force_login(reader)

    page = client.get("/en/communities/").content.decode()

    assert "Notifications (2)" in page
    assert 'aria-label="Notifications (2), 2 unread"' in page


def test_the_header_count_follows_new_and_read_notifications(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    reader = _logged_in(client)
    assert "Notifications (0)" in client.get("/en/communities/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params={"community": "Alpha"})
    assert "Notifications (1)" in client.get("/en/communities/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/notifications/read-all/")
    assert "Notifications (0)" in client.get("/en/communities/").content.decode()


def test_the_header_count_costs_no_query_once_cached(
    client: Client, django_assert_num_queries: Any
) -> None:
    _logged_in(client)
    client.get("/en/notifications/preferences/")
    # session, user, and the preference lookup of the form; nothing for the header
    with django_assert_num_queries(3):
        client.get("/en/notifications/preferences/")


def test_visitors_see_no_notifications_link(client: Client) -> None:
    page = client.get("/en/communities/").content.decode()
    assert "notifications-link" not in page
    assert 'href="/en/knowledge/"' in page


def test_the_list_page_issues_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    reader = _logged_in(client)
    client.get("/en/notifications/")  # warm per-process caches (sites, content types)
    for kind in NotificationKind.values:
        NotificationFactory.create_batch(
            4, recipient=reader, kind=kind, params={"event": "E", "starts_at": "2026-12-01T08:00Z"}
        )
    with django_assert_max_num_queries(8):
        response = client.get("/en/notifications/")
    assert response.content.decode().count('class="card notification') == 20


def test_preferences_are_saved_with_a_message(client: Client) -> None:
    reader = _logged_in(client)
    form = client.get("/en/notifications/preferences/").content.decode()
    assert "<legend>Event reminder</legend>" in form
    assert 'value="immediately"' in form

    response = client.post(
        "/en/notifications/preferences/",
        {
            "default_delivery": Delivery.WEEKLY,
            f"kind_{NotificationKind.EVENT_REMINDER}": Delivery.IMMEDIATELY,
            f"kind_{NotificationKind.KNOWLEDGE_REVIEW}": "",
        },
        follow=True,
    )

    assert "Your notification preferences are saved." in response.content.decode()
    preference = preference_of(reader)
    assert preference.default_delivery == Delivery.WEEKLY
    assert preference.delivery_for(NotificationKind.EVENT_REMINDER) == Delivery.IMMEDIATELY
    assert preference.delivery_for(NotificationKind.KNOWLEDGE_REVIEW) == Delivery.WEEKLY


def test_a_wrong_preference_is_refused_and_nothing_saved(client: Client) -> None:
    reader = _logged_in(client)
    response = client.post("/en/notifications/preferences/", {"default_delivery": "hourly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert preference_of(reader).pk is None
