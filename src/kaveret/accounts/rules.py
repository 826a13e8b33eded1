"""Permissions on accounts: a user manages their own account; admins manage everyone's."""

from __future__ import annotations

from typing import Any

import rules

from .roles import is_ecosystem_staff, is_platform_admin


@rules.predicate
def platform_admin(user: Any) -> bool:
    return is_platform_admin(user)


@rules.predicate
def ecosystem_staff(user: Any) -> bool:
    return is_ecosystem_staff(user)


rules.add_perm("accounts.manage_roles", platform_admin)
rules.add_perm("accounts.view_staff_area", ecosystem_staff)
