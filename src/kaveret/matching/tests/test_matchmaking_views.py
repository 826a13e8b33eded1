"""Matchmaking pages: the console, a participant's page, hand changes, permissions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from kaveret.matching import matchmaking_services as services
from kaveret.matching.models import Interest, InterestLevel, MatchPair, Meeting, MeetingOutcome
from kaveret.partnerships.models import Partnership
from kaveret.testing.clients import client_as
from kaveret.testing.factories import EventFactory, VentureFactory
from kaveret.testing.matching_factories import (
    MatchmakingEventFactory,
    acting_for,
    matchmaking_round,
    matchmaking_staff,
)

pytestmark = pytest.mark.django_db


def _scheduled(ventures: int = 2, organisations: int = 2):
    matchmaking, venture_side, organisation_side = matchmaking_round(ventures, organisations)
    staff = matchmaking_staff(matchmaking)
    services.pairing_run(by=staff, matchmaking=matchmaking)
    services.schedule_build(by=staff, matchmaking=matchmaking)
    return matchmaking, venture_side, organisation_side, staff


def test_console_shows_participants_matrix_pairs_and_schedule(
    django_assert_max_num_queries,
) -> None:
    matchmaking, ventures, organisations, staff = _scheduled(6, 6)
    client = client_as(staff)
    with django_assert_max_num_queries(20):
        response = client.get(f"/en/matchmaking/{matchmaking.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    for participant in ventures + organisations:
        assert participant.actor.name in page
    assert "Propose pairs" in page and "Build schedule" in page
    meeting = Meeting.objects.filter(pair__matchmaking=matchmaking).first()
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") in page


def test_staff_propose_pairs_and_build_the_schedule_from_the_console() -> None:
    matchmaking, _ventures, _organisations = matchmaking_round(2, 2)
    client = client_as(matchmaking_staff(matchmaking))
    response = client.post(f"/en/matchmaking/{matchmaking.pk}/pairing/", {"method": "stable"})
    assert response.status_code == 302
    assert MatchPair.objects.filter(matchmaking=matchmaking).count() == 4
    response = client.post(f"/en/matchmaking/{matchmaking.pk}/schedule/", follow=True)
    assert "4 of 4 pairs scheduled" in response.content.decode()
    assert Meeting.objects.filter(pair__matchmaking=matchmaking).count() == 4


def test_a_refused_move_lists_the_violations() -> None:
    matchmaking, _ventures, _organisations, staff = _scheduled(1, 2)
    first, second = Meeting.objects.filter(pair__matchmaking=matchmaking).order_by("starts_at")
    local = timezone.localtime(first.starts_at).strftime("%Y-%m-%dT%H:%M")
    response = client_as(staff).post(
        f"/en/matchmaking/{matchmaking.pk}/pairs/{second.pair_id}/meeting/",
        {"starts_at": local, "room": first.room},
        follow=True,
    )
    page = response.content.decode()
    assert "two meetings at once" in page
    second.refresh_from_db()
    assert second.starts_at != first.starts_at


def test_participant_states_interest_and_availability_and_sees_only_own_schedule() -> None:
    matchmaking, ventures, organisations, _staff = _scheduled(2, 1)
    entrepreneur = acting_for(ventures[0])
    client = client_as(entrepreneur)
    own = f"/en/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/"
    other = f"/en/matchmaking/{matchmaking.pk}/participants/{ventures[1].pk}/"
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    assert client.get(f"{other}schedule.ics").status_code == 404
    assert client.get(f"/en/matchmaking/{matchmaking.pk}/").status_code == 302
    response = client.post(
        f"{own}interests/", {f"interests-interest_{organisations[0].pk}": InterestLevel.MUST_MEET}
    )
    assert response.status_code == 302
    assert Interest.objects.get(source=ventures[0]).level == InterestLevel.MUST_MEET
    day = timezone.localtime(matchmaking.window_starts_at) + timedelta(days=1)
    response = client.post(
        f"{own}availability/", {"availability-ranges": f"{day:%Y-%m-%d} 09:00 - 12:30"}
    )
    assert response.status_code == 302
    slot = ventures[0].availability.get()
    assert timezone.localtime(slot.starts_at).hour == 9
    ics = client.get(f"{own}schedule.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    summaries = [str(item["summary"]) for item in Calendar.from_ical(ics.content).walk("VEVENT")]
    assert any(organisations[0].actor.name in summary for summary in summaries)


def test_bad_availability_keeps_what_was_typed() -> None:
    matchmaking, ventures, _ = matchmaking_round(1, 1)
    client = client_as(acting_for(ventures[0]))
    response = client.post(
        f"/en/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/availability/",
        {"availability-ranges": "tomorrow morning"},
    )
    assert response.status_code == 400
    assert "tomorrow morning" in response.content.decode()


def test_anonymous_and_other_community_staff_get_nothing() -> None:
    matchmaking, ventures, _, _ = _scheduled(1, 1)
    anonymous = client_as()
    assert anonymous.get(f"/matchmaking/{matchmaking.pk}/").status_code == 404
    response = anonymous.get(f"/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    outsider = client_as(matchmaking_staff(MatchmakingEventFactory()))
    assert outsider.get(f"/matchmaking/{matchmaking.pk}/").status_code == 404
    assert outsider.post(f"/matchmaking/{matchmaking.pk}/pairing/").status_code == 404
    assert outsider.post(f"/matchmaking/{matchmaking.pk}/schedule/").status_code == 404
    entrepreneur = client_as(acting_for(ventures[0]))
    assert entrepreneur.post(f"/matchmaking/{matchmaking.pk}/pairing/").status_code == 404


def test_staff_set_up_a_round_from_the_list() -> None:
    existing = MatchmakingEventFactory()
    staff = matchmaking_staff(existing)
    event = EventFactory(community=existing.event.community, title="Extreme TechAbility")
    client = client_as(staff)
    assert "New matchmaking round" in client.get("/en/matchmaking/").content.decode()
    response = client.post(
        "/en/matchmaking/new/",
        {
            "event": event.pk,
            "meeting_minutes": 30,
            "break_minutes": 10,
            "method": "stable",
            "rooms": "A\nB",
        },
    )
    assert response.status_code == 302
    assert event.matchmaking.rooms == ["A", "B"]


def test_staff_add_a_participant_and_a_pair_by_hand() -> None:
    matchmaking, _ventures, organisations = matchmaking_round(1, 1)
    client = client_as(matchmaking_staff(matchmaking))
    venture = VentureFactory()
    response = client.post(
        f"/en/matchmaking/{matchmaking.pk}/participants/add/",
        {"participant-actor": venture.pk, "participant-capacity": 2},
    )
    assert response.status_code == 302
    added = matchmaking.participants.get(actor_id=venture.pk)
    response = client.post(
        f"/en/matchmaking/{matchmaking.pk}/pairs/add/",
        {"pair-venture": added.pk, "pair-organisation": organisations[0].pk},
    )
    assert response.status_code == 302
    assert matchmaking.pairs.filter(venture=added).exists()


def test_one_click_partnership_opens_the_same_partnership_twice() -> None:
    matchmaking, _ventures, _organisations, staff = _scheduled(1, 1)
    meeting = Meeting.objects.get(pair__matchmaking=matchmaking)
    client = client_as(staff)
    client.post(
        f"/en/matchmaking/{matchmaking.pk}/meetings/{meeting.pk}/outcome/",
        {"outcome": MeetingOutcome.PARTNERSHIP_PROPOSED, "note": ""},
    )
    first = client.post(f"/en/matchmaking/{matchmaking.pk}/meetings/{meeting.pk}/partnership/")
    second = client.post(f"/en/matchmaking/{matchmaking.pk}/meetings/{meeting.pk}/partnership/")
    partnership = Partnership.objects.get()
    assert first["Location"] == second["Location"]
    assert (
        str(partnership.pk) in first["Location"]
        or partnership.get_absolute_url() in first["Location"]
    )


def test_participant_page_reads_in_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    matchmaking, ventures, _organisations, _staff = _scheduled(6, 6)
    client = client_as(acting_for(ventures[0]))
    with django_assert_max_num_queries(14):
        response = client.get(f"/en/matchmaking/{matchmaking.pk}/participants/{ventures[0].pk}/")
    assert response.status_code == 200


def test_outcome_form_does_not_redirect_off_site() -> None:
    matchmaking, ventures, _organisations, _staff = _scheduled(1, 1)
    meeting = Meeting.objects.get(pair__matchmaking=matchmaking)
    response = client_as(acting_for(ventures[0])).post(
        f"/en/matchmaking/{matchmaking.pk}/meetings/{meeting.pk}/outcome/",
        {"outcome": MeetingOutcome.FOLLOW_UP, "note": "", "next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    meeting.refresh_from_db()
    assert meeting.outcome == MeetingOutcome.FOLLOW_UP
