"""Members as prosumers: counting each member's contributions to a community."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.communities.contributions import (
    Counts,
    community_contribution_stats,
    contributions_by_membership,
    contributions_of_membership,
)
from kaveret.communities.models import (
    Community,
    MembershipStatus,
    MemberType,
    RegistrationStatus,
)
from kaveret.testing.factories import (
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

pytestmark = pytest.mark.django_db


def _item(community: Community, author: Any, *, status: str = "published") -> Any:
    from kaveret.knowledge.models import KnowledgeItem

    return KnowledgeItem.objects.create(
        community=community,
        author=author,
        kind="article",
        title="מאמר",
        status=status,
        published_at=timezone.now() if status == "published" else None,
    )


def _comment(item: Any, author: Any) -> Any:
    from kaveret.knowledge.models import KnowledgeComment

    return KnowledgeComment.objects.create(item=item, author=author, body="תגובה")


def _attended(
    community: Community, user: Any, *, status: str = RegistrationStatus.ATTENDED
) -> None:
    EventRegistrationFactory(event=EventFactory(community=community), user=user, status=status)


def _person_member(community: Community, user: Any, **kwargs: Any) -> Any:
    return MembershipFactory(
        community=community,
        actor=None,
        person=PersonFactory(user=user),
        member_type=MemberType.NEED_EXPERT,
        **kwargs,
    )


def test_a_person_members_items_comments_and_attendance_are_counted() -> None:
    community = CommunityFactory()
    user = UserFactory()
    membership = _person_member(community, user)
    item = _item(community, user)
    _item(community, user)
    _comment(item, user)
    _attended(community, user)

    counts = contributions_of_membership(membership)

    assert counts == Counts(knowledge_items=2, comments=1, events_attended=1)
    assert counts.total == 4


def test_drafts_other_communities_and_registrations_without_attendance_do_not_count() -> None:
    community, elsewhere = CommunityFactory(), CommunityFactory()
    user = UserFactory()
    membership = _person_member(community, user)
    _item(community, user, status="draft")
    _item(community, user, status="in_review")
    _comment(_item(elsewhere, UserFactory()), user)
    _item(elsewhere, user)
    _attended(elsewhere, user)
    _attended(community, user, status=RegistrationStatus.REGISTERED)
    _attended(community, user, status=RegistrationStatus.CANCELLED)

    assert contributions_of_membership(membership) == Counts()


def test_a_ventures_contributions_are_those_of_its_entrepreneurs() -> None:
    community = CommunityFactory()
    venture = VentureFactory()
    membership = MembershipFactory(community=community, actor=venture)
    founder, cofounder, stranger = UserFactory(), UserFactory(), UserFactory()
    for user in (founder, cofounder):
        RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=venture)
    _item(community, founder)
    _attended(community, cofounder)
    _item(community, stranger)

    assert contributions_of_membership(membership) == Counts(knowledge_items=1, events_attended=1)


def test_an_organisations_contributions_are_those_of_its_representatives() -> None:
    community = CommunityFactory()
    organisation = OrganisationFactory()
    membership = MembershipFactory(
        community=community, actor=organisation, member_type=MemberType.PUBLIC_INSTITUTION
    )
    representative = UserFactory()
    RoleAssignmentFactory(
        user=representative, role=Role.ORGANISATION_REPRESENTATIVE, organisation=organisation
    )
    # An entrepreneur's role on a venture never counts for an organisation.
    other = UserFactory()
    RoleAssignmentFactory(user=other, role=Role.ENTREPRENEUR, venture=VentureFactory())
    _comment(_item(community, UserFactory()), representative)
    _comment(_item(community, UserFactory()), other)

    assert contributions_of_membership(membership) == Counts(comments=1)


def test_contributions_by_membership_covers_every_active_member() -> None:
    community = CommunityFactory()
    active_user, idle_user, left_user = UserFactory(), UserFactory(), UserFactory()
    active = _person_member(community, active_user)
    idle = _person_member(community, idle_user)
    _person_member(community, left_user, status=MembershipStatus.LEFT)
    without_login = MembershipFactory(
        community=community, actor=None, person=PersonFactory(), member_type="funder"
    )
    _attended(community, active_user)
    _attended(community, left_user)

    counts = contributions_by_membership(community)

    assert counts == {
        active.pk: Counts(events_attended=1),
        idle.pk: Counts(),
        without_login.pk: Counts(),
    }


def test_the_communitys_stats_count_each_user_once_and_rank_the_top() -> None:
    community = CommunityFactory()
    venture = VentureFactory()
    founder, writer = UserFactory(), UserFactory()
    RoleAssignmentFactory(user=founder, role=Role.ENTREPRENEUR, venture=venture)
    # The founder is a member twice: in person and through the venture.
    in_person = _person_member(community, founder)
    through_venture = MembershipFactory(community=community, actor=venture)
    writer_membership = _person_member(community, writer)
    _person_member(community, UserFactory())
    for _index in range(3):
        _item(community, writer)
    _attended(community, founder)

    stats = community_contribution_stats(community)

    assert stats.totals == Counts(knowledge_items=3, events_attended=1)
    assert stats.member_count == 4
    assert stats.contributor_count == 3
    assert stats.contributor_share == 0.75
    assert [item.membership.pk for item in stats.top] == [
        writer_membership.pk,
        in_person.pk,
        through_venture.pk,
    ]
    assert stats.top[0].counts.total == 3


def test_a_community_without_members_has_no_share() -> None:
    stats = community_contribution_stats(CommunityFactory())

    assert stats.contributor_share is None
    assert stats.totals == Counts()


def test_counting_takes_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    community = CommunityFactory()
    for _index in range(15):
        user = UserFactory()
        _person_member(community, user)
        _item(community, user)
        venture = VentureFactory()
        MembershipFactory(community=community, actor=venture)
        RoleAssignmentFactory(user=UserFactory(), role=Role.ENTREPRENEUR, venture=venture)
        _attended(community, user)

    with django_assert_max_num_queries(5):
        counts = contributions_by_membership(community)
    with django_assert_max_num_queries(5):
        stats = community_contribution_stats(community)

    assert len(counts) == 30
    assert stats.contributor_count == 15
