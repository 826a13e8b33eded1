"""Challenge refinements count among a member's contributions to the community."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.challenges.models import ProposalStatus
from kaveret.communities.contributions import (
    community_contribution_stats,
    contributions_by_membership,
)
from kaveret.communities.extras import contribution_rows
from kaveret.testing.challenges_factories import (
    ChallengeCommentFactory,
    EditProposalFactory,
    community_member,
    open_challenge,
)
from kaveret.testing.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_comments_and_proposed_or_accepted_edits_count_but_rejected_ones_do_not() -> None:
    community = CommunityFactory()
    member = community_member(community)
    challenge = open_challenge(community=community)
    elsewhere = open_challenge()
    ChallengeCommentFactory(challenge=challenge, author=member)
    ChallengeCommentFactory(challenge=elsewhere, author=member)
    EditProposalFactory(challenge=challenge, author=member)
    EditProposalFactory(challenge=challenge, author=member, status=ProposalStatus.ACCEPTED)
    EditProposalFactory(challenge=challenge, author=member, status=ProposalStatus.REJECTED)

    counts = next(iter(contributions_by_membership(community).values()))

    assert counts.challenge_refinements == 3
    assert counts.total == 3
    assert ("חידוד אתגרים", 3) in contribution_rows(counts)


def test_refinements_are_counted_in_the_same_bounded_queries(
    django_assert_max_num_queries: Any,
) -> None:
    community = CommunityFactory()
    challenge = open_challenge(community=community)
    for _index in range(10):
        member = community_member(community)
        ChallengeCommentFactory(challenge=challenge, author=member)

    with django_assert_max_num_queries(4):
        stats = community_contribution_stats(community)

    assert stats.totals.challenge_refinements == 10
    assert stats.contributor_count == 10
