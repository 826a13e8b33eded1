"""Events: seats, the waiting list, attendance and e-mails, through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.communities import services
from kaveret.communities.models import RegistrationStatus
from kaveret.communities.selectors import waiting_list_position
from kaveret.core.errors import DomainError
from kaveret.notifications.models import Notification
from kaveret.notifications.services import set_preferences
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _register(user: Any, event: Any, capture: Any) -> Any:
    with capture(execute=True):
        return services.register_for_event(by=user, event=event)


def test_registrations_beyond_capacity_go_to_the_waiting_list_in_order(
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = EventFactory(capacity=2)
    first, second, third, fourth = UserFactory.create_batch(4)

    statuses = [
        _register(user, event, django_capture_on_commit_callbacks).status
        for user in (first, second, third, fourth)
    ]

    assert statuses == ["registered", "registered", "waiting", "waiting"]
    fourth_registration = event.registrations.get(user=fourth)
    assert waiting_list_position(fourth_registration) == 2


def test_an_event_without_capacity_never_fills() -> None:
    event = EventFactory(capacity=None)
    EventRegistrationFactory.create_batch(30, event=event)

    registration = services.register_for_event(by=UserFactory(), event=event)

    assert registration.status == RegistrationStatus.REGISTERED


def test_registering_twice_keeps_the_one_registration() -> None:
    event = EventFactory()
    user = UserFactory()

    services.register_for_event(by=user, event=event)
    services.register_for_event(by=user, event=event)

    assert event.registrations.filter(user=user).count() == 1


def test_confirmation_email_is_in_the_registrants_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = EventFactory(title="Roundtable on accessibility")
    english_speaker = UserFactory(language="en")

    _register(english_speaker, event, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [english_speaker.email]
    assert message.subject == "You are registered for “Roundtable on accessibility”"
    assert "Israel time" in message.body


def test_cancelling_moves_the_first_waiting_person_up_and_tells_them(
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = EventFactory(capacity=1, title="Hackathon")
    seated = EventRegistrationFactory(event=event).user
    first_waiting = EventRegistrationFactory(
        event=event,
        status=RegistrationStatus.WAITING,
        queued_at=timezone.now() - timedelta(hours=2),
        user=UserFactory(language="en"),
    ).user
    second_waiting = EventRegistrationFactory(
        event=event, status=RegistrationStatus.WAITING, queued_at=timezone.now()
    ).user

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(by=seated, event=event)

    statuses = dict(event.registrations.values_list("user_id", "status"))
    assert statuses == {
        seated.pk: RegistrationStatus.CANCELLED,
        first_waiting.pk: RegistrationStatus.REGISTERED,
        second_waiting.pk: RegistrationStatus.WAITING,
    }
    assert [message.to for message in mail.outbox] == [[first_waiting.email]]
    assert mail.outbox[0].subject == "A seat is now yours at “Hackathon”"
    notice = Notification.objects.get(recipient_id=first_waiting.pk)
    assert notice.kind == "waitlist_seat"
    assert notice.url == event.get_absolute_url()


def test_cancelling_a_waiting_place_moves_nobody_up() -> None:
    event = EventFactory(capacity=1)
    seated = EventRegistrationFactory(event=event)
    waiting = EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)

    services.cancel_registration(by=waiting.user, event=event)

    seated.refresh_from_db()
    assert seated.status == RegistrationStatus.REGISTERED


def test_cancelling_without_a_registration_is_refused() -> None:
    with pytest.raises(DomainError):
        services.cancel_registration(by=UserFactory(), event=EventFactory())


def test_a_raised_capacity_moves_the_waiting_list_up() -> None:
    community = CommunityFactory()
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    event = EventFactory(community=community, capacity=1)
    EventRegistrationFactory(event=event)
    waiting = EventRegistrationFactory(event=event, status=RegistrationStatus.WAITING)

    services.event_update(by=manager, event=event, values={"capacity": 2})

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_registration_to_a_past_event_is_refused_with_a_clear_message() -> None:
    event = EventFactory(starts_at=timezone.now() - timedelta(days=1))

    with pytest.raises(DomainError) as refused:
        services.register_for_event(by=UserFactory(), event=event)

    assert "ההרשמה סגורה" in " ".join(refused.value.messages)
    assert not event.registrations.exists()


def test_nobody_registers_for_an_unpublished_event() -> None:
    event = EventFactory(is_published=False)

    with pytest.raises(PermissionDenied):
        services.register_for_event(by=UserFactory(), event=event)


def test_attendance_is_taken_by_the_communitys_staff() -> None:
    event = EventFactory()
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=event.community)
    came, missed = EventRegistrationFactory.create_batch(2, event=event)

    attended = services.take_attendance(by=manager, event=event, attended_user_ids=[came.user_id])

    assert attended == 1
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == ("attended", "registered")


@pytest.mark.parametrize("role", [None, Role.COMMUNITY_MANAGER])
def test_attendance_is_refused_to_others_and_to_staff_of_another_community(
    role: str | None,
) -> None:
    event = EventFactory()
    outsider = UserFactory()
    if role:
        RoleAssignmentFactory(user=outsider, role=role, community=CommunityFactory())
    registration = EventRegistrationFactory(event=event)

    with pytest.raises(PermissionDenied):
        services.take_attendance(by=outsider, event=event, attended_user_ids=[registration.user_id])

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_an_event_needs_a_place_or_an_online_link() -> None:
    community = CommunityFactory()
    admin = UserFactory(is_superuser=True)
    start = timezone.now() + timedelta(days=3)

    with pytest.raises(DomainError) as refused:
        services.event_create(
            by=admin,
            community=community,
            values={
                "kind": "webinar",
                "title": "Webinar",
                "starts_at": start,
                "ends_at": start + timedelta(hours=1),
                "place": "",
                "online_link": "",
            },
        )

    assert "place" in refused.value.error_dict


def test_reminders_go_once_to_the_registered_of_events_within_a_day(
    django_capture_on_commit_callbacks: Any,
) -> None:
    soon = EventFactory(starts_at=timezone.now() + timedelta(hours=5), title="Soon")
    EventFactory(starts_at=timezone.now() + timedelta(days=3))
    registered = EventRegistrationFactory(event=soon, user=UserFactory(language="en"))
    EventRegistrationFactory(event=soon, status=RegistrationStatus.WAITING)
    EventRegistrationFactory(event=soon, status=RegistrationStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        first_run = services.send_event_reminders()
        call_command("send_event_reminders", stdout=None)

    assert first_run == 1
    assert [message.to for message in mail.outbox] == [[registered.user.email]]
    assert mail.outbox[0].subject == "Reminder: “Soon” starts soon"
    assert Notification.objects.filter(kind="event_reminder").count() == 1


def test_a_reminder_waits_for_the_digest_of_who_asked_for_one(
    django_capture_on_commit_callbacks: Any,
) -> None:
    soon = EventFactory(starts_at=timezone.now() + timedelta(hours=5))
    registered = EventRegistrationFactory(event=soon).user
    set_preferences(by=registered, default_delivery="weekly")

    with django_capture_on_commit_callbacks(execute=True):
        services.send_event_reminders()

    assert mail.outbox == []
    assert Notification.objects.get(recipient_id=registered.pk).kind == "event_reminder"
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
