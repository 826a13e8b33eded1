"""Reads of the matchmaking pages and API, each in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.rules import represented_actor_ids
from kaveret.partnerships.rules import staff_community_ids

from .models import (
    AvailabilitySlot,
    Interest,
    MatchmakingEvent,
    MatchPair,
    MatchParticipant,
    Meeting,
    Side,
)
from .scheduling import reason_label


def visible_matchmaking(user: Any) -> QuerySet[MatchmakingEvent]:
    """The rounds ``user`` runs or takes part in, newest first."""
    queryset = MatchmakingEvent.objects.select_related("event__community")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if is_platform_admin(user):
        return queryset
    condition = Q(event__community_id__in=staff_community_ids(user)) | Q(participants__contact=user)
    ids = represented_actor_ids(user)
    if ids:
        condition |= Q(participants__actor_id__in=ids)
    return queryset.filter(condition).distinct()


def participants(matchmaking: MatchmakingEvent) -> list[MatchParticipant]:
    return list(
        matchmaking.participants.select_related("actor", "contact").prefetch_related(
            Prefetch("availability", queryset=AvailabilitySlot.objects.order_by("starts_at"))
        )
    )


def pairs(matchmaking: MatchmakingEvent) -> list[MatchPair]:
    return list(
        MatchPair.objects.filter(matchmaking=matchmaking)
        .select_related("venture__actor", "organisation__actor", "meeting")
        .order_by("-score", "pk")
    )


def interest_levels(matchmaking: MatchmakingEvent) -> dict[tuple[int, int], str]:
    return {
        (source, target): level
        for source, target, level in Interest.objects.filter(
            source__matchmaking=matchmaking
        ).values_list("source_id", "target_id", "level")
    }


@dataclass
class MatrixRow:
    venture: MatchParticipant
    cells: list[tuple[MatchParticipant, str, str]] = field(default_factory=list)


def interest_matrix(
    ventures: list[MatchParticipant],
    organisations: list[MatchParticipant],
    levels: dict[tuple[int, int], str],
) -> list[MatrixRow]:
    """For every venture, each organisation with (venture's interest, organisation's)."""
    return [
        MatrixRow(
            venture,
            [
                (
                    organisation,
                    levels.get((venture.pk, organisation.pk), ""),
                    levels.get((organisation.pk, venture.pk), ""),
                )
                for organisation in organisations
            ],
        )
        for venture in ventures
    ]


def meetings(matchmaking: MatchmakingEvent) -> list[Meeting]:
    return list(
        Meeting.objects.filter(pair__matchmaking=matchmaking)
        .select_related("pair__venture__actor", "pair__organisation__actor")
        .order_by("starts_at", "room", "pk")
    )


def participant_meetings(participant: MatchParticipant) -> list[Meeting]:
    return list(
        Meeting.objects.filter(Q(pair__venture=participant) | Q(pair__organisation=participant))
        .select_related("pair__venture__actor", "pair__organisation__actor")
        .order_by("starts_at", "pk")
    )


def unscheduled(matchmaking: MatchmakingEvent, all_pairs: list[MatchPair]) -> list[dict[str, Any]]:
    """The pairs the last schedule could not place and why, if still without a meeting."""
    by_pk = {pair.pk: pair for pair in all_pairs}
    rows = []
    for item in (matchmaking.schedule_report or {}).get("unscheduled", []):
        pair = by_pk.get(item.get("pair"))
        if pair is None or hasattr(pair, "meeting"):
            continue
        rows.append(
            {
                "pair": pair,
                "reason": item.get("reason"),
                "label": reason_label(item.get("reason", "")),
            }
        )
    return rows


def split_sides(
    everyone: list[MatchParticipant],
) -> tuple[list[MatchParticipant], list[MatchParticipant]]:
    return (
        [p for p in everyone if p.side == Side.VENTURE],
        [p for p in everyone if p.side == Side.ORGANISATION],
    )
