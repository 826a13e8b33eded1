"""Who may see and run a community."""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import holds_community_role, is_ecosystem_staff, is_platform_admin

from .models import Community


@rules.predicate
def is_public_community(user: Any, community: Community | None) -> bool:
    return community is None or community.is_public


@rules.predicate
def ecosystem_staff(user: Any) -> bool:
    return is_ecosystem_staff(user)


@rules.predicate
def runs_community(user: Any, community: Community | None) -> bool:
    if community is None:
        return False
    return is_platform_admin(user) or holds_community_role(
        user, community.pk, COMMUNITY_STAFF_ROLES
    )


rules.add_perm("communities.view_community", is_public_community | ecosystem_staff)
rules.add_perm("communities.change_community", runs_community)


def get_community_for_user_or_404(user: Any, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not user.has_perm("communities.view_community", community):
        raise Http404
    return community
