"""Factories for indicators, their parties and measurements."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from kaveret.accounts.models import User
from kaveret.measurement.models import Indicator, IndicatorParty, Measurement
from kaveret.measurement.status import period_at

from .factories import OrganisationFactory, UserFactory
from .measurement_factories import IndicatorFactory


class IndicatorPartyFactory(DjangoModelFactory[IndicatorParty]):
    class Meta:
        model = IndicatorParty

    indicator = factory.SubFactory(IndicatorFactory, is_shared=True)
    actor = factory.SubFactory(OrganisationFactory)
    reporter = factory.SubFactory(UserFactory)


class MeasurementFactory(DjangoModelFactory[Measurement]):
    """The first period's measurement of an indicator, with a note as its evidence."""

    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = factory.LazyAttribute(lambda o: period_at(o.indicator, 0).start)
    period_end = factory.LazyAttribute(lambda o: _end_of(o.indicator, o.period_start))
    value = Decimal(10)
    note = "ספירה מרשימות הנוכחות"


def _end_of(indicator: Indicator, start: datetime.date) -> datetime.date:
    index = 0
    while True:
        period = period_at(indicator, index)
        if period.start >= start:
            return period.end
        index += 1


def measure(indicator: Indicator, index: int, value: Any, **fields: Any) -> Measurement:
    """A measurement of the indicator's period number ``index`` (0 is the first)."""
    period = period_at(indicator, index)
    return MeasurementFactory(  # type: ignore[return-value]
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        value=Decimal(str(value)),
        **fields,
    )


def owned_indicator(owner: User | None = None, **fields: Any) -> Indicator:
    """A quarterly programme indicator for 2021 (0 to 100, higher is better) with an owner."""
    return IndicatorFactory(owner=owner or UserFactory(), **fields)  # type: ignore[return-value]


def shared_indicator(parties: int = 2, **fields: Any) -> tuple[Indicator, list[IndicatorParty]]:
    """A shared indicator of a community's parties, each with its own reporter."""
    indicator: Indicator = IndicatorFactory(is_shared=True, **fields)  # type: ignore[assignment]
    made = [IndicatorPartyFactory(indicator=indicator) for _ in range(parties)]
    return indicator, made  # type: ignore[return-value]
