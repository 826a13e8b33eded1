"""Who sees the evidence of an indicator's measurements (note, file, link, reporter).

Everyone who may see an indicator sees its values and periods; the evidence behind them is
for those who edit the indicator, report for it, funders and platform admins.
"""

from __future__ import annotations

from typing import Any

from kaveret.accounts.roles import is_platform_admin

from . import rules
from .models import Indicator


def sees_evidence(user: Any, indicator: Indicator) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(
        is_platform_admin(user)
        or rules.is_funder(user)
        or rules.can_edit_indicator(user, indicator)
        or rules.can_report(user, indicator)
    )
