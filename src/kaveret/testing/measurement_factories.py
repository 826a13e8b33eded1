"""Factories for the portfolio, indicators and assessments (each helper adds its own below)."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from kaveret.measurement.models import Area, Indicator, Programme, WorkPlan

from .factories import OrganisationFactory


class WorkPlanFactory(DjangoModelFactory):
    class Meta:
        model = WorkPlan

    year = 2021
    title = factory.Sequence(lambda n: f"תכנית עבודה {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    is_published = True


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    plan = factory.SubFactory(WorkPlanFactory)
    name = factory.Sequence(lambda n: f"תחום {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    area = factory.SubFactory(AreaFactory)
    plan = factory.LazyAttribute(lambda o: o.area.plan)
    title = factory.Sequence(lambda n: f"תכנית {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    main_goal = "הכשרת מובילי שינוי"


class IndicatorFactory(DjangoModelFactory):
    """A quarterly indicator of a programme, from 0 to 100, higher is better."""

    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"מדד {n}")
    unit = "%"
    baseline = 0
    target = 100
    starts_on = datetime.date(2021, 1, 1)
    target_on = datetime.date(2021, 12, 31)
    programme = factory.SubFactory(ProgrammeFactory)
