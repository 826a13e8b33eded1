"""Factories of ecosystem work: cycles, activities and principles self-assessments."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from kaveret.communities.models import (
    ActivityKind,
    ActivityStatus,
    EcosystemPhase,
    Principle,
    PrincipleAssessment,
    PrincipleScore,
    WorkActivity,
    WorkCycle,
)

from .factories import CommunityFactory


class WorkCycleFactory(DjangoModelFactory):
    """An open cycle; pass ``ended_on`` for a closed one."""

    class Meta:
        model = WorkCycle

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: n + 1)
    started_on = date(2025, 1, 1)


class WorkActivityFactory(DjangoModelFactory):
    class Meta:
        model = WorkActivity

    cycle = factory.SubFactory(WorkCycleFactory)
    move = EcosystemPhase.EXPLORATION
    kind = ActivityKind.MAPPING
    title = factory.Sequence(lambda n: f"מיפוי {n}")
    status = ActivityStatus.PLANNED
    links: Any = factory.LazyFunction(list)


class PrincipleAssessmentFactory(DjangoModelFactory):
    """A self-assessment; ``scores={principle: score}`` sets them (default 3 for all)."""

    class Meta:
        model = PrincipleAssessment
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    assessed_on = date(2025, 1, 1)

    @factory.post_generation
    def scores(self: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        given: dict[str, int] = extracted or {}
        PrincipleScore.objects.bulk_create(
            PrincipleScore(assessment=self, principle=principle, score=given.get(principle, 3))
            for principle in Principle.values
        )
