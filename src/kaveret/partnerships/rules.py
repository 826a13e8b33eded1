"""Who may see and work on a design partnership.

- **See**: its parties (whoever acts for the organisation, the venture, or one of the
  other parties), the staff of its community, platform admins; everyone once it is
  published (then only what ``published_view`` shows: not the feedback, the risks or
  the legal texts).
- **Work on it** (define, run, move stages within the gates, answer feedback): whoever
  acts for the organisation or the venture, the staff of its community, platform admins.
- **Override a gate**: platform admins only, with a written reason.
- **Create**: platform admins, community staff (for their community), organisation
  representatives (for their organisation), entrepreneurs (for their venture).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import held_roles, is_platform_admin
from kaveret.communities.rules import represented_actor_ids, runs_community

from .models import Partnership


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def staff_community_ids(user: Any) -> set[int]:
    return {
        held.community_id
        for held in held_roles(user)
        if held.role in COMMUNITY_STAFF_ROLES and held.community_id
    }


def acts_for_side(user: Any, partnership: Partnership) -> bool:
    """Acts for the organisation or the venture of the partnership."""
    if not _active(user):
        return False
    ids = represented_actor_ids(user)
    return partnership.organisation_id in ids or partnership.venture_id in ids


def acts_for_venture(user: Any, partnership: Partnership) -> bool:
    return _active(user) and partnership.venture_id in represented_actor_ids(user)


def is_party(user: Any, partnership: Partnership) -> bool:
    if acts_for_side(user, partnership):
        return True
    if not _active(user):
        return False
    ids = represented_actor_ids(user)
    return bool(ids) and partnership.parties.filter(actor_id__in=ids).exists()


def runs_partnership(user: Any, partnership: Partnership) -> bool:
    """Platform admins and the staff of the partnership's community."""
    if not _active(user):
        return False
    return is_platform_admin(user) or runs_community(user, partnership.community)


def can_edit_partnership(user: Any, partnership: Partnership) -> bool:
    return runs_partnership(user, partnership) or acts_for_side(user, partnership)


def can_view_partnership(user: Any, partnership: Partnership) -> bool:
    """The full view: parties, staff, admins."""
    return can_edit_partnership(user, partnership) or is_party(user, partnership)


def can_view_published(user: Any, partnership: Partnership) -> bool:
    return partnership.is_published or can_view_partnership(user, partnership)


def can_override_gate(user: Any, partnership: Partnership) -> bool:
    return _active(user) and is_platform_admin(user)


def can_answer_feedback(user: Any, partnership: Partnership) -> bool:
    return runs_partnership(user, partnership) or acts_for_venture(user, partnership)


def may_create_partnerships(user: Any) -> bool:
    if not _active(user):
        return False
    return (
        is_platform_admin(user)
        or bool(staff_community_ids(user))
        or bool(represented_actor_ids(user))
    )


def can_create_partnership(
    user: Any, *, organisation_id: int, venture_id: int, community_id: int | None
) -> bool:
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if community_id is not None and community_id in staff_community_ids(user):
        return True
    ids = represented_actor_ids(user)
    return organisation_id in ids or venture_id in ids


def visible_partnerships_condition(user: Any) -> Q:
    """The partnerships ``user`` may open (fully or as published)."""
    condition = Q(is_published=True)
    if not _active(user):
        return condition
    if is_platform_admin(user):
        return Q()
    ids = represented_actor_ids(user)
    if ids:
        condition |= (
            Q(organisation_id__in=ids) | Q(venture_id__in=ids) | Q(parties__actor_id__in=ids)
        )
    communities = staff_community_ids(user)
    if communities:
        condition |= Q(community_id__in=communities)
    return condition


def full_view_condition(user: Any) -> Q:
    """The partnerships whose every part ``user`` may see (the board shows only these)."""
    if not _active(user):
        return Q(pk__in=[])
    if is_platform_admin(user):
        return Q()
    condition = Q(pk__in=[])
    ids = represented_actor_ids(user)
    if ids:
        condition |= (
            Q(organisation_id__in=ids) | Q(venture_id__in=ids) | Q(parties__actor_id__in=ids)
        )
    communities = staff_community_ids(user)
    if communities:
        condition |= Q(community_id__in=communities)
    return condition


def get_partnership_for_user_or_404(user: Any, pk: int) -> Partnership:
    """The partnership if ``user`` may see it at least as published; else 404."""
    partnership = (
        Partnership.objects.select_related("organisation", "venture", "challenge", "community")
        .filter(pk=pk)
        .first()
    )
    if partnership is None or not can_view_published(user, partnership):
        raise Http404
    return partnership
