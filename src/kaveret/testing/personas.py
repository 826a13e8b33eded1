"""The personas of permission tests: anonymous, an entrepreneur, and staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kaveret.accounts.models import Role, User
from kaveret.communities.models import Community
from kaveret.ecosystem.models import Venture

from .factories import CommunityFactory, RoleAssignmentFactory, UserFactory, VentureFactory


@dataclass
class Personas:
    entrepreneur: User
    staff: User
    admin: User
    venture: Venture
    community: Community


def make_personas() -> Personas:
    """An entrepreneur running one venture, a community manager, and a platform admin."""
    venture = VentureFactory()
    community = CommunityFactory()
    entrepreneur = UserFactory(email="entrepreneur@example.org")
    RoleAssignmentFactory(user=entrepreneur, role=Role.ENTREPRENEUR, venture=venture)
    staff = UserFactory(email="manager@example.org")
    RoleAssignmentFactory(user=staff, role=Role.COMMUNITY_MANAGER, community=community)
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    made: dict[str, Any] = {
        "entrepreneur": entrepreneur,
        "staff": staff,
        "admin": admin,
        "venture": venture,
        "community": community,
    }
    return Personas(**made)
