"""Factories for search, scouting and matchmaking (each helper adds what its part needs)."""

from __future__ import annotations

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from kaveret.matching.models import MatchmakingEvent, MatchParticipant, Side

from .factories import EventFactory, OrganisationFactory, VentureFactory


class MatchmakingEventFactory(DjangoModelFactory):
    """A 72-hour matchmaking round on a new community event (Extreme TechAbility)."""

    class Meta:
        model = MatchmakingEvent

    event = factory.SubFactory(
        EventFactory, ends_at=factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=72))
    )
    title = factory.Sequence(lambda n: f"TechAbility אקסטרים {n}")
    window_starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    window_ends_at = factory.LazyAttribute(lambda o: o.event.ends_at)


class VentureParticipantFactory(DjangoModelFactory):
    class Meta:
        model = MatchParticipant

    matchmaking = factory.SubFactory(MatchmakingEventFactory)
    actor = factory.SubFactory(VentureFactory)
    side = Side.VENTURE
    capacity = 3


class OrganisationParticipantFactory(VentureParticipantFactory):
    actor = factory.SubFactory(OrganisationFactory)
    side = Side.ORGANISATION
