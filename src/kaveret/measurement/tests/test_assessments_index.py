"""The index of an assessment and an organisation's standing in its sector, by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaveret.ecosystem.choices import OrganisationKind
from kaveret.measurement.assessments import (
    RUBRICS,
    assessment_index,
    assessment_index_detail,
    compute_index,
    ensure_rubrics,
    maturity_standing,
)
from kaveret.measurement.models import Rubric, RubricDimension, RubricKind
from kaveret.testing.factories import CommunityFactory, OrganisationFactory
from kaveret.testing.measurement_assessments_factories import assess

pytestmark = pytest.mark.django_db

CI = RubricKind.COLLECTIVE_IMPACT
OI = RubricKind.OI_MATURITY
ALL_CI = [
    "common_agenda",
    "shared_measurement",
    "mutually_reinforcing_activities",
    "continuous_communication",
    "backbone_support",
    "trust_and_agreement",
]
ALL_OI = [
    "strategy_and_mandate",
    "internal_ambassador",
    "scout_and_pilot_processes",
    "mechanisms_used",
    "partnerships_and_pilots",
    "adoption",
]


def test_the_migration_installs_three_rubrics_and_ensure_is_idempotent() -> None:
    assert set(Rubric.objects.values_list("kind", flat=True)) == set(RubricKind.values)
    before = RubricDimension.objects.count()
    assert before == sum(len(definition.dimensions) for definition in RUBRICS) == 19
    ensure_rubrics()
    ensure_rubrics()
    assert RubricDimension.objects.count() == before
    ci = Rubric.objects.get(kind=CI)
    assert [d.key for d in ci.dimensions.all()] == ALL_CI
    assert ci.dimensions.get(key="trust_and_agreement").name_en == "Trust and agreement"
    oi = Rubric.objects.get(kind=OI)
    assert [d.key for d in oi.dimensions.all()] == ALL_OI
    assert all(d.name and d.name_en and d.name_ar and d.description for d in oi.dimensions.all())


def test_extremes_of_the_scale_are_0_and_100() -> None:
    community = CommunityFactory()
    assert assessment_index(assess(CI, dict.fromkeys(ALL_CI, 5), community=community)) == 100.0
    assert assessment_index(assess(CI, dict.fromkeys(ALL_CI, 1), community=community)) == 0.0


def test_equal_weights_mean_of_rescaled_scores() -> None:
    # 5 -> 100, 3 -> 50, four dimensions at 1 -> 0: (100 + 50) / 6 = 25.
    scores = dict.fromkeys(ALL_CI, 1) | {"common_agenda": 5, "shared_measurement": 3}
    detail = assessment_index_detail(assess(CI, scores, community=CommunityFactory()))
    assert detail.value == 25.0
    assert detail.complete is True
    assert (detail.scored, detail.dimensions) == (6, 6)


def test_missing_dimensions_are_left_out_and_weights_renormalised() -> None:
    # Only two of six scored: (100 + 50) / 2 = 75, not (100 + 50) / 6 = 25.
    assessment = assess(
        CI, {"common_agenda": 5, "shared_measurement": 3}, community=CommunityFactory()
    )
    detail = assessment_index_detail(assessment)
    assert detail.value == 75.0
    assert detail.complete is False
    assert (detail.scored, detail.dimensions) == (2, 6)


def test_weights_count() -> None:
    ensure_rubrics()
    RubricDimension.objects.filter(rubric__kind=CI, key="common_agenda").update(weight=Decimal("3"))
    # common agenda (weight 3) at 5 -> 100, shared measurement (weight 1) at 1 -> 0,
    # the rest unscored: (3 * 100 + 1 * 0) / (3 + 1) = 75.
    assessment = assess(
        CI, {"common_agenda": 5, "shared_measurement": 1}, community=CommunityFactory()
    )
    assert assessment_index(assessment) == 75.0
    # All six: common agenda 5 (x3), the other five at 2 (25 each):
    # (300 + 5 * 25) / 8 = 53.125 -> 53.1.
    full = assess(CI, dict.fromkeys(ALL_CI, 2) | {"common_agenda": 5}, community=CommunityFactory())
    assert assessment_index(full) == 53.1


def test_no_scores_no_index() -> None:
    detail = assessment_index_detail(assess(CI, {}, community=CommunityFactory()))
    assert detail.value is None
    assert detail.complete is False


def test_compute_index_ignores_scores_of_other_dimensions() -> None:
    assert compute_index({1: 1, 2: 1}, {1: 5, 3: 1}, 1, 5).value == 100.0


def test_sector_standing_ranks_by_latest_assessment() -> None:
    first, second, third = (OrganisationFactory(kind=OrganisationKind.NGO) for _ in range(3))
    never = OrganisationFactory(kind=OrganisationKind.NGO)
    business = OrganisationFactory(kind=OrganisationKind.CORPORATION)
    # first: all 4 -> 75; second: all 3 -> 50 (an older 100 no longer counts); third: 50.
    assess(OI, dict.fromkeys(ALL_OI, 4), organisation=first)
    assess(
        OI,
        dict.fromkeys(ALL_OI, 5),
        organisation=second,
        assessed_on=datetime.date(2025, 1, 1),
    )
    assess(OI, dict.fromkeys(ALL_OI, 3), organisation=second)
    assess(OI, dict.fromkeys(ALL_OI, 3), organisation=third)
    # Another sector does not count.
    assess(OI, dict.fromkeys(ALL_OI, 1), organisation=business)

    standing = maturity_standing(second)
    assert (standing.value, standing.rank, standing.of_count, standing.sector_median) == (
        50.0,
        2,
        3,
        50.0,
    )
    assert maturity_standing(third).rank == 2  # ties share a rank
    assert maturity_standing(first)[:4] == (75.0, 1, 3, 50.0)
    assert maturity_standing(never)[:4] == (None, None, 3, 50.0)
    assert maturity_standing(business)[:4] == (0.0, 1, 1, 0.0)


def test_sector_median_of_an_even_count() -> None:
    a, b = OrganisationFactory(), OrganisationFactory()
    assess(OI, dict.fromkeys(ALL_OI, 5), organisation=a)  # 100
    assess(OI, dict.fromkeys(ALL_OI, 2), organisation=b)  # 25
    assert maturity_standing(a).sector_median == 62.5


@given(
    weights=st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=7),
    data=st.data(),
)
def test_index_stays_on_0_to_100_and_never_falls_when_a_score_rises(
    weights: list[int], data: Any
) -> None:
    by_dimension = {i: Decimal(weight) for i, weight in enumerate(weights)}
    scores = {
        i: score
        for i in by_dimension
        if (score := data.draw(st.one_of(st.none(), st.integers(1, 5)))) is not None
    }
    result = compute_index(by_dimension, scores, 1, 5)
    if not scores:
        assert result.value is None and not result.complete
        return
    assert result.value is not None and 0 <= result.value <= 100
    assert result.complete == (len(scores) == len(weights))
    raised_key = data.draw(st.sampled_from(sorted(scores)))
    if scores[raised_key] < 5:
        higher = compute_index(by_dimension, scores | {raised_key: scores[raised_key] + 1}, 1, 5)
        assert higher.value is not None and higher.value >= result.value
