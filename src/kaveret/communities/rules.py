"""Who may see and run a community."""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import holds_community_role, is_ecosystem_staff, is_platform_admin

from .models import Community, Event


@rules.predicate
def is_public_community(user: Any, community: Community | None) -> bool:
    return community is None or community.is_public


@rules.predicate
def ecosystem_staff(user: Any) -> bool:
    return is_ecosystem_staff(user)


@rules.predicate
def runs_community(user: Any, community: Community | None) -> bool:
    if community is None:
        return False
    return is_platform_admin(user) or holds_community_role(
        user, community.pk, COMMUNITY_STAFF_ROLES
    )


rules.add_perm("communities.view_community", is_public_community | ecosystem_staff)
rules.add_perm("communities.change_community", runs_community)


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
