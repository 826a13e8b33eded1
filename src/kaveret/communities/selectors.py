"""Reads of communities."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kaveret.accounts.roles import is_ecosystem_staff

from .models import (
    SEAT_HOLDING_STATUSES,
    Community,
    Event,
    EventRegistration,
    Membership,
    MembershipStatus,
    RegistrationStatus,
)
from .rules import can_add_event


def visible_communities(user: Any) -> QuerySet[Community]:
    communities = Community.objects.all()
    return communities if is_ecosystem_staff(user) else communities.filter(is_public=True)


def communities_with_member_counts(user: Any) -> QuerySet[Community]:
    """Communities the user may see, each with ``member_count`` of its active members."""
    return (
        visible_communities(user)
        .select_related("domain")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )
        .order_by("name")
    )


def community_members(community: Community) -> QuerySet[Membership]:
    return (
        community.memberships.filter(status=MembershipStatus.ACTIVE)
        .select_related("actor", "person")
        .order_by("member_type", "actor__name", "person__full_name")
    )


def _with_seats_taken(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        seats_taken=Count(
            "registrations", filter=Q(registrations__status__in=SEAT_HOLDING_STATUSES)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def community_events(user: Any, community: Community) -> QuerySet[Event]:
    """The community's events this user may see (drafts only for its staff), with
    ``seats_taken`` and ``waiting_count``. The caller has checked the community itself."""
    events = community.events.select_related("community")
    if not can_add_event(user, community):
        events = events.filter(is_published=True)
    return _with_seats_taken(events)


def upcoming_and_past_events(
    user: Any, community: Community
) -> tuple[QuerySet[Event], QuerySet[Event]]:
    """Events not yet over, soonest first; and those over, latest first."""
    events = community_events(user, community)
    now = timezone.now()
    return (
        events.filter(ends_at__gte=now).order_by("starts_at", "pk"),
        events.filter(ends_at__lt=now).order_by("-starts_at", "-pk"),
    )


def event_with_seats(event: Event) -> Event:
    return _with_seats_taken(Event.objects.select_related("community")).get(pk=event.pk)


def seats_left(event: Event) -> int | None:
    """Free seats (None: no limit). ``event`` comes from a selector that counted seats."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.seats_taken, 0)  # type: ignore[attr-defined]


def registration_of(user: Any, event: Event) -> EventRegistration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return EventRegistration.objects.filter(event=event, user=user).first()


def waiting_list_position(registration: EventRegistration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = registration.event.registrations.filter(status=RegistrationStatus.WAITING).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def event_attendance_list(event: Event) -> QuerySet[EventRegistration]:
    """Who holds a seat (registered or attended), in order of registration."""
    return (
        event.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
        .select_related("user")
        .order_by("queued_at", "pk")
    )


def event_waiting_list(event: Event) -> QuerySet[EventRegistration]:
    return (
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("queued_at", "pk")
    )


def community_feed_events(community: Community) -> QuerySet[Event]:
    """What a community's public calendar feed carries: its published events."""
    return community.events.filter(is_published=True).select_related("community")


def personal_feed_events(user: Any) -> QuerySet[Event]:
    """Published events the user is registered for, waiting for, or attended."""
    return (
        Event.objects.filter(
            is_published=True,
            registrations__user=user,
            registrations__status__in=(*SEAT_HOLDING_STATUSES, RegistrationStatus.WAITING),
        )
        .select_related("community")
        .distinct()
    )
