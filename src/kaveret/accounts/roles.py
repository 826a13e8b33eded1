"""Which roles a user holds, read once per request and kept on the user object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import COMMUNITY_STAFF_ROLES, Role, RoleAssignment

_CACHE_ATTRIBUTE = "_kaveret_roles"


@dataclass(frozen=True)
class HeldRole:
    role: str
    community_id: int | None
    organisation_id: int | None
    venture_id: int | None


def held_roles(user: Any) -> frozenset[HeldRole]:
    """Every role the user holds; empty for anonymous users. One query per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        rows = RoleAssignment.objects.filter(user_id=user.pk).values_list(
            "role", "community_id", "organisation_id", "venture_id"
        )
        cached = frozenset(HeldRole(*row) for row in rows)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles, after roles were granted or revoked."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def is_platform_admin(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(
        held.role == Role.PLATFORM_ADMIN for held in held_roles(user)
    )


def is_ecosystem_staff(user: Any) -> bool:
    """Platform admins and the people who run a community (manager, coordinator, arena)."""
    if is_platform_admin(user):
        return True
    if user is None or not getattr(user, "is_active", False):
        return False
    return any(held.role in COMMUNITY_STAFF_ROLES for held in held_roles(user))


def represents_organisation(user: Any, organisation_id: int) -> bool:
    return any(
        held.role == Role.ORGANISATION_REPRESENTATIVE and held.organisation_id == organisation_id
        for held in held_roles(user)
    )


def is_entrepreneur_of(user: Any, venture_id: int) -> bool:
    return any(
        held.role == Role.ENTREPRENEUR and held.venture_id == venture_id
        for held in held_roles(user)
    )


def holds_community_role(user: Any, community_id: int, roles: frozenset[str]) -> bool:
    return any(
        held.role in roles and held.community_id == community_id for held in held_roles(user)
    )
