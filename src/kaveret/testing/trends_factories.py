"""Factories of trend sensing."""

from __future__ import annotations

import datetime
from typing import cast

import factory
from factory.django import DjangoModelFactory

from kaveret.accounts.models import Role, User
from kaveret.communities.models import Community
from kaveret.trends.models import Horizon, Ring, SignalKind, SignalStatus, TrendSignal

from .factories import (
    CommunityFactory,
    MembershipFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)


class TrendSignalFactory(DjangoModelFactory[TrendSignal]):
    """A curated technology signal in the watch ring, observed on 1 March 2024."""

    class Meta:
        model = TrendSignal

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"מגמה {n}")
    description = "תיאור המגמה."
    kind = SignalKind.TECHNOLOGY
    ring = Ring.WATCH
    horizon = Horizon.SHORT
    status = SignalStatus.CURATED
    source = "כנס הקהילה"
    observed_on = datetime.date(2024, 3, 1)


def make_member(community: Community) -> User:
    """A user who is an active member of ``community`` through the venture they run."""
    venture = VentureFactory()
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=venture)
    MembershipFactory(community=community, actor=venture)
    return cast(User, user)


def make_staff(community: Community, role: str = Role.COMMUNITY_COORDINATOR) -> User:
    """A user who runs ``community`` (its coordinator, unless told otherwise)."""
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, community=community)
    return cast(User, user)
