"""Members as prosumers: what each member of a community has contributed to it.

A membership's contributions are those of the users behind it: for a person, that
person's login; for a venture, the users holding the entrepreneur role on it; for an
organisation, its representatives. A user behind two memberships (their own person and
their venture) counts for both, but only once in the community's totals.

What counts (seed 000, "members as prosumers"):

- knowledge items the user wrote that are published in the community;
- comments the user wrote on the community's knowledge items;
- events of the community the user attended (attendance taken by the organiser);
- challenge refinements: comments on the community's challenges, and edits the user
  proposed to them that are waiting or were accepted (not the rejected ones).

A new kind of contribution gives ``Counts`` a field and adds a counter to ``_COUNTERS``.
Each counter names the rows to count and whose user they are; all counters are read
together in one ``UNION ALL`` query, so every function here issues a fixed number of
queries, whatever the number of members or of kinds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import CharField, Count, F, Q, QuerySet, Value

from kaveret.accounts.models import Role, RoleAssignment

from .models import Community, EventRegistration, Membership, MembershipStatus, RegistrationStatus


@dataclass(frozen=True)
class Counts:
    """How many contributions of each kind; ``total`` adds them up."""

    knowledge_items: int = 0
    comments: int = 0
    events_attended: int = 0
    challenge_refinements: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, item.name) for item in fields(self))

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{
                item.name: getattr(self, item.name) + getattr(other, item.name)
                for item in fields(self)
            }
        )


@dataclass(frozen=True)
class Contributor:
    membership: Membership
    counts: Counts


@dataclass(frozen=True)
class ContributionStats:
    """A community's contributions: totals per kind, who contributed, the top members."""

    totals: Counts
    member_count: int
    contributor_count: int
    top: list[Contributor] = field(default_factory=list)

    @property
    def contributor_share(self) -> float | None:
        """The share (0 to 1) of active members who contributed; None with no members."""
        if not self.member_count:
            return None
        return self.contributor_count / self.member_count


# Per-user counters: each takes the community and the user ids and returns the rows to
# count, each with the name of its field holding the user id. ``_per_user_counts`` counts
# them all in one query.

Rows = list[tuple[QuerySet[Any], str]]
UserCounter = Callable[[Community, set[int]], Rows]


def _knowledge_models() -> tuple[Any, Any] | None:
    """The knowledge hub's models, imported late: the app may not have them yet."""
    try:
        from kaveret.knowledge.models import (  # type: ignore[attr-defined,unused-ignore]
            KnowledgeComment,
            KnowledgeItem,
        )
    except ImportError:
        return None
    return KnowledgeItem, KnowledgeComment


def _count_knowledge_items(community: Community, user_ids: set[int]) -> Rows:
    models = _knowledge_models()
    if models is None:
        return []
    items = models[0].objects.filter(
        community=community, status="published", author_id__in=user_ids
    )
    return [(items, "author_id")]


def _count_comments(community: Community, user_ids: set[int]) -> Rows:
    models = _knowledge_models()
    if models is None:
        return []
    comments = models[1].objects.filter(item__community=community, author_id__in=user_ids)
    return [(comments, "author_id")]


def _count_events_attended(community: Community, user_ids: set[int]) -> Rows:
    attended = EventRegistration.objects.filter(
        event__community=community,
        status=RegistrationStatus.ATTENDED,
        user_id__in=user_ids,
    )
    return [(attended, "user_id")]


def _count_challenge_refinements(community: Community, user_ids: set[int]) -> Rows:
    """Comments on the community's challenges, and edits proposed to them (not rejected)."""
    from kaveret.challenges.models import ChallengeComment, EditProposal, ProposalStatus

    comments = ChallengeComment.objects.filter(
        challenge__community=community, author_id__in=user_ids
    )
    proposals = EditProposal.objects.filter(
        challenge__community=community, author_id__in=user_ids
    ).exclude(status=ProposalStatus.REJECTED)
    return [(comments, "author_id"), (proposals, "author_id")]


# Counts field → its counter. A new kind of contribution adds a line here.
_COUNTERS: dict[str, UserCounter] = {
    "knowledge_items": _count_knowledge_items,
    "comments": _count_comments,
    "events_attended": _count_events_attended,
    "challenge_refinements": _count_challenge_refinements,
}


def _grouped(kind: str, rows: QuerySet[Any], user_field: str) -> QuerySet[Any]:
    """``(kind, user id, number)`` per user of ``rows``."""
    return (
        rows.annotate(contribution_kind=Value(kind, output_field=CharField()))
        .values("contribution_kind", contributor=F(user_field))
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("contribution_kind", "contributor", "n")
    )


def _users_behind(memberships: list[Membership]) -> dict[int, set[int]]:
    """Membership pk → the ids of the users whose contributions are the membership's.

    One query for the roles on ventures and organisations (a venture's and an
    organisation's pk is its actor's pk); the person's user id comes with the membership.
    """
    behind: dict[int, set[int]] = {membership.pk: set() for membership in memberships}
    actor_memberships: dict[int, list[int]] = {}
    for membership in memberships:
        if membership.person_id is not None:
            user_id = membership.person.user_id if membership.person else None
            if user_id is not None:
                behind[membership.pk].add(user_id)
        elif membership.actor_id is not None:
            actor_memberships.setdefault(membership.actor_id, []).append(membership.pk)
    if actor_memberships:
        actor_ids = list(actor_memberships)
        roles = RoleAssignment.objects.filter(
            Q(role=Role.ENTREPRENEUR, venture_id__in=actor_ids)
            | Q(role=Role.ORGANISATION_REPRESENTATIVE, organisation_id__in=actor_ids)
        ).values_list("user_id", "venture_id", "organisation_id")
        for user_id, venture_id, organisation_id in roles:
            for membership_pk in actor_memberships.get(venture_id or organisation_id, []):
                behind[membership_pk].add(user_id)
    return behind


def _per_user_counts(community: Community, user_ids: set[int]) -> dict[int, Counts]:
    counted: dict[str, Counter[int]] = {name: Counter() for name in _COUNTERS}
    parts = (
        [
            _grouped(name, rows, user_field)
            for name, counter in _COUNTERS.items()
            for rows, user_field in counter(community, user_ids)
        ]
        if user_ids
        else []
    )
    if parts:
        for kind, user_id, number in parts[0].union(*parts[1:], all=True):
            counted[kind][user_id] += number
    return {
        user_id: Counts(**{name: counted[name][user_id] for name in _COUNTERS})
        for user_id in user_ids
    }


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for item in counts:
        total = total + item
    return total


def _contributions(
    community: Community, memberships: list[Membership]
) -> tuple[dict[int, Counts], dict[int, Counts]]:
    behind = _users_behind(memberships)
    user_ids = set().union(*behind.values()) if behind else set()
    per_user = _per_user_counts(community, user_ids)
    by_membership = {
        pk: _sum(per_user[user_id] for user_id in users) for pk, users in behind.items()
    }
    return by_membership, per_user


def _active_memberships(community: Community) -> list[Membership]:
    return list(
        community.memberships.filter(status=MembershipStatus.ACTIVE)
        .select_related("person", "actor")
        .order_by("pk")
    )


def contributions_by_membership(community: Community) -> dict[int, Counts]:
    """Active membership pk → its contributions to ``community``; a bounded number of queries."""
    by_membership, _per_user = _contributions(community, _active_memberships(community))
    return by_membership


def contributions_of_membership(membership: Membership) -> Counts:
    """The contributions of one membership (whatever its status) to its community."""
    membership = Membership.objects.select_related("person", "actor", "community").get(
        pk=membership.pk
    )
    by_membership, _per_user = _contributions(membership.community, [membership])
    return by_membership[membership.pk]


def community_contribution_stats(community: Community, *, top: int = 5) -> ContributionStats:
    """Totals per kind (each user once), how many active members contributed, the top ones."""
    memberships = _active_memberships(community)
    by_membership, per_user = _contributions(community, memberships)
    contributors = [
        Contributor(membership=membership, counts=by_membership[membership.pk])
        for membership in memberships
        if by_membership[membership.pk].total > 0
    ]
    contributors.sort(key=lambda item: (-item.counts.total, item.membership.pk))
    return ContributionStats(
        totals=_sum(per_user.values()),
        member_count=len(memberships),
        contributor_count=len(contributors),
        top=contributors[:top],
    )
