"""The challenge pages in the permission walk (see README.md here).

The challenge walked is open, in ``personas.community`` and owned by its manager (the
``staff`` persona); the entrepreneur is not a member of that community, so may read it
but not edit, comment, support, propose or decide.
"""

from __future__ import annotations

from typing import Any

READ = {
    "challenges:list": "all",
    "challenges:create": "staff",
    "challenges:detail": "all",
    "challenges:edit": "staff",
    "challenges:status": "none",
    "challenges:comment": "none",
    "challenges:support": "none",
    "challenges:propose": "staff",
    "challenges:decide": "none",
}

WRITE_REFUSED = [
    "challenges:create",
    "challenges:edit",
    "challenges:status",
    "challenges:comment",
    "challenges:support",
    "challenges:propose",
    "challenges:decide",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.testing.challenges_factories import EditProposalFactory, open_challenge

    challenge = open_challenge(community=personas.community, owner=personas.staff)
    proposal = EditProposalFactory(challenge=challenge)
    base = f"/challenges/{challenge.slug}/"
    return {
        "challenges:list": "/challenges/",
        "challenges:create": "/challenges/new/",
        "challenges:detail": base,
        "challenges:edit": f"{base}edit/",
        "challenges:status": f"{base}status/",
        "challenges:comment": f"{base}comments/",
        "challenges:support": f"{base}support/",
        "challenges:propose": f"{base}propose/",
        "challenges:decide": f"{base}proposals/{proposal.pk}/decide/",
    }
