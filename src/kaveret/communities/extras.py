"""What the apps built on communities add to a community's page and a member's profile.

Knowledge items, trend signals and contributions live in apps that import communities,
so they are imported here inside the functions (never at module level), and the
community view reads them through this one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Community, Membership


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class Section:
    template: str
    data: Any


def contribution_rows(counts: Any) -> list[tuple[str, int]]:
    return [
        (_("Knowledge items published"), counts.knowledge_items),
        (_("Comments"), counts.comments),
        (_("Events attended"), counts.events_attended),
        (_("Challenge refinements"), counts.challenge_refinements),
    ]


@dataclass(frozen=True)
class ContributionTable:
    rows: list[tuple[str, int]]
    total: int


def membership_contributions(membership: Membership) -> ContributionTable | None:
    """A member's contributions for the profile; None when there is none yet."""
    from .contributions import contributions_of_membership

    counts = contributions_of_membership(membership)
    if not counts.total:
        return None
    return ContributionTable(rows=contribution_rows(counts), total=counts.total)


def community_page_extras(user: Any, community: Community, *, members_part: bool) -> dict[str, Any]:
    """Links and sections other apps add to the community page."""
    from kaveret.knowledge.selectors import latest_published_items
    from kaveret.trends.rules import can_view_community_trends

    from .contributions import community_contribution_stats

    links = [Link(reverse("knowledge:community_list", args=[community.slug]), _("Knowledge"))]
    if can_view_community_trends(user, community):
        links.append(Link(reverse("trends:radar", args=[community.slug]), _("Trend radar")))
    links.append(Link(reverse("communities:principles", args=[community.slug]), _("Principles")))
    sections = [
        Section(
            "communities/_latest_knowledge.html",
            {"community": community, "items": latest_published_items(user, community, limit=3)},
        )
    ]
    if members_part:
        stats = community_contribution_stats(community)
        sections.append(
            Section(
                "communities/_contribution_stats.html",
                {
                    "stats": stats,
                    "rows": contribution_rows(stats.totals),
                    "share": (
                        None
                        if stats.contributor_share is None
                        else round(stats.contributor_share * 100)
                    ),
                    "community": community,
                },
            )
        )
    return {"extra_links": links, "extra_sections": sections}
