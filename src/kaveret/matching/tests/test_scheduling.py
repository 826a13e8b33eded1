"""Scheduling: availability, no double booking, breaks, rooms, reasons, and the validator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kaveret.matching.scheduling import (
    ALL_TAKEN,
    NO_COMMON_AVAILABILITY,
    NO_ROOM,
    PairToSchedule,
    PlannedMeeting,
    build_schedule,
    check_schedule,
)

START = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WINDOW = (START, START + timedelta(hours=72))


def hours(a: float, b: float) -> tuple[datetime, datetime]:
    return (START + timedelta(hours=a), START + timedelta(hours=b))


def test_two_meetings_of_one_venture_get_a_break_between_them() -> None:
    pairs = [PairToSchedule(1, 1, 10), PairToSchedule(2, 1, 11)]
    availability = {1: [hours(0, 2)], 10: [hours(0, 2)], 11: [hours(0, 2)]}
    result = build_schedule(
        pairs, availability, WINDOW, meeting_minutes=45, break_minutes=15, rooms=["A"]
    )
    assert result.scheduled_count == 2
    first, second = result.meetings
    assert second.starts_at - first.ends_at >= timedelta(minutes=15)
    assert (
        check_schedule(result.meetings, availability, WINDOW, break_minutes=15, rooms=["A"]) == []
    )


def test_unschedulable_pairs_are_reported_with_the_reason() -> None:
    pairs = [PairToSchedule(1, 1, 10), PairToSchedule(2, 2, 11), PairToSchedule(3, 3, 10)]
    availability = {
        1: [hours(0, 1)],
        10: [hours(0, 1)],
        2: [hours(5, 6)],
        11: [hours(10, 11)],
        3: [hours(0, 1)],
    }
    result = build_schedule(pairs, availability, WINDOW, meeting_minutes=60, break_minutes=0)
    reasons = {item.key: item.reason for item in result.unscheduled}
    assert reasons[2] == NO_COMMON_AVAILABILITY
    assert ALL_TAKEN in (reasons.get(1), reasons.get(3))
    assert result.scheduled_count == 1


def test_one_room_for_two_simultaneous_pairs_reports_no_room() -> None:
    pairs = [PairToSchedule(1, 1, 10), PairToSchedule(2, 2, 11)]
    availability = {person: [hours(0, 1)] for person in (1, 2, 10, 11)}
    result = build_schedule(
        pairs, availability, WINDOW, meeting_minutes=60, break_minutes=0, rooms=["A"]
    )
    assert [item.reason for item in result.unscheduled] == [NO_ROOM]
    two_rooms = build_schedule(
        pairs, availability, WINDOW, meeting_minutes=60, break_minutes=0, rooms=["A", "B"]
    )
    assert {m.room for m in two_rooms.meetings} == {"A", "B"}


def test_most_constrained_pair_goes_first() -> None:
    # Venture 1 meets 10 (any time in 0-3) and 11 (only 0-1): 11 must get the first hour.
    pairs = [PairToSchedule(1, 1, 10), PairToSchedule(2, 1, 11)]
    availability = {1: [hours(0, 3)], 10: [hours(0, 3)], 11: [hours(0, 1)]}
    result = build_schedule(pairs, availability, WINDOW, meeting_minutes=60, break_minutes=30)
    assert result.scheduled_count == 2


def test_validator_lists_every_violation() -> None:
    availability = {1: [hours(0, 1)], 10: [hours(0, 1)], 11: [hours(0, 1)]}
    meetings = [
        PlannedMeeting(1, 1, 10, *hours(0, 1), room="A"),
        PlannedMeeting(2, 1, 11, *hours(0.5, 1.5), room="A"),
        PlannedMeeting(3, 1, 10, *hours(80, 81), room="Z"),
    ]
    codes = {
        v.code
        for v in check_schedule(
            meetings, availability, WINDOW, break_minutes=10, rooms=["A"], names={1: "Alpha"}
        )
    }
    assert {
        "double_booked",
        "room_double_booked",
        "unavailable",
        "outside_window",
        "pair_twice",
        "unknown_room",
    } <= codes


def test_validator_flags_a_missing_break() -> None:
    availability = {1: [hours(0, 3)], 10: [hours(0, 3)], 11: [hours(0, 3)]}
    meetings = [PlannedMeeting(1, 1, 10, *hours(0, 1)), PlannedMeeting(2, 1, 11, *hours(1, 2))]
    violations = check_schedule(
        meetings, availability, WINDOW, break_minutes=15, names={1: "Alpha"}
    )
    assert [v.code for v in violations] == ["no_break"]
    assert "Alpha" in violations[0].message


# --- Properties --------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn):
    ventures = list(range(1, draw(st.integers(1, 4)) + 1))
    organisations = list(range(10, 10 + draw(st.integers(1, 4))))
    availability = {}
    for person in ventures + organisations:
        slots = []
        for _ in range(draw(st.integers(0, 3))):
            begin = draw(st.integers(0, 70))
            slots.append(hours(begin, min(72, begin + draw(st.integers(1, 6)))))
        availability[person] = slots
    couples = draw(
        st.lists(
            st.tuples(st.sampled_from(ventures), st.sampled_from(organisations)),
            unique=True,
            max_size=10,
        )
    )
    pairs = [PairToSchedule(key, v, o) for key, (v, o) in enumerate(couples)]
    rooms = draw(st.sampled_from([[], ["A"], ["A", "B"]]))
    return (
        pairs,
        availability,
        rooms,
        draw(st.sampled_from([30, 45, 60])),
        draw(st.sampled_from([0, 15])),
    )


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_schedule_keeps_all_constraints(case) -> None:
    pairs, availability, rooms, meeting, pause = case
    result = build_schedule(
        pairs, availability, WINDOW, meeting_minutes=meeting, break_minutes=pause, rooms=rooms
    )
    assert (
        check_schedule(result.meetings, availability, WINDOW, break_minutes=pause, rooms=rooms)
        == []
    )
    keys = [m.key for m in result.meetings] + [u.key for u in result.unscheduled]
    assert sorted(keys) == sorted(pair.key for pair in pairs), "each pair once: met or reported"
    for planned in result.meetings:
        assert planned.ends_at - planned.starts_at == timedelta(minutes=meeting)
