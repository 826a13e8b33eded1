"""The board of design partnerships in the permission walk (see README.md here).

The partnership walked is in ``personas.community`` (so its manager, the ``staff``
persona, runs it) between an organisation and a venture the entrepreneur does not act
for, and unpublished: the entrepreneur gets 404 on its pages. Anyone logged in has a
board (showing only their own partnerships) and may open the creation form if they act
for an organisation or venture or run a community (the entrepreneur does).
"""

from __future__ import annotations

from typing import Any

READ = {
    "partnerships:board": "user",
    "partnerships:create": "user",
    "partnerships:detail": "staff",
    "partnerships:edit": "staff",
    "partnerships:move": "none",
    "partnerships:factors": "none",
    "partnerships:timeline": "staff",
    "partnerships:stage_period": "staff",
}

WRITE_REFUSED = [
    "partnerships:edit",
    "partnerships:move",
    "partnerships:factors",
    "partnerships:stage_period",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.testing.partnerships_factories import full_partnership

    partnership = full_partnership(community=personas.community, user=personas.staff)
    base = f"/partnerships/{partnership.pk}/"
    return {
        "partnerships:board": "/partnerships/",
        "partnerships:create": "/partnerships/new/",
        "partnerships:detail": base,
        "partnerships:edit": f"{base}edit/",
        "partnerships:move": f"{base}move/",
        "partnerships:factors": f"{base}factors/",
        "partnerships:timeline": f"{base}timeline/",
        "partnerships:stage_period": f"{base}stages/define/",
    }
