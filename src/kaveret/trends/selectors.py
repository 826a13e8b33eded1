"""Reads of trend signals, each with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import visible_community_condition

from .models import Horizon, Ring, SignalKind, SignalStatus, TrendSignal
from .radar import KINDS, RINGS
from .rules import curated_community_ids


@dataclass(frozen=True)
class SignalFilters:
    """Narrowing of a list of signals; empty strings mean no filter."""

    domain: str = ""  # a domain's slug
    horizon: str = ""
    kind: str = ""
    ring: str = ""
    status: str = ""
    community: str = ""  # a community's slug


def _with_relations(signals: QuerySet[TrendSignal]) -> QuerySet[TrendSignal]:
    return signals.select_related("community", "domain", "proposed_by", "curated_by")


def viewable_community_filter(user: Any) -> Q:
    """The communities whose curated signals this user sees (those they may see)."""
    return visible_community_condition(user, prefix="community__")


def visible_signals(user: Any) -> QuerySet[TrendSignal]:
    """Every signal this user may see, across communities (as ``can_view_signal``)."""
    signals = TrendSignal.objects.all()
    if is_platform_admin(user):
        return _with_relations(signals)
    visible = Q(status=SignalStatus.CURATED) & viewable_community_filter(user)
    if getattr(user, "is_authenticated", False) and user.is_active:
        visible |= Q(proposed_by_id=user.pk)
        curated = curated_community_ids(user)
        if curated:
            visible |= Q(community_id__in=curated)
    return _with_relations(signals.filter(visible))


def filter_signals(signals: QuerySet[TrendSignal], filters: SignalFilters) -> QuerySet[TrendSignal]:
    """Apply the filters; values outside the lists are ignored, not errors."""
    if filters.domain:
        signals = signals.filter(domain__slug=filters.domain)
    if filters.horizon in Horizon.values:
        signals = signals.filter(horizon=filters.horizon)
    if filters.kind in SignalKind.values:
        signals = signals.filter(kind=filters.kind)
    if filters.ring in Ring.values:
        signals = signals.filter(ring=filters.ring)
    if filters.status in SignalStatus.values:
        signals = signals.filter(status=filters.status)
    if filters.community:
        signals = signals.filter(community__slug=filters.community)
    return signals


def radar_signals(community: Community, filters: SignalFilters) -> list[TrendSignal]:
    """The curated signals of a community, filtered: what its radar, table and list show."""
    signals = _with_relations(community.trend_signals.filter(status=SignalStatus.CURATED))
    return list(filter_signals(signals, filters).order_by("-observed_on", "-pk"))


def own_proposals(user: Any, community: Community) -> list[TrendSignal]:
    """The user's proposals to this community that are not on the radar (yet, or at all)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        _with_relations(
            community.trend_signals.filter(proposed_by_id=user.pk).exclude(
                status=SignalStatus.CURATED
            )
        ).order_by("-created_at", "-pk")
    )


def curation_queue(community: Community) -> list[TrendSignal]:
    """Proposals waiting for a curator, oldest first."""
    return list(
        _with_relations(community.trend_signals.filter(status=SignalStatus.PROPOSED)).order_by(
            "created_at", "pk"
        )
    )


def curation_queue_count(community: Community) -> int:
    return community.trend_signals.filter(status=SignalStatus.PROPOSED).count()


def handled_signals(community: Community, limit: int = 20) -> list[TrendSignal]:
    """The latest declined and archived signals, for the curators' reference."""
    return list(
        _with_relations(
            community.trend_signals.filter(
                status__in=(SignalStatus.DECLINED, SignalStatus.ARCHIVED)
            )
        ).order_by("-curated_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class CountRow:
    ring: str
    label: str
    cells: list[tuple[str, int]]  # (kind, count), in the order of ``KINDS``
    total: int


def counts_by_ring_and_kind(signals: list[TrendSignal]) -> tuple[list[CountRow], list[int], int]:
    """The table beside the radar: a row per ring, a column per kind, with totals."""
    counts: dict[tuple[str, str], int] = {}
    for signal in signals:
        key = (signal.ring, signal.kind)
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for ring in RINGS:
        cells = [(kind, counts.get((ring, kind), 0)) for kind in KINDS]
        rows.append(
            CountRow(
                ring=ring,
                label=str(Ring(ring).label),
                cells=cells,
                total=sum(count for _, count in cells),
            )
        )
    column_totals = [sum(row.cells[index][1] for row in rows) for index in range(len(KINDS))]
    return rows, column_totals, sum(column_totals)


def platform_signals(user: Any, filters: SignalFilters) -> QuerySet[TrendSignal]:
    """The curated signals of every community this user may see, latest first."""
    signals = TrendSignal.objects.filter(status=SignalStatus.CURATED).filter(
        viewable_community_filter(user)
    )
    return filter_signals(_with_relations(signals), filters).order_by("-observed_on", "-pk")


def communities_with_signal_counts(user: Any) -> QuerySet[Community]:
    """The communities the user may see that have curated signals, with ``signal_count``."""
    communities = Community.objects.filter(visible_community_condition(user))
    return (
        communities.annotate(
            signal_count=Count(
                "trend_signals", filter=Q(trend_signals__status=SignalStatus.CURATED)
            )
        )
        .filter(signal_count__gt=0)
        .order_by("name")
    )
