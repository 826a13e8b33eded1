"""Factories for challenges and calls: an open call with a form and the seed 001 rubric,
applications, reviews, decisions and grants."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kaveret.calls.models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    Call,
    Decision,
    FormVersion,
    Grant,
    Mechanism,
    Outcome,
    Question,
    QuestionKind,
    Review,
    RubricCriterion,
)
from kaveret.challenges.models import Challenge, ChallengeOrigin, ChallengeOwnerKind

from .factories import CommunityFactory, UserFactory, VentureFactory


class ChallengeFactory(DjangoModelFactory):
    class Meta:
        model = Challenge

    slug = factory.Sequence(lambda n: f"challenge-{n}")
    title = factory.Sequence(lambda n: f"אתגר {n}")
    problem = "אנשים עם מוגבלות מתקשים להשתלב בעבודה."
    owner_kind = ChallengeOwnerKind.COMMUNITY
    owner = factory.SubFactory(UserFactory)
    origin = ChallengeOrigin.MAPPING
    community = factory.SubFactory(CommunityFactory)


class CallFactory(DjangoModelFactory):
    """A published call, open now and for two weeks."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"קול קורא {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    mechanism = Mechanism.CALL_FOR_PROPOSALS
    community = factory.SubFactory(CommunityFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    budget = Decimal("500000")
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class FormVersionFactory(DjangoModelFactory):
    class Meta:
        model = FormVersion

    call = factory.SubFactory(CallFactory)
    number = 1


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    version = factory.SubFactory(FormVersionFactory)
    key = factory.Sequence(lambda n: f"q{n}")
    order = factory.Sequence(int)
    kind = QuestionKind.LONG_TEXT
    label = factory.Sequence(lambda n: f"שאלה {n}")
    required = True
    max_length = 2000


class RubricCriterionFactory(DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    call = factory.SubFactory(CallFactory)
    order = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"קריטריון {n}")
    weight = Decimal(1)


def call_with_form(**kwargs: Any) -> Call:
    """A call with a one-question form (version 1) and a two-criterion rubric."""
    call: Call = CallFactory(**kwargs)  # type: ignore[assignment]
    version = FormVersionFactory(call=call)
    QuestionFactory(version=version, key="pitch", label="תארו את המיזם")
    RubricCriterionFactory(call=call, name="פוטנציאל השפעה", weight=Decimal(2))
    RubricCriterionFactory(call=call, name="איכות הצוות היזמי", weight=Decimal(1))
    return call


class ApplicationFactory(DjangoModelFactory):
    """A submitted application of a venture."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    form_version = factory.LazyAttribute(
        lambda o: (
            o.call.form_versions.order_by("-number").first() or FormVersionFactory(call=o.call)
        )
    )
    applicant_kind = ApplicantKind.VENTURE
    actor = factory.SubFactory(VentureFactory)
    created_by = factory.SubFactory(UserFactory)
    status = ApplicationStatus.SUBMITTED
    answers = factory.LazyFunction(lambda: {"pitch": "מיזם שמחבר בין מעסיקים למועמדים."})
    submitted_at = factory.LazyFunction(timezone.now)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory)
    outcome = Outcome.ACCEPT
    reason = "עונה על כל הקריטריונים."
    decided_by = factory.SubFactory(UserFactory)


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = Grant

    application = factory.SubFactory(ApplicationFactory)
    amount = Decimal("50000")
    created_by = factory.SubFactory(UserFactory)
