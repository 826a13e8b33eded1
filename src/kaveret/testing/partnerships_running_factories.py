"""Factories for running a design partnership: risks, feedback, indicators, measurements,
decisions, continuity plans."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import factory
from factory.django import DjangoModelFactory

from kaveret.partnerships.models import (
    ContinuityPlan,
    DecisionEntry,
    Feedback,
    FeedbackRole,
    Partnership,
    PilotIndicator,
    PilotMeasurement,
    Risk,
    RiskKey,
    RiskLevel,
    RiskStatus,
)

from .factories import OrganisationFactory
from .partnerships_factories import PartnershipFactory


class RiskFactory(DjangoModelFactory):
    """An open risk of working with a partial product, likely and of medium impact."""

    class Meta:
        model = Risk

    partnership = factory.SubFactory(PartnershipFactory)
    key = RiskKey.PARTIAL_PRODUCT
    likelihood = RiskLevel.HIGH
    impact = RiskLevel.MEDIUM
    owner = "מנהלת הפיילוט"
    mitigation = "גרסה ראשונה מצומצמת ומפגשי משוב שבועיים."
    status = RiskStatus.OPEN


class FeedbackFactory(DjangoModelFactory):
    """Feedback from a member of the organisation's staff, rated 4."""

    class Meta:
        model = Feedback

    partnership = factory.SubFactory(PartnershipFactory)
    role = FeedbackRole.STAFF
    rating = 4
    text = factory.Sequence(lambda n: f"הכלי עוזר לנו בעבודה היומיומית ({n}).")


class PilotIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = PilotIndicator

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"שיעור שימוש שבועי {n}")
    unit = "%"
    baseline = Decimal("10")
    target = Decimal("40")


class PilotMeasurementFactory(DjangoModelFactory):
    class Meta:
        model = PilotMeasurement

    indicator = factory.SubFactory(PilotIndicatorFactory)
    measured_on = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("20")


class DecisionEntryFactory(DjangoModelFactory):
    class Meta:
        model = DecisionEntry

    partnership = factory.SubFactory(PartnershipFactory)
    decided_on = datetime.date(2026, 3, 1)
    text = "להרחיב את הפיילוט לסניף נוסף."
    decided_by = "ועדת ההיגוי של השותפות"


class ContinuityPlanFactory(DjangoModelFactory):
    """A plan handing the pilot over to a ministry on a date."""

    class Meta:
        model = ContinuityPlan

    partnership = factory.SubFactory(PartnershipFactory)
    funding_after = "משרד הרווחה מממן את ההפעלה השוטפת."
    procurement_path = "מכרז פטור ממכרז לספק יחיד."
    handover_to = factory.SubFactory(
        OrganisationFactory, name=factory.Sequence(lambda n: f"משרד הרווחה {n}"), kind="ministry"
    )
    handover_on = datetime.date(2026, 12, 31)


def make_partnership(**kwargs: Any) -> Partnership:
    """A ``PartnershipFactory`` partnership, typed as the model."""
    return cast(Partnership, PartnershipFactory(**kwargs))
