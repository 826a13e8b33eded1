"""The communities API: communities, members, joining and roles; events and registration.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call the
same selectors and services, shape the answer; ``kaveret.api`` turns ``PermissionDenied``
and ``DomainError`` into JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from kaveret.accounts.models import Role, RoleAssignment
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor
from kaveret.ecosystem.schemas import PageQuery

from . import selectors, services
from .models import Community, Event, EventRegistration, Membership
from .rules import (
    can_leave,
    can_manage_members,
    can_see_members_part,
    get_community_for_user_or_404,
    get_event_by_id_for_user_or_404,
)
from .schemas import (
    CommunityDetailOut,
    CommunityOut,
    DecisionIn,
    EventOut,
    EventsQuery,
    HistoryOut,
    InvitationIn,
    InvitationOut,
    JoinIn,
    MemberOut,
    MembershipOut,
    MembershipQuery,
    RegistrationOut,
    RoleHolderOut,
    RoleIn,
)

router = Router(tags=["events"])


def _event_out(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "community": event.community.slug,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "online_link": event.online_link,
        "capacity": event.capacity,
        "seats_left": selectors.seats_left(event),
        "waiting_count": event.waiting_count,  # type: ignore[attr-defined]
        "accessibility": event.accessibility,
        "is_published": event.is_published,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def _registration_out(registration: EventRegistration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "waiting_list_position": selectors.waiting_list_position(registration),
    }


@router.get("/communities/{slug}/events", response={200: list[EventOut], **ERRORS})
def list_events(request: HttpRequest, slug: str, query: Query[EventsQuery]) -> list[dict[str, Any]]:
    """A community's events the user may see: published ones, drafts too for its staff."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    upcoming, past = selectors.upcoming_and_past_events(user, community)
    events = {"upcoming": upcoming, "past": past}.get(query.when)
    if events is None:
        events = selectors.community_events(user, community).order_by("starts_at", "pk")
    return [_event_out(request, event) for event in events]


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS})
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """One event with its free seats and the length of its waiting list."""
    event = get_event_by_id_for_user_or_404(acting_user(request), event_id)
    return _event_out(request, selectors.event_with_seats(event))


@router.get("/events/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def get_registration(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """The user's own registration for the event (404 when there is none)."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    registration = selectors.registration_of(user, event)
    if registration is None:
        raise Http404
    return _registration_out(registration)


@router.post("/events/{event_id}/registration", response={201: RegistrationOut, **ERRORS})
def register(request: HttpRequest, event_id: int) -> Status[dict[str, Any]]:
    """Take a seat, or a place on the waiting list when the event is full."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    registration = services.register_for_event(by=user, event=event)
    return Status(201, _registration_out(registration))


@router.delete("/events/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def cancel(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Cancel the user's registration; the first on the waiting list moves up."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    if not user.is_authenticated:
        raise PermissionDenied
    return _registration_out(services.cancel_registration(by=user, event=event))


# Communities and membership

communities_router = Router(tags=["communities"])
router.add_router("", communities_router)


def _community_out(request: HttpRequest, community: Community, member_count: int) -> dict[str, Any]:
    return {
        "slug": community.slug,
        "name": community.name,
        "name_en": community.name_en,
        "name_ar": community.name_ar,
        "tagline": community.tagline,
        "domain": community.domain.slug if community.domain else None,
        "phase": community.phase,
        "phase_label": str(community.get_phase_display()),
        "member_count": member_count,
        "url": request.build_absolute_uri(community.get_absolute_url()),
    }


def _holder_out(holder: RoleAssignment) -> dict[str, Any]:
    return {
        "id": holder.pk,
        "role": holder.role,
        "role_label": str(holder.get_role_display()),
        "name": holder.user.public_name,
    }


def _membership_out(membership: Membership) -> dict[str, Any]:
    return {
        "id": membership.pk,
        "community": membership.community.slug,
        "name": services.member_label(membership),
        "member_type": membership.member_type,
        "status": membership.status,
        "status_label": str(membership.get_status_display()),
        "request_note": membership.request_note,
        "decision_note": membership.decision_note,
        "joined_on": membership.joined_on,
    }


def _staff_community(user: Any, slug: str) -> Community:
    community = get_community_for_user_or_404(user, slug)
    if not can_manage_members(user, community):
        raise PermissionDenied
    return community


@communities_router.get("/communities", response={200: list[CommunityOut], **ERRORS})
def list_communities(request: HttpRequest) -> list[dict[str, Any]]:
    """The communities the user may see, with their counts of active members."""
    communities = selectors.communities_with_member_counts(acting_user(request))
    return [_community_out(request, c, c.member_count) for c in communities]  # type: ignore[attr-defined]


@communities_router.get("/communities/{slug}", response={200: CommunityDetailOut, **ERRORS})
def get_community(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A community: purpose, founders, who runs it, its steering committee and member mix."""
    community = get_community_for_user_or_404(acting_user(request), slug)
    members = list(selectors.community_members(community))
    holders = list(selectors.role_holders(community))
    types: dict[str, int] = {}
    for membership in members:
        types[membership.member_type] = types.get(membership.member_type, 0) + 1
    return {
        **_community_out(request, community, len(members)),
        "purpose": community.purpose,
        "founders": [actor.display_name for actor in community.founders.all()],
        "key_roles": [_holder_out(h) for h in holders if h.role != Role.STEERING_MEMBER],
        "steering_committee": [_holder_out(h) for h in holders if h.role == Role.STEERING_MEMBER],
        "member_types": types,
    }


@communities_router.get("/communities/{slug}/members", response={200: list[MemberOut], **ERRORS})
def list_members(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Active members with the other communities each belongs to. Visitors see
    organisations, ventures and the people who agreed to appear; members see everyone."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    members = selectors.community_members_with_overlap(community, user)
    if not can_see_members_part(user, community):
        members = selectors.public_members(members)
    return [
        {
            "id": m.pk,
            "name": services.member_label(m),
            "kind": "actor" if m.actor_id else "person",
            "actor_id": m.actor_id,
            "member_type": m.member_type,
            "member_type_label": str(m.get_member_type_display()),
            "joined_on": m.joined_on,
            "other_communities": [c.slug for c in m.other_communities],  # type: ignore[attr-defined]
        }
        for m in members
    ]


@communities_router.get(
    "/communities/{slug}/memberships", response={200: list[MembershipOut], **ERRORS}
)
def list_memberships(
    request: HttpRequest, slug: str, query: Query[MembershipQuery]
) -> list[dict[str, Any]]:
    """Memberships by status (pending requests by default); the community's staff only."""
    community = _staff_community(acting_user(request), slug)
    memberships = community.memberships.filter(status=query.status).select_related(
        "actor", "person", "community"
    )
    return [_membership_out(m) for m in memberships.order_by("updated_at", "pk")]


@communities_router.post("/communities/{slug}/memberships", response={201: MembershipOut, **ERRORS})
def request_membership(request: HttpRequest, slug: str, body: JoinIn) -> Status[dict[str, Any]]:
    """Ask to join, for oneself or for a venture or organisation one acts for."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    if not user.is_authenticated:
        raise PermissionDenied
    actor = None
    if body.actor_id is not None:
        actor = Actor.objects.filter(pk=body.actor_id).first()
        if actor is None:
            raise DomainError({"actor_id": _("No such venture or organisation.")})
    membership = services.request_membership(
        by=user, community=community, member_type=body.member_type, actor=actor, note=body.note
    )
    return Status(201, _membership_out(membership))


def _membership_or_404(user: Any, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_related("community", "actor", "person")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404
    get_community_for_user_or_404(user, membership.community.slug)
    if not (can_manage_members(user, membership.community) or can_leave(user, membership)):
        raise Http404
    return membership


@communities_router.post(
    "/memberships/{membership_id}/decision", response={200: MembershipOut, **ERRORS}
)
def decide(request: HttpRequest, membership_id: int, body: DecisionIn) -> dict[str, Any]:
    """Approve or decline a request to join, with a message to the applicant."""
    user = acting_user(request)
    membership = _membership_or_404(user, membership_id)
    decided = services.decide_membership(
        by=user, membership=membership, approve=body.approve, note=body.note
    )
    return _membership_out(decided)


@communities_router.post(
    "/memberships/{membership_id}/leave", response={200: MembershipOut, **ERRORS}
)
def leave(request: HttpRequest, membership_id: int) -> dict[str, Any]:
    """Leave the community (the member themselves)."""
    user = acting_user(request)
    membership = _membership_or_404(user, membership_id)
    return _membership_out(services.leave_community(by=user, membership=membership))


@communities_router.post("/communities/{slug}/invitations", response={201: InvitationOut, **ERRORS})
def invite(request: HttpRequest, slug: str, body: InvitationIn) -> Status[dict[str, Any]]:
    """Invite someone by e-mail; the community's staff only."""
    user = acting_user(request)
    community = _staff_community(user, slug)
    invitation = services.invite_member(
        by=user,
        community=community,
        email=body.email,
        member_type=body.member_type,
        message=body.message,
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "email": invitation.email,
            "member_type": invitation.member_type,
            "expires_at": invitation.expires_at,
        },
    )


@communities_router.get("/communities/{slug}/roles", response={200: list[RoleHolderOut], **ERRORS})
def list_roles(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Who holds the community's key roles and steering-committee seats."""
    community = get_community_for_user_or_404(acting_user(request), slug)
    return [_holder_out(h) for h in selectors.role_holders(community)]


@communities_router.post("/communities/{slug}/roles", response={201: RoleHolderOut, **ERRORS})
def grant(request: HttpRequest, slug: str, body: RoleIn) -> Status[dict[str, Any]]:
    """Give a role or a steering-committee seat (the community manager)."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    assignment = services.grant_role(by=user, community=community, email=body.email, role=body.role)
    return Status(201, _holder_out(assignment))


@communities_router.delete(
    "/communities/{slug}/roles/{assignment_id}", response={204: None, **ERRORS}
)
def revoke(request: HttpRequest, slug: str, assignment_id: int) -> Status[None]:
    """Take a role back (the community manager); the last manager stays."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    assignment = RoleAssignment.objects.filter(pk=assignment_id, community=community).first()
    if assignment is None:
        raise Http404
    services.revoke_role(by=user, assignment=assignment)
    return Status(204, None)


@communities_router.get("/communities/{slug}/history", response={200: list[HistoryOut], **ERRORS})
def history(request: HttpRequest, slug: str, query: Query[PageQuery]) -> list[dict[str, Any]]:
    """Changes to members, roles, seats and phase, newest first; the staff only."""
    community = _staff_community(acting_user(request), slug)
    entries = selectors.community_history(community)[query.offset : query.offset + query.limit]
    return [
        {
            "at": entry.at,
            "kind": entry.kind,
            "kind_label": str(entry.get_kind_display()),
            "subject": entry.subject,
            "role": entry.role,
            "note": entry.note,
            "by": (entry.by.full_name or entry.by.email) if entry.by else None,
        }
        for entry in entries
    ]
