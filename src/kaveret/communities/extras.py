"""What other apps add to a community's page: knowledge, trends, contributions, work.

The community page reads these through one place, so ``views`` stays thin and the apps
that build on communities (knowledge, trends) are imported lazily, not at module level.
"""

from __future__ import annotations

from typing import Any

from .models import Community, Membership


def community_page_extras(user: Any, community: Community, *, members_part: bool) -> dict[str, Any]:
    return {}


def membership_contributions(membership: Membership) -> Any:
    return None
