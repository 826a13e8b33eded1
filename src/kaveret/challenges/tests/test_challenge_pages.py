"""The challenge pages: the filtered list, a challenge's page, the forms."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.challenges.models import ChallengeKind, ChallengeStatus, EditProposal
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.challenges_factories import (
    ChallengeCommentFactory,
    EditProposalFactory,
    community_member,
    open_challenge,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    RoleAssignmentFactory,
    TargetPopulationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _manager(community: Any) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.COMMUNITY_MANAGER, community=community)
    return user


def _titles(response: Any) -> list[str]:
    return [challenge.title for challenge in response.context["page"].object_list]


# The list


def test_the_list_shows_published_challenges_and_hides_drafts_from_visitors() -> None:
    published = open_challenge(title="אתגר פתוח")
    draft = ChallengeFactory(title="טיוטה")

    visitor = client_as().get("/en/challenges/")
    owner = client_as(draft.owner).get("/en/challenges/")

    assert _titles(visitor) == [published.title]
    assert set(_titles(owner)) == {published.title, draft.title}


def test_a_hidden_communitys_challenges_are_listed_only_for_its_members() -> None:
    hidden = open_challenge(community=CommunityFactory(is_public=False), title="נסתר")

    assert _titles(client_as().get("/en/challenges/")) == []
    member = community_member(hidden.community)
    assert _titles(client_as(member).get("/en/challenges/")) == ["נסתר"]


def test_the_list_filters_by_kind_status_domain_population_and_community() -> None:
    domain = DomainFactory()
    population = TargetPopulationFactory()
    match = open_challenge(kind=ChallengeKind.SYSTEM, domain=domain, title="מתאים")
    match.populations.add(population)
    open_challenge(kind=ChallengeKind.SYSTEM, title="בלי תחום")
    open_challenge(domain=domain, title="חברתי")

    query = (
        f"?kind=system&status=open&domain={domain.slug}&population={population.slug}"
        f"&community={match.community.slug}"
    )
    response = client_as().get(f"/en/challenges/{query}")

    assert _titles(response) == ["מתאים"]


def test_search_finds_hebrew_words_with_and_without_prefixes() -> None:
    open_challenge(title="תעסוקה לאנשים עם מוגבלות", problem="בעיה")
    open_challenge(title="דיגיטציה של שירותים", problem="בעיה")
    from kaveret.challenges.models import Challenge
    from kaveret.core.text import search_document

    for challenge in Challenge.objects.all():
        challenge.search_text = search_document(challenge.title, challenge.problem)
        challenge.save(update_fields=["search_text"])

    assert _titles(client_as().get("/en/challenges/?q=במוגבלות")) == ["תעסוקה לאנשים עם מוגבלות"]
    assert _titles(client_as().get("/en/challenges/?q=ותעסוקה")) == ["תעסוקה לאנשים עם מוגבלות"]
    assert _titles(client_as().get("/en/challenges/?q=שירות")) == ["דיגיטציה של שירותים"]


def test_an_empty_result_says_so() -> None:
    response = client_as().get("/en/challenges/?q=nothing-here")

    assert b"No challenge matches these filters" in response.content


def test_the_list_is_paginated() -> None:
    for _index in range(27):
        open_challenge()

    first = client_as().get("/en/challenges/")
    second = client_as().get("/en/challenges/?page=2")

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 2
    assert b'rel="next"' in first.content


def test_the_list_takes_a_bounded_number_of_queries(django_assert_max_num_queries: Any) -> None:
    for _index in range(20):
        challenge = open_challenge(domain=DomainFactory())
        challenge.populations.add(TargetPopulationFactory(), TargetPopulationFactory())
    user = community_member(CommunityFactory())
    client = client_as(user)
    client.get("/en/challenges/")

    with django_assert_max_num_queries(16):
        response = client.get("/en/challenges/")

    assert len(response.context["page"].object_list) == 20


# A challenge's page


def test_a_draft_page_is_404_for_others_and_shown_to_the_owner() -> None:
    draft = ChallengeFactory()

    assert client_as().get(draft.get_absolute_url()).status_code == 404
    member = community_member(draft.community)
    assert client_as(member).get(draft.get_absolute_url()).status_code == 404
    assert client_as(draft.owner).get(draft.get_absolute_url()).status_code == 200


def test_the_page_links_the_calls_serving_it_that_the_viewer_may_see() -> None:
    challenge = open_challenge()
    visible = CallFactory(community=challenge.community, title="קול קורא פתוח")
    unpublished = CallFactory(
        community=challenge.community, title="קול קורא בהכנה", is_published=False, published_at=None
    )
    visible.challenges.add(challenge)
    unpublished.challenges.add(challenge)

    visitor = client_as().get(challenge.get_absolute_url()).content.decode()
    manager = client_as(_manager(challenge.community)).get(challenge.get_absolute_url())

    assert f'href="{visible.get_absolute_url()}"' in visitor
    assert "קול קורא פתוח" in visitor
    assert "קול קורא בהכנה" not in visitor
    assert unpublished.get_absolute_url() in manager.content.decode()


def test_a_system_challenge_shows_its_criteria_and_map_tags() -> None:
    challenge = open_challenge(
        kind=ChallengeKind.SYSTEM, recurring=True, map_tags=["mindset", "pipes"]
    )

    page = client_as().get(f"/en{challenge.get_absolute_url()}").content.decode()

    assert "The five criteria of a system challenge" in page
    assert "Mindset, Pipes and mechanisms" in page


def test_the_history_shows_who_changed_what_with_a_labelled_diff() -> None:
    proposal = EditProposalFactory(challenge=open_challenge(problem="אין מספיק מקומות עבודה"))
    challenge = proposal.challenge
    from kaveret.challenges import services

    services.proposal_decide(by=challenge.owner, proposal=proposal, accept=True)

    page = client_as().get(f"/en{challenge.get_absolute_url()}").content.decode()

    history = page[page.index('id="history"') :]
    assert "Accepted proposed edit" in history
    assert escape(challenge.owner.public_name) in history  # names like ג'וד come escaped
    assert '<ins><span class="visually-hidden">[added: </span>' in history
    assert "גם בפריפריה." in history


def test_a_member_supports_from_the_page_and_the_count_shows_once() -> None:
    challenge = open_challenge()
    member = community_member(challenge.community)
    client = client_as(member)

    client.post(f"{challenge.get_absolute_url()}support/")
    client.post(f"{challenge.get_absolute_url()}support/")
    page = client.get(f"/en{challenge.get_absolute_url()}").content.decode()

    assert "1 member supports this challenge." in page
    assert "Withdraw my support" in page
    client.post(f"{challenge.get_absolute_url()}support/", {"action": "withdraw"})
    assert challenge.supports.count() == 0


def test_an_outsider_cannot_comment_or_support() -> None:
    challenge = open_challenge()
    client = client_as(UserFactory())

    assert client.post(f"{challenge.get_absolute_url()}comments/", {"body": "x"}).status_code == 403
    assert client.post(f"{challenge.get_absolute_url()}support/").status_code == 403
    assert challenge.comments.count() == 0


def test_a_member_comments_and_the_comment_is_shown() -> None:
    challenge = open_challenge()
    ChallengeCommentFactory(challenge=challenge, body="הערה קודמת")
    member = community_member(challenge.community, full_name="רות כהן")

    response = client_as(member).post(
        f"{challenge.get_absolute_url()}comments/", {"body": "כדאי לשתף את הרשויות"}
    )
    page = client_as().get(challenge.get_absolute_url()).content.decode()

    assert response.status_code == 302
    assert "כדאי לשתף את הרשויות" in page and "רות כהן" in page and "הערה קודמת" in page


# Forms


def test_the_create_form_keeps_what_was_typed_when_it_has_errors() -> None:
    community = CommunityFactory()
    manager = _manager(community)

    response = client_as(manager).post(
        "/en/challenges/new/",
        {"title": "", "problem": "בעיה שנשמרת", "community": community.pk, "kind": "social"},
    )

    assert response.status_code == 400
    assert "בעיה שנשמרת" in response.content.decode()


def test_staff_create_a_challenge_through_the_form() -> None:
    community = CommunityFactory()
    manager = _manager(community)

    response = client_as(manager).post(
        "/en/challenges/new/",
        {
            "title": "אתגר חדש",
            "problem": "הבעיה",
            "kind": "system",
            "community": community.pk,
            "owner_kind": "community",
            "origin": "mapping",
            "criteria": ["structural"],
            "map_tags": ["ability"],
        },
    )

    assert response.status_code == 302
    challenge = community.challenges.get()
    assert challenge.structural and challenge.map_tags == ["ability"]
    assert challenge.owner == manager


def test_an_entrepreneur_may_not_open_the_create_form() -> None:
    assert client_as(UserFactory()).get("/en/challenges/new/").status_code == 403


def test_staff_publish_from_the_page() -> None:
    challenge = ChallengeFactory()
    manager = _manager(challenge.community)

    client_as(manager).post(f"{challenge.get_absolute_url()}status/", {"status": "open"})

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN
    assert challenge.published_at is not None
    assert challenge.published_at <= timezone.now()


def test_a_member_proposes_an_edit_through_the_form() -> None:
    challenge = open_challenge(title="כותרת", problem="בעיה")
    member = community_member(challenge.community)
    client = client_as(member)

    form_page = client.get(f"/en{challenge.get_absolute_url()}propose/")
    response = client.post(
        f"{challenge.get_absolute_url()}propose/",
        {"title": "כותרת", "problem": "בעיה מחודדת", "note": "דיוק"},
    )

    assert 'value="כותרת"' in form_page.content.decode()
    assert response.status_code == 302
    proposal = EditProposal.objects.get(challenge=challenge)
    assert proposal.changes == {"problem": "בעיה מחודדת"} and proposal.author == member


def test_the_owner_accepts_from_the_page_and_a_stale_one_shows_a_clear_message() -> None:
    challenge = open_challenge(problem="בעיה")
    first = EditProposalFactory(challenge=challenge)
    second = EditProposalFactory(challenge=challenge)
    client = client_as(challenge.owner)

    client.post(
        f"{challenge.get_absolute_url()}proposals/{first.pk}/decide/", {"decision": "accept"}
    )
    response = client.post(
        f"/en{challenge.get_absolute_url()}proposals/{second.pk}/decide/",
        {"decision": "accept"},
        follow=True,
    )

    assert "changed after this edit was proposed" in response.content.decode()
    second.refresh_from_db()
    assert second.status == "proposed"


def test_a_member_cannot_decide_a_proposal() -> None:
    proposal = EditProposalFactory()
    member = community_member(proposal.challenge.community)

    response = client_as(member).post(
        f"{proposal.challenge.get_absolute_url()}proposals/{proposal.pk}/decide/",
        {"decision": "accept"},
    )

    assert response.status_code == 403


def test_the_challenge_page_takes_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    challenge = open_challenge(domain=DomainFactory())
    challenge.populations.add(TargetPopulationFactory())
    for _index in range(8):
        ChallengeCommentFactory(challenge=challenge)
        EditProposalFactory(challenge=challenge)
        CallFactory(community=challenge.community).challenges.add(challenge)
    client = client_as(challenge.owner)
    client.get(challenge.get_absolute_url())

    with django_assert_max_num_queries(25):
        response = client.get(challenge.get_absolute_url())

    assert len(response.context["comments"]) == 8
    assert len(response.context["calls"]) == 8


def test_the_edit_form_shows_the_criteria_met_and_saving_keeps_them() -> None:
    challenge = open_challenge(kind=ChallengeKind.SYSTEM, recurring=True, map_tags=["ability"])
    client = client_as(challenge.owner)

    form = client.get(f"/en{challenge.get_absolute_url()}edit/").context["form"]
    response = client.post(
        f"{challenge.get_absolute_url()}edit/",
        {
            **{key: value for key, value in form.initial.items() if key in ("title", "problem")},
            "kind": "system",
            "community": challenge.community.pk,
            "owner_kind": challenge.owner_kind,
            "origin": challenge.origin,
            "criteria": ["recurring", "sector_wide"],
            "map_tags": ["ability"],
        },
    )

    assert form.initial["criteria"] == ["recurring"]
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.recurring and challenge.sector_wide and not challenge.structural
