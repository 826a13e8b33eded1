"""The meeting schedule of a matchmaking event: pure functions, no database.

``build_schedule`` gives each pair one meeting of ``meeting_minutes``:

- inside the event window and inside an availability slot of both participants;
- nobody in two meetings at once, and at least ``break_minutes`` between two meetings
  of the same participant;
- a room (or online link) from ``rooms`` that nobody else uses at that time; with no
  rooms given, meetings have no room and rooms never limit the schedule.

Method: start times on a grid of ``step_minutes`` (on the clock: 9:00, 9:15...). The pair with
the fewest possible starts goes first; among its starts it takes the one that removes
the fewest options of the pairs still waiting (earliest on ties). A pair left without a
start is then repaired: one meeting that blocks it is moved to another free start, if
that frees a start for the waiting pair. What still cannot be placed is reported with
its reason. Every placement is checked against all constraints, so the schedule is
always valid; ``check_schedule`` re-checks a schedule after staff adjust it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _

Interval = tuple[datetime, datetime]

NO_COMMON_AVAILABILITY = "no_common_availability"
ALL_TAKEN = "all_taken"
NO_ROOM = "no_room"

# Start times are multiples of the step from here (Israel is a whole number of hours off).
GRID_ORIGIN = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PairToSchedule:
    key: int
    venture: int
    organisation: int


@dataclass(frozen=True)
class PlannedMeeting:
    key: int  # the pair's key
    venture: int
    organisation: int
    starts_at: datetime
    ends_at: datetime
    room: str = ""


@dataclass(frozen=True)
class Unscheduled:
    key: int
    reason: str


@dataclass
class ScheduleResult:
    meetings: list[PlannedMeeting]
    unscheduled: list[Unscheduled]

    @property
    def scheduled_count(self) -> int:
        return len(self.meetings)


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    keys: tuple[int, ...] = ()


def _inside(start: datetime, end: datetime, slots: Iterable[Interval]) -> bool:
    return any(slot_start <= start and end <= slot_end for slot_start, slot_end in slots)


def candidate_starts(
    pair: PairToSchedule,
    availability: Mapping[int, Sequence[Interval]],
    window: Interval,
    meeting: timedelta,
    step: timedelta,
) -> list[datetime]:
    """Every grid start at which both parties are available for the whole meeting."""
    venture_slots = availability.get(pair.venture, ())
    organisation_slots = availability.get(pair.organisation, ())
    starts: list[datetime] = []
    for venture_start, venture_end in venture_slots:
        for organisation_start, organisation_end in organisation_slots:
            start = max(venture_start, organisation_start, window[0])
            end = min(venture_end, organisation_end, window[1])
            # Align to the clock (quarter hours by default), not to the window's seconds.
            offset = (start - GRID_ORIGIN) % step
            if offset:
                start += step - offset
            while start + meeting <= end:
                starts.append(start)
                start += step
    return sorted(set(starts))


class _Board:
    """Who and which room is busy when, for checking placements."""

    def __init__(self, meeting: timedelta, pause: timedelta, rooms: Sequence[str]) -> None:
        self.meeting = meeting
        self.pause = pause
        self.rooms = list(rooms)
        self.busy: dict[int, list[tuple[datetime, int]]] = {}
        self.room_busy: dict[str, list[tuple[datetime, int]]] = {room: [] for room in rooms}
        self.placed: dict[int, PlannedMeeting] = {}

    def person_free(self, person: int, start: datetime, ignore: int | None = None) -> bool:
        gap = self.meeting + self.pause
        return all(
            key == ignore or abs(start - other) >= gap for other, key in self.busy.get(person, ())
        )

    def free_room(self, start: datetime, ignore: int | None = None) -> str | None:
        if not self.rooms:
            return ""
        for room in self.rooms:
            if all(
                key == ignore or abs(start - other) >= self.meeting
                for other, key in self.room_busy[room]
            ):
                return room
        return None

    def fits(self, pair: PairToSchedule, start: datetime, ignore: int | None = None) -> bool:
        return (
            self.person_free(pair.venture, start, ignore)
            and self.person_free(pair.organisation, start, ignore)
            and self.free_room(start, ignore) is not None
        )

    def place(self, pair: PairToSchedule, start: datetime) -> None:
        room = self.free_room(start)
        assert room is not None
        self.busy.setdefault(pair.venture, []).append((start, pair.key))
        self.busy.setdefault(pair.organisation, []).append((start, pair.key))
        if self.rooms:
            self.room_busy[room].append((start, pair.key))
        self.placed[pair.key] = PlannedMeeting(
            pair.key, pair.venture, pair.organisation, start, start + self.meeting, room
        )

    def remove(self, pair: PairToSchedule) -> None:
        planned = self.placed.pop(pair.key)
        for person in (pair.venture, pair.organisation):
            self.busy[person] = [item for item in self.busy[person] if item[1] != pair.key]
        if planned.room:
            self.room_busy[planned.room] = [
                item for item in self.room_busy[planned.room] if item[1] != pair.key
            ]


def build_schedule(
    pairs: Sequence[PairToSchedule],
    availability: Mapping[int, Sequence[Interval]],
    window: Interval,
    *,
    meeting_minutes: int,
    break_minutes: int,
    rooms: Sequence[str] = (),
    step_minutes: int = 15,
) -> ScheduleResult:
    """One meeting per pair where possible; the rest reported with the reason."""
    meeting = timedelta(minutes=meeting_minutes)
    pause = timedelta(minutes=break_minutes)
    step = timedelta(minutes=max(1, step_minutes))
    board = _Board(meeting, pause, rooms)
    starts = {
        pair.key: candidate_starts(pair, availability, window, meeting, step) for pair in pairs
    }
    by_key = {pair.key: pair for pair in pairs}
    waiting = [pair for pair in pairs if starts[pair.key]]
    failed: list[PairToSchedule] = []

    while waiting:
        options = {
            pair.key: [start for start in starts[pair.key] if board.fits(pair, start)]
            for pair in waiting
        }
        waiting.sort(key=lambda p: (len(options[p.key]), p.key))
        pair = waiting.pop(0)
        if not options[pair.key]:
            failed.append(pair)
            continue
        others = [
            other
            for other in waiting
            if {other.venture, other.organisation} & {pair.venture, pair.organisation}
        ]
        best = min(
            options[pair.key],
            key=lambda start: (_damage(board, pair, start, others, options), start),
        )
        board.place(pair, best)

    still_failed = [pair for pair in failed if not _repair(board, pair, starts, by_key)]
    unscheduled = [
        Unscheduled(pair.key, _reason(board, pair, starts[pair.key])) for pair in still_failed
    ]
    unscheduled += [
        Unscheduled(pair.key, NO_COMMON_AVAILABILITY) for pair in pairs if not starts[pair.key]
    ]
    meetings = sorted(board.placed.values(), key=lambda m: (m.starts_at, m.room, m.key))
    return ScheduleResult(meetings, sorted(unscheduled, key=lambda u: u.key))


def _damage(
    board: _Board,
    pair: PairToSchedule,
    start: datetime,
    others: Sequence[PairToSchedule],
    options: Mapping[int, Sequence[datetime]],
) -> int:
    """How many options of the waiting pairs that share a participant this start removes."""
    gap = board.meeting + board.pause
    shared = {pair.venture, pair.organisation}
    lost = 0
    for other in others:
        if shared & {other.venture, other.organisation}:
            lost += sum(1 for option in options[other.key] if abs(option - start) < gap)
    return lost


def _repair(
    board: _Board,
    pair: PairToSchedule,
    starts: Mapping[int, Sequence[datetime]],
    by_key: Mapping[int, PairToSchedule],
) -> bool:
    """Place ``pair`` by moving one meeting that blocks it to another free start."""
    for start in starts[pair.key]:
        if board.fits(pair, start):
            board.place(pair, start)
            return True
        blockers = _blockers(board, pair, start)
        if len(blockers) != 1:
            continue
        blocker = by_key[blockers[0]]
        old_start = board.placed[blocker.key].starts_at
        board.remove(blocker)
        if board.fits(pair, start):
            board.place(pair, start)
            for new_start in starts[blocker.key]:
                if new_start != old_start and board.fits(blocker, new_start):
                    board.place(blocker, new_start)
                    return True
            board.remove(pair)
        board.place(blocker, old_start)
    return False


def _blockers(board: _Board, pair: PairToSchedule, start: datetime) -> list[int]:
    gap = board.meeting + board.pause
    keys = {
        key
        for person in (pair.venture, pair.organisation)
        for other, key in board.busy.get(person, ())
        if abs(start - other) < gap
    }
    if not keys and board.rooms and board.free_room(start) is None:
        keys = {
            key
            for room in board.rooms
            for other, key in board.room_busy[room]
            if abs(start - other) < board.meeting
        }
    return sorted(keys)


def _reason(board: _Board, pair: PairToSchedule, starts: Sequence[datetime]) -> str:
    if not starts:
        return NO_COMMON_AVAILABILITY
    people_free = any(
        board.person_free(pair.venture, start) and board.person_free(pair.organisation, start)
        for start in starts
    )
    return NO_ROOM if people_free else ALL_TAKEN


def reason_label(reason: str) -> str:
    return {
        NO_COMMON_AVAILABILITY: _("The two have no common availability in the event window."),
        ALL_TAKEN: _("Their common availability is all taken by other meetings."),
        NO_ROOM: _("No room or online link is free when both are available."),
    }.get(reason, reason)


def check_schedule(
    meetings: Sequence[PlannedMeeting],
    availability: Mapping[int, Sequence[Interval]],
    window: Interval,
    *,
    break_minutes: int,
    rooms: Sequence[str] = (),
    names: Mapping[int, str] | None = None,
) -> list[Violation]:
    """Every broken rule of a schedule, each with a message naming who and when."""
    names = names or {}
    pause = timedelta(minutes=break_minutes)
    violations: list[Violation] = []

    def name(person: int) -> str:
        return names.get(person, str(person))

    def when(moment: datetime) -> str:
        from django.utils import timezone

        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

    seen: dict[tuple[int, int], int] = {}
    for meeting in meetings:
        couple = (meeting.venture, meeting.organisation)
        label = {
            "venture": name(meeting.venture),
            "organisation": name(meeting.organisation),
            "when": when(meeting.starts_at),
        }
        if couple in seen:
            violations.append(
                Violation(
                    "pair_twice",
                    _("%(venture)s and %(organisation)s meet more than once.") % label,
                    (seen[couple], meeting.key),
                )
            )
        seen[couple] = meeting.key
        if meeting.ends_at <= meeting.starts_at:
            violations.append(
                Violation(
                    "ends_before_start",
                    _(
                        "The meeting of %(venture)s and %(organisation)s at %(when)s "
                        "ends before it starts."
                    )
                    % label,
                    (meeting.key,),
                )
            )
        if meeting.starts_at < window[0] or meeting.ends_at > window[1]:
            violations.append(
                Violation(
                    "outside_window",
                    _(
                        "The meeting of %(venture)s and %(organisation)s at %(when)s "
                        "is outside the event window."
                    )
                    % label,
                    (meeting.key,),
                )
            )
        for person in couple:
            if not _inside(meeting.starts_at, meeting.ends_at, availability.get(person, ())):
                violations.append(
                    Violation(
                        "unavailable",
                        _("%(person)s is not available for the meeting at %(when)s.")
                        % {"person": name(person), "when": label["when"]},
                        (meeting.key,),
                    )
                )
        if rooms and meeting.room not in rooms:
            violations.append(
                Violation(
                    "unknown_room",
                    _("The room “%(room)s” is not one of the event's rooms.")
                    % {"room": meeting.room},
                    (meeting.key,),
                )
            )

    ordered = sorted(meetings, key=lambda m: (m.starts_at, m.key))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.starts_at >= first.ends_at + pause:
                break
            for person in {first.venture, first.organisation} & {
                second.venture,
                second.organisation,
            }:
                overlap = second.starts_at < first.ends_at
                violations.append(
                    Violation(
                        "double_booked" if overlap else "no_break",
                        (
                            _("%(person)s has two meetings at once, at %(first)s and %(second)s.")
                            if overlap
                            else _(
                                "%(person)s has no break between the meetings "
                                "at %(first)s and %(second)s."
                            )
                        )
                        % {
                            "person": name(person),
                            "first": when(first.starts_at),
                            "second": when(second.starts_at),
                        },
                        (first.key, second.key),
                    )
                )
            if first.room and first.room == second.room and second.starts_at < first.ends_at:
                violations.append(
                    Violation(
                        "room_double_booked",
                        _(
                            "The room “%(room)s” holds two meetings at once, "
                            "at %(first)s and %(second)s."
                        )
                        % {
                            "room": first.room,
                            "first": when(first.starts_at),
                            "second": when(second.starts_at),
                        },
                        (first.key, second.key),
                    )
                )
    return violations
