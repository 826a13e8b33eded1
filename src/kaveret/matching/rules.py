"""Who may use the recommenders, scouting lists and matchmaking.

- **Search and routing** read only what the viewer may see (``matching.selectors``
  filters every hit through the object's own rules), so anyone may search; routing and
  fit lists are for signed-in users.
- **Scouting list** of a challenge: whoever may edit the challenge (its owner, the staff
  of its community, platform admins) reads and changes it.
- **Fit lists** of a venture or an organisation: whoever acts for it, ecosystem staff
  and platform admins. Criterion assessments are written by ecosystem staff.
- **Matchmaking**: the staff of the event's community run it; a participant's contact,
  and whoever acts for the participant, state its interests and read its schedule.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kaveret.accounts.roles import is_ecosystem_staff, is_platform_admin
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import can_edit_challenge
from kaveret.communities.rules import represented_actor_ids, runs_community

from .models import MatchmakingEvent, MatchParticipant


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def can_scout(user: Any, challenge: Challenge) -> bool:
    return can_edit_challenge(user, challenge)


def can_route(user: Any) -> bool:
    return _active(user)


def can_see_fit(user: Any, actor_id: int) -> bool:
    if not _active(user):
        return False
    return (
        is_platform_admin(user)
        or is_ecosystem_staff(user)
        or actor_id in represented_actor_ids(user)
    )


def can_assess_criteria(user: Any) -> bool:
    return _active(user) and (is_platform_admin(user) or is_ecosystem_staff(user))


def runs_matchmaking(user: Any, matchmaking: MatchmakingEvent) -> bool:
    if not _active(user):
        return False
    return is_platform_admin(user) or runs_community(user, matchmaking.event.community)


def acts_for_participant(user: Any, participant: MatchParticipant) -> bool:
    if not _active(user):
        return False
    return participant.contact_id == user.pk or participant.actor_id in represented_actor_ids(user)


def participant_of(user: Any, matchmaking: MatchmakingEvent) -> list[MatchParticipant]:
    """The participants of ``matchmaking`` that ``user`` acts for."""
    if not _active(user):
        return []
    ids = represented_actor_ids(user)
    return [
        participant
        for participant in matchmaking.participants.select_related("actor")
        if participant.contact_id == user.pk or participant.actor_id in ids
    ]


def can_view_matchmaking(user: Any, matchmaking: MatchmakingEvent) -> bool:
    return runs_matchmaking(user, matchmaking) or bool(participant_of(user, matchmaking))


def get_matchmaking_for_user_or_404(user: Any, pk: int) -> MatchmakingEvent:
    matchmaking = MatchmakingEvent.objects.select_related("event__community").filter(pk=pk).first()
    if matchmaking is None or not can_view_matchmaking(user, matchmaking):
        raise Http404
    return matchmaking
