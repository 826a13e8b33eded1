"""Use cases that write to communities: events and their registrations.

Every service takes the acting user as ``by``, checks the permission itself, and raises
``PermissionDenied`` or a translated ``DomainError``. Seats are counted under a lock on
the event row, so two people taking the last seat at once cannot both get it. E-mail is
sent after the transaction commits, never while the lock is held.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

from .models import (
    SEAT_HOLDING_STATUSES,
    Community,
    Event,
    EventKind,
    EventRegistration,
    RegistrationStatus,
)
from .rules import can_add_event, can_register_for_event, can_run_event

EVENT_TIME_ZONE = ZoneInfo("Asia/Jerusalem")
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "capacity",
    "accessibility",
    "is_published",
)
REMINDER_WINDOW = datetime.timedelta(hours=24)
SUBJECT_REGISTERED = _("You are registered for “%(title)s”")
SUBJECT_WAITING = _("You are on the waiting list for “%(title)s”")
SUBJECT_PROMOTED = _("A seat is yours at “%(title)s”")
SUBJECT_REMINDER = _("Reminder: “%(title)s” starts soon")


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


# Writing events


def _apply_event_values(event: Event, values: dict[str, Any]) -> None:
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    for field, value in values.items():
        setattr(event, field, value.strip() if isinstance(value, str) else value)
    _validate_event(event)


def _validate_event(event: Event) -> None:
    errors: dict[str, Any] = {}
    if not (event.title or "").strip():
        errors["title"] = _("A title is required.")
    if event.kind not in EventKind.values:
        errors["kind"] = _("Choose one of the kinds of event.")
    for field in ("starts_at", "ends_at"):
        moment = getattr(event, field)
        if moment is None or timezone.is_naive(moment):
            errors[field] = _("Enter a date and a time.")
    if not errors and event.ends_at < event.starts_at:
        errors["ends_at"] = _("The event cannot end before it starts.")
    if not event.place and not event.online_link:
        errors["place"] = _("Give a place, an online link, or both.")
    if event.capacity is not None and event.capacity < 1:
        errors["capacity"] = _(
            "The capacity must be at least one seat; leave it empty for no limit."
        )
    if errors:
        raise DomainError(errors, code="invalid_event")


def event_create(*, by: Any, community: Community, values: dict[str, Any]) -> Event:
    """Create an event of ``community``. Raises ``PermissionDenied`` or ``DomainError``."""
    if not can_add_event(by, community):
        raise _refuse()
    event = Event(community=community)
    _apply_event_values(event, values)
    event.save()
    return event


def event_update(*, by: Any, event: Event, values: dict[str, Any]) -> Event:
    """Change an event; seats freed by a larger capacity go to the waiting list in order.

    Raises ``PermissionDenied`` or ``DomainError``.
    """
    if not can_run_event(by, event):
        raise _refuse()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _apply_event_values(locked, values)
        locked.save()
        promoted = _fill_free_seats(locked)
    _after_commit_tell_promoted(locked, promoted)
    return locked


# Registrations


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=SEAT_HOLDING_STATUSES).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or _seats_taken(event) < event.capacity


def _refuse_if_started(event: Event) -> None:
    if event.starts_at <= timezone.now():
        raise DomainError(
            _("This event has already started or is over; registration is closed."),
            code="event_started",
        )


def register_for_event(*, by: Any, event: Event) -> EventRegistration:
    """Take a seat at ``event`` for ``by``, or a place on its waiting list when it is full.

    Registering again while registered or waiting changes nothing. Raises
    ``PermissionDenied`` (not allowed) or ``DomainError`` (the event has started).
    """
    if not can_register_for_event(by, event):
        raise _refuse()
    with transaction.atomic():
        # The lock serialises everyone registering for this event: the seat count below
        # cannot change until this transaction ends.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _refuse_if_started(locked)
        registration = EventRegistration.objects.filter(event=locked, user=by).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            return registration
        status = (
            RegistrationStatus.REGISTERED if _has_free_seat(locked) else RegistrationStatus.WAITING
        )
        now = timezone.now()
        if registration is None:
            registration = EventRegistration.objects.create(
                event=locked, user=by, status=status, queued_at=now
            )
        else:
            registration.status = status
            registration.queued_at = now
            registration.save(update_fields=["status", "queued_at"])
    transaction.on_commit(lambda: send_registration_confirmation(registration.pk))
    return registration


def cancel_registration(*, by: Any, event: Event) -> EventRegistration:
    """Cancel ``by``'s registration; the first on the waiting list takes the freed seat.

    The person moved up is told by e-mail. Raises ``DomainError`` when there is nothing
    to cancel or the event has started.
    """
    if not getattr(by, "is_authenticated", False):
        raise _refuse()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = (
            EventRegistration.objects.filter(event=locked, user=by)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if registration is None:
            raise DomainError(_("You are not registered for this event."), code="not_registered")
        _refuse_if_started(locked)
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        promoted = _fill_free_seats(locked)
    _after_commit_tell_promoted(locked, promoted)
    return registration


def _fill_free_seats(event: Event) -> list[int]:
    """Move the waiting list up into free seats, first come first served; the caller holds
    the event's lock. Returns the ids of the registrations moved up."""
    if event.starts_at <= timezone.now():
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "queued_at", "pk"
    )
    if event.capacity is not None:
        free = max(event.capacity - _seats_taken(event), 0)
        waiting = waiting[:free]
    promoted = list(waiting.values_list("pk", flat=True))
    EventRegistration.objects.filter(pk__in=promoted).update(status=RegistrationStatus.REGISTERED)
    return promoted


def _after_commit_tell_promoted(event: Event, promoted: list[int]) -> None:
    for registration_id in promoted:
        transaction.on_commit(
            lambda registration_id=registration_id: send_promotion_notice(registration_id)  # type: ignore[misc]
        )


def take_attendance(*, by: Any, event: Event, attended_user_ids: Iterable[int]) -> int:
    """Mark who came: those in ``attended_user_ids`` attended, the other registered did not.

    Only the event's organisers (the community's staff) may. Returns how many attended.
    Raises ``PermissionDenied``.
    """
    if not can_run_event(by, event):
        raise _refuse()
    attended = set(attended_user_ids)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        seated = locked.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
        seated.filter(user_id__in=attended).update(status=RegistrationStatus.ATTENDED)
        seated.exclude(user_id__in=attended).update(status=RegistrationStatus.REGISTERED)
        return locked.registrations.filter(status=RegistrationStatus.ATTENDED).count()


# E-mail, in the registrant's language


def event_local_start(event: Event) -> datetime.datetime:
    return timezone.localtime(event.starts_at, EVENT_TIME_ZONE)


def _mail_registrant(registration: EventRegistration, *, template: str, subject: Any) -> None:
    user = registration.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": registration.event,
            "user": user,
            "starts_at": event_local_start(registration.event),
            "ends_at": timezone.localtime(registration.event.ends_at, EVENT_TIME_ZONE),
        }
        body = render_to_string(template, context)
        send_mail(
            str(subject) % {"title": registration.event.title},
            body,
            None,
            [user.email],
        )


def _registration_for_mail(registration_id: int) -> EventRegistration | None:
    return (
        EventRegistration.objects.select_related("event", "event__community", "user")
        .filter(pk=registration_id)
        .first()
    )


def send_registration_confirmation(registration_id: int) -> None:
    """Confirm a registration or a place on the waiting list, by e-mail."""
    registration = _registration_for_mail(registration_id)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return
    waiting = registration.status == RegistrationStatus.WAITING
    _mail_registrant(
        registration,
        template="communities/event_email_registration.txt",
        subject=SUBJECT_WAITING if waiting else SUBJECT_REGISTERED,
    )


def send_promotion_notice(registration_id: int) -> None:
    """Tell someone moved up from the waiting list that they now have a seat."""
    registration = _registration_for_mail(registration_id)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return
    _mail_registrant(
        registration,
        template="communities/event_email_promoted.txt",
        subject=SUBJECT_PROMOTED,
    )


def send_event_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind the registered of published events starting within 24 hours, once per event.

    An event is claimed with a conditional update of ``reminder_sent_at`` before any mail
    goes out, so two runs at once (or a rerun) never remind twice; a crash mid-way means
    some miss the reminder, which is the lesser harm. Returns how many e-mails were sent.
    """
    now = now or timezone.now()
    due = Event.objects.filter(
        is_published=True,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_WINDOW,
    ).values_list("pk", flat=True)
    sent = 0
    for event_id in list(due):
        claimed = Event.objects.filter(pk=event_id, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        registrations = EventRegistration.objects.select_related(
            "event", "event__community", "user"
        ).filter(event_id=event_id, status=RegistrationStatus.REGISTERED)
        for registration in registrations:
            _mail_registrant(
                registration,
                template="communities/event_email_reminder.txt",
                subject=SUBJECT_REMINDER,
            )
            sent += 1
    return sent
