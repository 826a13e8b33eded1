"""Reading calls: the open, upcoming and closed lists, a call's page, the feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import held_roles, is_platform_admin
from kaveret.challenges.models import Challenge, ChallengeStatus
from kaveret.challenges.rules import visible_challenges_condition
from kaveret.communities.models import Community
from kaveret.communities.rules import visible_community_condition

from .models import Call, RubricCriterion


@dataclass(frozen=True)
class CallFilters:
    mechanism: str = ""
    community: str = ""
    offer: str = ""


def visible_calls(user: Any) -> QuerySet[Call]:
    """Published calls of communities the user may see (or of no community)."""
    return (
        Call.objects.filter(is_published=True)
        .filter(Q(community__isnull=True) | visible_community_condition(user, prefix="community__"))
        .select_related("community")
    )


def communities_with_calls(user: Any) -> QuerySet[Community]:
    """The communities of the published calls the user may see, for the list's filter."""
    return Community.objects.filter(pk__in=visible_calls(user).values("community_id"))


def _filtered(calls: QuerySet[Call], filters: CallFilters) -> QuerySet[Call]:
    if filters.mechanism:
        calls = calls.filter(mechanism=filters.mechanism)
    if filters.community:
        calls = calls.filter(community__slug=filters.community)
    if filters.offer:
        # The offers are a JSON list of plain values; its text holds each one quoted.
        calls = calls.filter(offers__icontains=f'"{filters.offer}"')
    return calls


def open_calls(user: Any, filters: CallFilters | None = None) -> QuerySet[Call]:
    """Published calls that have opened and whose deadline has not passed, soonest first."""
    now = timezone.now()
    calls = visible_calls(user).filter(opens_at__lte=now, deadline__gt=now)
    return _filtered(calls, filters or CallFilters()).order_by("deadline", "pk")


def upcoming_calls(user: Any, filters: CallFilters | None = None) -> QuerySet[Call]:
    """Published calls not yet open, by opening time."""
    calls = visible_calls(user).filter(opens_at__gt=timezone.now())
    return _filtered(calls, filters or CallFilters()).order_by("opens_at", "pk")


def closed_calls(user: Any, filters: CallFilters | None = None) -> QuerySet[Call]:
    """Published calls whose deadline has passed, latest first."""
    calls = visible_calls(user).filter(deadline__lte=timezone.now())
    return _filtered(calls, filters or CallFilters()).order_by("-deadline", "-pk")


def run_community_ids(user: Any) -> set[int]:
    return {
        held.community_id
        for held in held_roles(user)
        if held.role in COMMUNITY_STAFF_ROLES and held.community_id
    }


def communities_for_new_call(user: Any) -> QuerySet[Community]:
    """The communities in which the user may open a call."""
    if is_platform_admin(user):
        return Community.objects.order_by("name")
    return Community.objects.filter(pk__in=run_community_ids(user)).order_by("name")


def may_open_a_call(user: Any) -> bool:
    return is_platform_admin(user) or bool(run_community_ids(user))


def unpublished_calls_run_by(user: Any) -> QuerySet[Call]:
    """Drafts (unpublished calls) the user runs: for the staff's part of the list."""
    calls = Call.objects.filter(is_published=False).select_related("community")
    if not is_platform_admin(user):
        calls = calls.filter(community_id__in=run_community_ids(user))
    return calls.order_by("deadline", "pk")


def open_challenges() -> QuerySet[Challenge]:
    return Challenge.objects.filter(status=ChallengeStatus.OPEN).order_by("title")


def call_page(call: Call, user: Any) -> Call:
    """The call with its rubric, the challenges ``user`` may see and its reviewers, read in
    four queries."""
    challenges = Challenge.objects.filter(visible_challenges_condition(user)).order_by("title")
    return (
        Call.objects.select_related("community")
        .prefetch_related(
            Prefetch("criteria", queryset=RubricCriterion.objects.order_by("order", "pk")),
            Prefetch("challenges", queryset=challenges),
            "reviewers",
        )
        .get(pk=call.pk)
    )


def recently_published(user: Any, limit: int = 30) -> QuerySet[Call]:
    """The feed's calls: the latest published first."""
    return visible_calls(user).filter(published_at__isnull=False).order_by("-published_at")[:limit]


def countdown(deadline: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """How long until the deadline, in words: "closes in 3 days", "closed"."""
    left = deadline - (now or timezone.now())
    seconds = int(left.total_seconds())
    if seconds <= 0:
        return _("closed")
    days, rest = divmod(seconds, 86400)
    if days >= 1:
        return ngettext("closes in %(count)d day", "closes in %(count)d days", days) % {
            "count": days
        }
    hours = rest // 3600
    if hours >= 1:
        return ngettext("closes in %(count)d hour", "closes in %(count)d hours", hours) % {
            "count": hours
        }
    minutes = max(1, rest // 60)
    return ngettext("closes in %(count)d minute", "closes in %(count)d minutes", minutes) % {
        "count": minutes
    }


def opens_in(opens_at: datetime.datetime, now: datetime.datetime | None = None) -> str:
    days = max(0, int((opens_at - (now or timezone.now())).total_seconds()) // 86400)
    if days < 1:
        return _("opens today")
    return ngettext("opens in %(count)d day", "opens in %(count)d days", days) % {"count": days}


def call_title(call: Call, language: str) -> str:
    if language.startswith("en") and call.title_en:
        return call.title_en
    if language.startswith("ar") and call.title_ar:
        return call.title_ar
    return call.title
