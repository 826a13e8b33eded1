"""The matchmaking pages in the permission walk (see README.md here).

The round walked belongs to an event of ``personas.community`` (run by the ``staff``
persona). The entrepreneur's venture takes part, so the entrepreneur reads its own
participant page and calendar file, but not the console (redirected to its own page) nor
anything else; visitors are sent to log in.
"""

from __future__ import annotations

from typing import Any

READ = {
    "matching:matchmaking_list": "user",
    "matching:matchmaking_create": "staff",
    "matching:matchmaking_detail": "staff",
    "matching:matchmaking_settings": "none",
    "matching:matchmaking_participant_add": "none",
    "matching:matchmaking_participant": "owner+staff",
    "matching:matchmaking_participant_capacity": "none",
    "matching:matchmaking_participant_remove": "none",
    "matching:matchmaking_interests": "none",
    "matching:matchmaking_availability": "none",
    "matching:matchmaking_ics": "owner+staff",
    "matching:matchmaking_pairing": "none",
    "matching:matchmaking_schedule": "none",
    "matching:matchmaking_send": "none",
    "matching:matchmaking_pair_add": "none",
    "matching:matchmaking_pair_remove": "none",
    "matching:matchmaking_meeting": "none",
    "matching:matchmaking_outcome": "none",
    "matching:matchmaking_partnership": "none",
}

WRITE_REFUSED = [
    "matching:matchmaking_create",
    "matching:matchmaking_settings",
    "matching:matchmaking_participant_add",
    "matching:matchmaking_participant_capacity",
    "matching:matchmaking_participant_remove",
    "matching:matchmaking_pairing",
    "matching:matchmaking_schedule",
    "matching:matchmaking_send",
    "matching:matchmaking_pair_add",
    "matching:matchmaking_pair_remove",
    "matching:matchmaking_meeting",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.matching import matchmaking_services as services
    from kaveret.testing.factories import EventFactory
    from kaveret.testing.matching_factories import (
        AvailabilitySlotFactory,
        MatchmakingEventFactory,
        OrganisationParticipantFactory,
        VentureParticipantFactory,
    )

    matchmaking = MatchmakingEventFactory(event__community=personas.community)
    EventFactory(community=personas.community)  # one without a round, for "new"
    venture = VentureParticipantFactory(matchmaking=matchmaking, actor=personas.venture)
    organisation = OrganisationParticipantFactory(matchmaking=matchmaking)
    for participant in (venture, organisation):
        AvailabilitySlotFactory(participant=participant)
    services.pairing_run(by=personas.staff, matchmaking=matchmaking)
    services.schedule_build(by=personas.staff, matchmaking=matchmaking)
    pair = matchmaking.pairs.get()
    meeting = pair.meeting
    base = f"/matchmaking/{matchmaking.pk}/"
    return {
        "matching:matchmaking_list": "/matchmaking/",
        "matching:matchmaking_create": "/matchmaking/new/",
        "matching:matchmaking_detail": base,
        "matching:matchmaking_settings": f"{base}settings/",
        "matching:matchmaking_participant_add": f"{base}participants/add/",
        "matching:matchmaking_participant": f"{base}participants/{venture.pk}/",
        "matching:matchmaking_participant_capacity": f"{base}participants/{venture.pk}/capacity/",
        "matching:matchmaking_participant_remove": f"{base}participants/{organisation.pk}/remove/",
        "matching:matchmaking_interests": f"{base}participants/{venture.pk}/interests/",
        "matching:matchmaking_availability": f"{base}participants/{venture.pk}/availability/",
        "matching:matchmaking_ics": f"{base}participants/{venture.pk}/schedule.ics",
        "matching:matchmaking_pairing": f"{base}pairing/",
        "matching:matchmaking_schedule": f"{base}schedule/",
        "matching:matchmaking_send": f"{base}send/",
        "matching:matchmaking_pair_add": f"{base}pairs/add/",
        "matching:matchmaking_pair_remove": f"{base}pairs/{pair.pk}/remove/",
        "matching:matchmaking_meeting": f"{base}pairs/{pair.pk}/meeting/",
        "matching:matchmaking_outcome": f"{base}meetings/{meeting.pk}/outcome/",
        "matching:matchmaking_partnership": f"{base}meetings/{meeting.pk}/partnership/",
    }
