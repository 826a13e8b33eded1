"""Reads of communities."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from kaveret.accounts.roles import is_ecosystem_staff

from .models import Community, Membership, MembershipStatus


def visible_communities(user: Any) -> QuerySet[Community]:
    communities = Community.objects.all()
    return communities if is_ecosystem_staff(user) else communities.filter(is_public=True)


def communities_with_member_counts(user: Any) -> QuerySet[Community]:
    """Communities the user may see, each with ``member_count`` of its active members."""
    return (
        visible_communities(user)
        .select_related("domain")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )
        .order_by("name")
    )


def community_members(community: Community) -> QuerySet[Membership]:
    return (
        community.memberships.filter(status=MembershipStatus.ACTIVE)
        .select_related("actor", "person")
        .order_by("member_type", "actor__name", "person__full_name")
    )
