"""The recommenders' pages in the permission walk (see README.md here).

The challenge walked is open, in ``personas.community`` and owned by its manager (the
``staff`` persona), so only staff may scout it. The entrepreneur sees the routing panel
and the fit list of their own venture, not an organisation's fit list nor the
assessments; visitors see none of them.
"""

from __future__ import annotations

from typing import Any

READ = {
    "matching:route": "user",
    "matching:scouting_panel": "staff",
    "matching:scouting_add": "none",
    "matching:scouting_update": "none",
    "matching:scouting_remove": "none",
    "matching:routing_panel": "user",
    "matching:venture_fit": "owner+staff",
    "matching:organisation_fit": "staff",
    "matching:assess": "staff",
}

WRITE_REFUSED = [
    "matching:scouting_add",
    "matching:scouting_update",
    "matching:scouting_remove",
    "matching:assess",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.matching.models import ScoutingEntry
    from kaveret.testing.challenges_factories import open_challenge
    from kaveret.testing.factories import OrganisationFactory

    challenge = open_challenge(community=personas.community, owner=personas.staff)
    entry = ScoutingEntry.objects.create(challenge=challenge, venture=personas.venture)
    organisation = OrganisationFactory()
    base = f"/match/scouting/{challenge.slug}/"
    return {
        "matching:route": "/match/route/",
        "matching:scouting_panel": base,
        "matching:scouting_add": f"{base}add/",
        "matching:scouting_update": f"{base}entries/{entry.pk}/",
        "matching:scouting_remove": f"{base}entries/{entry.pk}/remove/",
        "matching:routing_panel": f"/match/ventures/{personas.venture.pk}/routes/",
        "matching:venture_fit": f"/match/ventures/{personas.venture.pk}/fit/",
        "matching:organisation_fit": f"/match/organisations/{organisation.pk}/fit/",
        "matching:assess": f"/match/assess/{personas.venture.pk}/",
    }
