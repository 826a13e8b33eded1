"""Who may see, create, edit and refine a challenge.

- **Create**: platform admins; the staff (manager, coordinator, tech-arena manager) and
  steering-committee members of the challenge's community; the representatives of a
  government ministry, for a challenge their ministry owns.
- **Edit** (text, status, deciding proposed edits): the challenge's owner, the staff of
  its community, platform admins.
- **See**: a draft only its editors; after that, whoever may see its community (a
  challenge with no community is public).
- **Refine** (comment, support, propose an edit): active members of its community and
  its staff, while the challenge is in refinement or open. A challenge with no
  community is refined by the members of any community.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, Role
from kaveret.accounts.roles import held_roles, is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import (
    can_view_community,
    is_community_member,
    member_community_ids,
    runs_community,
    visible_community_condition,
)
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.ecosystem.models import Organisation

from .models import Challenge, ChallengeStatus

REFINABLE_STATUSES = frozenset({ChallengeStatus.REFINEMENT, ChallengeStatus.OPEN})


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def run_community_ids(user: Any) -> set[int]:
    """The communities whose staff this user is."""
    return {
        held.community_id
        for held in held_roles(user)
        if held.role in COMMUNITY_STAFF_ROLES and held.community_id
    }


def steering_community_ids(user: Any) -> set[int]:
    return {
        held.community_id
        for held in held_roles(user)
        if held.role == Role.STEERING_MEMBER and held.community_id
    }


def represented_ministry_ids(user: Any) -> set[int]:
    """The government ministries this user represents."""
    organisation_ids = {
        held.organisation_id
        for held in held_roles(user)
        if held.role == Role.ORGANISATION_REPRESENTATIVE and held.organisation_id
    }
    if not organisation_ids:
        return set()
    return set(
        Organisation.objects.filter(
            pk__in=organisation_ids, kind=OrganisationKind.MINISTRY
        ).values_list("pk", flat=True)
    )


def may_start_challenges(user: Any) -> bool:
    """Whether the user may create any challenge at all (shows the "new" page)."""
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    return bool(
        run_community_ids(user) or steering_community_ids(user) or represented_ministry_ids(user)
    )


def can_create_challenge(
    user: Any, *, community: Community | None, owner_organisation: Organisation | None
) -> bool:
    """May ``user`` create a challenge of ``community`` owned by ``owner_organisation``?"""
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if community is not None and (
        community.pk in run_community_ids(user) or community.pk in steering_community_ids(user)
    ):
        return True
    if owner_organisation is not None and owner_organisation.pk in represented_ministry_ids(user):
        return community is None or can_view_community(user, community)
    return False


def can_edit_challenge(user: Any, challenge: Challenge) -> bool:
    """The owner, the staff of its community, platform admins."""
    if not _active(user):
        return False
    if challenge.owner_id == user.pk:
        return True
    if challenge.community_id is None:
        return is_platform_admin(user)
    return bool(runs_community(user, challenge.community))


def can_decide_proposals(user: Any, challenge: Challenge) -> bool:
    return can_edit_challenge(user, challenge)


def can_view_challenge(user: Any, challenge: Challenge) -> bool:
    if can_edit_challenge(user, challenge):
        return True
    if challenge.status == ChallengeStatus.DRAFT:
        return False
    community = challenge.community
    return community is None or can_view_community(user, community)


def can_refine_challenge(user: Any, challenge: Challenge) -> bool:
    """Comment, support and propose edits: members and staff, while it is being refined."""
    if not _active(user) or challenge.status not in REFINABLE_STATUSES:
        return False
    if not can_view_challenge(user, challenge):
        return False
    community = challenge.community
    if community is None:
        return is_platform_admin(user) or bool(member_community_ids(user))
    return bool(runs_community(user, community)) or is_community_member(user, community)


def visible_challenges_condition(user: Any) -> Q:
    """The challenges ``user`` may see, as a filter (the rules above, for lists)."""
    if is_platform_admin(user):
        return Q()
    public = ~Q(status=ChallengeStatus.DRAFT) & (
        Q(community__isnull=True) | visible_community_condition(user, prefix="community__")
    )
    if not _active(user):
        return public
    return public | Q(owner_id=user.pk) | Q(community_id__in=run_community_ids(user))


def get_challenge_for_user_or_404(user: Any, slug: str) -> Challenge:
    """The challenge if this user may see it; else 404, as if it did not exist."""
    challenge = (
        Challenge.objects.select_related("community", "domain", "owner", "owner_organisation")
        .filter(slug=slug)
        .first()
    )
    if challenge is None or not can_view_challenge(user, challenge):
        raise Http404
    return challenge
