"""Factories for rubric assessments: an assessment of a subject with scores by key."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from kaveret.measurement.assessments import ensure_rubrics
from kaveret.measurement.models import Assessment, AssessmentScore, Rubric, RubricKind


def rubric(kind: str) -> Rubric:
    """One of the three rubrics (created by the data migration; ensured here too)."""
    found = Rubric.objects.filter(kind=kind).first()
    return found if found is not None else ensure_rubrics()[kind]


class AssessmentFactory(DjangoModelFactory[Assessment]):
    """A collective-impact assessment of a community, without scores (see ``assess``)."""

    class Meta:
        model = Assessment

    rubric = factory.LazyFunction(lambda: rubric(RubricKind.COLLECTIVE_IMPACT))
    community = factory.SubFactory("kaveret.testing.factories.CommunityFactory")
    assessed_on = datetime.date(2026, 1, 15)


def assess(
    kind: str,
    scores: dict[str, int],
    *,
    assessed_on: datetime.date = datetime.date(2026, 1, 15),
    **subject: Any,
) -> Assessment:
    """An assessment under rubric ``kind`` of ``subject`` (community=, organisation=, ...)
    with ``scores`` by dimension key."""
    the_rubric = rubric(kind)
    assessment = AssessmentFactory.create(
        rubric=the_rubric, assessed_on=assessed_on, **({"community": None} | subject)
    )
    dimensions = {dimension.key: dimension for dimension in the_rubric.dimensions.all()}
    for key, score in scores.items():
        AssessmentScore.objects.create(
            assessment=assessment, dimension=dimensions[key], score=score
        )
    return assessment
