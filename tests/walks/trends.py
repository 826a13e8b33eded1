"""Trend sensing pages in the permission walk (see README.md here).

The entrepreneur persona is not a member of ``personas.community``, so proposing is
refused to them; the manager (``staff``) proposes and curates.
"""

from __future__ import annotations

from typing import Any

from kaveret.testing.trends_factories import TrendSignalFactory

READ = {
    "trends:overview": "all",
    "trends:radar": "all",
    "trends:detail": "all",
    "trends:propose": "staff",
    "trends:queue": "staff",
    "trends:curate": "staff",
}

WRITE_REFUSED = ["trends:propose", "trends:curate"]


def urls(personas: Any) -> dict[str, str]:
    slug = personas.community.slug
    signal = TrendSignalFactory(community=personas.community)
    return {
        "trends:overview": "/trends/",
        "trends:radar": f"/trends/{slug}/",
        "trends:detail": f"/trends/{slug}/{signal.pk}/",
        "trends:propose": f"/trends/{slug}/new/",
        "trends:queue": f"/trends/{slug}/queue/",
        "trends:curate": f"/trends/{slug}/{signal.pk}/curate/",
    }
