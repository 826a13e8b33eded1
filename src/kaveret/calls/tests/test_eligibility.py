"""Eligibility: every rule, with the reason an applicant reads (in English here)."""

from __future__ import annotations

import pytest
from django.utils import translation

from kaveret.calls.eligibility import check
from kaveret.ecosystem.choices import FoundersSociety, OrganisationKind, VentureStage, VentureType
from kaveret.testing.calls_factories import CallFactory
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    PersonFactory,
    TargetPopulationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> object:
    with translation.override("en"):
        yield


def test_a_call_without_rules_takes_everyone() -> None:
    call = CallFactory(eligibility={})
    assert check(call, VentureFactory()).eligible
    assert check(call, OrganisationFactory()).eligible
    assert check(call, PersonFactory()).eligible


def test_stage_rule_names_the_stages_asked_and_the_venture_s() -> None:
    call = CallFactory(
        eligibility={"stages": [VentureStage.PRODUCT_MARKET_FIT, VentureStage.SCALE]}
    )
    result = check(call, VentureFactory(stage=VentureStage.IDEA))
    assert not result.eligible
    assert result.reasons == [
        "This call is for ventures at the product/market fit or scale stage; "
        "yours is at the idea stage."
    ]
    assert check(call, VentureFactory(stage=VentureStage.SCALE)).eligible


def test_venture_type_rule() -> None:
    call = CallFactory(eligibility={"venture_types": [VentureType.IMPACT_STARTUP]})
    result = check(call, VentureFactory(venture_type=VentureType.SOCIAL_BUSINESS))
    assert result.failed_rules == ["venture_types"]
    assert "Impact startup" in result.reasons[0] and "Social business" in result.reasons[0]


def test_founders_society_rule() -> None:
    call = CallFactory(eligibility={"founders_societies": [FoundersSociety.ARAB]})
    result = check(call, VentureFactory(founders_society=FoundersSociety.GENERAL))
    assert result.failed_rules == ["founders_societies"]
    assert "Arab society" in result.reasons[0]
    assert check(call, VentureFactory(founders_society=FoundersSociety.ARAB)).eligible


def test_organisation_kind_rule() -> None:
    call = CallFactory(eligibility={"organisation_kinds": [OrganisationKind.NGO]})
    result = check(call, OrganisationFactory(kind=OrganisationKind.CORPORATION))
    assert result.failed_rules == ["organisation_kinds"]
    assert "Corporation" in result.reasons[0]
    assert check(call, OrganisationFactory(kind=OrganisationKind.NGO)).eligible


def test_applicant_kind_rule_refuses_a_person_where_only_ventures_apply() -> None:
    call = CallFactory(eligibility={"applicant_kinds": ["venture"]})
    result = check(call, PersonFactory())
    assert result.failed_rules == ["applicant_kinds"]
    assert result.reasons == ["This call is for a venture; you are applying as a person."]


def test_domain_rule_holds_when_one_domain_matches() -> None:
    employment = DomainFactory(slug="employment", name_en="Employment")
    DomainFactory(slug="health", name_en="Health")
    call = CallFactory(eligibility={"domains": ["employment", "health"]})
    venture = VentureFactory()
    result = check(call, venture)
    assert result.failed_rules == ["domains"]
    assert "Employment or Health" in result.reasons[0]
    venture.domains.add(employment)
    assert check(call, venture).eligible


def test_population_and_region_rules() -> None:
    arab = TargetPopulationFactory(slug="arab-society", name_en="Arab society")
    call = CallFactory(eligibility={"populations": ["arab-society"], "regions": ["north"]})
    organisation = OrganisationFactory()
    organisation.target_populations.add(arab)
    result = check(call, organisation)
    assert result.failed_rules == ["regions"]


def test_every_failed_rule_gives_its_own_reason() -> None:
    call = CallFactory(
        eligibility={
            "stages": [VentureStage.SCALE],
            "venture_types": [VentureType.IMPACT_STARTUP],
            "domains": ["employment"],
        }
    )
    result = check(call, VentureFactory(stage=VentureStage.IDEA))
    assert result.failed_rules == ["venture_types", "stages", "domains"]
    assert len(result.reasons) == 3


def test_a_person_meets_a_call_without_venture_or_profile_rules() -> None:
    call = CallFactory(eligibility={"applicant_kinds": ["person", "venture"]})
    assert check(call, PersonFactory()).eligible


def test_venture_and_profile_rules_fail_for_a_person() -> None:
    call = CallFactory(
        eligibility={
            "stages": [VentureStage.SCALE],
            "founders_societies": [FoundersSociety.ARAB],
            "domains": ["employment"],
        }
    )
    with translation.override("en"):
        result = check(call, PersonFactory())
    assert not result.eligible
    assert result.failed_rules == ["stages", "founders_societies", "domains"]
    assert result.reasons[1] == (
        "This call is for ventures founded by people from Arab society; a person applying "
        "alone cannot qualify."
    )


def test_venture_rules_fail_for_an_organisation_and_organisation_rules_for_a_venture() -> None:
    call = CallFactory(eligibility={"venture_types": [VentureType.IMPACT_STARTUP]})
    with translation.override("en"):
        result = check(call, OrganisationFactory())
    assert result.failed_rules == ["venture_types"]
    assert result.reasons[0].endswith("an organisation cannot qualify.")
    call = CallFactory(eligibility={"organisation_kinds": [OrganisationKind.NGO]})
    with translation.override("en"):
        result = check(call, VentureFactory())
    assert result.failed_rules == ["organisation_kinds"]
    assert result.reasons[0].endswith("a venture cannot qualify.")
