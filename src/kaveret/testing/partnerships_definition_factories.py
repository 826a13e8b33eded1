"""Factories for defining a partnership: a partnership with its definition rows, the people
who may work on it, and an organisation person to name as ambassador."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from kaveret.accounts.models import Role
from kaveret.ecosystem.models import Organisation
from kaveret.partnerships.definition_services import ensure_definition_rows
from kaveret.partnerships.models import Partnership, PartnershipParty, PartyRole

from .factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from .partnerships_factories import PartnershipFactory


def partnership_without_definition(**values: Any) -> Partnership:
    """A partnership whose definition rows were never made (as older ones)."""
    return cast(Partnership, PartnershipFactory(**values))


def defined_partnership(**values: Any) -> Partnership:
    """A partnership at step 05 with its expectations, legal items and pilot plan."""
    partnership = cast(Partnership, PartnershipFactory(**values))
    ensure_definition_rows(partnership)
    return partnership


@dataclass
class DefinitionPeople:
    entrepreneur: Any
    representative: Any
    staff: Any
    other_entrepreneur: Any


def definition_people(partnership: Partnership) -> DefinitionPeople:
    """The venture's entrepreneur, the organisation's representative, the community's
    manager, and an entrepreneur of another venture."""
    entrepreneur = UserFactory()
    RoleAssignmentFactory(user=entrepreneur, role=Role.ENTREPRENEUR, venture=partnership.venture)
    representative = UserFactory()
    RoleAssignmentFactory(
        user=representative,
        role=Role.ORGANISATION_REPRESENTATIVE,
        organisation=partnership.organisation,
    )
    staff = UserFactory()
    RoleAssignmentFactory(user=staff, role=Role.COMMUNITY_MANAGER, community=partnership.community)
    other = UserFactory()
    RoleAssignmentFactory(user=other, role=Role.ENTREPRENEUR, venture=PartnershipFactory().venture)
    return DefinitionPeople(
        entrepreneur=entrepreneur,
        representative=representative,
        staff=staff,
        other_entrepreneur=other,
    )


def further_party_user(partnership: Partnership) -> Any:
    """Someone acting for a funder that is a further party: may see, may not edit."""
    funder = cast(Organisation, OrganisationFactory())
    PartnershipParty.objects.create(partnership=partnership, actor=funder, role=PartyRole.FUNDER)
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.ORGANISATION_REPRESENTATIVE, organisation=funder)
    return user


def organisation_person(partnership: Partnership, **values: Any) -> Any:
    """A person affiliated with the partnership's organisation."""
    return AffiliationFactory(actor=partnership.organisation, **values).person


def outside_person(**values: Any) -> Any:
    return PersonFactory(**values)
