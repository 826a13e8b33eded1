"""Helpers for the demo partnerships' tests and the partnership browser journey."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.utils import timezone

from kaveret.ecosystem.demo.loader import DemoResult, load_demo
from kaveret.partnerships.models import (
    DecisionEntry,
    Expectation,
    Feedback,
    LegalItem,
    Partnership,
    PartnershipParty,
    PilotIndicator,
    Risk,
    StagePeriod,
)

DEMO_MANAGER = "manager@demo.kaveret.local"
DEMO_ENTREPRENEUR = "entrepreneur@demo.kaveret.local"
DEMO_ORGANISATION = "org@demo.kaveret.local"


def load_demo_partnerships() -> DemoResult:
    """The whole demo ecosystem, whose load ends with the case-study partnerships."""
    return load_demo()


def demo_counts() -> tuple[int, ...]:
    """Rows of the partnerships and of their parts, to compare two loads."""
    return tuple(
        model.objects.count()
        for model in (
            Partnership,
            PartnershipParty,
            StagePeriod,
            Expectation,
            LegalItem,
            Risk,
            Feedback,
            PilotIndicator,
            DecisionEntry,
        )
    )


def matchmaking_meeting_with_outcome(
    *, organisation: Any, venture: Any, community: Any = None, outcome: str = "partnership"
) -> Any:
    """A matchmaking meeting between ``organisation`` and ``venture`` that went well: the
    round (on an event of ``community``), both participants, their pair and the meeting,
    with its outcome recorded."""
    from kaveret.matching.models import MatchmakingEvent, MatchPair, MatchParticipant, Meeting
    from kaveret.testing.matching_factories import (
        MatchmakingEventFactory,
        OrganisationParticipantFactory,
        VentureParticipantFactory,
    )

    event_kwargs: dict[str, Any] = {}
    if community is not None:
        event_kwargs["event__community"] = community
    round_ = cast(MatchmakingEvent, MatchmakingEventFactory(**event_kwargs))
    venture_side = cast(
        MatchParticipant, VentureParticipantFactory(matchmaking=round_, actor=venture)
    )
    organisation_side = cast(
        MatchParticipant, OrganisationParticipantFactory(matchmaking=round_, actor=organisation)
    )
    pair = MatchPair.objects.create(
        matchmaking=round_, venture=venture_side, organisation=organisation_side
    )
    starts = timezone.now() - datetime.timedelta(hours=2)
    return Meeting.objects.create(
        pair=pair,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        outcome=outcome,
        outcome_note="שני הצדדים רוצים להמשיך לשותפות מעצבת.",
    )
