"""Factories for design partnerships (each helper adds what its part needs below)."""

from __future__ import annotations

import itertools
from typing import Any

import factory
from factory.django import DjangoModelFactory

from kaveret.accounts.models import Role
from kaveret.partnerships.models import Partnership, Stage

from .factories import (
    CommunityFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    VentureFactory,
)


class PartnershipFactory(DjangoModelFactory):
    """A partnership between a new NGO and a new venture, in a community, at step 05."""

    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"שותפות מעצבת {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    venture = factory.SubFactory(VentureFactory)
    community = factory.SubFactory(CommunityFactory)
    stage = Stage.DEFINE


# Board (stages, gates, five factors): people in each role around a partnership.


def user_with_role(role: str, **scope: Any) -> Any:
    """A user holding ``role`` (an ``accounts.models.Role``) with its scope
    (``community=``, ``organisation=``, ``venture=``)."""
    assignment = RoleAssignmentFactory(role=role, **scope)
    return assignment.user


def platform_admin() -> Any:
    return user_with_role(Role.PLATFORM_ADMIN)


def organisation_representative(organisation: Any) -> Any:
    return user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=organisation)


def entrepreneur(venture: Any) -> Any:
    return user_with_role(Role.ENTREPRENEUR, venture=venture)


def community_manager(community: Any) -> Any:
    return user_with_role(Role.COMMUNITY_MANAGER, community=community)


_numbers = itertools.count(1)


def full_partnership(**kwargs: Any) -> Partnership:
    """A partnership made by ``services.create_partnership`` (every row of its parts),
    by a new platform admin unless ``user=`` is given."""
    from kaveret.partnerships.services import create_partnership

    user = kwargs.pop("user", None) or platform_admin()
    values: dict[str, Any] = {
        "organisation": kwargs.pop("organisation", None) or OrganisationFactory(),
        "venture": kwargs.pop("venture", None) or VentureFactory(),
        "title": kwargs.pop("title", None) or f"שותפות מלאה {next(_numbers)}",
    }
    if "community" not in kwargs:
        kwargs["community"] = CommunityFactory()
    return create_partnership(user=user, **values, **kwargs)
