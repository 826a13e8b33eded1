"""Who may see, propose and curate trend signals.

- Active members of a community (``is_community_member``) propose signals to it.
- The community's staff (manager, coordinator, tech-arena manager) and platform admins
  curate them: accept, decline with a note, archive; they may add curated signals directly.
  Staff of another community may not.
- Whoever may see the community sees its curated signals (visitors, for a public one);
  proposers see their own proposals; the community's staff see every signal.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import held_roles, is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import is_community_member, runs_community

from .models import SignalStatus, TrendSignal


def _is_active_user(user: Any) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and bool(getattr(user, "is_active", False))
    )


def can_view_community_trends(user: Any, community: Community) -> bool:
    """The community's radar: whoever may see the community, and its members."""
    return bool(
        user.has_perm("communities.view_community", community)
        or is_community_member(user, community)
    )


def can_propose_signal(user: Any, community: Community) -> bool:
    return _is_active_user(user) and is_community_member(user, community)


def can_curate_signals(user: Any, community: Community) -> bool:
    """The community's own staff, or a platform admin."""
    return _is_active_user(user) and bool(runs_community(user, community))


def curated_community_ids(user: Any) -> frozenset[int] | None:
    """The communities whose signals this user curates; None means every community."""
    if is_platform_admin(user):
        return None
    return frozenset(
        held.community_id
        for held in held_roles(user)
        if held.role in COMMUNITY_STAFF_ROLES and held.community_id
    )


def can_view_signal(user: Any, signal: TrendSignal) -> bool:
    community = signal.community
    if can_curate_signals(user, community):
        return True
    if _is_active_user(user) and signal.proposed_by_id == user.pk:
        return True
    return signal.status == SignalStatus.CURATED and can_view_community_trends(user, community)


def get_community_trends_or_404(user: Any, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_view_community_trends(user, community):
        raise Http404
    return community


def get_signal_for_user_or_404(user: Any, pk: int, slug: str | None = None) -> TrendSignal:
    """The signal if this user may see it; else 404, as if it did not exist."""
    signals = TrendSignal.objects.select_related(
        "community", "domain", "proposed_by", "curated_by"
    ).filter(pk=pk)
    if slug is not None:
        signals = signals.filter(community__slug=slug)
    signal = signals.first()
    if signal is None or not can_view_signal(user, signal):
        raise Http404
    return signal
