"""Platform admins see every published call, with or without a community."""

from __future__ import annotations

import pytest

from kaveret.accounts.models import Role
from kaveret.calls.call_selectors import visible_calls
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import visible_challenges_condition
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_sees_published_calls_of_hidden_communities_too() -> None:
    hidden = CommunityFactory(is_public=False)
    in_hidden = CallFactory(community=hidden, is_published=True)
    without = CallFactory(community=None, is_published=True)
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.PLATFORM_ADMIN)
    visitor = UserFactory()

    assert set(visible_calls(admin)) >= {in_hidden, without}
    assert in_hidden not in set(visible_calls(visitor))


def test_an_admin_sees_challenges_of_hidden_communities() -> None:
    hidden = CommunityFactory(is_public=False)
    challenge = ChallengeFactory(community=hidden)
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.PLATFORM_ADMIN)
    assert Challenge.objects.filter(visible_challenges_condition(admin), pk=challenge.pk).exists()
