"""Pairing: interest combination, stable matching and maximum weight, with capacities."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kaveret.matching.pairing import (
    MUST_MEET,
    NOT_INTERESTED,
    WOULD_LIKE,
    PairWeight,
    blocking_pairs,
    combine_interest,
    max_weight_matching,
    propose_pairs,
    stable_matching,
)


def weight(
    value: float, venture_points: float = 1.0, organisation_points: float = 1.0
) -> PairWeight:
    return PairWeight(value, venture_points, organisation_points, 0.0)


def test_not_interested_from_either_side_forbids_the_pair() -> None:
    assert combine_interest(NOT_INTERESTED, MUST_MEET, 1.0) is None
    assert combine_interest(MUST_MEET, NOT_INTERESTED, 1.0) is None


def test_must_meet_outweighs_any_fit() -> None:
    must = combine_interest(MUST_MEET, None, 0.0)
    liked = combine_interest(WOULD_LIKE, WOULD_LIKE, 1.0)
    assert must is not None and liked is not None
    assert must.weight > liked.weight


def test_breakdown_keeps_fit_components_and_interest() -> None:
    value = combine_interest(WOULD_LIKE, MUST_MEET, 0.7, {"text": 0.5, "domain": 1.0})
    assert value is not None
    assert value.breakdown["fit"] == 0.7
    assert value.breakdown["fit_text"] == 0.5
    assert value.breakdown["organisation_interest"] > value.breakdown["venture_interest"]


def test_stable_matching_by_hand() -> None:
    # Both ventures prefer organisation 10; it takes one and prefers venture 2.
    weights = {
        (1, 10): PairWeight(4, 3, 1, 0),
        (1, 11): PairWeight(2, 1, 1, 0),
        (2, 10): PairWeight(6, 3, 3, 0),
        (2, 11): PairWeight(2, 1, 1, 0),
    }
    pairs = stable_matching({1: 1, 2: 1}, {10: 1, 11: 1}, weights)
    assert pairs == [(1, 11), (2, 10)]
    assert blocking_pairs({1: 1, 2: 1}, {10: 1, 11: 1}, weights, pairs) == []


def test_max_weight_by_hand_beats_greedy() -> None:
    # Greedy takes (1, 10) = 5 and is left with (2, 11) = 0: total 5; best is 4 + 4 = 8.
    weights = {(1, 10): weight(5), (1, 11): weight(4), (2, 10): weight(4)}
    assert max_weight_matching({1: 1, 2: 1}, {10: 1, 11: 1}, weights) == [(1, 11), (2, 10)]


def test_capacities_give_many_to_many_pairs() -> None:
    weights = {(v, o): weight(1) for v in (1, 2) for o in (10, 11, 12)}
    pairs = propose_pairs("max_weight", {1: 3, 2: 1}, {10: 2, 11: 1, 12: 1}, weights)
    assert len(pairs) == 4
    assert sum(1 for v, _ in pairs if v == 1) == 3


# --- Properties --------------------------------------------------------------------------

LEVELS = st.sampled_from([MUST_MEET, WOULD_LIKE, None, NOT_INTERESTED])


@st.composite
def instances(draw: st.DrawFn, most: int = 4) -> tuple[dict[int, int], dict[int, int], dict]:
    ventures = {v: draw(st.integers(1, 3)) for v in range(draw(st.integers(1, most)))}
    organisations = {100 + o: draw(st.integers(1, 3)) for o in range(draw(st.integers(1, most)))}
    weights = {}
    for pair in itertools.product(ventures, organisations):
        value = combine_interest(draw(LEVELS), draw(LEVELS), draw(st.floats(0, 1)))
        if value is not None:
            weights[pair] = value
    return ventures, organisations, weights


def _respects(pairs, ventures, organisations, weights) -> None:
    assert len(set(pairs)) == len(pairs)
    assert all(pair in weights for pair in pairs), "a forbidden pair was proposed"
    for venture, capacity in ventures.items():
        assert sum(1 for v, _ in pairs if v == venture) <= capacity
    for organisation, capacity in organisations.items():
        assert sum(1 for _, o in pairs if o == organisation) <= capacity


@settings(max_examples=150, deadline=None)
@given(instances())
def test_stable_matching_respects_capacity_forbidden_and_has_no_blocking_pair(instance) -> None:
    ventures, organisations, weights = instance
    pairs = stable_matching(ventures, organisations, weights)
    _respects(pairs, ventures, organisations, weights)
    assert blocking_pairs(ventures, organisations, weights, pairs) == []


@settings(max_examples=80, deadline=None)
@given(instances(most=3))
def test_max_weight_is_optimal_against_brute_force(instance) -> None:
    ventures, organisations, weights = instance
    pairs = max_weight_matching(ventures, organisations, weights)
    _respects(pairs, ventures, organisations, weights)
    best = 0.0
    allowed = sorted(weights)
    for size in range(len(allowed) + 1):
        for subset in itertools.combinations(allowed, size):
            if all(sum(1 for v, _ in subset if v == x) <= c for x, c in ventures.items()) and all(
                sum(1 for _, o in subset if o == x) <= c for x, c in organisations.items()
            ):
                best = max(best, sum(weights[p].weight for p in subset))
    assert abs(sum(weights[p].weight for p in pairs) - best) < 1e-6


@given(
    st.sampled_from([MUST_MEET, WOULD_LIKE, None]),
    st.sampled_from([WOULD_LIKE, None]),
    st.sampled_from([WOULD_LIKE, None]),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_a_must_meet_always_outweighs_a_pair_nobody_must_meet(
    other_side: str | None, first: str | None, second: str | None, fit: float, other_fit: float
) -> None:
    must = combine_interest(MUST_MEET, other_side, fit)
    plain = combine_interest(first, second, other_fit)
    assert must is not None and plain is not None
    assert must.weight > plain.weight
