"""Who may see and run a community."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_ROLES, COMMUNITY_STAFF_ROLES, Role, RoleAssignment
from kaveret.accounts.roles import (
    held_roles,
    holds_community_role,
    is_platform_admin,
)

from .models import Community, Event, Membership, MembershipStatus


@rules.predicate
def is_public_community(user: Any, community: Community | None) -> bool:
    return community is None or community.is_public


@rules.predicate
def platform_admin(user: Any) -> bool:
    return is_platform_admin(user)


@rules.predicate
def runs_community(user: Any, community: Community | None) -> bool:
    if community is None:
        return False
    return is_platform_admin(user) or holds_community_role(
        user, community.pk, COMMUNITY_STAFF_ROLES
    )


def represented_actor_ids(user: Any) -> set[int]:
    """The ventures and organisations this user acts for (entrepreneur or representative)."""
    ids: set[int] = set()
    for held in held_roles(user):
        if held.role == Role.ENTREPRENEUR and held.venture_id:
            ids.add(held.venture_id)
        elif held.role == Role.ORGANISATION_REPRESENTATIVE and held.organisation_id:
            ids.add(held.organisation_id)
    return ids


def users_acting_for(actor_id: int) -> list[Any]:
    """The active users acting for a venture (entrepreneurs) or an organisation
    (representatives): the other side of ``represented_actor_ids``."""
    assignments = (
        RoleAssignment.objects.filter(
            role__in=(Role.ENTREPRENEUR, Role.ORGANISATION_REPRESENTATIVE),
        )
        .filter(Q(venture_id=actor_id) | Q(organisation_id=actor_id))
        .select_related("user")
    )
    return [assignment.user for assignment in assignments if assignment.user.is_active]


_MEMBER_CACHE = "_kaveret_member_communities"


def member_community_ids(user: Any) -> frozenset[int]:
    """The communities a user takes part in, read once per user object.

    A user is a member through an active membership of their own person, of a venture or
    organisation they act for, or by holding a role in the community (staff and the
    steering committee).
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _MEMBER_CACHE, None)
    if cached is None:
        actor_ids = represented_actor_ids(user)
        by_membership = Membership.objects.filter(status=MembershipStatus.ACTIVE).filter(
            Q(person__user_id=user.pk) | Q(actor_id__in=actor_ids)
        )
        ids = set(by_membership.values_list("community_id", flat=True))
        ids |= {
            held.community_id
            for held in held_roles(user)
            if held.role in COMMUNITY_ROLES and held.community_id
        }
        cached = frozenset(ids)
        setattr(user, _MEMBER_CACHE, cached)
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the cached member communities, after a membership changed."""
    if hasattr(user, _MEMBER_CACHE):
        delattr(user, _MEMBER_CACHE)


def is_community_member(user: Any, community: Community) -> bool:
    return community.pk in member_community_ids(user)


@rules.predicate
def member_of_community(user: Any, community: Community | None) -> bool:
    return community is not None and is_community_member(user, community)


# A hidden community is seen by its members (its staff and steering committee among them)
# and platform admins only; staff of another community are outsiders.
rules.add_perm(
    "communities.view_community", is_public_community | member_of_community | platform_admin
)
rules.add_perm("communities.change_community", runs_community)


def can_view_community(user: Any, community: Community) -> bool:
    return bool(user.has_perm("communities.view_community", community))


def can_manage_members(user: Any, community: Community) -> bool:
    """Decide requests and invite: the community's staff (manager, coordinator, arena)."""
    return bool(runs_community(user, community))


def can_assign_roles(user: Any, community: Community) -> bool:
    """Key roles and steering-committee seats are given by the community's manager."""
    return is_platform_admin(user) or holds_community_role(
        user, community.pk, frozenset({Role.COMMUNITY_MANAGER})
    )


def can_set_phase(user: Any, community: Community) -> bool:
    """The phase of ecosystem work is set by the community's manager (seed 000)."""
    return can_assign_roles(user, community)


def can_see_members_part(user: Any, community: Community) -> bool:
    """The members' part of a community page: its members and its staff."""
    return bool(runs_community(user, community)) or is_community_member(user, community)


def can_leave(user: Any, membership: Membership) -> bool:
    """The member themselves: the person, or whoever acts for the venture or organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if membership.person_id is not None:
        return bool(membership.person.user_id == user.pk)  # type: ignore[union-attr]
    return membership.actor_id in represented_actor_ids(user)


def visible_community_condition(user: Any, prefix: str = "") -> Q:
    """Which communities the user may see, as a filter on ``<prefix>``; see the rule above."""
    if is_platform_admin(user):
        # Not an empty Q: ``Q(...) | Q()`` drops the empty side, so "no community or any
        # visible community" would shrink to "no community" for admins.
        return Q(**{f"{prefix}pk__isnull": False})
    return Q(**{f"{prefix}is_public": True}) | Q(**{f"{prefix}pk__in": member_community_ids(user)})


def get_community_for_user_or_404(user: Any, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not user.has_perm("communities.view_community", community):
        raise Http404
    return community


# Events: staff of the community run them; anyone logged in may register for a published
# one; visitors see the published events of public communities.


def can_view_event(user: Any, event: Event) -> bool:
    if can_run_event(user, event):
        return True
    return event.is_published and user.has_perm("communities.view_community", event.community)


def can_run_event(user: Any, event: Event) -> bool:
    """Create, edit and take attendance: the community's staff or a platform admin."""
    return bool(runs_community(user, event.community))


def can_add_event(user: Any, community: Community) -> bool:
    return bool(runs_community(user, community))


def can_register_for_event(user: Any, event: Event) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and event.is_published
        and can_view_event(user, event)
    )


def get_event_for_user_or_404(user: Any, slug: str, pk: int) -> Event:
    """The event if this user may see it; else 404, as if it did not exist."""
    event = Event.objects.select_related("community").filter(pk=pk, community__slug=slug).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event


def get_event_by_id_for_user_or_404(user: Any, pk: int) -> Event:
    event = Event.objects.select_related("community").filter(pk=pk).first()
    if event is None or not can_view_event(user, event):
        raise Http404
    return event
