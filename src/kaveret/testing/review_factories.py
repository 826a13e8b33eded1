"""Factories for reviews, conflicts, scores and grants' parts; a call ready for review."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kaveret.calls.models import (
    AuditEntry,
    Call,
    ConflictDeclaration,
    Milestone,
    Review,
    ReviewScore,
    ReviewStatus,
)

from .calls_factories import ApplicationFactory, call_with_form
from .factories import UserFactory


class ConflictFactory(DjangoModelFactory):
    class Meta:
        model = ConflictDeclaration

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)
    reason = "אחי עובד במיזם."


class ReviewScoreFactory(DjangoModelFactory):
    class Meta:
        model = ReviewScore

    score = 3


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"אבן דרך {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    amount = Decimal("10000")


def confirm_conflicts(reviewer: Any, call: Call) -> AuditEntry:
    return AuditEntry.objects.create(call=call, by=reviewer, action="conflicts_confirmed")


def submitted_review(application: Any, reviewer: Any, scores: list[int]) -> Review:
    """A submitted review scoring the call's criteria in order."""
    review = Review.objects.create(
        application=application,
        reviewer=reviewer,
        status=ReviewStatus.SUBMITTED,
        recommendation="accept",
        submitted_at=timezone.now(),
    )
    for criterion, score in zip(application.call.criteria.all(), scores, strict=True):
        ReviewScore.objects.create(review=review, criterion=criterion, score=score)
    return review


def call_for_review(reviewers: int = 3, applications: int = 3, **kwargs: Any) -> Call:
    """A call (two criteria, weights 2 and 1) with reviewers and submitted applications."""
    call = call_with_form(**kwargs)
    call.reviewers.add(*UserFactory.create_batch(reviewers))
    for _ in range(applications):
        ApplicationFactory(call=call)
    return call
