"""Factories for search, scouting and matchmaking (each helper adds what its part needs)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from factory.django import DjangoModelFactory

from kaveret.accounts.models import Role
from kaveret.matching.models import (
    AvailabilitySlot,
    Interest,
    InterestLevel,
    MatchmakingEvent,
    MatchParticipant,
    Side,
)

from .factories import (
    EventFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)


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


# --- Matchmaking: availability, interest, staff and a ready-made round ------------------


class AvailabilitySlotFactory(DjangoModelFactory):
    """The participant is free for the first eight hours of the event window."""

    class Meta:
        model = AvailabilitySlot

    participant = factory.SubFactory(VentureParticipantFactory)
    starts_at = factory.LazyAttribute(lambda o: o.participant.matchmaking.window_starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest

    source = factory.SubFactory(VentureParticipantFactory)
    target = factory.SubFactory(
        OrganisationParticipantFactory,
        matchmaking=factory.SelfAttribute("..source.matchmaking"),
    )
    level = InterestLevel.WOULD_LIKE


def matchmaking_staff(matchmaking: MatchmakingEvent, role: str = Role.TECH_ARENA_MANAGER) -> Any:
    """A user who runs ``matchmaking``'s community (tech-arena manager by default)."""
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, community=matchmaking.event.community)
    return user


def acting_for(participant: MatchParticipant) -> Any:
    """A user acting for the participant (its entrepreneur or organisation representative)."""
    user = UserFactory()
    if participant.side == Side.VENTURE:
        RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture_id=participant.actor_id)
    else:
        RoleAssignmentFactory(
            user=user, role=Role.ORGANISATION_REPRESENTATIVE, organisation_id=participant.actor_id
        )
    return user


def matchmaking_round(
    ventures: int = 3, organisations: int = 3, capacity: int = 2, hours: int = 8
) -> tuple[MatchmakingEvent, list[MatchParticipant], list[MatchParticipant]]:
    """A round with participants on both sides, all free for the first ``hours`` hours."""
    matchmaking: Any = MatchmakingEventFactory(rooms=["חדר 1", "חדר 2"])
    venture_side: list[Any] = [
        VentureParticipantFactory(matchmaking=matchmaking, capacity=capacity)
        for _ in range(ventures)
    ]
    organisation_side: list[Any] = [
        OrganisationParticipantFactory(matchmaking=matchmaking, capacity=capacity)
        for _ in range(organisations)
    ]
    for participant in venture_side + organisation_side:
        AvailabilitySlotFactory(
            participant=participant,
            ends_at=matchmaking.window_starts_at + timedelta(hours=hours),
        )
    return matchmaking, venture_side, organisation_side
