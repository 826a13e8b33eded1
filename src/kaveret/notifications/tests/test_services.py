"""notify(), rendering, preferences and the weekly digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from kaveret.notifications import services
from kaveret.notifications.models import (
    Delivery,
    EmailStatus,
    Notification,
    NotificationKind,
)
from kaveret.testing.factories import UserFactory
from kaveret.testing.notifications_factories import (
    NotificationFactory,
    NotificationPreferenceFactory,
)

pytestmark = pytest.mark.django_db

APPROVED = {"community": "TechAbility", "note": "Welcome aboard"}


def test_notify_records_and_emails_an_english_reader_in_english(
    django_capture_on_commit_callbacks: Any,
) -> None:
    reader: Any = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            reader, NotificationKind.MEMBERSHIP_APPROVED, url="/communities/x/", params=APPROVED
        )
    assert notification is not None
    assert Notification.objects.filter(recipient=reader).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    assert message.subject == "Welcome to TechAbility"
    assert "was approved" in message.body
    assert "Welcome aboard" in message.body
    assert "/en/communities/x/" in message.body
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert notification.emailed_at is not None


def test_notify_emails_a_hebrew_reader_in_hebrew(django_capture_on_commit_callbacks: Any) -> None:
    reader = UserFactory(language="he")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params=APPROVED)
    assert len(mail.outbox) == 1
    with translation.override("he"):
        expected = str(services.SUBJECTS[NotificationKind.MEMBERSHIP_APPROVED]) % APPROVED
    assert mail.outbox[0].subject == expected


def test_the_email_waits_for_the_transaction_to_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    reader = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(reader, NotificationKind.MEMBERSHIP_DECLINED, params=APPROVED)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_an_inactive_user_gets_nothing(django_capture_on_commit_callbacks: Any) -> None:
    reader = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params=APPROVED)
    assert result is None
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_an_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        services.notify(UserFactory(), "birthday")


@pytest.mark.parametrize("delivery", [Delivery.WEEKLY, Delivery.NONE])
def test_no_immediate_mail_for_weekly_or_none(
    delivery: str, django_capture_on_commit_callbacks: Any
) -> None:
    reader: Any = UserFactory()
    NotificationPreferenceFactory(user=reader, default_delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            reader, NotificationKind.KNOWLEDGE_REVIEW, params={"item": "A", "community": "B"}
        )
    assert notification is not None
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_a_per_kind_override_beats_the_default(django_capture_on_commit_callbacks: Any) -> None:
    reader = UserFactory(language="en")
    NotificationPreferenceFactory(
        user=reader,
        default_delivery=Delivery.NONE,
        overrides={NotificationKind.EVENT_REMINDER: Delivery.IMMEDIATELY},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params=APPROVED)
        services.notify(
            reader,
            NotificationKind.EVENT_REMINDER,
            params={"event": "Roundtable", "starts_at": "2026-12-01T08:00:00+00:00"},
        )
    assert [message.subject for message in mail.outbox] == ["Reminder: “Roundtable” starts soon"]


def test_event_time_is_shown_in_israel_time_in_the_readers_language() -> None:
    notification = NotificationFactory(
        kind=NotificationKind.EVENT_REMINDER,
        params={"event": "Meetup", "starts_at": "2026-12-01T08:00:00+00:00"},
    )
    with translation.override("en"):
        text = services.render(notification)
    # 08:00 UTC is 10:00 in Jerusalem in December.
    assert text.startswith("Reminder: “Meetup” (")
    assert text.endswith(") starts soon.")
    assert "10:00" in text or "10 a.m." in text
    assert "Dec" in text


def test_render_follows_the_active_language_not_the_stored_data() -> None:
    notification = NotificationFactory(
        kind=NotificationKind.KNOWLEDGE_DECIDED, params={"item": "Guide", "published": "no"}
    )
    with translation.override("en"):
        assert services.render(notification) == "Your knowledge item “Guide” was sent back to you."
    notification.params = {"item": "Guide", "published": "yes"}  # type: ignore[assignment]
    with translation.override("en"):
        assert services.render(notification) == "Your knowledge item “Guide” was published."
    assert "Guide" in str(notification.params)


def test_a_link_given_with_a_language_prefix_is_stored_without_it() -> None:
    notification = services.notify(
        UserFactory(), NotificationKind.MEMBERSHIP_APPROVED, url="/en/communities/x/", params={}
    )
    assert notification is not None
    assert notification.url == "/communities/x/"


def _weekly_reader(language: str = "en") -> Any:
    reader = UserFactory(language=language)
    NotificationPreferenceFactory(user=reader, default_delivery=Delivery.WEEKLY)
    return reader


def test_the_digest_sends_one_mail_per_person_listing_everything_new() -> None:
    first, second = _weekly_reader(), _weekly_reader()
    for community in ("Alpha", "Beta"):
        services.notify(
            first, NotificationKind.MEMBERSHIP_APPROVED, params={"community": community}
        )
    services.notify(second, NotificationKind.MEMBERSHIP_DECLINED, params={"community": "Gamma"})

    assert services.send_weekly_digests() == 2

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {first.email, second.email}
    assert "Alpha" in by_recipient[first.email].body
    assert "Beta" in by_recipient[first.email].body
    assert "Gamma" not in by_recipient[first.email].body
    assert by_recipient[first.email].subject == "Your weekly notifications from Kaveret"
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_digest_is_safe_to_run_twice_and_quiet_when_nothing_is_new() -> None:
    reader = _weekly_reader()
    services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params={"community": "Alpha"})
    assert services.send_weekly_digests() == 1
    assert services.send_weekly_digests() == 0
    assert len(mail.outbox) == 1

    services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params={"community": "Delta"})
    call_command("send_notification_digests", stdout=_Sink())
    assert len(mail.outbox) == 2
    assert "Delta" in mail.outbox[1].body
    assert "Alpha" not in mail.outbox[1].body


def test_the_digest_leaves_out_immediate_and_none_notifications(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silent = UserFactory()
    NotificationPreferenceFactory(user=silent, default_delivery=Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(silent, NotificationKind.MEMBERSHIP_APPROVED, params=APPROVED)
        services.notify(UserFactory(), NotificationKind.MEMBERSHIP_APPROVED, params=APPROVED)
    mail.outbox.clear()
    assert services.send_weekly_digests() == 0
    assert mail.outbox == []


def test_the_digest_is_in_the_readers_language() -> None:
    reader = _weekly_reader(language="ar")
    services.notify(reader, NotificationKind.MEMBERSHIP_APPROVED, params={"community": "Alpha"})
    services.send_weekly_digests(now=timezone.now() + datetime.timedelta(days=7))
    with translation.override("ar"):
        expected = str(services.SUBJECT_DIGEST)
    assert mail.outbox[0].subject == expected


def test_preferences_drop_overrides_equal_to_the_default() -> None:
    reader = UserFactory()
    preference = services.set_preferences(
        by=reader,
        default_delivery=Delivery.WEEKLY,
        overrides={
            NotificationKind.EVENT_REMINDER: Delivery.IMMEDIATELY,
            NotificationKind.KNOWLEDGE_REVIEW: Delivery.WEEKLY,
            NotificationKind.WAITLIST_SEAT: "",
        },
    )
    assert preference.overrides == {NotificationKind.EVENT_REMINDER: Delivery.IMMEDIATELY}
    assert services.delivery_for(reader, NotificationKind.EVENT_REMINDER) == Delivery.IMMEDIATELY
    assert services.delivery_for(reader, NotificationKind.WAITLIST_SEAT) == Delivery.WEEKLY


def test_preferences_refuse_unknown_values() -> None:
    from kaveret.core.errors import DomainError

    with pytest.raises(DomainError):
        services.set_preferences(by=UserFactory(), default_delivery="hourly")


def test_mark_read_refuses_someone_elses_notification() -> None:
    from django.core.exceptions import PermissionDenied

    notification = NotificationFactory()
    with pytest.raises(PermissionDenied):
        services.mark_read(UserFactory(), notification)
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_ones_own() -> None:
    reader: Any = UserFactory()
    NotificationFactory.create_batch(3, recipient=reader)
    other = NotificationFactory()
    assert services.mark_all_read(reader) == 3
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


class _Sink:
    def write(self, text: str) -> None:
        pass
