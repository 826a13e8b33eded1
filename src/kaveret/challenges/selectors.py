"""Reads of challenges: the filtered list, a challenge's page parts, with bounded queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kaveret.calls.models import Call
from kaveret.calls.rules import can_view_call
from kaveret.core.text import query_alternatives
from kaveret.ecosystem.models import TargetPopulation

from .diff import Segment, word_diff
from .models import (
    Challenge,
    ChallengeComment,
    ChallengeRevision,
    ChallengeSupport,
    EditProposal,
    ProposalStatus,
    field_label,
)
from .rules import visible_challenges_condition


@dataclass(frozen=True)
class ChallengeFilters:
    """What a list was asked for; empty values filter nothing."""

    q: str = ""
    kind: str = ""
    status: str = ""
    domain: str = ""
    population: str = ""
    community: str = ""


def search_challenges(queryset: QuerySet[Challenge], query: str) -> QuerySet[Challenge]:
    """Keep challenges whose text has, for every word of the query, a word starting with it.

    Hebrew prefixes are stripped on both sides (``kaveret.core.text``): מוגבלות finds
    "אנשים במוגבלות" and ובתעסוקה finds תעסוקה.
    """
    for alternatives in query_alternatives(query):
        condition = Q()
        for form in alternatives:
            condition |= Q(search_text__contains=f" {form}")
        queryset = queryset.filter(condition)
    return queryset


def challenge_list(user: Any, filters: ChallengeFilters) -> QuerySet[Challenge]:
    """The challenges ``user`` may see, filtered, with what a list row shows."""
    queryset = Challenge.objects.filter(visible_challenges_condition(user))
    if filters.q:
        queryset = search_challenges(queryset, filters.q)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.domain:
        queryset = queryset.filter(domain__slug=filters.domain)
    if filters.population:
        queryset = queryset.filter(populations__slug=filters.population).distinct()
    if filters.community:
        queryset = queryset.filter(community__slug=filters.community)
    return (
        queryset.select_related("community", "domain", "owner_organisation")
        .prefetch_related(
            Prefetch("populations", queryset=TargetPopulation.objects.order_by("name"))
        )
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-published_at", "-pk")
    )


def serving_calls(user: Any, challenge: Challenge) -> list[Call]:
    """The calls that serve the challenge and that ``user`` may see."""
    calls = challenge.calls.select_related("community").order_by("-published_at", "-pk")
    return [call for call in calls if can_view_call(user, call)]


def support_count(challenge: Challenge) -> int:
    return ChallengeSupport.objects.filter(challenge=challenge).count()


def supports(user: Any, challenge: Challenge) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ChallengeSupport.objects.filter(challenge=challenge, user=user).exists()


def challenge_comments(challenge: Challenge) -> QuerySet[ChallengeComment]:
    return challenge.comments.select_related("author").order_by("created_at", "pk")


def challenge_proposals(challenge: Challenge) -> QuerySet[EditProposal]:
    return challenge.proposals.select_related("author", "decided_by").order_by("-created_at", "-pk")


def open_proposal_count(challenge: Challenge) -> int:
    return EditProposal.objects.filter(challenge=challenge, status=ProposalStatus.PROPOSED).count()


def challenge_revisions(challenge: Challenge) -> QuerySet[ChallengeRevision]:
    return challenge.revisions.select_related("author").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    segments: list[Segment]


def field_changes(changes: dict[str, Any], base: dict[str, str] | None = None) -> list[FieldChange]:
    """A revision's or a proposal's changes, field by field, in the form's order, with a diff.

    A revision stores ``{"before", "after"}`` per field; a proposal stores the new text,
    with its ``base`` the text it was proposed against.
    """
    rows = []
    for field in Challenge.REFINABLE_FIELDS:
        if field not in changes:
            continue
        value = changes[field]
        if isinstance(value, dict):
            before, after = value.get("before", ""), value.get("after", "")
        else:
            before, after = (base or {}).get(field, ""), value
        rows.append(
            FieldChange(
                field=field,
                label=field_label(field),
                before=before,
                after=after,
                segments=word_diff(before, after),
            )
        )
    return rows
