"""Use cases that write to communities: events and their registrations.

Every service takes the acting user as ``by``, checks the permission itself, and raises
``PermissionDenied`` or a translated ``DomainError``. Seats are counted under a lock on
the event row, so two people taking the last seat at once cannot both get it. E-mail is
sent after the transaction commits, never while the lock is held.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import COMMUNITY_ROLES, Role, RoleAssignment, User
from kaveret.accounts.roles import forget_roles
from kaveret.accounts.services import has_verified_email, mark_email_verified
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Actor, Person
from kaveret.notifications.services import notify

from .models import (
    SEAT_HOLDING_STATUSES,
    Community,
    CommunityHistory,
    Event,
    EventKind,
    EventRegistration,
    HistoryKind,
    Invitation,
    Membership,
    MembershipStatus,
    MemberType,
    RegistrationStatus,
)
from .rules import (
    can_add_event,
    can_assign_roles,
    can_leave,
    can_manage_members,
    can_register_for_event,
    can_run_event,
    can_view_community,
    forget_memberships,
    represented_actor_ids,
    users_acting_for,
)

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


def _event_params(event: Event) -> dict[str, str]:
    return {
        "event": event.title,
        "starts_at": event.starts_at.isoformat(),
        "place": event.place,
        "online_link": event.online_link,
    }


def send_promotion_notice(registration_id: int) -> None:
    """Tell someone moved up from the waiting list that they now have a seat.

    A notification on the site, and an e-mail as the person's preferences say.
    """
    registration = _registration_for_mail(registration_id)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return
    event = registration.event
    notify(
        registration.user,
        "waitlist_seat",
        url=event.get_absolute_url(),
        params=_event_params(event),
    )


def send_event_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind the registered of published events starting within 24 hours, once per event.

    Each reminder is a notification (on the site, and by e-mail as the person prefers:
    now, in the weekly digest, or not at all).

    An event is claimed with a conditional update of ``reminder_sent_at`` before any mail
    goes out, so two runs at once (or a rerun) never remind twice; a crash mid-way means
    some miss the reminder, which is the lesser harm. Returns how many were reminded.
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
        with transaction.atomic():
            for registration in registrations:
                notify(
                    registration.user,
                    "event_reminder",
                    url=registration.event.get_absolute_url(),
                    params=_event_params(registration.event),
                )
                sent += 1
    return sent


# Membership: asking to join, deciding, leaving, invitations, roles and seats. Every
# change writes a row of ``CommunityHistory`` in the same transaction.

INVITATION_LIFETIME = datetime.timedelta(days=30)
SUBJECT_INVITATION = _("You are invited to join %(community)s on Kaveret")


def _today() -> datetime.date:
    return timezone.localdate(timezone.now(), EVENT_TIME_ZONE)


def _record(
    community: Community,
    kind: str,
    *,
    by: Any,
    subject: str = "",
    role: str = "",
    note: str = "",
    membership: Membership | None = None,
) -> CommunityHistory:
    return CommunityHistory.objects.create(
        community=community,
        kind=kind,
        by=by if getattr(by, "is_authenticated", False) else None,
        subject=subject[:300],
        role=role,
        note=note,
        membership=membership,
    )


def lock_community(community: Community) -> Community:
    """The community's row, locked until the caller's transaction ends: it serialises the
    membership, role, settings and ecosystem-work changes of one community, so
    check-then-write rules ("one request at a time", "keep one manager", "one open
    cycle") hold under concurrent requests."""
    return Community.objects.select_for_update().get(pk=community.pk)


def member_label(membership: Membership) -> str:
    if membership.actor_id:
        return membership.actor.display_name  # type: ignore[union-attr]
    return membership.person.full_name  # type: ignore[union-attr]


def person_for_user(user: Any) -> Person:
    """The ecosystem person behind a login, created from the account when there is none."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user,
            full_name=(user.full_name or user.email.split("@")[0])[:200],
            email=user.email,
            language=user.language or "he",
            consent_directory=False,
        )
    return person


def _check_member_type(member_type: str) -> None:
    if member_type not in MemberType.values:
        raise DomainError(
            {"member_type": _("Choose one of the member types.")}, code="invalid_member_type"
        )


def request_membership(
    *,
    by: Any,
    community: Community,
    member_type: str,
    actor: Actor | None = None,
    note: str = "",
) -> Membership:
    """Ask to join ``community``, for oneself or for a venture or organisation one acts for.

    A request after leaving or being declined reopens the same membership. Raises
    ``PermissionDenied`` or ``DomainError`` (already a member, already asked).
    """
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise _refuse()
    if not can_view_community(by, community):
        raise _refuse()
    _check_member_type(member_type)
    if actor is not None and actor.pk not in represented_actor_ids(by):
        raise DomainError(
            {"actor": _("You can ask to join only for a venture or organisation you act for.")},
            code="not_your_actor",
        )
    note = note.strip()
    if len(note) > 2000:
        raise DomainError(
            {"note": _("Keep the note under 2,000 characters.")}, code="note_too_long"
        )
    with transaction.atomic():
        lock_community(community)
        lookup: dict[str, Any] = (
            {"actor": actor} if actor is not None else {"person": person_for_user(by)}
        )
        membership = (
            Membership.objects.select_for_update().filter(community=community, **lookup).first()
        )
        if membership is not None and membership.status == MembershipStatus.ACTIVE:
            raise DomainError(_("Already a member of this community."), code="already_member")
        if membership is not None and membership.status == MembershipStatus.PENDING:
            raise DomainError(
                _("A request to join is already waiting for the managers' decision."),
                code="already_requested",
            )
        if membership is None:
            membership = Membership(community=community, **lookup)
        membership.member_type = member_type
        membership.status = MembershipStatus.PENDING
        membership.requested_by = by
        membership.request_note = note
        membership.decided_by = None
        membership.decided_at = None
        membership.decision_note = ""
        membership.left_on = None
        membership.save()
        _record(
            community,
            HistoryKind.MEMBERSHIP_REQUESTED,
            by=by,
            subject=member_label(membership),
            note=note,
            membership=membership,
        )
    return membership


def _membership_users(membership: Membership) -> list[Any]:
    """Who hears of a decision: whoever asked, else the person or the actor's people."""
    if membership.requested_by_id and membership.requested_by.is_active:  # type: ignore[union-attr]
        return [membership.requested_by]
    if membership.person_id and membership.person.user_id:  # type: ignore[union-attr]
        return [membership.person.user]  # type: ignore[union-attr]
    if membership.actor_id:
        return users_acting_for(membership.actor_id)
    return []


def decide_membership(
    *, by: Any, membership: Membership, approve: bool, note: str = ""
) -> Membership:
    """Approve or decline a request to join; the asker is notified with the message."""
    community = membership.community
    if not can_manage_members(by, community):
        raise _refuse()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.status != MembershipStatus.PENDING:
            raise DomainError(_("This request has already been decided."), code="already_decided")
        locked.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
        if approve:
            locked.joined_on = _today()
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decision_note = note.strip()
        locked.save()
        _record(
            community,
            HistoryKind.MEMBERSHIP_APPROVED if approve else HistoryKind.MEMBERSHIP_DECLINED,
            by=by,
            subject=member_label(locked),
            note=locked.decision_note,
            membership=locked,
        )
        kind = "membership_approved" if approve else "membership_declined"
        for user in _membership_users(locked):
            forget_memberships(user)
            notify(
                user,
                kind,
                url=community.get_absolute_url(),
                params={"community": community.name, "note": locked.decision_note},
            )
    return locked


def leave_community(*, by: Any, membership: Membership) -> Membership:
    """A member leaves (for themselves, or for the venture or organisation they act for)."""
    if not can_leave(by, membership):
        raise _refuse()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.status != MembershipStatus.ACTIVE:
            raise DomainError(_("This is not an active membership."), code="not_active")
        locked.status = MembershipStatus.LEFT
        locked.left_on = _today()
        locked.save(update_fields=["status", "left_on", "updated_at"])
        _record(
            locked.community,
            HistoryKind.MEMBERSHIP_LEFT,
            by=by,
            subject=member_label(locked),
            membership=locked,
        )
    forget_memberships(by)
    return locked


def invite_member(
    *, by: Any, community: Community, email: str, member_type: str, message: str = ""
) -> Invitation:
    """Invite someone by e-mail; the link in the mail lets them join without a decision."""
    if not can_manage_members(by, community):
        raise _refuse()
    _check_member_type(member_type)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            {"email": _("Enter a valid e-mail address.")}, code="invalid_email"
        ) from None
    now = timezone.now()
    with transaction.atomic():
        open_invitation = Invitation.objects.filter(
            community=community,
            email=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        ).exists()
        if open_invitation:
            raise DomainError(
                {"email": _("An invitation to this address is already waiting.")},
                code="already_invited",
            )
        invitation = Invitation.objects.create(
            community=community,
            email=email,
            member_type=member_type,
            message=message.strip(),
            invited_by=by,
            token=secrets.token_urlsafe(32),
            expires_at=now + INVITATION_LIFETIME,
        )
        _record(community, HistoryKind.INVITATION_SENT, by=by, subject=email)
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_invitation(invitation.pk, language))
    return invitation


def send_invitation(invitation_id: int, fallback_language: str) -> None:
    invitation = (
        Invitation.objects.select_related("community", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = existing.language if existing is not None else fallback_language
    with translation.override(language):
        path = reverse("communities:invitation", args=[invitation.token])
        body = render_to_string(
            "communities/invitation_email.txt",
            {
                "invitation": invitation,
                "community": invitation.community,
                "url": f"{settings.SITE_URL}{path}",
            },
        )
        send_mail(
            str(SUBJECT_INVITATION) % {"community": invitation.community.display_name},
            body,
            None,
            [invitation.email],
        )


def invitation_problem(invitation: Invitation, user: Any) -> str | None:
    """Why ``user`` cannot accept ``invitation`` now, or None."""
    if invitation.revoked_at is not None:
        return str(_("This invitation was withdrawn."))
    if invitation.accepted_at is not None:
        return str(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        return str(_("This invitation has expired. Ask the community's managers for a new one."))
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        return str(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    return None


def accept_invitation(*, by: Any, invitation: Invitation, actor: Actor | None = None) -> Membership:
    """Join through an invitation: the membership is active at once."""
    if not getattr(by, "is_authenticated", False):
        raise _refuse()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        problem = invitation_problem(locked, by)
        if problem:
            raise DomainError(problem, code="invitation_unusable")
        if actor is not None and actor.pk not in represented_actor_ids(by):
            raise DomainError(
                {"actor": _("You can join only for a venture or organisation you act for.")},
                code="not_your_actor",
            )
        community = locked.community
        lock_community(community)
        lookup: dict[str, Any] = (
            {"actor": actor} if actor is not None else {"person": person_for_user(by)}
        )
        membership = (
            Membership.objects.select_for_update().filter(community=community, **lookup).first()
        )
        if membership is None:
            membership = Membership(community=community, **lookup)
        if membership.status != MembershipStatus.ACTIVE or membership.pk is None:
            membership.member_type = locked.member_type
            membership.status = MembershipStatus.ACTIVE
            membership.joined_on = _today()
            membership.requested_by = by
            membership.left_on = None
            membership.decided_by = locked.invited_by
            membership.decided_at = timezone.now()
            membership.save()
        # The link came to this address: whoever holds it has proved the address.
        mark_email_verified(by)
        locked.accepted_at = timezone.now()
        locked.accepted_by = by
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        _record(
            community,
            HistoryKind.INVITATION_ACCEPTED,
            by=by,
            subject=member_label(membership),
            membership=membership,
        )
    forget_memberships(by)
    return membership


def revoke_invitation(*, by: Any, invitation: Invitation) -> Invitation:
    if not can_manage_members(by, invitation.community):
        raise _refuse()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None or locked.revoked_at is not None:
            raise DomainError(
                _("This invitation can no longer be withdrawn."), code="invitation_closed"
            )
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        _record(locked.community, HistoryKind.INVITATION_REVOKED, by=by, subject=locked.email)
    return locked


def grant_role(*, by: Any, community: Community, email: str, role: str) -> RoleAssignment:
    """Give a user a role in the community (key roles or a steering-committee seat)."""
    if not can_assign_roles(by, community):
        raise _refuse()
    if role not in COMMUNITY_ROLES:
        raise DomainError({"role": _("Choose one of the community's roles.")}, code="invalid_role")
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is not None and not has_verified_email(user):
        # Anyone may sign up with any address: a role goes only to whoever proved it is
        # theirs, or a stranger who registered the address first would get the role.
        raise DomainError(
            {
                "email": _(
                    "This person has not confirmed their e-mail address yet. Ask them to "
                    "confirm it (the link in the sign-up e-mail), then give the role."
                )
            },
            code="unverified_email",
        )
    if user is None:
        raise DomainError(
            {
                "email": _(
                    "No active account uses this address. Invite the person first; "
                    "roles are given to people who have logged in."
                )
            },
            code="unknown_user",
        )
    with transaction.atomic():
        lock_community(community)
        if RoleAssignment.objects.filter(user=user, role=role, community=community).exists():
            raise DomainError(
                {"email": _("This person already holds this role here.")}, code="already_held"
            )
        assignment = RoleAssignment.objects.create(user=user, role=role, community=community)
        _record(
            community,
            HistoryKind.ROLE_GRANTED,
            by=by,
            subject=user.full_name or user.email,
            role=role,
        )
    forget_roles(user)
    forget_memberships(user)
    return assignment


def revoke_role(*, by: Any, assignment: RoleAssignment) -> None:
    """Take a community role back; a community always keeps at least one manager."""
    community = assignment.community
    if community is None or not can_assign_roles(by, community):
        raise _refuse()
    with transaction.atomic():
        # The community's row is the lock: two managers taking each other's role at once
        # are serialised, so the count below cannot go stale.
        lock_community(community)
        managers = RoleAssignment.objects.filter(community=community, role=Role.COMMUNITY_MANAGER)
        if assignment.role == Role.COMMUNITY_MANAGER and managers.count() <= 1:
            raise DomainError(
                _("A community needs at least one manager. Name another manager first."),
                code="last_manager",
            )
        user = assignment.user
        assignment.delete()
        _record(
            community,
            HistoryKind.ROLE_REVOKED,
            by=by,
            subject=user.full_name or user.email,
            role=assignment.role,
        )
    forget_roles(user)
    forget_memberships(user)


def update_settings(*, by: Any, community: Community, knowledge_needs_review: bool) -> Community:
    """The manager's settings of the community; a change is kept in the history."""
    if not can_assign_roles(by, community):
        raise _refuse()
    with transaction.atomic():
        locked = lock_community(community)
        if locked.knowledge_needs_review == knowledge_needs_review:
            return locked
        locked.knowledge_needs_review = knowledge_needs_review
        locked.save(update_fields=["knowledge_needs_review", "updated_at"])
        with translation.override("he"):
            state = _("on") if knowledge_needs_review else _("off")
            label = Community._meta.get_field("knowledge_needs_review").verbose_name
            subject = f"{label}: {state}"
        _record(locked, HistoryKind.SETTINGS_CHANGED, by=by, subject=str(subject))
    return locked
