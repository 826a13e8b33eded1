"""Factories for the dashboards' tests: a community with figures made by hand."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kaveret.accounts.models import Role, User
from kaveret.calls.models import ApplicationStatus, ReviewStatus
from kaveret.communities.models import Community, MembershipStatus, MemberType, RegistrationStatus
from kaveret.partnerships.models import Outcome, Stage

from .calls_factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeFactory,
    GrantFactory,
    ReviewFactory,
)
from .factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)
from .partnerships_factories import PartnershipFactory


def funder() -> User:
    """A user holding the funder role."""
    user: User = UserFactory()  # type: ignore[assignment]
    RoleAssignmentFactory(user=user, role=Role.FUNDER)
    return user


def member_of(community: Community) -> User:
    """A user who is an active member of ``community`` in person (since 2024-01-10)."""
    user: User = UserFactory()  # type: ignore[assignment]
    MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=user),
        member_type=MemberType.NEED_EXPERT,
        joined_on=datetime.date(2024, 1, 10),
    )
    return user


def membership(
    community: Community,
    joined: datetime.date | None,
    member_type: str = MemberType.ENTREPRENEUR,
    *,
    organisation: bool = False,
    left: datetime.date | None = None,
    status: str = MembershipStatus.ACTIVE,
) -> Any:
    actor = OrganisationFactory() if organisation else VentureFactory()
    return MembershipFactory(
        community=community,
        actor=actor,
        member_type=member_type,
        joined_on=joined,
        left_on=left,
        status=MembershipStatus.LEFT if left else status,
    )


def held_event(community: Community, days_ago: int, registered: int, attended: int) -> Any:
    """A published event ``days_ago`` days ago: ``registered`` seats held, of them
    ``attended`` marked as attended, plus one cancelled registration (never counted)."""
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    event = EventFactory(community=community, starts_at=starts, capacity=None)
    for index in range(registered):
        status = RegistrationStatus.ATTENDED if index < attended else RegistrationStatus.REGISTERED
        EventRegistrationFactory(event=event, status=status)
    EventRegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    return event


def application(
    call: Any,
    *,
    submitted: bool = True,
    eligible: bool = True,
    reviewed: bool = False,
    accepted: bool = False,
    granted: bool = False,
) -> Any:
    """An application that reached the stages asked for."""
    status = (
        ApplicationStatus.ACCEPTED
        if accepted
        else (ApplicationStatus.SUBMITTED if submitted else ApplicationStatus.DRAFT)
    )
    made = ApplicationFactory(
        call=call,
        status=status,
        submitted_at=timezone.now() if submitted else None,
        eligibility_result={"eligible": eligible, "reasons": []} if submitted else {},
    )
    if reviewed:
        ReviewFactory(application=made, status=ReviewStatus.SUBMITTED, submitted_at=timezone.now())
    ReviewFactory(application=made, status=ReviewStatus.ASSIGNED)  # assigned only: not reviewed
    if granted:
        GrantFactory(application=made)
    return made


@dataclass
class FullCommunity:
    community: Community
    call: Any


def community_with_figures(applications: int = 1) -> FullCommunity:
    """A community with members, a held event, challenges, a call with applications at
    every stage of the funnel and partnerships at several stages."""
    community: Community = CommunityFactory()  # type: ignore[assignment]
    membership(community, datetime.date(2024, 1, 5))
    membership(community, datetime.date(2024, 3, 20), MemberType.BUSINESS, organisation=True)
    held_event(community, days_ago=3, registered=4, attended=3)
    ChallengeFactory(community=community)
    call = CallFactory(community=community)
    for _index in range(applications):
        application(call, reviewed=True, accepted=True, granted=True)
    PartnershipFactory(community=community, stage=Stage.IMPLEMENT)
    PartnershipFactory(community=community, stage=Stage.LAUNCH)
    PartnershipFactory(community=community, stage=Stage.ENDED, outcome=Outcome.SCALED)
    return FullCommunity(community, call)
