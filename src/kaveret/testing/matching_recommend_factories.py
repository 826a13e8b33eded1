"""Factories for the recommenders: criterion assessments and scouting entries."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from kaveret.matching.models import Criterion, CriterionAssessment, ScoutingEntry

from .factories import OrganisationFactory, VentureFactory


class CriterionAssessmentFactory(DjangoModelFactory):
    """A general (nobody's particular view) assessment of one seed 001 criterion."""

    class Meta:
        model = CriterionAssessment

    about = factory.SubFactory(VentureFactory)
    criterion = Criterion.STRATEGIC_FIT
    score = 4


class OrganisationAssessmentFactory(CriterionAssessmentFactory):
    about = factory.SubFactory(OrganisationFactory)
    criterion = Criterion.AGILITY


class ScoutingEntryFactory(DjangoModelFactory):
    class Meta:
        model = ScoutingEntry

    challenge = factory.SubFactory("kaveret.testing.calls_factories.ChallengeFactory")
    venture = factory.SubFactory(VentureFactory)
    score = 0.5
