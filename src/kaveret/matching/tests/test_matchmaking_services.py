"""Matchmaking services: setup, interest, pairing, scheduling, hand changes, mail, outcomes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from kaveret.core.errors import DomainError
from kaveret.matching import matchmaking_services as services
from kaveret.matching.models import (
    InterestLevel,
    MatchingMethod,
    MatchmakingStatus,
    MatchPair,
    Meeting,
    MeetingOutcome,
    PairSource,
)
from kaveret.partnerships.models import Origin, Partnership
from kaveret.testing.factories import EventFactory, VentureFactory
from kaveret.testing.matching_factories import (
    AvailabilitySlotFactory,
    InterestFactory,
    MatchmakingEventFactory,
    OrganisationParticipantFactory,
    VentureParticipantFactory,
    acting_for,
    matchmaking_round,
    matchmaking_staff,
)

pytestmark = pytest.mark.django_db


def test_staff_set_up_a_round_on_their_event_window_and_others_cannot() -> None:
    event = EventFactory()
    other = MatchmakingEventFactory()
    staff = matchmaking_staff(other)
    with pytest.raises(PermissionDenied):
        services.matchmaking_create(by=staff, event=event)
    own = EventFactory(community=other.event.community)
    matchmaking = services.matchmaking_create(by=staff, event=own, rooms=[" A ", "A", "", "B"])
    assert matchmaking.window_starts_at == own.starts_at
    assert matchmaking.rooms == ["A", "B"]
    assert matchmaking.status == MatchmakingStatus.INTEREST


def test_participant_side_follows_the_actor() -> None:
    matchmaking = MatchmakingEventFactory()
    staff = matchmaking_staff(matchmaking)
    venture = VentureFactory()
    participant = services.participant_add(by=staff, matchmaking=matchmaking, actor=venture)
    assert participant.side == "venture"
    with pytest.raises(DomainError):
        services.participant_add(by=staff, matchmaking=matchmaking, actor=venture)


def test_availability_must_sit_in_the_window_and_touching_ranges_merge() -> None:
    matchmaking, ventures, _ = matchmaking_round(1, 1)
    participant = ventures[0]
    user = acting_for(participant)
    start = matchmaking.window_starts_at
    slots = services.availability_set(
        by=user,
        participant=participant,
        slots=[
            (start, start + timedelta(hours=1)),
            (start + timedelta(hours=1), start + timedelta(hours=2)),
        ],
    )
    assert [(s.starts_at, s.ends_at) for s in slots] == [(start, start + timedelta(hours=2))]
    with pytest.raises(DomainError):
        services.availability_set(
            by=user, participant=participant, slots=[(start - timedelta(hours=1), start)]
        )


def test_interest_only_in_the_other_side_and_only_by_who_acts_for_the_source() -> None:
    _matchmaking, ventures, organisations = matchmaking_round(2, 1)
    user = acting_for(ventures[0])
    services.interest_set(
        by=user, source=ventures[0], target=organisations[0], level=InterestLevel.MUST_MEET
    )
    with pytest.raises(DomainError):
        services.interest_set(by=user, source=ventures[0], target=ventures[1], level="must")
    with pytest.raises(PermissionDenied):
        services.interest_set(by=user, source=ventures[1], target=organisations[0], level="must")


def test_staff_never_override_a_participants_not_interested() -> None:
    matchmaking, ventures, organisations = matchmaking_round(1, 2)
    staff = matchmaking_staff(matchmaking)
    owner = acting_for(ventures[0])
    source, target, other = ventures[0], organisations[0], organisations[1]
    services.interest_set(by=owner, source=source, target=target, level="not_interested")

    for level in (InterestLevel.MUST_MEET, InterestLevel.WOULD_LIKE, None):
        with pytest.raises(DomainError):
            services.interest_set(by=staff, source=source, target=target, level=level)
    with pytest.raises(DomainError):
        services.interests_set(by=staff, source=source, levels={target.pk: "must"})
    assert source.interests_given.get(target=target).level == "not_interested"
    # Re-sending the same answer (a whole form) is no change and is fine.
    services.interests_set(by=staff, source=source, levels={target.pk: "not_interested"})

    # Staff fill in other levels for who has not answered, but never "not interested".
    services.interest_set(by=staff, source=source, target=other, level="would_like")
    with pytest.raises(DomainError):
        services.interest_set(by=staff, source=source, target=other, level="not_interested")
    # The participant themselves may change their mind.
    services.interest_set(by=owner, source=source, target=target, level="must")
    assert source.interests_given.get(target=target).level == "must"


@pytest.mark.parametrize("method", [MatchingMethod.STABLE, MatchingMethod.MAX_WEIGHT])
def test_pairing_never_pairs_not_interested_and_respects_capacity(method: str) -> None:
    matchmaking, ventures, organisations = matchmaking_round(3, 3, capacity=2)
    InterestFactory(source=organisations[0], target=ventures[0], level=InterestLevel.NOT_INTERESTED)
    InterestFactory(source=ventures[1], target=organisations[2], level=InterestLevel.MUST_MEET)
    staff = matchmaking_staff(matchmaking)
    pairs = services.pairing_run(by=staff, matchmaking=matchmaking, method=method)
    chosen = {(p.venture_id, p.organisation_id) for p in pairs}
    assert (ventures[0].pk, organisations[0].pk) not in chosen
    assert (ventures[1].pk, organisations[2].pk) in chosen
    for participant in ventures + organisations:
        assert sum(participant.pk in pair for pair in chosen) <= 2
    pair = next(
        p
        for p in pairs
        if p.venture_id == ventures[1].pk and p.organisation_id == organisations[2].pk
    )
    assert pair.breakdown["venture_interest"] == 3.0
    assert "fit" in pair.breakdown
    matchmaking.refresh_from_db()
    assert matchmaking.method == method
    assert matchmaking.status == MatchmakingStatus.PAIRED


def test_rerun_keeps_hand_pairs_and_replaces_engine_pairs() -> None:
    matchmaking, ventures, organisations = matchmaking_round(2, 2, capacity=1)
    staff = matchmaking_staff(matchmaking)
    services.pair_add(by=staff, venture=ventures[0], organisation=organisations[1])
    services.pairing_run(by=staff, matchmaking=matchmaking)
    pairs = list(MatchPair.objects.filter(matchmaking=matchmaking))
    assert {(p.venture_id, p.organisation_id, p.source) for p in pairs} == {
        (ventures[0].pk, organisations[1].pk, PairSource.MANUAL),
        (ventures[1].pk, organisations[0].pk, PairSource.ENGINE),
    }


def test_hand_pair_refused_when_one_side_is_not_interested() -> None:
    matchmaking, ventures, organisations = matchmaking_round(1, 1)
    InterestFactory(source=ventures[0], target=organisations[0], level=InterestLevel.NOT_INTERESTED)
    with pytest.raises(DomainError):
        services.pair_add(
            by=matchmaking_staff(matchmaking), venture=ventures[0], organisation=organisations[0]
        )


def test_schedule_places_every_pair_once_and_reports_the_rest() -> None:
    matchmaking, _ventures, _organisations = matchmaking_round(3, 3, capacity=2)
    lonely = VentureParticipantFactory(matchmaking=matchmaking, capacity=1)
    AvailabilitySlotFactory(
        participant=lonely,
        starts_at=matchmaking.window_ends_at - timedelta(hours=2),
        ends_at=matchmaking.window_ends_at,
    )
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    report = services.schedule_build(by=staff, matchmaking=matchmaking)
    pairs = MatchPair.objects.filter(matchmaking=matchmaking)
    assert report["pairs"] == pairs.count()
    assert report["scheduled"] == Meeting.objects.filter(pair__matchmaking=matchmaking).count()
    lonely_pairs = {p.pk for p in pairs if p.venture_id == lonely.pk}
    assert lonely_pairs
    assert {item["pair"] for item in report["unscheduled"]} == lonely_pairs
    assert all(item["reason"] == "no_common_availability" for item in report["unscheduled"])
    assert services.schedule_violations(matchmaking) == []


def test_moving_a_meeting_onto_a_busy_participant_is_refused_with_the_reasons() -> None:
    matchmaking, ventures, _organisations = matchmaking_round(1, 2, capacity=2)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    first, second = Meeting.objects.filter(pair__matchmaking=matchmaking).order_by("starts_at")
    with pytest.raises(DomainError) as caught:
        services.meeting_set(by=staff, pair=second.pair, starts_at=first.starts_at, room=first.room)
    assert any(ventures[0].actor.name in message for message in caught.value.messages)
    later = matchmaking.window_starts_at + timedelta(hours=5)
    moved = services.meeting_set(by=staff, pair=second.pair, starts_at=later, room="חדר 2")
    assert moved.starts_at == later


def test_narrowed_availability_is_rechecked_and_reported() -> None:
    matchmaking, ventures, _organisations = matchmaking_round(1, 1, capacity=1)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    meeting = Meeting.objects.get(pair__matchmaking=matchmaking)
    start = matchmaking.window_starts_at
    assert "violations" not in matchmaking.schedule_report

    # The venture is now free only after the meeting: the meeting no longer fits.
    services.availability_set(
        by=acting_for(ventures[0]),
        participant=ventures[0],
        slots=[(meeting.ends_at + timedelta(hours=1), start + timedelta(hours=8))],
    )
    matchmaking.refresh_from_db()
    violations = matchmaking.schedule_report["violations"]
    assert violations
    assert all(item["pairs"] == [meeting.pair_id] for item in violations)
    assert any(ventures[0].actor.name in item["message"] for item in violations)

    # Moving the meeting into the new availability mends it, and the notice goes.
    services.meeting_set(
        by=staff, pair=meeting.pair, starts_at=meeting.ends_at + timedelta(hours=1), room="חדר 1"
    )
    matchmaking.refresh_from_db()
    assert matchmaking.schedule_report["violations"] == []


def test_a_shrunk_window_or_longer_meetings_are_rechecked_and_reported() -> None:
    matchmaking, _ventures, _organisations = matchmaking_round(1, 2, capacity=2)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    latest = Meeting.objects.filter(pair__matchmaking=matchmaking).order_by("-starts_at").first()
    assert latest is not None
    services.matchmaking_update(
        by=staff, matchmaking=matchmaking, values={"window_ends_at": latest.starts_at}
    )
    matchmaking.refresh_from_db()
    outside = {
        m.pair_id
        for m in Meeting.objects.filter(pair__matchmaking=matchmaking, ends_at__gt=latest.starts_at)
    }
    assert latest.pair_id in outside
    assert len(outside) < Meeting.objects.filter(pair__matchmaking=matchmaking).count()
    violations = matchmaking.schedule_report["violations"]
    assert {pair for item in violations for pair in item["pairs"]} == outside

    services.matchmaking_update(
        by=staff,
        matchmaking=matchmaking,
        values={
            "window_ends_at": matchmaking.window_starts_at + timedelta(hours=72),
            "meeting_minutes": matchmaking.meeting_minutes + 15,
        },
    )
    matchmaking.refresh_from_db()
    codes = {item["code"] for item in matchmaking.schedule_report["violations"]}
    assert codes == {"meeting_length"}


def test_the_console_and_api_show_a_schedule_broken_by_later_changes() -> None:
    from kaveret.testing.clients import client_as

    matchmaking, ventures, _organisations = matchmaking_round(1, 1, capacity=1)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    meeting = Meeting.objects.get(pair__matchmaking=matchmaking)
    services.availability_set(
        by=staff,
        participant=ventures[0],
        slots=[(meeting.ends_at, meeting.ends_at + timedelta(hours=1))],
    )
    client = client_as(staff)
    page = client.get(f"/en/matchmaking/{matchmaking.pk}/").content.decode()
    assert 'class="form-errors schedule-broken" role="alert"' in page
    assert page.index("schedule-broken") < page.index('id="settings"')
    body = client.get(f"/api/v1/matchmaking/{matchmaking.pk}").json()
    assert body["schedule_report"]["violations"]


def test_schedules_are_mailed_with_an_ics_in_israel_time() -> None:
    matchmaking, ventures, organisations = matchmaking_round(1, 1, capacity=1)
    entrepreneur = acting_for(ventures[0])
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    mail.outbox.clear()
    sent = services.schedules_send(by=staff, matchmaking=matchmaking)
    assert sent == 1
    message = mail.outbox[0]
    assert message.to == [entrepreneur.email]
    assert organisations[0].actor.name in message.body
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    meeting = Meeting.objects.get()
    start = events[0].decoded("dtstart")
    assert start == meeting.starts_at
    assert str(start.tzinfo) == "Asia/Jerusalem"
    assert organisations[0].actor.name in str(events[0]["summary"])


def test_partnership_created_once_from_a_proposed_partnership_meeting() -> None:
    matchmaking, ventures, _organisations = matchmaking_round(1, 1, capacity=1)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    meeting = Meeting.objects.get()
    with pytest.raises(DomainError):
        services.partnership_from_meeting(by=staff, meeting=meeting)
    services.outcome_record(
        by=staff, meeting=meeting, outcome=MeetingOutcome.PARTNERSHIP_PROPOSED, note="פיילוט"
    )
    first = services.partnership_from_meeting(by=staff, meeting=meeting)
    again = services.partnership_from_meeting(by=staff, meeting=meeting)
    assert first.pk == again.pk
    assert Partnership.objects.count() == 1
    assert first.origin == Origin.MATCHMAKING
    assert first.origin_meeting_id == meeting.pk
    assert first.venture_id == ventures[0].actor_id


def test_pairing_again_refused_once_outcomes_are_recorded() -> None:
    matchmaking, _, _ = matchmaking_round(1, 1, capacity=1)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    services.outcome_record(by=staff, meeting=Meeting.objects.get(), outcome=MeetingOutcome.NO_FIT)
    with pytest.raises(DomainError):
        services.pairing_run(by=staff, matchmaking=matchmaking)


def test_staff_of_another_community_cannot_run_pairing() -> None:
    matchmaking, _, _ = matchmaking_round(1, 1)
    outsider = matchmaking_staff(MatchmakingEventFactory())
    with pytest.raises(PermissionDenied):
        services.pairing_run(by=outsider, matchmaking=matchmaking)
    with pytest.raises(PermissionDenied):
        services.schedule_build(by=outsider, matchmaking=matchmaking)


def test_organisation_participant_factory_is_on_the_organisation_side() -> None:
    assert OrganisationParticipantFactory().side == "organisation"
