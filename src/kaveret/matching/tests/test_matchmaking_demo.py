"""The demo's Extreme TechAbility round: ten and ten, pairs, a valid schedule, outcomes,
run by the demo's community manager; loading twice changes nothing."""

from __future__ import annotations

import pytest

from kaveret.accounts.models import User
from kaveret.ecosystem.demo.loader import load_demo
from kaveret.matching import matchmaking_services as services
from kaveret.matching.demo import MANAGER_EMAIL, load_matching_demo
from kaveret.matching.models import (
    Interest,
    InterestLevel,
    MatchmakingEvent,
    MatchPair,
    Meeting,
    MeetingOutcome,
)
from kaveret.matching.rules import runs_matchmaking

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (MatchmakingEvent, MatchPair, Meeting, Interest))


def test_the_demo_round_loads_once_with_pairs_schedule_and_outcomes() -> None:
    result = load_demo()
    first = _counts()
    load_matching_demo(result.communities, result.organisations, result.ventures)
    assert _counts() == first

    matchmaking = MatchmakingEvent.objects.get(event__community__slug="techability")
    sides = [p.side for p in matchmaking.participants.all()]
    assert sides.count("venture") == 10 and sides.count("organisation") == 10
    window = matchmaking.window_ends_at - matchmaking.window_starts_at
    assert window.total_seconds() == 72 * 3600
    pairs = MatchPair.objects.filter(matchmaking=matchmaking)
    assert pairs.count() >= 20
    refused = {
        (i.source_id, i.target_id)
        for i in Interest.objects.filter(level=InterestLevel.NOT_INTERESTED)
    }
    for pair in pairs:
        assert (pair.venture_id, pair.organisation_id) not in refused
        assert (pair.organisation_id, pair.venture_id) not in refused
    assert matchmaking.schedule_report["scheduled"] >= 0.8 * pairs.count()
    assert services.schedule_violations(matchmaking) == []
    outcomes = set(
        Meeting.objects.exclude(outcome=MeetingOutcome.PENDING).values_list("outcome", flat=True)
    )
    assert MeetingOutcome.PARTNERSHIP_PROPOSED in outcomes
    assert runs_matchmaking(User.objects.get(email=MANAGER_EMAIL), matchmaking)
