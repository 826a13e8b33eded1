"""Who may see and change the portfolio, indicators, assessments and reports.

- **Portfolio** (work plans, areas, programmes, targets, budgets): a published plan is read
  by whoever may see its community (everyone for a plan without a community or of a public
  community; a hidden community's members otherwise); a draft only by its editors; funders
  read every plan. A plan is edited by platform admins and the staff of the plan's
  community (a plan without a community: platform admins only); a new plan is created by
  platform admins or by the staff of the community it is made for.
- **Indicators**: read with what they belong to (a programme's with its plan, a
  community's by its members and staff, a call's by those who run it, a partnership's by
  its parties); funders read every indicator. Defined and edited by the portfolio editors
  (programme/plan indicators), the community's staff, those who run the call, or the
  partnership's editors.
- **Measurements** are entered by their owners: the indicator's owner, and for a shared
  indicator each party's reporter (for that party only); platform admins too.
- **Assessments**: collective impact of a community by its staff (members read); the
  open-innovation maturity of an organisation by ecosystem staff (the organisation's
  representatives read theirs); partnership flags by the partnership's editors.
- **Dashboards**: a community's by its members and staff; the portfolio dashboard by
  funders, ecosystem staff and platform admins.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from kaveret.accounts.models import Role
from kaveret.accounts.roles import held_roles, is_ecosystem_staff, is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import (
    can_view_community,
    is_community_member,
    member_community_ids,
    represented_actor_ids,
    runs_community,
)

from .models import Indicator, IndicatorParty, WorkPlan


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_funder(user: Any) -> bool:
    return _active(user) and any(held.role == Role.FUNDER for held in held_roles(user))


def edits_portfolio(user: Any, plan: WorkPlan | None = None) -> bool:
    """Edit ``plan`` (its areas, programmes, targets, budget lines): platform admins, and
    the staff of the plan's community. Without a plan: whether the user may edit some part
    of the portfolio (platform admins and anyone who runs a community) -- to offer forms,
    never to grant rights over a given plan."""
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if plan is None:
        return is_ecosystem_staff(user)
    return plan.community is not None and bool(runs_community(user, plan.community))


def may_create_plan(user: Any, community: Community | None) -> bool:
    """Create a work plan for ``community`` (or move a plan there): platform admins, or that
    community's staff. A plan without a community: platform admins only."""
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    return community is not None and bool(runs_community(user, community))


def offers_new_plan(user: Any) -> bool:
    """Whether to offer the new-plan form: to those who may create a plan for some
    community (platform admins and community staff)."""
    return _active(user) and (is_platform_admin(user) or is_ecosystem_staff(user))


def can_view_plan(user: Any, plan: WorkPlan) -> bool:
    if edits_portfolio(user, plan) or is_funder(user):
        return True
    if not plan.is_published:
        return False
    if plan.community is None:
        return True
    return can_view_community(user if user is not None else AnonymousUser(), plan.community)


def visible_plans_condition(user: Any) -> Q:
    """The plans ``user`` may read (``can_view_plan``) as a query condition."""
    if _active(user) and (is_platform_admin(user) or is_funder(user)):
        return Q()
    from kaveret.partnerships.rules import staff_community_ids

    readable = Q(community__isnull=True) | Q(community__is_public=True)
    if _active(user):
        readable |= Q(community_id__in=member_community_ids(user))
        return Q(community_id__in=staff_community_ids(user)) | (Q(is_published=True) & readable)
    return Q(is_published=True) & readable


def reads_portfolio_dashboard(user: Any) -> bool:
    return _active(user) and (
        is_platform_admin(user) or is_ecosystem_staff(user) or is_funder(user)
    )


def can_view_community_dashboard(user: Any, community: Community) -> bool:
    if not _active(user):
        return False
    return runs_community(user, community) or is_community_member(user, community)


def can_view_indicator(user: Any, indicator: Indicator) -> bool:
    if is_funder(user) or (_active(user) and is_platform_admin(user)):
        return True
    if can_edit_indicator(user, indicator) or can_report(user, indicator):
        return True
    if indicator.programme is not None:
        return can_view_plan(user, indicator.programme.plan)
    if indicator.community_id is not None:
        community = indicator.community
        return community is not None and can_view_community_dashboard(user, community)
    if indicator.call_id is not None:
        from kaveret.calls.rules import runs_call

        return indicator.call is not None and runs_call(user, indicator.call)
    if indicator.partnership_id is not None:
        from kaveret.partnerships.rules import can_view_partnership

        return indicator.partnership is not None and can_view_partnership(
            user, indicator.partnership
        )
    # Attached to nothing: its owner and reporters (above), funders and admins.
    return False


def can_edit_indicator(user: Any, indicator: Indicator) -> bool:
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if indicator.programme is not None:
        return edits_portfolio(user, indicator.programme.plan)
    if indicator.community_id is not None:
        return runs_community(user, indicator.community)
    if indicator.call_id is not None:
        from kaveret.calls.rules import runs_call

        return indicator.call is not None and runs_call(user, indicator.call)
    if indicator.partnership_id is not None:
        from kaveret.partnerships.rules import can_edit_partnership

        return indicator.partnership is not None and can_edit_partnership(
            user, indicator.partnership
        )
    return indicator.owner_id == user.pk


def reporting_parties(user: Any, indicator: Indicator) -> list[IndicatorParty]:
    """The parties of a shared indicator for which ``user`` reports."""
    if not _active(user):
        return []
    return [party for party in indicator.parties.all() if party.reporter_id == user.pk]


def can_report(user: Any, indicator: Indicator, party: IndicatorParty | None = None) -> bool:
    """Enter a measurement: the owner; for a shared indicator, that party's reporter."""
    if not _active(user):
        return False
    if is_platform_admin(user) or indicator.owner_id == user.pk:
        return True
    if party is not None:
        return party.indicator_id == indicator.pk and party.reporter_id == user.pk
    return bool(reporting_parties(user, indicator))


def can_view_community_assessments(user: Any, community: Community) -> bool:
    return can_view_community(user, community) and can_view_community_dashboard(user, community)


def can_assess_community(user: Any, community: Community) -> bool:
    return _active(user) and runs_community(user, community)


def can_view_maturity(user: Any, organisation_id: int) -> bool:
    if not _active(user):
        return False
    return (
        is_platform_admin(user)
        or is_ecosystem_staff(user)
        or is_funder(user)
        or organisation_id in represented_actor_ids(user)
    )


def can_assess_maturity(user: Any) -> bool:
    return _active(user) and (is_platform_admin(user) or is_ecosystem_staff(user))
