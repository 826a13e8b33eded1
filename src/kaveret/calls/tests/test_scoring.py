"""The console's arithmetic: weighted totals, z-score normalisation, ranking ties."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kaveret.calls import scoring
from kaveret.calls.scoring import Criterion, ReviewRow

CRITERIA = [Criterion(1, Decimal(2), 1, 5), Criterion(2, Decimal(1), 1, 5)]


def test_weighted_total_is_sum_of_weight_times_score_over_sum_of_weights() -> None:
    # (2·5 + 1·2) / 3 = 4
    assert scoring.weighted_total({1: 5, 2: 2}, CRITERIA) == pytest.approx(4.0)
    assert scoring.weighted_total({}, CRITERIA) is None


def test_application_total_spread_and_deviation() -> None:
    reviews = [ReviewRow(1, 10, 100, {1: 5, 2: 2}), ReviewRow(2, 10, 101, {1: 2, 2: 5})]
    results, _scales = scoring.compute(CRITERIA, reviews, [10], {10: "A"})
    # totals 4 and 3: mean 3.5, spread 1, population deviation 0.5
    assert results[0].total == pytest.approx(3.5)
    assert results[0].spread == pytest.approx(1.0)
    assert results[0].deviation == pytest.approx(0.5)


def test_z_score_normalisation_by_hand() -> None:
    """Reviewer 100 is lenient (totals 5 and 3), reviewer 101 strict (totals 3 and 1).

    Reviewer 100: mean 4, σ 1 → z = +1 (app 10), −1 (app 11).
    Reviewer 101: mean 2, σ 1 → z = +1 (app 10), −1 (app 11).
    All totals {5, 3, 3, 1}: mean 3, σ √2 → normalised 3 ± √2.
    """
    one = [Criterion(1, Decimal(1), 1, 5)]
    reviews = [
        ReviewRow(1, 10, 100, {1: 5}),
        ReviewRow(2, 11, 100, {1: 3}),
        ReviewRow(3, 10, 101, {1: 3}),
        ReviewRow(4, 11, 101, {1: 1}),
    ]
    results, scales = scoring.compute(one, reviews, [10, 11], {10: "A", 11: "B"}, normalised=True)
    by_id = {r.application_id: r for r in results}
    root2 = 2**0.5
    assert reviews[0].z == pytest.approx(1.0)
    assert reviews[3].z == pytest.approx(-1.0)
    assert by_id[10].normalised == pytest.approx(3 + root2)
    assert by_id[11].normalised == pytest.approx(3 - root2)
    assert by_id[10].total == pytest.approx(4.0)  # raw: (5 + 3) / 2
    assert all(scale.normalised for scale in scales.values())


def test_reviewer_with_one_review_or_no_variance_is_left_as_is() -> None:
    one = [Criterion(1, Decimal(1), 1, 5)]
    reviews = [
        ReviewRow(1, 10, 100, {1: 4}),  # single review
        ReviewRow(2, 10, 101, {1: 2}),
        ReviewRow(3, 11, 101, {1: 2}),  # σ = 0
        ReviewRow(4, 11, 102, {1: 5}),
        ReviewRow(5, 12, 102, {1: 1}),
    ]
    _results, scales = scoring.compute(one, reviews, [10, 11, 12], {}, normalised=True)
    assert not scales[100].normalised and not scales[101].normalised
    assert scales[102].normalised
    assert reviews[0].normalised == 4 and reviews[0].z is None
    assert reviews[1].normalised == 2


def test_equal_totals_share_a_rank_and_name_each_other() -> None:
    one = [Criterion(1, Decimal(1), 1, 5)]
    reviews = [
        ReviewRow(1, 10, 100, {1: 5}),
        ReviewRow(2, 11, 100, {1: 3}),
        ReviewRow(3, 12, 100, {1: 3}),
        ReviewRow(4, 13, 100, {1: 1}),
    ]
    results, _ = scoring.compute(
        one, reviews, [10, 11, 12, 13, 14], {10: "א", 11: "ב", 12: "ג", 13: "ד", 14: "ה"}
    )
    ranks = {r.application_id: (r.rank, r.tied_with) for r in results}
    assert ranks[10] == (1, [])
    assert ranks[11] == (2, [12]) and ranks[12] == (2, [11])
    assert ranks[13] == (4, [])
    assert ranks[14] == (None, [])  # no submitted review: not ranked
    assert [r.application_id for r in results] == [10, 11, 12, 13, 14]
