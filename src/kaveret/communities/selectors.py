"""Reads of communities."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kaveret.accounts.models import COMMUNITY_ROLES, RoleAssignment
from kaveret.ecosystem.models import Actor

from .models import (
    SEAT_HOLDING_STATUSES,
    Community,
    CommunityHistory,
    Event,
    EventRegistration,
    Invitation,
    Membership,
    MembershipStatus,
    RegistrationStatus,
)
from .rules import can_add_event, represented_actor_ids, visible_community_condition


def visible_communities(user: Any) -> QuerySet[Community]:
    return Community.objects.filter(visible_community_condition(user))


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


# Members, roles, requests and history


def community_members_with_overlap(community: Community, user: Any) -> list[Membership]:
    """Active members, each with ``other_communities``: the other communities it is an
    active member of (the overlap) that ``user`` may see. Three queries whatever the
    number of members."""
    members = list(community_members(community))
    actor_ids = {m.actor_id for m in members if m.actor_id}
    person_ids = {m.person_id for m in members if m.person_id}
    others = (
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .filter(Q(actor_id__in=actor_ids) | Q(person_id__in=person_ids))
        .exclude(community=community)
        .filter(visible_community_condition(user, prefix="community__"))
        .select_related("community")
        .order_by("community__name")
    )
    by_actor: dict[int, list[Community]] = {}
    by_person: dict[int, list[Community]] = {}
    for other in others:
        if other.actor_id:
            by_actor.setdefault(other.actor_id, []).append(other.community)
        else:
            by_person.setdefault(other.person_id, []).append(other.community)  # type: ignore[arg-type]
    for membership in members:
        if membership.actor_id:
            membership.other_communities = by_actor.get(membership.actor_id, [])  # type: ignore[attr-defined]
        else:
            membership.other_communities = by_person.get(membership.person_id, [])  # type: ignore[attr-defined,arg-type]
    return members


def public_members(members: list[Membership]) -> list[Membership]:
    """What visitors see: public organisations and ventures, and people who agreed to
    appear in the directory."""
    return [m for m in members if is_public_member(m)]


def is_public_member(membership: Membership) -> bool:
    if membership.actor_id:
        return bool(membership.actor.is_public)  # type: ignore[union-attr]
    return bool(membership.person.consent_directory)  # type: ignore[union-attr]


def community_overlap(members: list[Membership]) -> list[tuple[Community, int]]:
    """The other communities sharing members with this one, with how many, most first."""
    counts: dict[int, int] = {}
    found: dict[int, Community] = {}
    for membership in members:
        for other in getattr(membership, "other_communities", []):
            counts[other.pk] = counts.get(other.pk, 0) + 1
            found[other.pk] = other
    return sorted(
        ((found[pk], count) for pk, count in counts.items()),
        key=lambda pair: (-pair[1], pair[0].name),
    )


def member_type_counts(members: list[Membership]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for membership in members:
        label = str(membership.get_member_type_display())
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def role_holders(community: Community) -> QuerySet[RoleAssignment]:
    """Who holds the community's roles, key roles first, then the steering committee."""
    return (
        RoleAssignment.objects.filter(community=community, role__in=COMMUNITY_ROLES)
        .select_related("user", "user__person")
        .order_by("role", "user__full_name", "user__email")
    )


def pending_requests(community: Community) -> QuerySet[Membership]:
    return (
        community.memberships.filter(status=MembershipStatus.PENDING)
        .select_related("actor", "person", "requested_by")
        .order_by("updated_at", "pk")
    )


def open_invitations(community: Community) -> QuerySet[Invitation]:
    return (
        community.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def community_history(community: Community) -> QuerySet[CommunityHistory]:
    return community.history.select_related("by").order_by("-at", "-pk")


def own_memberships(user: Any, community: Community) -> list[Membership]:
    """The memberships of this community the user speaks for (any status)."""
    if not getattr(user, "is_authenticated", False):
        return []
    actor_ids = represented_actor_ids(user)
    return list(
        community.memberships.filter(Q(person__user_id=user.pk) | Q(actor_id__in=actor_ids))
        .select_related("actor", "person")
        .order_by("pk")
    )


def represented_actors(user: Any) -> list[Actor]:
    ids = represented_actor_ids(user)
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def latest_upcoming_events(user: Any, community: Community, limit: int = 3) -> list[Event]:
    upcoming, _past = upcoming_and_past_events(user, community)
    return list(upcoming[:limit])
