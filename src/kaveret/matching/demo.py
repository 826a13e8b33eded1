"""The demo matching: the Extreme TechAbility matchmaking event.

Seed 000: "Extreme TechAbility, a 'deep matchmaking' programme of 72 hours between ten
startups and ten organisations", the organisations acting as design partners. The demo
round sits on the TechAbility community's matchmaking event (made by the communities
demo; made here if missing), with ten ventures and ten organisations of the demo
ecosystem (disability, rehabilitation, health and employment first), capacities,
availability over the three days, interests, a proposed pairing, a schedule and two
recorded outcomes. Running it again changes nothing once the schedule exists.
"""

from __future__ import annotations

import datetime
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kaveret.accounts.models import User
from kaveret.communities.models import Event, EventKind

from .models import (
    AvailabilitySlot,
    Interest,
    InterestLevel,
    MatchingMethod,
    MatchmakingEvent,
    MatchmakingStatus,
    MatchParticipant,
    Meeting,
    MeetingOutcome,
    Side,
)

ISRAEL = ZoneInfo("Asia/Jerusalem")
EVENT_TITLE = "Extreme TechAbility: שידוכים עמוקים"
TITLE = "Extreme TechAbility: 10 מיזמים × 10 ארגונים ב-72 שעות"
ROOMS = (
    "הכוורת, ירושלים: חדר 1",
    "הכוורת, ירושלים: חדר 2",
    "הכוורת, ירושלים: חדר 3",
    "https://meet.kaveret.local/extreme-techability",
)
MANAGER_EMAIL = "manager@demo.kaveret.local"

# Disability, rehabilitation and accessibility first, then health and employment.
VENTURES = (
    ("cognishine", 4),
    ("nitzan", 3),
    ("agewise", 3),
    ("wellplay", 3),
    ("nexme", 3),
    ("job360", 3),
    ("vivid", 3),
    ("memoapp", 2),
    ("ggtude", 2),
    ("voice-within", 2),
)
ORGANISATIONS = (
    ("jdc-beyond-disability", 4),
    ("nii-funds", 3),
    ("ministry-economy", 3),
    ("jdc-israel", 3),
    ("hakaveret", 3),
    ("jdc-tevet", 2),
    ("clalit", 3),
    ("maccabi", 2),
    ("ministry-health", 2),
    ("shalvata", 2),
)
# Who said they must meet whom, and the few "not interested" (never paired).
MUST = {
    ("cognishine", "jdc-beyond-disability"),
    ("cognishine", "nii-funds"),
    ("nitzan", "jdc-beyond-disability"),
    ("jdc-beyond-disability", "nitzan"),
    ("agewise", "jdc-israel"),
    ("nexme", "ministry-economy"),
    ("job360", "jdc-tevet"),
    ("jdc-tevet", "job360"),
    ("vivid", "clalit"),
    ("clalit", "vivid"),
    ("wellplay", "maccabi"),
    ("shalvata", "voice-within"),
    ("nii-funds", "cognishine"),
}
NOT_INTERESTED = {
    ("ggtude", "ministry-economy"),
    ("jdc-tevet", "memoapp"),
    ("shalvata", "nexme"),
}


def _event(community: Any) -> Event:
    event = Event.objects.filter(community=community, title=EVENT_TITLE).first()
    if event is not None:
        return event
    day = timezone.localdate(timezone.now(), ISRAEL) + datetime.timedelta(days=30)
    starts = datetime.datetime.combine(day, datetime.time(9), tzinfo=ISRAEL)
    return Event.objects.create(
        community=community,
        kind=EventKind.MATCHMAKING,
        title=EVENT_TITLE,
        description="72 שעות של 'שידוכים עמוקים' בין עשרה סטארטאפים לעשרה ארגונים.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=72),
        place="הכוורת, ירושלים",
        capacity=20,
        is_published=True,
    )


def _availability(key: str, starts: datetime.datetime) -> list[tuple[Any, Any]]:
    """Working hours on two or three of the three days, a few with an evening too."""
    chooser = random.Random(key)
    local = timezone.localtime(starts, ISRAEL)
    days = sorted(chooser.sample(range(3), chooser.choice((2, 3, 3))))
    slots = []
    for day in days:
        date = local.date() + datetime.timedelta(days=day)
        begin = chooser.choice((9, 9, 10, 11))
        end = chooser.choice((14, 16, 17))
        slots.append(
            (
                datetime.datetime.combine(date, datetime.time(begin), tzinfo=ISRAEL),
                datetime.datetime.combine(date, datetime.time(end), tzinfo=ISRAEL),
            )
        )
        if chooser.random() < 0.25:
            slots.append(
                (
                    datetime.datetime.combine(date, datetime.time(18), tzinfo=ISRAEL),
                    datetime.datetime.combine(date, datetime.time(20), tzinfo=ISRAEL),
                )
            )
    return slots


def _level(source: str, target: str, chooser: random.Random) -> str | None:
    if (source, target) in NOT_INTERESTED:
        return InterestLevel.NOT_INTERESTED
    if (source, target) in MUST:
        return InterestLevel.MUST_MEET
    roll = chooser.random()
    if roll < 0.35:
        return InterestLevel.WOULD_LIKE
    return None


@transaction.atomic
def load_matching_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the Extreme TechAbility matchmaking event.

    Safe to run again; returns how many were loaded.
    """
    from . import matchmaking_services as services

    community = communities.get("techability")
    if community is None:
        return 0
    event = _event(community)
    matchmaking, _created = MatchmakingEvent.objects.get_or_create(
        event=event,
        defaults={
            "title": TITLE,
            "window_starts_at": event.starts_at,
            "window_ends_at": event.ends_at,
            "meeting_minutes": 45,
            "break_minutes": 15,
            "method": MatchingMethod.MAX_WEIGHT,
            "rooms": list(ROOMS),
            "status": MatchmakingStatus.INTEREST,
        },
    )
    if Meeting.objects.filter(pair__matchmaking=matchmaking).exists():
        return 1
    by_key: dict[str, MatchParticipant] = {}
    for side, specs, actors in (
        (Side.VENTURE, VENTURES, ventures),
        (Side.ORGANISATION, ORGANISATIONS, organisations),
    ):
        for key, capacity in specs:
            actor = actors.get(key)
            if actor is None:
                continue
            participant, _new = MatchParticipant.objects.update_or_create(
                matchmaking=matchmaking,
                actor=actor,
                defaults={"side": side, "capacity": capacity},
            )
            by_key[key] = participant
            AvailabilitySlot.objects.filter(participant=participant).delete()
            AvailabilitySlot.objects.bulk_create(
                AvailabilitySlot(participant=participant, starts_at=start, ends_at=end)
                for start, end in _availability(key, matchmaking.window_starts_at)
            )
    chooser = random.Random("extreme-techability")
    for source_key, source in by_key.items():
        for target_key, target in by_key.items():
            if source.side == target.side:
                continue
            level = _level(source_key, target_key, chooser)
            if level is None:
                Interest.objects.filter(source=source, target=target).delete()
            else:
                Interest.objects.update_or_create(
                    source=source, target=target, defaults={"level": level}
                )
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    if manager is None or not by_key:
        return 1
    services.pairing_run(by=manager, matchmaking=matchmaking)
    services.schedule_build(by=manager, matchmaking=matchmaking)
    meetings = list(
        Meeting.objects.filter(pair__matchmaking=matchmaking).order_by("-pair__score", "pk")[:2]
    )
    notes = (
        (MeetingOutcome.PARTNERSHIP_PROPOSED, "הארגון מציע שותפות מעצבת: פיילוט של שלושה חודשים."),
        (MeetingOutcome.FOLLOW_UP, "נקבעה פגישת המשך עם צוות התפעול."),
    )
    for meeting, (outcome, note) in zip(meetings, notes, strict=False):
        services.outcome_record(by=manager, meeting=meeting, outcome=outcome, note=note)
    return 1
