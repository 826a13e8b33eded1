"""Who sees the evidence of an indicator's measurements (note, file, link, reporter).

Everyone who may see an indicator sees its values and periods; the evidence behind them is
for those who edit the indicator, report for it, funders and platform admins.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.rules import member_community_ids

from . import rules
from .models import Indicator, IndicatorParty, WorkPlan


def sees_evidence(user: Any, indicator: Indicator) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(
        is_platform_admin(user)
        or rules.is_funder(user)
        or rules.can_edit_indicator(user, indicator)
        or rules.can_report(user, indicator)
    )


def visible_indicators_condition(user: Any) -> Q:
    """The indicators ``user`` may see (``rules.can_view_indicator``) as a query condition.

    Programme indicators of plans the user may read, community indicators of communities
    they are a member or staff of, call indicators of calls they run, partnership
    indicators of partnerships they fully see, and whatever they own or report for.
    Platform admins and funders see all.
    """
    from kaveret.partnerships.models import Partnership
    from kaveret.partnerships.rules import full_view_condition, staff_community_ids

    plans = WorkPlan.objects.filter(rules.visible_plans_condition(user)).values("pk")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(programme__plan__in=plans)
    if is_platform_admin(user) or rules.is_funder(user):
        return Q()
    staff = staff_community_ids(user)
    condition = (
        Q(owner_id=user.pk)
        | Q(pk__in=IndicatorParty.objects.filter(reporter_id=user.pk).values("indicator_id"))
        | Q(community_id__in=set(staff) | set(member_community_ids(user)))
        | Q(call__community_id__in=staff)
        | Q(partnership__in=Partnership.objects.filter(full_view_condition(user)).values("pk"))
    )
    # Programme indicators go with their plan (``rules.can_view_plan``); indicators attached
    # to nothing only to their owner and reporters (above).
    return condition | Q(programme__plan__in=plans)
