"""The rules of trend sensing: who proposes, who curates, and what each decision does."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.core.errors import DomainError
from kaveret.testing.factories import CommunityFactory, DomainFactory, UserFactory
from kaveret.testing.trends_factories import TrendSignalFactory, make_member, make_staff
from kaveret.trends import services
from kaveret.trends.models import SignalStatus, TrendSignal
from kaveret.trends.rules import can_view_signal

pytestmark = pytest.mark.django_db


def _values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "הזדקנות האוכלוסייה",
        "description": "יותר אזרחים ותיקים בכל יישוב.",
        "kind": "social_process",
        "ring": "act",
        "horizon": "long",
        "domain": None,
        "source": 'למ"ס',
        "source_url": "https://example.org/report",
        "observed_on": datetime.date(2024, 5, 1),
    }
    return values | overrides


def test_a_member_proposes_a_signal_with_a_suggested_ring() -> None:
    community = CommunityFactory()
    member = make_member(community)

    signal = services.propose_signal(by=member, community=community, values=_values())

    signal.refresh_from_db()
    assert signal.status == SignalStatus.PROPOSED
    assert signal.ring == "act"
    assert signal.proposed_by == member
    assert signal.curated_by is None


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member_elsewhere"])
def test_only_members_of_the_community_propose(who: str) -> None:
    community = CommunityFactory()
    user = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "member_elsewhere": make_member(CommunityFactory()),
    }[who]

    with pytest.raises(PermissionDenied):
        services.propose_signal(by=user, community=community, values=_values())
    assert not TrendSignal.objects.exists()


def test_a_member_who_left_may_no_longer_propose() -> None:
    community = CommunityFactory()
    member = make_member(community)
    community.memberships.update(status="left")
    member = type(member).objects.get(pk=member.pk)  # a fresh user: no cached memberships

    with pytest.raises(PermissionDenied):
        services.propose_signal(by=member, community=community, values=_values())


def test_the_proposal_is_validated_field_by_field() -> None:
    community = CommunityFactory()
    member = make_member(community)
    tomorrow = services.israel_today() + datetime.timedelta(days=1)

    with pytest.raises(DomainError) as caught:
        services.propose_signal(
            by=member,
            community=community,
            values=_values(title="  ", kind="gossip", observed_on=tomorrow, source_url="ftp://x"),
        )

    assert set(caught.value.error_dict) == {"title", "kind", "observed_on", "source_url"}
    assert not TrendSignal.objects.exists()


def test_overlong_texts_are_refused_before_the_database() -> None:
    community = CommunityFactory()
    member = make_member(community)

    with pytest.raises(DomainError) as caught:
        services.propose_signal(
            by=member,
            community=community,
            values=_values(
                title="א" * 201, source="ב" * 301, source_url="https://x.org/" + "a" * 200
            ),
        )

    assert set(caught.value.error_dict) == {"title", "source", "source_url"}


@pytest.mark.parametrize(
    "role", [Role.COMMUNITY_MANAGER, Role.COMMUNITY_COORDINATOR, Role.TECH_ARENA_MANAGER]
)
def test_the_community_staff_add_curated_signals_directly(role: str) -> None:
    community = CommunityFactory()
    staff = make_staff(community, role)

    signal = services.add_curated_signal(by=staff, community=community, values=_values())

    assert signal.status == SignalStatus.CURATED
    assert signal.curated_by == staff
    assert signal.curated_at is not None


def test_members_and_steering_committee_may_not_add_curated_signals() -> None:
    community = CommunityFactory()
    member = make_member(community)
    steering = make_staff(community, Role.STEERING_MEMBER)

    for user in (member, steering):
        with pytest.raises(PermissionDenied):
            services.add_curated_signal(by=user, community=community, values=_values())


def test_accepting_puts_the_signal_on_the_radar_and_may_move_its_ring() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED, ring="act", horizon="now")
    coordinator = make_staff(signal.community)

    services.curate_signal(
        by=coordinator,
        signal=signal,
        decision="accept",
        ring="assess",
        horizon="medium",
        kind="policy_change",
        note="נבחן ברבעון הבא.",
    )

    signal.refresh_from_db()
    assert signal.status == SignalStatus.CURATED
    assert (signal.ring, signal.horizon, signal.kind) == ("assess", "medium", "policy_change")
    assert signal.curated_by == coordinator
    assert signal.curator_note == "נבחן ברבעון הבא."


def test_declining_needs_a_note_for_the_proposer() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED)
    coordinator = make_staff(signal.community)

    with pytest.raises(DomainError) as caught:
        services.curate_signal(by=coordinator, signal=signal, decision="decline", note=" ")
    assert "note" in caught.value.error_dict

    services.curate_signal(by=coordinator, signal=signal, decision="decline", note="כפילות.")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.DECLINED
    assert signal.curator_note == "כפילות."


def test_archiving_takes_a_curated_signal_off_the_radar() -> None:
    signal = TrendSignalFactory(status=SignalStatus.CURATED)
    manager = make_staff(signal.community, Role.COMMUNITY_MANAGER)

    services.curate_signal(by=manager, signal=signal, decision="archive")

    signal.refresh_from_db()
    assert signal.status == SignalStatus.ARCHIVED


@pytest.mark.parametrize(
    ("status", "decision"),
    [
        (SignalStatus.CURATED, "decline"),
        (SignalStatus.DECLINED, "accept"),
        (SignalStatus.DECLINED, "archive"),
        (SignalStatus.ARCHIVED, "archive"),
    ],
)
def test_decisions_not_open_from_the_status_are_refused(status: str, decision: str) -> None:
    signal = TrendSignalFactory(status=status)
    coordinator = make_staff(signal.community)

    with pytest.raises(DomainError):
        services.curate_signal(by=coordinator, signal=signal, decision=decision, note="הערה")
    signal.refresh_from_db()
    assert signal.status == status


def test_the_ring_moves_only_on_accept() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED, ring="watch")
    coordinator = make_staff(signal.community)

    with pytest.raises(DomainError):
        services.curate_signal(
            by=coordinator, signal=signal, decision="decline", note="לא עכשיו", ring="act"
        )
    # The same ring sent back unchanged (as the form does) is no change.
    services.curate_signal(
        by=coordinator, signal=signal, decision="decline", note="לא עכשיו", ring="watch"
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.DECLINED


def test_staff_of_another_community_may_not_curate() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED)
    other_manager = make_staff(CommunityFactory(), Role.COMMUNITY_MANAGER)
    proposer = make_member(signal.community)

    for user in (other_manager, proposer):
        with pytest.raises(PermissionDenied):
            services.curate_signal(by=user, signal=signal, decision="accept")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.PROPOSED


def test_a_platform_admin_curates_any_community() -> None:
    signal = TrendSignalFactory(status=SignalStatus.PROPOSED)
    admin = UserFactory(is_superuser=True)

    services.curate_signal(by=admin, signal=signal, decision="accept")

    signal.refresh_from_db()
    assert signal.status == SignalStatus.CURATED


def test_who_sees_a_signal() -> None:
    community = CommunityFactory()
    proposer = make_member(community)
    other_member = make_member(community)
    coordinator = make_staff(community)
    other_staff = make_staff(CommunityFactory())
    proposal = TrendSignalFactory(
        community=community, status=SignalStatus.PROPOSED, proposed_by=proposer
    )
    curated = TrendSignalFactory(community=community)
    declined = TrendSignalFactory(
        community=community, status=SignalStatus.DECLINED, proposed_by=proposer
    )

    assert can_view_signal(AnonymousUser(), curated)
    assert not can_view_signal(AnonymousUser(), proposal)
    assert can_view_signal(proposer, proposal) and can_view_signal(proposer, declined)
    assert not can_view_signal(other_member, proposal)
    assert can_view_signal(coordinator, proposal) and can_view_signal(coordinator, declined)
    assert not can_view_signal(other_staff, proposal)


def test_curated_signals_of_a_hidden_community_are_for_its_members_and_staff() -> None:
    community = CommunityFactory(is_public=False)
    member = make_member(community)
    signal = TrendSignalFactory(community=community)

    assert not can_view_signal(AnonymousUser(), signal)
    assert not can_view_signal(UserFactory(), signal)
    assert can_view_signal(member, signal)


def test_a_proposal_keeps_its_domain() -> None:
    community = CommunityFactory()
    member = make_member(community)
    domain = DomainFactory()

    signal = services.propose_signal(by=member, community=community, values=_values(domain=domain))

    assert signal.domain == domain


def test_the_text_limits_follow_the_table() -> None:
    for field, limit in services.TEXT_LIMITS.items():
        assert TrendSignal._meta.get_field(field).max_length == limit
