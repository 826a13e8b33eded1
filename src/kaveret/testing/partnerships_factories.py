"""Factories for design partnerships (each helper adds what its part needs below)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from kaveret.partnerships.models import Partnership, Stage

from .factories import CommunityFactory, OrganisationFactory, VentureFactory


class PartnershipFactory(DjangoModelFactory):
    """A partnership between a new NGO and a new venture, in a community, at step 05."""

    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"שותפות מעצבת {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    venture = factory.SubFactory(VentureFactory)
    community = factory.SubFactory(CommunityFactory)
    stage = Stage.DEFINE
