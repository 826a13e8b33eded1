"""Design-partner fit: shared facets, the seed 001 criteria renormalised, the pair table."""

from __future__ import annotations

import pytest

from kaveret.matching.models import Criterion
from kaveret.matching.recommend import FIT_WEIGHTS, combine, pair_fit
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    TargetPopulationFactory,
    VentureFactory,
)
from kaveret.testing.matching_recommend_factories import (
    CriterionAssessmentFactory,
    OrganisationAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def test_a_criterion_not_assessed_is_left_out_not_counted_as_zero() -> None:
    with_one = combine({"domain": 1.0, "venture_criteria": None}, FIT_WEIGHTS)
    assert with_one == 1.0
    both = combine({"domain": 1.0, "venture_criteria": 0.0}, FIT_WEIGHTS)
    weight = FIT_WEIGHTS["domain"] / (FIT_WEIGHTS["domain"] + FIT_WEIGHTS["venture_criteria"])
    assert both == pytest.approx(weight)


def test_pair_fit_prefers_the_organisation_sharing_domain_and_population() -> None:
    employment = DomainFactory(name="תעסוקה", name_en="Employment", slug="employment")
    disability = TargetPopulationFactory(
        name="אנשים עם מוגבלות", name_en="People with disabilities", slug="disability"
    )
    health = DomainFactory(name="בריאות", slug="health")
    venture = VentureFactory()
    venture.domains.add(employment)
    venture.target_populations.add(disability)
    matching = OrganisationFactory()
    matching.domains.add(employment)
    matching.target_populations.add(disability)
    other = OrganisationFactory()
    other.domains.add(health)
    other.target_populations.add(TargetPopulationFactory(slug="elderly"))

    fits = pair_fit([venture.pk], [matching.pk, other.pk])

    good, bad = fits[(venture.pk, matching.pk)], fits[(venture.pk, other.pk)]
    assert good.score > bad.score
    assert good.breakdown["domain"] == 1.0
    assert any("תעסוקה" in reason for reason in good.reasons)
    assert any("אנשים עם מוגבלות" in reason for reason in good.reasons)
    assert bad.breakdown["domain"] == 0.0


def test_pair_fit_counts_only_assessed_criteria_and_prefers_the_pairs_own_view() -> None:
    venture = VentureFactory()
    organisation = OrganisationFactory()
    CriterionAssessmentFactory(about=venture, criterion=Criterion.TEAM_QUALITY, score=5)
    CriterionAssessmentFactory(
        about=venture, from_actor=organisation, criterion=Criterion.TEAM_QUALITY, score=1
    )
    OrganisationAssessmentFactory(about=organisation, criterion=Criterion.AGILITY, score=5)

    fit = pair_fit([venture.pk], [organisation.pk])[(venture.pk, organisation.pk)]

    # Only the two criteria components exist; the organisation's view of the team wins.
    assert set(fit.breakdown) == {"venture_criteria", "organisation_criteria"}
    assert fit.breakdown["venture_criteria"] == 0.0
    assert fit.breakdown["organisation_criteria"] == 1.0
    weights = FIT_WEIGHTS["organisation_criteria"] / (
        FIT_WEIGHTS["venture_criteria"] + FIT_WEIGHTS["organisation_criteria"]
    )
    assert fit.score == pytest.approx(weights, abs=1e-3)


def test_pair_fit_reads_a_bounded_number_of_queries(django_assert_max_num_queries) -> None:
    ventures = [VentureFactory() for _ in range(6)]
    organisations = [OrganisationFactory() for _ in range(6)]
    for actor in ventures + organisations:
        actor.domains.add(DomainFactory(slug="shared"))
    with django_assert_max_num_queries(12):
        fits = pair_fit([v.pk for v in ventures], [o.pk for o in organisations])
    assert len(fits) == 36
