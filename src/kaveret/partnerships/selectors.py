"""Reads for the board of partnerships and a partnership's timeline (bounded queries).

The board shows only the partnerships a user may see in full (``rules.full_view_condition``):
their parties, the staff of their community, platform admins. A published partnership
is open to everyone on its own page, but it is not on other people's boards.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from . import gates
from .models import (
    STAGE_ORDER,
    DecisionEntry,
    Feedback,
    Partnership,
    Stage,
    StageMove,
    StagePeriod,
)
from .rules import full_view_condition

COLUMN_LIMIT = 50


@dataclass
class BoardFilters:
    community: int | None = None
    organisation: int | None = None
    venture: int | None = None
    challenge: int | None = None
    stage: str = ""
    q: str = ""


def board_queryset(user: Any, filters: BoardFilters | None = None) -> QuerySet[Partnership]:
    """The partnerships on ``user``'s board, filtered, with what a card shows."""
    filters = filters or BoardFilters()
    ids = Partnership.objects.filter(full_view_condition(user)).values("pk")
    queryset = Partnership.objects.filter(pk__in=ids).select_related(
        "organisation", "venture", "challenge", "community"
    )
    if filters.community:
        queryset = queryset.filter(community_id=filters.community)
    if filters.organisation:
        queryset = queryset.filter(organisation_id=filters.organisation)
    if filters.venture:
        queryset = queryset.filter(venture_id=filters.venture)
    if filters.challenge:
        queryset = queryset.filter(challenge_id=filters.challenge)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.q:
        queryset = queryset.filter(title__icontains=filters.q.strip())
    return queryset.order_by("-updated_at", "pk")


@dataclass
class Column:
    stage: str
    label: str
    count: int
    cards: list[Partnership] = field(default_factory=list)
    targets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


def board_columns(user: Any, filters: BoardFilters | None = None) -> list[Column]:
    """One column per stage with its count and up to ``COLUMN_LIMIT`` cards.

    Two queries whatever the number of partnerships: the counts, then the cards (each
    column cut at ``COLUMN_LIMIT`` in Python from one ordered read, bounded by
    ``COLUMN_LIMIT`` times the number of stages).
    """
    queryset = board_queryset(user, filters)
    counts = dict(
        queryset.order_by().values_list("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    columns = {
        value: Column(stage=value, label=str(label), count=counts.get(value, 0))
        for value, label in Stage.choices
    }
    total = sum(counts.values())
    if total:
        rows: list[Partnership] = []
        if total <= COLUMN_LIMIT * len(STAGE_ORDER):
            rows = list(queryset)
        else:
            for value in STAGE_ORDER:  # at most one query per stage, each bounded
                if counts.get(value):
                    rows.extend(queryset.filter(stage=value)[:COLUMN_LIMIT])
        for row in rows:
            column = columns[row.stage]
            if len(column.cards) < COLUMN_LIMIT:
                column.cards.append(row)
    labels = dict(Stage.choices)
    for column in columns.values():
        column.targets = [
            (value, str(labels[value])) for value in gates.allowed_targets(column.stage)
        ]
    return [columns[value] for value in STAGE_ORDER]


def filter_choices(user: Any) -> dict[str, list[tuple[int, str]]]:
    """The communities, organisations, ventures and challenges among ``user``'s partnerships."""
    rows = list(
        board_queryset(user).values_list(
            "community_id",
            "community__name",
            "organisation_id",
            "organisation__name",
            "venture_id",
            "venture__name",
            "challenge_id",
            "challenge__title",
        )[:2000]
    )
    found: dict[str, dict[int, str]] = {
        "community": {},
        "organisation": {},
        "venture": {},
        "challenge": {},
    }
    for row in rows:
        for index, name in enumerate(found):
            pk, label = row[index * 2], row[index * 2 + 1]
            if pk is not None:
                found[name][int(pk)] = str(label)
    return {
        name: sorted(values.items(), key=lambda item: item[1]) for name, values in found.items()
    }


def stage_periods(partnership: Partnership) -> list[StagePeriod]:
    """The periods of the stages, in the order of the seven steps."""
    periods = {
        period.stage: period
        for period in StagePeriod.objects.filter(partnership=partnership).select_related("owner")
    }
    return [periods[value] for value in STAGE_ORDER if value in periods]


def stage_progress(partnership: Partnership) -> list[dict[str, Any]]:
    """The seven steps and ended, each marked done, current or to come."""
    current = gates.stage_index(partnership.stage)
    return [
        {
            "stage": value,
            "label": str(label),
            "state": "current" if index == current else ("done" if index < current else "todo"),
            "optional": value in gates.OPTIONAL_STAGES,
        }
        for index, (value, label) in enumerate(Stage.choices)
    ]


@dataclass
class TimelineEvent:
    when: datetime.datetime
    kind: str
    title: str
    detail: str = ""
    by: str = ""
    unmet: list[str] = field(default_factory=list)


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def timeline(partnership: Partnership, *, limit: int = 300) -> list[TimelineEvent]:
    """What happened to a partnership, newest first: its creation, every stage move (with
    any overridden gate), stage periods' starts and ends, the decisions, the agreement,
    the feedback received per month and the outcome. Five queries."""
    labels = dict(Stage.choices)
    events = [
        TimelineEvent(
            when=partnership.created_at,
            kind="created",
            title=_("Partnership created"),
            by=partnership.created_by.public_name if partnership.created_by else "",
        )
    ]
    moves = StageMove.objects.filter(partnership=partnership).select_related("moved_by")
    for move in moves.order_by("-moved_at")[:limit]:
        events.append(
            TimelineEvent(
                when=move.moved_at,
                kind="override" if move.unmet else "move",
                title=_("Moved from “%(from)s” to “%(to)s”")
                % {"from": labels.get(move.from_stage), "to": labels.get(move.to_stage)},
                detail=move.override_reason,
                by=move.moved_by.public_name if move.moved_by else "",
                unmet=[str(text) for text in move.unmet],
            )
        )
    for period in StagePeriod.objects.filter(partnership=partnership):
        if period.starts_on:
            events.append(
                TimelineEvent(
                    when=_at_noon(period.starts_on),
                    kind="stage_start",
                    title=_("“%(stage)s” started") % {"stage": labels.get(period.stage)},
                )
            )
        if period.ended_on:
            events.append(
                TimelineEvent(
                    when=_at_noon(period.ended_on),
                    kind="stage_end",
                    title=_("“%(stage)s” ended") % {"stage": labels.get(period.stage)},
                )
            )
    for decision in DecisionEntry.objects.filter(partnership=partnership)[:limit]:
        events.append(
            TimelineEvent(
                when=_at_noon(decision.decided_on),
                kind="decision",
                title=_("Decision"),
                detail=decision.text,
                by=decision.decided_by,
            )
        )
    monthly = (
        Feedback.objects.filter(partnership=partnership)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    for month, count in monthly:
        if month is None:
            continue
        when = month if isinstance(month, datetime.datetime) else _at_noon(month)
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        events.append(
            TimelineEvent(
                when=when,
                kind="feedback",
                title=_("Feedback received: %(count)d") % {"count": count},
            )
        )
    if partnership.agreement_signed_on:
        events.append(
            TimelineEvent(
                when=_at_noon(partnership.agreement_signed_on),
                kind="agreement",
                title=_("Agreement signed"),
            )
        )
    if partnership.outcome and partnership.outcome_on:
        events.append(
            TimelineEvent(
                when=_at_noon(partnership.outcome_on),
                kind="outcome",
                title=_("Outcome: %(outcome)s") % {"outcome": partnership.get_outcome_display()},
                detail=partnership.lessons,
            )
        )
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]


def stage_owner_candidates(partnership: Partnership) -> QuerySet[Any]:
    """Who may own a stage: whoever acts for a side, the community's staff, admins
    already owning it (the current owners are kept)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, Role, RoleAssignment

    acting = Q(role=Role.ORGANISATION_REPRESENTATIVE, organisation_id=partnership.organisation_id)
    acting |= Q(role=Role.ENTREPRENEUR, venture_id=partnership.venture_id)
    if partnership.community_id:
        acting |= Q(role__in=COMMUNITY_STAFF_ROLES, community_id=partnership.community_id)
    user_ids = RoleAssignment.objects.filter(acting).values("user_id")
    owners = StagePeriod.objects.filter(partnership=partnership).values("owner_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=user_ids) | Q(pk__in=owners))
        .order_by("full_name", "pk")
    )
