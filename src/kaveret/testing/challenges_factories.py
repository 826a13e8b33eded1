"""Factories for the refinement of challenges: members, comments, proposed edits."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kaveret.accounts.models import User
from kaveret.challenges.models import (
    Challenge,
    ChallengeComment,
    ChallengeStatus,
    EditProposal,
)
from kaveret.communities.models import Community, MemberType

from .calls_factories import ChallengeFactory
from .factories import MembershipFactory, PersonFactory, UserFactory


def open_challenge(**kwargs: Any) -> Challenge:
    """A published challenge, open for refinement."""
    kwargs.setdefault("status", ChallengeStatus.OPEN)
    kwargs.setdefault("published_at", timezone.now())
    return ChallengeFactory(**kwargs)  # type: ignore[return-value]


def community_member(community: Community, **kwargs: Any) -> User:
    """A user who is an active member of ``community`` in person."""
    user: User = UserFactory(**kwargs)  # type: ignore[assignment]
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=user),
        member_type=MemberType.NEED_EXPERT,
    )
    return user


class ChallengeCommentFactory(DjangoModelFactory):
    class Meta:
        model = ChallengeComment

    challenge = factory.LazyFunction(open_challenge)
    author = factory.SubFactory(UserFactory)
    body = "כדאי להוסיף נתונים על תעסוקה בפריפריה."


class EditProposalFactory(DjangoModelFactory):
    """An open proposal to change the problem statement, made over its current text."""

    class Meta:
        model = EditProposal

    challenge = factory.LazyFunction(open_challenge)
    author = factory.SubFactory(UserFactory)
    changes = factory.LazyAttribute(lambda o: {"problem": o.challenge.problem + " גם בפריפריה."})
    base = factory.LazyAttribute(lambda o: {"problem": o.challenge.problem})
    note = "הבעיה חריפה יותר בפריפריה."
