"""Factories for the portfolio: budget lines and yearly targets (plans, areas and
programmes are in ``measurement_factories``)."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from kaveret.measurement.models import BudgetLine, Target

from .measurement_factories import AreaFactory, ProgrammeFactory


class BudgetLineFactory(DjangoModelFactory):
    """A line of an area (pass ``programme=`` for a programme's line: area and plan follow)."""

    class Meta:
        model = BudgetLine

    area = factory.LazyAttribute(
        lambda o: o.programme.area if o.programme is not None else AreaFactory()
    )
    plan = factory.LazyAttribute(lambda o: o.area.plan)
    programme = None
    inside = Decimal("1000")
    outside = Decimal("0")


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    programme = factory.SubFactory(ProgrammeFactory)
    text = factory.Sequence(lambda n: f"יעד {n}")
    order = factory.Sequence(lambda n: n)
