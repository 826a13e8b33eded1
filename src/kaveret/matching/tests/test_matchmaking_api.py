"""The matchmaking API: the same rules as the pages, JSON errors, .ics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from icalendar import Calendar

from kaveret.matching.models import Interest, Meeting
from kaveret.testing.clients import client_as
from kaveret.testing.factories import EventFactory, VentureFactory
from kaveret.testing.matching_factories import (
    MatchmakingEventFactory,
    acting_for,
    matchmaking_round,
    matchmaking_staff,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/matchmaking"


def test_staff_run_a_round_end_to_end() -> None:
    existing = MatchmakingEventFactory()
    staff = matchmaking_staff(existing)
    event: Any = EventFactory(community=existing.event.community)
    client = client_as(staff)
    created = client.post(
        API,
        {"event_id": event.pk, "meeting_minutes": 30, "break_minutes": 10, "rooms": ["A"]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    start = event.starts_at
    participants = []
    for _ in range(2):
        response = client.post(
            f"{API}/{pk}/participants",
            {"actor_id": VentureFactory().pk, "capacity": 1},
            content_type="application/json",
        )
        assert response.status_code == 201
        participants.append(response.json()["id"])
    from kaveret.testing.factories import OrganisationFactory

    organisation = client.post(
        f"{API}/{pk}/participants",
        {"actor_id": OrganisationFactory().pk, "capacity": 2},
        content_type="application/json",
    ).json()["id"]
    for participant in [*participants, organisation]:
        response = client.put(
            f"{API}/{pk}/participants/{participant}/availability",
            {
                "slots": [
                    {
                        "starts_at": start.isoformat(),
                        "ends_at": (start + timedelta(hours=2)).isoformat(),
                    }
                ]
            },
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    interests_url = f"{API}/{pk}/participants/{participants[0]}/interests"
    not_interested = {"levels": {str(organisation): "not_interested"}}
    # "Not interested" is the participant's own word: staff cannot say it for them.
    refused = client.put(interests_url, not_interested, content_type="application/json")
    assert refused.status_code == 422
    from kaveret.matching.models import MatchParticipant
    from kaveret.testing.matching_factories import acting_for

    owner = client_as(acting_for(MatchParticipant.objects.get(pk=participants[0])))
    response = owner.put(interests_url, not_interested, content_type="application/json")
    assert response.json()["levels"] == {str(organisation): "not_interested"}
    overridden = client.put(
        interests_url, {"levels": {str(organisation): "must"}}, content_type="application/json"
    )
    assert overridden.status_code == 422
    pairs = client.post(
        f"{API}/{pk}/pairing", {"method": "stable"}, content_type="application/json"
    )
    assert pairs.status_code == 200
    assert [(p["venture_id"], p["organisation_id"]) for p in pairs.json()] == [
        (participants[1], organisation)
    ]
    report = client.post(f"{API}/{pk}/schedule").json()
    assert report["scheduled"] == 1 and report["unscheduled"] == []
    meetings = client.get(f"{API}/{pk}/meetings").json()
    assert meetings[0]["room"] == "A"


def test_a_move_that_breaks_the_schedule_is_422_with_every_violation() -> None:
    matchmaking, ventures, _ = matchmaking_round(1, 2, capacity=2)
    staff = matchmaking_staff(matchmaking)
    client = client_as(staff)
    client.post(f"{API}/{matchmaking.pk}/pairing", {}, content_type="application/json")
    client.post(f"{API}/{matchmaking.pk}/schedule")
    first, second = Meeting.objects.order_by("starts_at")
    response = client.put(
        f"{API}/{matchmaking.pk}/pairs/{second.pair_id}/meeting",
        {"starts_at": first.starts_at.isoformat(), "room": first.room},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert ventures[0].actor.name in response.json()["detail"]


def test_a_participant_reads_only_its_own_schedule_and_calendar() -> None:
    matchmaking, ventures, organisations = matchmaking_round(2, 1, capacity=2)
    staff = matchmaking_staff(matchmaking)
    client_as(staff).post(f"{API}/{matchmaking.pk}/pairing", {}, content_type="application/json")
    client_as(staff).post(f"{API}/{matchmaking.pk}/schedule")
    client = client_as(acting_for(ventures[0]))
    own = f"{API}/{matchmaking.pk}/participants/{ventures[0].pk}"
    other = f"{API}/{matchmaking.pk}/participants/{ventures[1].pk}"
    schedule = client.get(f"{own}/schedule").json()
    assert [row["organisation"] for row in schedule] == [organisations[0].actor.name]
    assert client.get(f"{other}/schedule").status_code == 404
    assert client.get(f"{API}/{matchmaking.pk}/pairs").status_code == 404
    assert client.post(f"{API}/{matchmaking.pk}/schedule").status_code == 404
    ics = client.get(f"{own}/schedule.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(ics.content).walk("VEVENT"))) == 1
    body = client.get(f"{API}/{matchmaking.pk}").json()
    assert body["runs"] is False and body["my_participants"] == [ventures[0].pk]
    assert [item["id"] for item in client.get(API).json()["items"]] == [matchmaking.pk]


def test_anonymous_gets_404_to_read_and_401_to_write() -> None:
    matchmaking, ventures, organisations = matchmaking_round(1, 1)
    anonymous = client_as()
    assert anonymous.get(f"{API}/{matchmaking.pk}").status_code == 404
    assert (
        anonymous.get(f"{API}/{matchmaking.pk}/participants/{ventures[0].pk}/schedule").status_code
        == 404
    )
    assert anonymous.post(f"{API}/{matchmaking.pk}/schedule").status_code == 401
    response = anonymous.put(
        f"{API}/{matchmaking.pk}/participants/{ventures[0].pk}/interests",
        {"levels": {str(organisations[0].pk): "must"}},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Interest.objects.exists()
    assert anonymous.get(API).json()["count"] == 0


def test_staff_of_another_community_cannot_run_it() -> None:
    matchmaking, _, _ = matchmaking_round(1, 1)
    outsider = client_as(matchmaking_staff(MatchmakingEventFactory()))
    assert (
        outsider.post(
            f"{API}/{matchmaking.pk}/pairing", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert outsider.get(f"{API}/{matchmaking.pk}/participants").status_code == 404
    event = EventFactory(community=matchmaking.event.community)
    response = outsider.post(API, {"event_id": event.pk}, content_type="application/json")
    assert response.status_code == 403


def test_staff_change_capacity_and_remove_a_participant_but_its_own_side_cannot() -> None:
    matchmaking, ventures, _organisations = matchmaking_round(2, 1)
    staff = client_as(matchmaking_staff(matchmaking))
    url = f"{API}/{matchmaking.pk}/participants/{ventures[0].pk}"
    own = client_as(acting_for(ventures[0]))
    assert own.patch(url, {"capacity": 9}, content_type="application/json").status_code == 404
    assert own.delete(url).status_code == 404
    response = staff.patch(url, {"capacity": 4}, content_type="application/json")
    assert response.status_code == 200 and response.json()["capacity"] == 4
    assert staff.delete(f"{API}/{matchmaking.pk}/participants/{ventures[1].pk}").status_code == 204
    assert matchmaking.participants.count() == 2
