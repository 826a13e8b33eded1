"""Use cases of a matchmaking event: set it up, collect interest, pair, schedule, follow up.

Every service takes the acting user, checks the permission itself (``rules``), runs in
one transaction and raises ``PermissionDenied`` or a translated ``DomainError``. Writes
that change the pairs or the schedule lock the matchmaking row first, so two staff
members pressing "Propose pairs" and "Build schedule" at once do not interleave.

The engine is pure (``pairing``, ``scheduling``); these services read the rows, call it,
and write its answer back: ``MatchPair`` rows with the score broken down (the fit
components of ``recommend.pair_fit`` and each side's interest), ``Meeting`` rows and the
``schedule_report`` (how many pairs were placed, and why the others were not).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaveret.communities.models import Event
from kaveret.communities.rules import runs_community, users_acting_for
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Actor, ActorType

from . import pairing, scheduling
from .models import (
    AvailabilitySlot,
    Interest,
    InterestLevel,
    MatchingMethod,
    MatchmakingEvent,
    MatchmakingStatus,
    MatchPair,
    MatchParticipant,
    Meeting,
    MeetingOutcome,
    PairSource,
    Side,
)
from .rules import acts_for_participant, runs_matchmaking

logger = logging.getLogger(__name__)

ISRAEL = ZoneInfo("Asia/Jerusalem")
MAX_ROOMS = 50
MAX_ROOM_LENGTH = 300
SUBJECT_SCHEDULE = gettext_lazy("Your meetings at %(event)s")


def _lock(matchmaking: MatchmakingEvent) -> MatchmakingEvent:
    return (
        MatchmakingEvent.objects.select_for_update()
        .select_related("event__community")
        .get(pk=matchmaking.pk)
    )


def _require_runs(user: Any, matchmaking: MatchmakingEvent) -> None:
    if not runs_matchmaking(user, matchmaking):
        raise PermissionDenied


def _require_acts(user: Any, participant: MatchParticipant) -> None:
    if not (
        runs_matchmaking(user, participant.matchmaking) or acts_for_participant(user, participant)
    ):
        raise PermissionDenied


def _refuse_if_outcomes(matchmaking: MatchmakingEvent) -> None:
    if (
        Meeting.objects.filter(pair__matchmaking=matchmaking)
        .exclude(outcome=MeetingOutcome.PENDING)
        .exists()
    ):
        raise DomainError(
            _(
                "Outcomes are already recorded for some meetings; change the pairs or the "
                "schedule by hand instead."
            ),
            code="outcomes_recorded",
        )


# --- Setting up ------------------------------------------------------------------------


def clean_rooms(rooms: Iterable[str]) -> list[str]:
    """One room or link a line, without blanks and repeats."""
    cleaned = list(dict.fromkeys(str(room).strip() for room in rooms if str(room).strip()))
    if len(cleaned) > MAX_ROOMS:
        raise DomainError(
            {"rooms": _("At most %(max)d rooms.") % {"max": MAX_ROOMS}}, code="rooms_many"
        )
    if any(len(room) > MAX_ROOM_LENGTH for room in cleaned):
        raise DomainError(
            {"rooms": _("A room is at most %(max)d characters.") % {"max": MAX_ROOM_LENGTH}},
            code="room_long",
        )
    return cleaned


def _check_settings(
    window_starts_at: datetime.datetime,
    window_ends_at: datetime.datetime,
    meeting_minutes: int,
    break_minutes: int,
    method: str,
) -> None:
    if window_ends_at <= window_starts_at:
        raise DomainError(
            {"window_ends_at": _("The meetings must end after they start.")}, code="window"
        )
    if window_ends_at - window_starts_at > datetime.timedelta(days=31):
        raise DomainError(
            {"window_ends_at": _("A matchmaking window is at most 31 days.")}, code="window_long"
        )
    if not 5 <= meeting_minutes <= 480:
        raise DomainError(
            {"meeting_minutes": _("A meeting lasts between 5 and 480 minutes.")},
            code="meeting_minutes",
        )
    if not 0 <= break_minutes <= 240:
        raise DomainError(
            {"break_minutes": _("A break lasts between 0 and 240 minutes.")}, code="break_minutes"
        )
    if method not in MatchingMethod.values:
        raise DomainError({"method": _("Unknown pairing method.")}, code="method")


def matchmaking_create(
    *,
    by: Any,
    event: Event,
    title: str = "",
    window_starts_at: datetime.datetime | None = None,
    window_ends_at: datetime.datetime | None = None,
    meeting_minutes: int = 45,
    break_minutes: int = 15,
    method: str = MatchingMethod.MAX_WEIGHT,
    rooms: Iterable[str] = (),
) -> MatchmakingEvent:
    """Set up a matchmaking round on a community event (its window by default)."""
    if not runs_community(by, event.community):
        raise PermissionDenied
    if MatchmakingEvent.objects.filter(event=event).exists():
        raise DomainError(
            _("This event already has a matchmaking round."), code="matchmaking_exists"
        )
    starts = window_starts_at or event.starts_at
    ends = window_ends_at or event.ends_at
    _check_settings(starts, ends, meeting_minutes, break_minutes, method)
    return MatchmakingEvent.objects.create(
        event=event,
        title=(title or event.title).strip()[:200],
        window_starts_at=starts,
        window_ends_at=ends,
        meeting_minutes=meeting_minutes,
        break_minutes=break_minutes,
        method=method,
        rooms=clean_rooms(rooms),
        status=MatchmakingStatus.INTEREST,
        created_by=by,
    )


def matchmaking_update(
    *, by: Any, matchmaking: MatchmakingEvent, values: dict[str, Any]
) -> MatchmakingEvent:
    """Change the title, window, lengths, method or rooms."""
    _require_runs(by, matchmaking)
    allowed = {
        "title",
        "window_starts_at",
        "window_ends_at",
        "meeting_minutes",
        "break_minutes",
        "method",
        "rooms",
    }
    with transaction.atomic():
        locked = _lock(matchmaking)
        for name, value in values.items():
            if name in allowed and value is not None:
                setattr(locked, name, clean_rooms(value) if name == "rooms" else value)
        locked.title = str(locked.title).strip()[:200] or locked.event.title
        _check_settings(
            locked.window_starts_at,
            locked.window_ends_at,
            locked.meeting_minutes,
            locked.break_minutes,
            locked.method,
        )
        locked.save()
        _recheck_schedule(locked)
    return locked


def participant_add(
    *,
    by: Any,
    matchmaking: MatchmakingEvent,
    actor: Actor,
    capacity: int = 3,
    contact: Any = None,
) -> MatchParticipant:
    """Add a venture or an organisation with how many meetings it wants."""
    _require_runs(by, matchmaking)
    if not 1 <= capacity <= 50:
        raise DomainError({"capacity": _("Between 1 and 50 meetings.")}, code="capacity")
    if MatchParticipant.objects.filter(matchmaking=matchmaking, actor=actor).exists():
        raise DomainError(
            {"actor": _("%(name)s already takes part.") % {"name": actor.name}},
            code="participant_exists",
        )
    side = Side.VENTURE if actor.actor_type == ActorType.VENTURE else Side.ORGANISATION
    return MatchParticipant.objects.create(
        matchmaking=matchmaking, actor=actor, side=side, capacity=capacity, contact=contact
    )


def participant_update(
    *, by: Any, participant: MatchParticipant, capacity: int, contact: Any = None
) -> MatchParticipant:
    _require_runs(by, participant.matchmaking)
    if not 1 <= capacity <= 50:
        raise DomainError({"capacity": _("Between 1 and 50 meetings.")}, code="capacity")
    participant.capacity = capacity
    participant.contact = contact
    participant.save(update_fields=["capacity", "contact"])
    return participant


def participant_remove(*, by: Any, participant: MatchParticipant) -> None:
    _require_runs(by, participant.matchmaking)
    if (
        Meeting.objects.filter(Q(pair__venture=participant) | Q(pair__organisation=participant))
        .exclude(outcome=MeetingOutcome.PENDING)
        .exists()
    ):
        raise DomainError(
            _("This participant has meetings with recorded outcomes."), code="outcomes_recorded"
        )
    participant.delete()


def availability_set(
    *,
    by: Any,
    participant: MatchParticipant,
    slots: Sequence[tuple[datetime.datetime, datetime.datetime]],
) -> list[AvailabilitySlot]:
    """Replace the participant's availability with ``slots`` (inside the event window)."""
    _require_acts(by, participant)
    matchmaking = participant.matchmaking
    cleaned: list[tuple[datetime.datetime, datetime.datetime]] = []
    for starts_at, ends_at in sorted(slots):
        if ends_at <= starts_at:
            raise DomainError(
                {"availability": _("Each time range must end after it starts.")},
                code="slot_order",
            )
        if starts_at < matchmaking.window_starts_at or ends_at > matchmaking.window_ends_at:
            raise DomainError(
                {"availability": _("Each time range must sit inside the event window.")},
                code="slot_window",
            )
        if cleaned and starts_at <= cleaned[-1][1]:
            # Touching or overlapping ranges become one.
            cleaned[-1] = (cleaned[-1][0], max(cleaned[-1][1], ends_at))
        else:
            cleaned.append((starts_at, ends_at))
    if len(cleaned) > 200:
        raise DomainError({"availability": _("At most 200 time ranges.")}, code="slots_many")
    with transaction.atomic():
        locked = _lock(matchmaking)
        participant.availability.all().delete()
        created = AvailabilitySlot.objects.bulk_create(
            AvailabilitySlot(participant=participant, starts_at=start, ends_at=end)
            for start, end in cleaned
        )
        _recheck_schedule(locked)
    return created


def interest_set(
    *, by: Any, source: MatchParticipant, target: MatchParticipant, level: str | None
) -> Interest | None:
    """The source's interest in a participant of the other side; None clears it."""
    _require_acts(by, source)
    if target.matchmaking_id != source.matchmaking_id or target.side == source.side:
        raise DomainError(
            {"target": _("Interest is stated in a participant of the other side.")},
            code="interest_target",
        )
    if level and level not in InterestLevel.values:
        raise DomainError({"level": _("Unknown interest level.")}, code="interest_level")
    if _refuse_overriding_not_interested(by, source, target, level):
        return Interest.objects.filter(source=source, target=target).first()
    if level in (None, ""):
        Interest.objects.filter(source=source, target=target).delete()
        return None
    interest, _created = Interest.objects.update_or_create(
        source=source, target=target, defaults={"level": level}
    )
    return interest


def _refuse_overriding_not_interested(
    by: Any, source: MatchParticipant, target: MatchParticipant, level: str | None
) -> bool:
    """Staff may fill in interest for a participant, but "not interested" is the
    participant's own word: only who acts for the source sets it or changes it. True when
    nothing changes (the level is already ``level``)."""
    current = (
        Interest.objects.filter(source=source, target=target)
        .values_list("level", flat=True)
        .first()
    )
    if (current or None) == (level or None):
        return True
    if acts_for_participant(by, source):
        return False
    if current == InterestLevel.NOT_INTERESTED:
        raise DomainError(
            {
                "level": _("%(name)s said they are not interested; only they can change that.")
                % {"name": source.actor.display_name}
            },
            code="interest_not_interested",
        )
    if level == InterestLevel.NOT_INTERESTED:
        raise DomainError(
            {"level": _("Only the participant can say they are not interested.")},
            code="interest_not_interested",
        )
    return False


def interests_set(*, by: Any, source: MatchParticipant, levels: dict[int, str | None]) -> int:
    """Several interests of one participant at once (target id → level); how many changed."""
    targets = {
        target.pk: target
        for target in MatchParticipant.objects.filter(
            matchmaking_id=source.matchmaking_id, pk__in=list(levels)
        )
    }
    if len(targets) != len(levels):
        raise DomainError({"target": _("No such participant.")}, code="interest_target")
    with transaction.atomic():
        for target_id, level in levels.items():
            interest_set(by=by, source=source, target=targets[target_id], level=level)
    return len(levels)


# --- Pairing ---------------------------------------------------------------------------


def _fits(venture_actor_ids: list[int], organisation_actor_ids: list[int]) -> dict[Any, Any]:
    try:
        from .recommend import pair_fit
    except ImportError:  # pragma: no cover - the recommender ships with this app
        return {}
    return pair_fit(venture_actor_ids, organisation_actor_ids)


def pair_weights(
    matchmaking: MatchmakingEvent,
) -> tuple[list[MatchParticipant], list[MatchParticipant], dict[pairing.Pair, pairing.PairWeight]]:
    """The participants of each side and the weight of every allowed pair (by participant id)."""
    participants = list(matchmaking.participants.select_related("actor"))
    ventures = [p for p in participants if p.side == Side.VENTURE]
    organisations = [p for p in participants if p.side == Side.ORGANISATION]
    levels = {
        (interest.source_id, interest.target_id): interest.level
        for interest in Interest.objects.filter(source__matchmaking=matchmaking)
    }
    fits = _fits([v.actor_id for v in ventures], [o.actor_id for o in organisations])
    weights: dict[pairing.Pair, pairing.PairWeight] = {}
    for venture in ventures:
        for organisation in organisations:
            fit = fits.get((venture.actor_id, organisation.actor_id))
            value = pairing.combine_interest(
                levels.get((venture.pk, organisation.pk)),
                levels.get((organisation.pk, venture.pk)),
                fit.score if fit is not None else 0.0,
                fit.breakdown if fit is not None else None,
            )
            if value is not None:
                weights[(venture.pk, organisation.pk)] = value
    return ventures, organisations, weights


def pairing_run(
    *, by: Any, matchmaking: MatchmakingEvent, method: str | None = None
) -> list[MatchPair]:
    """Propose pairs by ``method`` (default: the event's), replacing the engine's last ones.

    Pairs staff added by hand stay and use up capacity. The schedule is cleared (it was
    built for the old pairs). Refused once outcomes are recorded.
    """
    _require_runs(by, matchmaking)
    with transaction.atomic():
        locked = _lock(matchmaking)
        _refuse_if_outcomes(locked)
        if method:
            if method not in MatchingMethod.values:
                raise DomainError({"method": _("Unknown pairing method.")}, code="method")
            locked.method = method
        ventures, organisations, weights = pair_weights(locked)
        Meeting.objects.filter(pair__matchmaking=locked).delete()
        MatchPair.objects.filter(matchmaking=locked, source=PairSource.ENGINE).delete()
        manual = list(MatchPair.objects.filter(matchmaking=locked))
        used: dict[int, int] = {}
        for pair in manual:
            used[pair.venture_id] = used.get(pair.venture_id, 0) + 1
            used[pair.organisation_id] = used.get(pair.organisation_id, 0) + 1
            weights.pop((pair.venture_id, pair.organisation_id), None)
        venture_capacity = {p.pk: max(0, p.capacity - used.get(p.pk, 0)) for p in ventures}
        organisation_capacity = {
            p.pk: max(0, p.capacity - used.get(p.pk, 0)) for p in organisations
        }
        chosen = pairing.propose_pairs(
            locked.method, venture_capacity, organisation_capacity, weights
        )
        created = MatchPair.objects.bulk_create(
            MatchPair(
                matchmaking=locked,
                venture_id=venture_id,
                organisation_id=organisation_id,
                score=weights[(venture_id, organisation_id)].weight,
                breakdown=weights[(venture_id, organisation_id)].breakdown,
                source=PairSource.ENGINE,
            )
            for venture_id, organisation_id in chosen
        )
        locked.status = MatchmakingStatus.PAIRED
        locked.schedule_report = {}
        locked.save(update_fields=["method", "status", "schedule_report", "updated_at"])
    matchmaking.refresh_from_db()
    return created


def pair_add(*, by: Any, venture: MatchParticipant, organisation: MatchParticipant) -> MatchPair:
    """Staff pair two participants by hand; "not interested" and capacity still hold."""
    matchmaking = venture.matchmaking
    _require_runs(by, matchmaking)
    if (
        venture.side != Side.VENTURE
        or organisation.side != Side.ORGANISATION
        or organisation.matchmaking_id != venture.matchmaking_id
    ):
        raise DomainError(_("A pair is a venture and an organisation of this event."), code="pair")
    with transaction.atomic():
        locked = _lock(matchmaking)
        if Interest.objects.filter(
            Q(source=venture, target=organisation) | Q(source=organisation, target=venture),
            level=InterestLevel.NOT_INTERESTED,
        ).exists():
            raise DomainError(
                _("One of the two said it is not interested; they are not paired."),
                code="not_interested",
            )
        if MatchPair.objects.filter(
            matchmaking=locked, venture=venture, organisation=organisation
        ).exists():
            raise DomainError(_("These two are already paired."), code="pair_exists")
        for participant, field in ((venture, "venture"), (organisation, "organisation")):
            count = MatchPair.objects.filter(matchmaking=locked, **{field: participant}).count()
            if count >= participant.capacity:
                raise DomainError(
                    _(
                        "%(name)s already has %(count)d pairs, as many as it wants; raise its "
                        "capacity first."
                    )
                    % {"name": participant.actor.name, "count": count},
                    code="capacity_full",
                )
        _ventures, _organisations, weights = pair_weights(locked)
        value = weights.get((venture.pk, organisation.pk))
        return MatchPair.objects.create(
            matchmaking=locked,
            venture=venture,
            organisation=organisation,
            score=value.weight if value else 0.0,
            breakdown=value.breakdown if value else {},
            source=PairSource.MANUAL,
        )


def pair_remove(*, by: Any, pair: MatchPair) -> None:
    """Remove a pair (and its meeting) unless its outcome is recorded."""
    _require_runs(by, pair.matchmaking)
    meeting = Meeting.objects.filter(pair=pair).first()
    if meeting is not None and meeting.outcome != MeetingOutcome.PENDING:
        raise DomainError(_("This meeting's outcome is recorded."), code="outcomes_recorded")
    with transaction.atomic():
        locked = _lock(pair.matchmaking)
        pair.delete()
        if (locked.schedule_report or {}).get("violations"):
            _recheck_schedule(locked)


# --- Scheduling ------------------------------------------------------------------------


def _availability(matchmaking: MatchmakingEvent) -> dict[int, list[tuple[Any, Any]]]:
    availability: dict[int, list[tuple[Any, Any]]] = {}
    for slot in AvailabilitySlot.objects.filter(participant__matchmaking=matchmaking):
        availability.setdefault(slot.participant_id, []).append((slot.starts_at, slot.ends_at))
    return availability


def _names(matchmaking: MatchmakingEvent) -> dict[int, str]:
    return {p.pk: p.actor.name for p in matchmaking.participants.select_related("actor")}


def schedule_build(*, by: Any, matchmaking: MatchmakingEvent) -> dict[str, Any]:
    """Give every pair one meeting; write the meetings and the report, and return it."""
    _require_runs(by, matchmaking)
    with transaction.atomic():
        locked = _lock(matchmaking)
        _refuse_if_outcomes(locked)
        pairs = list(MatchPair.objects.filter(matchmaking=locked))
        if not pairs:
            raise DomainError(_("Propose pairs before building the schedule."), code="no_pairs")
        result = scheduling.build_schedule(
            [scheduling.PairToSchedule(p.pk, p.venture_id, p.organisation_id) for p in pairs],
            _availability(locked),
            (locked.window_starts_at, locked.window_ends_at),
            meeting_minutes=locked.meeting_minutes,
            break_minutes=locked.break_minutes,
            rooms=list(locked.rooms or []),
        )
        Meeting.objects.filter(pair__matchmaking=locked).delete()
        Meeting.objects.bulk_create(
            Meeting(
                pair_id=planned.key,
                starts_at=planned.starts_at,
                ends_at=planned.ends_at,
                room=planned.room,
            )
            for planned in result.meetings
        )
        report = {
            "built_at": timezone.now().isoformat(),
            "pairs": len(pairs),
            "scheduled": result.scheduled_count,
            "unscheduled": [
                {"pair": item.key, "reason": item.reason} for item in result.unscheduled
            ],
        }
        locked.schedule_report = report
        locked.status = MatchmakingStatus.SCHEDULED
        locked.save(update_fields=["schedule_report", "status", "updated_at"])
    matchmaking.refresh_from_db()
    return report


def _planned(meeting: Meeting) -> scheduling.PlannedMeeting:
    return scheduling.PlannedMeeting(
        meeting.pair_id,
        meeting.pair.venture_id,
        meeting.pair.organisation_id,
        meeting.starts_at,
        meeting.ends_at,
        meeting.room,
    )


def schedule_violations(matchmaking: MatchmakingEvent) -> list[scheduling.Violation]:
    """What is wrong with the schedule as it stands (after hand changes, or after the
    window, the meeting length, the break, the rooms or someone's availability changed)."""
    meetings = list(Meeting.objects.filter(pair__matchmaking=matchmaking).select_related("pair"))
    names = _names(matchmaking)
    violations = scheduling.check_schedule(
        [_planned(meeting) for meeting in meetings],
        _availability(matchmaking),
        (matchmaking.window_starts_at, matchmaking.window_ends_at),
        break_minutes=matchmaking.break_minutes,
        rooms=list(matchmaking.rooms or []),
        names=names,
    )
    length = datetime.timedelta(minutes=matchmaking.meeting_minutes)
    for meeting in meetings:
        if meeting.ends_at - meeting.starts_at != length:
            violations.append(
                scheduling.Violation(
                    "meeting_length",
                    _(
                        "The meeting of %(venture)s and %(organisation)s at %(when)s lasts "
                        "%(actual)d minutes, not %(minutes)d."
                    )
                    % {
                        "venture": names.get(meeting.pair.venture_id, ""),
                        "organisation": names.get(meeting.pair.organisation_id, ""),
                        "when": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
                        "actual": (meeting.ends_at - meeting.starts_at).total_seconds() // 60,
                        "minutes": matchmaking.meeting_minutes,
                    },
                    (meeting.pair_id,),
                )
            )
    return violations


def _recheck_schedule(locked: MatchmakingEvent) -> None:
    """Re-check a built schedule after a change it depends on, and keep what breaks in the
    report (``violations``), so staff see it on the console and in the API instead of a
    schedule silently left broken. Nothing to do before a schedule exists."""
    report = dict(locked.schedule_report or {})
    if not Meeting.objects.filter(pair__matchmaking=locked).exists():
        if report.get("violations"):
            report["violations"] = []
            locked.schedule_report = report
            locked.save(update_fields=["schedule_report", "updated_at"])
        return
    report["violations"] = [
        {"code": violation.code, "message": violation.message, "pairs": list(violation.keys)}
        for violation in schedule_violations(locked)
    ]
    report["checked_at"] = timezone.now().isoformat()
    locked.schedule_report = report
    locked.save(update_fields=["schedule_report", "updated_at"])


def meeting_set(
    *, by: Any, pair: MatchPair, starts_at: datetime.datetime, room: str = ""
) -> Meeting:
    """Place or move a pair's meeting by hand; refused, with every violation, if it breaks
    the schedule's rules."""
    _require_runs(by, pair.matchmaking)
    with transaction.atomic():
        locked = _lock(pair.matchmaking)
        ends_at = starts_at + datetime.timedelta(minutes=locked.meeting_minutes)
        room = (room or "").strip()
        others = [
            _planned(meeting)
            for meeting in Meeting.objects.filter(pair__matchmaking=locked)
            .exclude(pair=pair)
            .select_related("pair")
        ]
        moved = scheduling.PlannedMeeting(
            pair.pk, pair.venture_id, pair.organisation_id, starts_at, ends_at, room
        )
        violations = [
            violation
            for violation in scheduling.check_schedule(
                [*others, moved],
                _availability(locked),
                (locked.window_starts_at, locked.window_ends_at),
                break_minutes=locked.break_minutes,
                rooms=list(locked.rooms or []),
                names=_names(locked),
            )
            if pair.pk in violation.keys
        ]
        if violations:
            raise DomainError(
                [violation.message for violation in violations], code="schedule_violation"
            )
        meeting, _created = Meeting.objects.update_or_create(
            pair=pair, defaults={"starts_at": starts_at, "ends_at": ends_at, "room": room}
        )
        report = dict(locked.schedule_report or {})
        if report:
            report["unscheduled"] = [
                item for item in report.get("unscheduled", []) if item.get("pair") != pair.pk
            ]
            report["scheduled"] = Meeting.objects.filter(pair__matchmaking=locked).count()
            report["adjusted_at"] = timezone.now().isoformat()
            locked.schedule_report = report
            locked.save(update_fields=["schedule_report", "updated_at"])
        if (locked.schedule_report or {}).get("violations"):
            _recheck_schedule(locked)  # a move may have mended what a later change broke
    return meeting


# --- After the meetings ----------------------------------------------------------------


def outcome_record(*, by: Any, meeting: Meeting, outcome: str, note: str = "") -> Meeting:
    """Record what came of a meeting (staff, or someone acting for either party)."""
    pair = meeting.pair
    if not (
        runs_matchmaking(by, pair.matchmaking)
        or acts_for_participant(by, pair.venture)
        or acts_for_participant(by, pair.organisation)
    ):
        raise PermissionDenied
    if outcome not in MeetingOutcome.values:
        raise DomainError({"outcome": _("Unknown outcome.")}, code="outcome")
    meeting.outcome = outcome
    meeting.outcome_note = (note or "").strip()[:5000]
    meeting.outcome_recorded_by = by
    meeting.save(update_fields=["outcome", "outcome_note", "outcome_recorded_by", "updated_at"])
    return meeting


def partnership_from_meeting(*, by: Any, meeting: Meeting) -> Any:
    """The proposed design partnership of a meeting: created once, then the same one."""
    from kaveret.partnerships.models import Origin, Partnership
    from kaveret.partnerships.services import create_partnership

    pair = meeting.pair
    matchmaking = pair.matchmaking
    if not (
        runs_matchmaking(by, matchmaking)
        or acts_for_participant(by, pair.venture)
        or acts_for_participant(by, pair.organisation)
    ):
        raise PermissionDenied
    if meeting.outcome != MeetingOutcome.PARTNERSHIP_PROPOSED:
        raise DomainError(
            _("Record the outcome “design partnership proposed” first."),
            code="outcome_not_partnership",
        )
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        existing = Partnership.objects.filter(origin_meeting=meeting).order_by("pk").first()
        if existing is not None:
            return existing
        venture = pair.venture.actor.specific()
        organisation = pair.organisation.actor.specific()
        return create_partnership(
            user=by,
            organisation=organisation,
            venture=venture,
            title=f"{organisation.name} × {venture.name}"[:200],
            community=matchmaking.event.community,
            origin=Origin.MATCHMAKING,
            origin_meeting=meeting,
            summary=meeting.outcome_note,
        )


# --- Sending the schedules -------------------------------------------------------------


def participant_meetings(participant: MatchParticipant) -> list[Meeting]:
    return list(
        Meeting.objects.filter(Q(pair__venture=participant) | Q(pair__organisation=participant))
        .select_related("pair__venture__actor", "pair__organisation__actor")
        .order_by("starts_at", "pk")
    )


def schedule_ics(participant: MatchParticipant, meetings: Sequence[Meeting]) -> bytes:
    """The participant's meetings as an iCalendar file (times in Asia/Jerusalem)."""
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    israel = ISRAEL
    matchmaking = participant.matchmaking
    calendar = Calendar()
    calendar.add("prodid", "-//Kaveret//Matchmaking//HE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", matchmaking.title)
    calendar.add("x-wr-timezone", "Asia/Jerusalem")
    domain = getattr(settings, "SITE_URL", "") or "kaveret.local"
    host = domain.split("//")[-1].split("/")[0].split(":")[0] or "kaveret.local"
    for meeting in meetings:
        other = (
            meeting.pair.organisation
            if meeting.pair.venture_id == participant.pk
            else meeting.pair.venture
        )
        item = CalendarEvent()
        item.add("uid", f"matchmaking-{matchmaking.pk}-meeting-{meeting.pair_id}@{host}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", meeting.starts_at.astimezone(israel))
        item.add("dtend", meeting.ends_at.astimezone(israel))
        item.add("summary", f"{matchmaking.title}: {participant.actor.name} × {other.actor.name}")
        if meeting.room:
            item.add("location", meeting.room)
        calendar.add_component(item)
    return bytes(calendar.to_ical())


def _recipients(participant: MatchParticipant) -> list[Any]:
    people = {user.pk: user for user in users_acting_for(participant.actor_id)}
    if participant.contact is not None and participant.contact.is_active:
        people[participant.contact.pk] = participant.contact
    return [user for user in people.values() if user.email]


def schedules_send(*, by: Any, matchmaking: MatchmakingEvent) -> int:
    """E-mail each participant's schedule with an .ics file; returns how many mails went."""
    _require_runs(by, matchmaking)
    from django.urls import reverse

    from kaveret.notifications.services import absolute_url

    sent = 0
    israel = ISRAEL
    for participant in matchmaking.participants.select_related("actor", "contact"):
        meetings = participant_meetings(participant)
        if not meetings:
            continue
        ics = schedule_ics(participant, meetings)
        path = reverse("matching:matchmaking_participant", args=[matchmaking.pk, participant.pk])
        for user in _recipients(participant):
            language = getattr(user, "language", "") or settings.LANGUAGE_CODE
            with translation.override(language):
                rows = [
                    {
                        "starts_at": timezone.localtime(meeting.starts_at, israel),
                        "ends_at": timezone.localtime(meeting.ends_at, israel),
                        "other": (
                            meeting.pair.organisation
                            if meeting.pair.venture_id == participant.pk
                            else meeting.pair.venture
                        ).actor.name,
                        "room": meeting.room,
                    }
                    for meeting in meetings
                ]
                body = render_to_string(
                    "matching/matchmaking/email_schedule.txt",
                    {
                        "user": user,
                        "participant": participant,
                        "matchmaking": matchmaking,
                        "meetings": rows,
                        "url": absolute_url(path, language),
                    },
                )
                message = EmailMessage(
                    str(SUBJECT_SCHEDULE) % {"event": matchmaking.title}, body, None, [user.email]
                )
            message.attach(f"matchmaking-{matchmaking.pk}.ics", ics, "text/calendar")
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("Could not e-mail the schedule to user %s", user.pk)
                continue
            sent += 1
    return sent
