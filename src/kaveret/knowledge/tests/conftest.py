"""A community that reviews knowledge, its manager and coordinator, a member, an outsider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pytest

from kaveret.accounts.models import Role, User
from kaveret.communities.models import Community
from kaveret.testing.factories import (
    CommunityFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@dataclass
class Hub:
    community: Community
    manager: User
    coordinator: User
    member: User
    outsider: User
    other_manager: User
    other_community: Community


def make_member(community: Community, **user_fields: Any) -> User:
    """A user who takes part in ``community`` through their own person's membership."""
    user = cast(User, UserFactory(**user_fields))
    MembershipFactory(community=community, actor=None, person=PersonFactory(user=user))
    return user


@pytest.fixture
def hub(db: Any) -> Hub:
    community = CommunityFactory(name="קהילת מוגבלות", name_en="Disability community")
    other = CommunityFactory(name="קהילה אחרת", name_en="Other community")
    manager = UserFactory(full_name="מנהלת הקהילה", language="en")
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    coordinator = UserFactory(full_name="רכזת הקהילה")
    RoleAssignmentFactory(user=coordinator, role=Role.COMMUNITY_COORDINATOR, community=community)
    other_manager = UserFactory(full_name="מנהל קהילה אחרת")
    RoleAssignmentFactory(user=other_manager, role=Role.COMMUNITY_MANAGER, community=other)
    return Hub(
        community=community,
        manager=manager,
        coordinator=coordinator,
        member=make_member(community, full_name="חברה בקהילה", language="en"),
        outsider=UserFactory(full_name="מבקר מבחוץ"),
        other_manager=other_manager,
        other_community=other,
    )


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """Uploaded files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
