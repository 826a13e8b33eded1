"""Creating, editing, publishing and refining challenges: who may, and what is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.challenges import services
from kaveret.challenges.models import (
    Challenge,
    ChallengeKind,
    ChallengeOrigin,
    ChallengeOwnerKind,
    ChallengeRevision,
    ChallengeStatus,
    ChallengeSupport,
    EditProposal,
    MapTag,
    ProposalStatus,
    RevisionSource,
)
from kaveret.challenges.rules import can_edit_challenge, can_refine_challenge, can_view_challenge
from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.notifications.models import Notification
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.challenges_factories import (
    EditProposalFactory,
    community_member,
    open_challenge,
)
from kaveret.testing.factories import (
    CommunityFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _values(community: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "שילוב אנשים עם מוגבלות בתעסוקה",
        "problem": "רק מעטים מהאנשים עם מוגבלות מועסקים בשכר הוגן.",
        "kind": ChallengeKind.SOCIAL,
        "community": community,
        "owner_kind": ChallengeOwnerKind.COMMUNITY,
        "origin": ChallengeOrigin.MAPPING,
        **extra,
    }


def _staff_of(community: Any, role: str = Role.COMMUNITY_MANAGER) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, community=community)
    return user


# Creating


def test_community_staff_create_a_draft_they_own_with_its_first_revision() -> None:
    community = CommunityFactory()
    manager = _staff_of(community)

    challenge = services.challenge_create(by=manager, values=_values(community))

    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.owner == manager
    assert challenge.published_at is None
    revision = challenge.revisions.get()
    assert revision.source == RevisionSource.CREATED
    assert revision.changes["title"] == {"before": "", "after": "שילוב אנשים עם מוגבלות בתעסוקה"}


def test_steering_committee_members_create_for_their_community() -> None:
    community = CommunityFactory()
    member = _staff_of(community, Role.STEERING_MEMBER)

    challenge = services.challenge_create(by=member, values=_values(community))

    assert challenge.community == community


def test_staff_of_another_community_may_not_create_here() -> None:
    community = CommunityFactory()
    other_manager = _staff_of(CommunityFactory())

    with pytest.raises(PermissionDenied):
        services.challenge_create(by=other_manager, values=_values(community))


def test_a_member_without_a_role_may_not_create() -> None:
    community = CommunityFactory()

    with pytest.raises(PermissionDenied):
        services.challenge_create(by=community_member(community), values=_values(community))


def test_a_ministry_representative_creates_a_challenge_their_ministry_owns() -> None:
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    representative = UserFactory()
    RoleAssignmentFactory(
        user=representative, role=Role.ORGANISATION_REPRESENTATIVE, organisation=ministry
    )
    values = _values(None, owner_kind=ChallengeOwnerKind.MINISTRY, owner_organisation=ministry)

    challenge = services.challenge_create(by=representative, values=values)

    assert challenge.owner_organisation == ministry


def test_a_representative_of_a_non_ministry_or_another_ministry_may_not_create() -> None:
    ngo = OrganisationFactory(kind=OrganisationKind.NGO)
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    representative = UserFactory()
    RoleAssignmentFactory(
        user=representative, role=Role.ORGANISATION_REPRESENTATIVE, organisation=ngo
    )

    for owner in (ngo, ministry):
        values = _values(None, owner_kind=ChallengeOwnerKind.MINISTRY, owner_organisation=owner)
        with pytest.raises(PermissionDenied):
            services.challenge_create(by=representative, values=values)


def test_platform_admins_create_a_challenge_without_a_community() -> None:
    admin = UserFactory(is_superuser=True)

    challenge = services.challenge_create(by=admin, values=_values(None))

    assert challenge.community is None


def test_a_challenge_needs_a_title_and_a_problem() -> None:
    community = CommunityFactory()

    with pytest.raises(DomainError) as raised:
        services.challenge_create(
            by=_staff_of(community), values=_values(community, title=" ", problem="")
        )

    assert set(raised.value.error_dict) == {"title", "problem"}


def test_a_system_challenge_keeps_its_criteria_and_valid_map_tags() -> None:
    community = CommunityFactory()
    values = _values(
        community,
        kind=ChallengeKind.SYSTEM,
        about_interfaces=True,
        sector_wide=True,
        map_tags=[MapTag.PIPES, MapTag.MINDSET],
    )

    challenge = services.challenge_create(by=_staff_of(community), values=values)

    assert challenge.about_interfaces and challenge.sector_wide and not challenge.recurring
    assert challenge.map_tags == ["mindset", "pipes"]


def test_an_unknown_map_tag_is_refused() -> None:
    community = CommunityFactory()
    values = _values(community, kind=ChallengeKind.SYSTEM, map_tags=["money"])

    with pytest.raises(DomainError) as raised:
        services.challenge_create(by=_staff_of(community), values=values)

    assert "map_tags" in raised.value.error_dict


def test_a_social_challenge_drops_the_system_criteria() -> None:
    community = CommunityFactory()
    values = _values(community, structural=True, map_tags=[MapTag.ABILITY])

    challenge = services.challenge_create(by=_staff_of(community), values=values)

    assert challenge.structural is False
    assert challenge.map_tags == []


def test_the_search_text_is_normalised_with_hebrew_prefixes_stripped() -> None:
    community = CommunityFactory()

    challenge = services.challenge_create(by=_staff_of(community), values=_values(community))

    assert " מוגבלות " in challenge.search_text
    assert " בתעסוקה " in challenge.search_text and " תעסוקה " in challenge.search_text


# Editing and the lifecycle


def test_the_owner_and_the_communitys_staff_edit_but_other_staff_do_not() -> None:
    challenge = ChallengeFactory()
    manager = _staff_of(challenge.community)
    other = _staff_of(CommunityFactory())

    assert can_edit_challenge(challenge.owner, challenge)
    assert can_edit_challenge(manager, challenge)
    assert not can_edit_challenge(other, challenge)
    with pytest.raises(PermissionDenied):
        services.challenge_update(by=other, challenge=challenge, values={"title": "x"})


def test_a_direct_edit_is_kept_as_a_revision_with_before_and_after() -> None:
    challenge: Challenge = ChallengeFactory(problem="ישן")  # type: ignore[assignment]
    manager = _staff_of(challenge.community)

    services.challenge_update(by=manager, challenge=challenge, values={"problem": "חדש"})

    revision = ChallengeRevision.objects.get(challenge=challenge)
    assert revision.author == manager
    assert revision.source == RevisionSource.EDITED
    assert revision.changes == {"problem": {"before": "ישן", "after": "חדש"}}


def test_publishing_sets_the_publication_time_and_a_closed_challenge_cannot_be_draft() -> None:
    challenge = ChallengeFactory()

    published = services.challenge_set_status(
        by=challenge.owner, challenge=challenge, status=ChallengeStatus.REFINEMENT
    )
    assert published.published_at is not None

    services.challenge_set_status(by=challenge.owner, challenge=published, status="closed")
    with pytest.raises(DomainError) as raised:
        services.challenge_set_status(by=challenge.owner, challenge=published, status="draft")
    assert raised.value.code == "invalid_transition"


def test_a_draft_is_seen_only_by_its_editors() -> None:
    challenge = ChallengeFactory()
    member = community_member(challenge.community)

    assert can_view_challenge(challenge.owner, challenge)
    assert can_view_challenge(_staff_of(challenge.community), challenge)
    assert not can_view_challenge(member, challenge)
    assert not can_view_challenge(_staff_of(CommunityFactory()), challenge)


def test_a_challenge_of_a_hidden_community_is_seen_only_by_its_members() -> None:
    challenge = open_challenge(community=CommunityFactory(is_public=False))

    assert can_view_challenge(community_member(challenge.community), challenge)
    assert not can_view_challenge(UserFactory(), challenge)


# Refinement


def test_members_and_staff_refine_but_outsiders_do_not() -> None:
    challenge = open_challenge()

    assert can_refine_challenge(community_member(challenge.community), challenge)
    assert can_refine_challenge(_staff_of(challenge.community), challenge)
    assert not can_refine_challenge(UserFactory(), challenge)
    assert not can_refine_challenge(_staff_of(CommunityFactory()), challenge)
    with pytest.raises(PermissionDenied):
        services.comment_add(by=UserFactory(), challenge=challenge, body="שלום")


def test_a_closed_challenge_takes_no_more_comments() -> None:
    challenge = open_challenge(status=ChallengeStatus.CLOSED)

    with pytest.raises(PermissionDenied):
        services.comment_add(
            by=community_member(challenge.community), challenge=challenge, body="שלום"
        )


def test_a_member_supports_once_and_may_withdraw() -> None:
    challenge = open_challenge()
    member = community_member(challenge.community)

    services.support_add(by=member, challenge=challenge)
    services.support_add(by=member, challenge=challenge)
    assert ChallengeSupport.objects.filter(challenge=challenge).count() == 1

    assert services.support_withdraw(by=member, challenge=challenge) is True
    assert not ChallengeSupport.objects.filter(challenge=challenge).exists()


def test_a_proposal_keeps_only_changed_fields_and_the_text_it_was_made_over() -> None:
    challenge = open_challenge(title="כותרת", problem="בעיה")
    member = community_member(challenge.community)

    proposal = services.proposal_create(
        by=member,
        challenge=challenge,
        changes={"title": "כותרת", "problem": "בעיה\r\nמדויקת"},
        note="חידוד",
    )

    assert proposal.changes == {"problem": "בעיה\nמדויקת"}
    assert proposal.base == {"problem": "בעיה"}


def test_a_proposal_that_changes_nothing_is_refused() -> None:
    challenge = open_challenge(problem="בעיה")

    with pytest.raises(DomainError) as raised:
        services.proposal_create(
            by=community_member(challenge.community),
            challenge=challenge,
            changes={"problem": " בעיה "},
        )
    assert raised.value.code == "no_change"


def test_accepting_applies_the_edit_records_a_revision_and_tells_the_author() -> None:
    proposal: EditProposal = EditProposalFactory()  # type: ignore[assignment]
    challenge = proposal.challenge
    old_problem = challenge.problem

    services.proposal_decide(by=challenge.owner, proposal=proposal, accept=True, message="תודה")

    challenge.refresh_from_db()
    proposal.refresh_from_db()
    assert challenge.problem == proposal.changes["problem"]
    assert " בפריפריה " in challenge.search_text
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == challenge.owner
    revision = challenge.revisions.get()
    assert revision.source == RevisionSource.PROPOSAL
    assert revision.proposal == proposal
    assert revision.changes["problem"]["before"] == old_problem
    notification = Notification.objects.get(recipient=proposal.author)
    assert notification.kind == "challenge_edit_decided"
    assert notification.params["accepted"] == "yes"
    assert notification.params["message"] == "תודה"


def test_rejecting_keeps_the_text_and_tells_the_author() -> None:
    proposal: EditProposal = EditProposalFactory()  # type: ignore[assignment]
    challenge = proposal.challenge
    before = challenge.problem

    services.proposal_decide(by=challenge.owner, proposal=proposal, accept=False, message="לא")

    challenge.refresh_from_db()
    assert challenge.problem == before
    assert not challenge.revisions.exists()
    assert Notification.objects.get(recipient=proposal.author).params["accepted"] == "no"


def test_a_stale_proposal_is_refused_and_the_newer_text_kept() -> None:
    proposal: EditProposal = EditProposalFactory()  # type: ignore[assignment]
    challenge = proposal.challenge
    services.challenge_update(
        by=challenge.owner, challenge=challenge, values={"problem": "נוסח חדש של הבעיה"}
    )

    with pytest.raises(DomainError) as raised:
        services.proposal_decide(by=challenge.owner, proposal=proposal, accept=True)

    assert raised.value.code == "stale_proposal"
    challenge.refresh_from_db()
    proposal.refresh_from_db()
    assert challenge.problem == "נוסח חדש של הבעיה"
    assert proposal.status == ProposalStatus.PROPOSED


def test_only_the_owner_or_the_communitys_staff_decide_and_only_once() -> None:
    proposal: EditProposal = EditProposalFactory()  # type: ignore[assignment]
    challenge = proposal.challenge

    with pytest.raises(PermissionDenied):
        services.proposal_decide(by=proposal.author, proposal=proposal, accept=True)
    with pytest.raises(PermissionDenied):
        services.proposal_decide(by=_staff_of(CommunityFactory()), proposal=proposal, accept=True)
    services.proposal_decide(by=_staff_of(challenge.community), proposal=proposal, accept=False)
    with pytest.raises(DomainError) as raised:
        services.proposal_decide(by=challenge.owner, proposal=proposal, accept=True)
    assert raised.value.code == "already_decided"
