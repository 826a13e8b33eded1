"""Trend pages: the radar and its table, visibility, proposing, the curation queue."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from kaveret.accounts.models import Role
from kaveret.testing.factories import CommunityFactory, DomainFactory
from kaveret.testing.trends_factories import TrendSignalFactory, make_member, make_staff
from kaveret.trends.models import SignalStatus, TrendSignal

pytestmark = pytest.mark.django_db


def _radar(community: Any) -> str:
    return f"/en/trends/{community.slug}/"


def test_visitors_see_the_curated_signals_on_the_radar_table_and_list(client: Client) -> None:
    community = CommunityFactory()
    TrendSignalFactory(community=community, title="AI in rehabilitation", ring="assess")
    TrendSignalFactory(community=community, title="Pending idea", status=SignalStatus.PROPOSED)
    TrendSignalFactory(community=community, title="Old news", status=SignalStatus.ARCHIVED)

    page = client.get(_radar(community)).content.decode()

    assert 'role="group" aria-labelledby="radar-title" aria-describedby="radar-desc"' in page
    assert "<title>AI in rehabilitation (Technology, Assess)</title>" in page
    assert page.count('class="radar-dot"') == 1
    assert "Pending idea" not in page and "Old news" not in page


def test_the_table_counts_the_same_signals_as_the_dots(client: Client) -> None:
    community = CommunityFactory()
    for ring, kind, count in [
        ("act", "technology", 2),
        ("assess", "policy_change", 3),
        ("watch", "social_process", 1),
    ]:
        TrendSignalFactory.create_batch(count, community=community, ring=ring, kind=kind)

    page = client.get(_radar(community)).content.decode()

    dots: dict[tuple[str, str], int] = {}
    for ring, kind in re.findall(
        r'class="radar-dot"[^>]*data-ring="(\w+)" data-kind="(\w+)"', page
    ):
        dots[(ring, kind)] = dots.get((ring, kind), 0) + 1
    cells = {
        (ring, kind): int(count)
        for ring, kind, count in re.findall(
            r'<td data-ring="(\w+)" data-kind="(\w+)">(\d+)</td>', page
        )
    }
    assert len(cells) == 15
    assert {key: count for key, count in cells.items() if count} == dots
    assert dots == {
        ("act", "technology"): 2,
        ("assess", "policy_change"): 3,
        ("watch", "social_process"): 1,
    }


def test_filters_narrow_the_radar_and_unknown_values_are_ignored(client: Client) -> None:
    community = CommunityFactory()
    aging = DomainFactory(slug="aging", name_en="Aging")
    TrendSignalFactory(community=community, title="Ageing population", domain=aging, horizon="long")
    TrendSignalFactory(community=community, title="Chatbots", kind="technology", horizon="now")

    by_domain = client.get(_radar(community), {"domain": "aging"}).content.decode()
    by_horizon = client.get(_radar(community), {"horizon": "now"}).content.decode()
    by_kind = client.get(_radar(community), {"kind": "policy_change"}).content.decode()
    nonsense = client.get(_radar(community), {"kind": "gossip", "horizon": "x"})

    assert "Ageing population" in by_domain and "Chatbots" not in by_domain
    assert "Chatbots" in by_horizon and "Ageing population" not in by_horizon
    assert "No signal matches these filters." in by_kind
    assert nonsense.status_code == 200
    assert "Chatbots" in nonsense.content.decode()


def test_a_proposer_sees_their_own_proposal_but_other_members_do_not(client: Client) -> None:
    community = CommunityFactory()
    proposer = make_member(community)
    other = make_member(community)
    proposal = TrendSignalFactory(
        community=community, title="My idea", status=SignalStatus.PROPOSED, proposed_by=proposer
    )

    client.force_login(proposer)
    assert "My idea" in client.get(_radar(community)).content.decode()
    assert client.get(f"/en/trends/{community.slug}/{proposal.pk}/").status_code == 200

    client.force_login(other)
    assert "My idea" not in client.get(_radar(community)).content.decode()
    assert client.get(f"/en/trends/{community.slug}/{proposal.pk}/").status_code == 404


def test_a_hidden_community_radar_is_missing_for_visitors_and_open_to_members(
    client: Client,
) -> None:
    community = CommunityFactory(is_public=False)
    TrendSignalFactory(community=community, title="Internal signal")

    assert client.get(_radar(community)).status_code == 404
    client.force_login(make_member(community))
    assert "Internal signal" in client.get(_radar(community)).content.decode()


def test_a_member_proposes_and_an_error_keeps_what_was_typed(client: Client) -> None:
    community = CommunityFactory()
    member = make_member(community)
    client.force_login(member)
    url = f"/en/trends/{community.slug}/new/"
    typed = {
        "title": "Remote work for people with disabilities",
        "description": "More employers offer it.",
        "kind": "social_process",
        "ring": "assess",
        "horizon": "short",
        "source": "Employers' survey",
        "observed_on": "2099-01-01",
    }

    form = client.get(url).content.decode()
    assert "Suggested ring" in form and "Propose a signal" in form

    refused = client.post(url, typed)

    assert refused.status_code == 400
    page = refused.content.decode()
    assert "A signal cannot be observed in the future." in page
    assert 'value="Remote work for people with disabilities"' in page
    assert "More employers offer it." in page
    assert not TrendSignal.objects.exists()

    accepted = client.post(url, typed | {"observed_on": "2024-02-01"})

    signal = TrendSignal.objects.get()
    assert accepted.status_code == 302
    assert signal.status == SignalStatus.PROPOSED and signal.proposed_by == member


def test_a_visitor_who_is_not_a_member_may_not_propose(client: Client) -> None:
    community = CommunityFactory()
    client.force_login(make_member(CommunityFactory()))

    assert client.get(f"/en/trends/{community.slug}/new/").status_code == 403


def test_staff_add_a_curated_signal_from_the_same_form(client: Client) -> None:
    community = CommunityFactory()
    client.force_login(make_staff(community))

    page = client.get(f"/en/trends/{community.slug}/new/").content.decode()
    client.post(
        f"/en/trends/{community.slug}/new/",
        {
            "title": "New accessibility regulations",
            "kind": "policy_change",
            "ring": "act",
            "horizon": "now",
            "observed_on": "2024-02-01",
        },
    )

    assert "Add a signal to the radar" in page
    assert TrendSignal.objects.get().status == SignalStatus.CURATED


def test_the_queue_lists_proposals_and_a_curator_declines_with_a_note(client: Client) -> None:
    community = CommunityFactory()
    proposal = TrendSignalFactory(
        community=community, title="Robots in care homes", status=SignalStatus.PROPOSED
    )
    client.force_login(make_staff(community, Role.COMMUNITY_MANAGER))

    queue = client.get(f"/en/trends/{community.slug}/queue/").content.decode()
    assert "Robots in care homes" in queue

    url = f"/en/trends/{community.slug}/{proposal.pk}/curate/"
    missing_note = client.post(
        url, {"decision": "decline", "ring": "watch", "horizon": "short", "kind": "technology"}
    )
    assert missing_note.status_code == 400
    assert "Tell the proposer why the signal is declined." in missing_note.content.decode()

    done = client.post(
        url,
        {
            "decision": "decline",
            "ring": "watch",
            "horizon": "short",
            "kind": "technology",
            "note": "Already on our radar.",
        },
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == SignalStatus.DECLINED


def test_a_curator_accepts_and_moves_the_ring(client: Client) -> None:
    community = CommunityFactory()
    proposal = TrendSignalFactory(community=community, status=SignalStatus.PROPOSED, ring="watch")
    client.force_login(make_staff(community))

    client.post(
        f"/en/trends/{community.slug}/{proposal.pk}/curate/",
        {"decision": "accept", "ring": "act", "horizon": "now", "kind": "technology"},
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.ring, proposal.horizon) == ("curated", "act", "now")


def test_staff_of_another_community_get_no_queue_and_cannot_curate(client: Client) -> None:
    community = CommunityFactory()
    proposal = TrendSignalFactory(community=community, status=SignalStatus.PROPOSED)
    curated = TrendSignalFactory(community=community)
    client.force_login(make_staff(CommunityFactory(), Role.COMMUNITY_MANAGER))

    assert client.get(f"/en/trends/{community.slug}/queue/").status_code == 403
    # The proposal is not even visible to them; a curated signal is, but not its curation.
    assert client.get(f"/en/trends/{community.slug}/{proposal.pk}/curate/").status_code == 404
    response = client.post(
        f"/en/trends/{community.slug}/{curated.pk}/curate/",
        {"decision": "archive", "ring": "watch", "horizon": "short", "kind": "technology"},
    )
    assert response.status_code == 403
    curated.refresh_from_db()
    assert curated.status == SignalStatus.CURATED


def test_the_overview_lists_curated_signals_of_visible_communities_by_page(
    client: Client,
) -> None:
    public = CommunityFactory(name_en="Open community")
    hidden = CommunityFactory(is_public=False)
    TrendSignalFactory.create_batch(21, community=public)
    TrendSignalFactory(community=public, title="Not yet", status=SignalStatus.PROPOSED)
    TrendSignalFactory(community=hidden, title="Hidden signal")

    first = client.get("/en/trends/").content.decode()
    second = client.get("/en/trends/", {"page": 2}).content.decode()

    assert first.count("<tr data-signal=") == 20
    assert second.count("<tr data-signal=") == 1
    assert "Page 1 of 2" in first
    assert "21 signals on the radar" in first
    assert "Not yet" not in first + second
    assert "Hidden signal" not in first + second


def test_the_radar_page_reads_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    community = CommunityFactory()
    staff = make_staff(community)
    client.force_login(staff)
    client.get(_radar(community))  # warm the per-process caches
    for index in range(30):
        TrendSignalFactory(
            community=community,
            domain=DomainFactory(),
            proposed_by=staff,
            kind=["technology", "policy_change", "social_process"][index % 3],
            ring=["act", "assess", "watch"][index % 3],
        )
    TrendSignalFactory.create_batch(
        5, community=community, status=SignalStatus.PROPOSED, proposed_by=staff
    )

    # Session, user, roles, memberships, community, domains, signals, own proposals, queue;
    # one spare for the site's own context processors.
    with django_assert_max_num_queries(11):
        response = client.get(_radar(community))

    assert response.content.decode().count('class="radar-dot"') == 30


def test_the_overview_reads_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    client.get("/en/trends/")
    for _ in range(4):
        community = CommunityFactory()
        TrendSignalFactory.create_batch(6, community=community, domain=DomainFactory())

    # Communities with counts, the page's count, the page.
    with django_assert_max_num_queries(4):
        response = client.get("/en/trends/")

    assert response.content.decode().count("<tr data-signal=") == 20
