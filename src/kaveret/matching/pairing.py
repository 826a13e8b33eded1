"""Proposing pairs for a matchmaking event: pure functions, no database.

Input: the ventures and organisations with their capacities (how many meetings each
wants), and for every (venture, organisation) either a ``PairWeight`` or nothing (the
pair is forbidden). ``combine_interest`` builds the weights from each side's interest
and the recommender's fit score:

- "not interested" from either side forbids the pair: no method ever proposes it;
- "must meet" counts far more than "would like", which counts more than no answer;
- the fit score (0..1) separates pairs with the same interest.

Two methods, the user choosing (``MatchmakingEvent.method``):

- ``stable_matching``: many-to-many deferred acceptance, **ventures propose**. Each
  side ranks the other by its own interest first, then by fit. The result is stable
  (no venture and organisation, not paired, both with room or both preferring each
  other to one of their pairs) and the best stable result for the ventures.
- ``max_weight_matching``: the pairs of maximum total weight within the capacities,
  exact: a bipartite b-matching, whose constraint matrix is totally unimodular, solved
  as a linear programme by HiGHS's dual simplex (a vertex, hence integral), with
  ``scipy.optimize.milp`` as a safety net.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix

MUST_MEET = "must"
WOULD_LIKE = "would_like"
NOT_INTERESTED = "not_interested"

# Points of one side's interest. "Must meet" outweighs any fit score and two
# "would like"s; no answer still counts a little so open participants get meetings.
INTEREST_POINTS: dict[str | None, float] = {MUST_MEET: 3.0, WOULD_LIKE: 1.0, None: 0.25}
FIT_POINTS = 1.0

STABLE = "stable"
MAX_WEIGHT = "max_weight"

Pair = tuple[int, int]  # (venture id, organisation id)


@dataclass(frozen=True)
class PairWeight:
    """How much a pair is worth proposing, and why."""

    weight: float
    venture_points: float
    organisation_points: float
    fit: float
    breakdown: dict[str, float] = field(default_factory=dict)


def combine_interest(
    venture_level: str | None,
    organisation_level: str | None,
    fit: float = 0.0,
    fit_breakdown: Mapping[str, float] | None = None,
) -> PairWeight | None:
    """The weight of a pair, or None when either side is not interested (forbidden).

    ``venture_level`` is the venture's interest in the organisation, and the other way
    round; None means no answer. ``fit`` is clamped to 0..1.
    """
    if NOT_INTERESTED in (venture_level, organisation_level):
        return None
    fit = min(1.0, max(0.0, float(fit)))
    venture_points = INTEREST_POINTS.get(venture_level, INTEREST_POINTS[None])
    organisation_points = INTEREST_POINTS.get(organisation_level, INTEREST_POINTS[None])
    weight = venture_points + organisation_points + FIT_POINTS * fit
    breakdown = {
        f"fit_{name}": round(float(value), 4) for name, value in (fit_breakdown or {}).items()
    }
    breakdown.update(
        {
            "fit": round(fit, 4),
            "venture_interest": venture_points,
            "organisation_interest": organisation_points,
        }
    )
    return PairWeight(
        weight=round(weight, 6),
        venture_points=venture_points,
        organisation_points=organisation_points,
        fit=fit,
        breakdown=breakdown,
    )


def _venture_rank_key(weights: Mapping[Pair, PairWeight], pair: Pair) -> tuple[float, float, int]:
    value = weights[pair]
    return (-value.venture_points, -value.fit, pair[1])


def _organisation_rank_key(
    weights: Mapping[Pair, PairWeight], pair: Pair
) -> tuple[float, float, int]:
    value = weights[pair]
    return (-value.organisation_points, -value.fit, pair[0])


def preference_orders(
    weights: Mapping[Pair, PairWeight],
) -> tuple[dict[int, list[int]], dict[int, dict[int, int]]]:
    """Each venture's organisations best first, and each organisation's rank of ventures."""
    venture_lists: dict[int, list[Pair]] = {}
    organisation_lists: dict[int, list[Pair]] = {}
    for pair in weights:
        venture_lists.setdefault(pair[0], []).append(pair)
        organisation_lists.setdefault(pair[1], []).append(pair)
    venture_order = {
        venture: [pair[1] for pair in sorted(pairs, key=lambda p: _venture_rank_key(weights, p))]
        for venture, pairs in venture_lists.items()
    }
    organisation_rank = {
        organisation: {
            pair[0]: rank
            for rank, pair in enumerate(
                sorted(pairs, key=lambda p: _organisation_rank_key(weights, p))
            )
        }
        for organisation, pairs in organisation_lists.items()
    }
    return venture_order, organisation_rank


def stable_matching(
    venture_capacity: Mapping[int, int],
    organisation_capacity: Mapping[int, int],
    weights: Mapping[Pair, PairWeight],
) -> list[Pair]:
    """Deferred acceptance with capacities; ventures propose. Forbidden pairs never appear."""
    weights = {
        pair: value
        for pair, value in weights.items()
        if venture_capacity.get(pair[0], 0) > 0 and organisation_capacity.get(pair[1], 0) > 0
    }
    venture_order, organisation_rank = preference_orders(weights)
    next_choice = dict.fromkeys(venture_order, 0)
    held: dict[int, list[int]] = {organisation: [] for organisation in organisation_rank}
    matched_count = dict.fromkeys(venture_order, 0)
    queue = deque(sorted(venture_order))
    while queue:
        venture = queue.popleft()
        choices = venture_order[venture]
        while matched_count[venture] < venture_capacity[venture] and next_choice[venture] < len(
            choices
        ):
            organisation = choices[next_choice[venture]]
            next_choice[venture] += 1
            holding = held[organisation]
            holding.append(venture)
            matched_count[venture] += 1
            if len(holding) > organisation_capacity[organisation]:
                ranks = organisation_rank[organisation]
                worst = max(holding, key=lambda v: ranks[v])
                holding.remove(worst)
                matched_count[worst] -= 1
                if worst != venture and worst not in queue:
                    queue.append(worst)
    return sorted((venture, organisation) for organisation, vs in held.items() for venture in vs)


def blocking_pairs(
    venture_capacity: Mapping[int, int],
    organisation_capacity: Mapping[int, int],
    weights: Mapping[Pair, PairWeight],
    matching: list[Pair],
) -> list[Pair]:
    """The allowed pairs that would both rather meet than keep the matching as it is."""
    venture_order, organisation_rank = preference_orders(weights)
    chosen = set(matching)
    by_venture: dict[int, list[int]] = {}
    by_organisation: dict[int, list[int]] = {}
    for venture, organisation in matching:
        by_venture.setdefault(venture, []).append(organisation)
        by_organisation.setdefault(organisation, []).append(venture)
    blocking = []
    for pair in weights:
        if pair in chosen:
            continue
        venture, organisation = pair
        order = venture_order[venture]
        mine = by_venture.get(venture, [])
        venture_wants = len(mine) < venture_capacity.get(venture, 0) or any(
            order.index(organisation) < order.index(other) for other in mine
        )
        ranks = organisation_rank[organisation]
        theirs = by_organisation.get(organisation, [])
        organisation_wants = len(theirs) < organisation_capacity.get(organisation, 0) or any(
            ranks[venture] < ranks[other] for other in theirs
        )
        if venture_wants and organisation_wants:
            blocking.append(pair)
    return sorted(blocking)


def max_weight_matching(
    venture_capacity: Mapping[int, int],
    organisation_capacity: Mapping[int, int],
    weights: Mapping[Pair, PairWeight],
) -> list[Pair]:
    """The pairs of largest total weight with nobody over capacity (exact)."""
    pairs = sorted(
        pair
        for pair, value in weights.items()
        if value.weight > 0
        and venture_capacity.get(pair[0], 0) > 0
        and organisation_capacity.get(pair[1], 0) > 0
    )
    if not pairs:
        return []
    ventures = sorted({pair[0] for pair in pairs})
    organisations = sorted({pair[1] for pair in pairs})
    venture_row = {venture: row for row, venture in enumerate(ventures)}
    organisation_row = {
        organisation: len(ventures) + row for row, organisation in enumerate(organisations)
    }
    count = len(pairs)
    rows = np.empty(2 * count, dtype=np.int64)
    columns = np.empty(2 * count, dtype=np.int64)
    for column, (venture, organisation) in enumerate(pairs):
        rows[2 * column] = venture_row[venture]
        rows[2 * column + 1] = organisation_row[organisation]
        columns[2 * column] = columns[2 * column + 1] = column
    matrix = coo_matrix(
        (np.ones(2 * count), (rows, columns)), shape=(len(ventures) + len(organisations), count)
    ).tocsr()
    upper = np.array(
        [venture_capacity[v] for v in ventures] + [organisation_capacity[o] for o in organisations],
        dtype=float,
    )
    cost = -np.array([weights[pair].weight for pair in pairs])
    # The constraint matrix of a bipartite b-matching is totally unimodular, so a vertex
    # of the LP is integral: dual simplex gives a vertex, exact and several times faster
    # than branch and bound. Should a solver ever return a fractional point, the integer
    # programme settles it.
    relaxed = linprog(cost, A_ub=matrix, b_ub=upper, bounds=(0, 1), method="highs-ds")
    values = relaxed.x
    if values is None or np.any(np.abs(values - np.round(values)) > 1e-6):
        result = milp(
            cost,
            constraints=LinearConstraint(matrix, -np.inf, upper),
            integrality=np.ones(count),
            bounds=Bounds(0, 1),
        )
        if result.x is None:  # pragma: no cover - all zero is always feasible
            raise RuntimeError(f"pairing solver failed: {result.message}")
        values = result.x
    return [pair for pair, value in zip(pairs, values, strict=True) if value > 0.5]


def propose_pairs(
    method: str,
    venture_capacity: Mapping[int, int],
    organisation_capacity: Mapping[int, int],
    weights: Mapping[Pair, PairWeight],
) -> list[Pair]:
    """The pairs the chosen method proposes."""
    if method == STABLE:
        return stable_matching(venture_capacity, organisation_capacity, weights)
    if method == MAX_WEIGHT:
        return max_weight_matching(venture_capacity, organisation_capacity, weights)
    raise ValueError(f"unknown pairing method: {method}")
