"""The recommenders' pages: panels on challenges, ventures and organisations, free-text
routing, assessments; who sees what, one-click scouting with and without htmx."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.matching import engine, index
from kaveret.matching.models import Criterion, CriterionAssessment, ScoutingEntry
from kaveret.testing.challenges_factories import open_challenge
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    DomainFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def rebuild() -> None:
    index.rebuild()
    engine.forget_index()


def staff() -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.PLATFORM_ADMIN)
    return user


def entrepreneur_of(venture: Any) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=venture)
    return user


@pytest.fixture
def scouting_case() -> tuple[Any, Any]:
    domain = DomainFactory(name="תעסוקה", slug="employment")
    challenge = open_challenge(
        title="תעסוקה לאנשים עם מוגבלות",
        problem="אנשים עם מוגבלות מתקשים למצוא משרות.",
        domain=domain,
    )
    venture = VentureFactory(name="עבודה שווה", description="משרות לאנשים עם מוגבלות.")
    venture.domains.add(domain)
    rebuild()
    return challenge, venture


def test_the_scouting_panel_is_for_the_challenges_editors_only(scouting_case: Any) -> None:
    challenge, venture = scouting_case
    url = f"/en/match/scouting/{challenge.slug}/"

    assert client_as().get(url).status_code == 404
    assert client_as(UserFactory()).get(url).status_code == 404
    page = client_as(challenge.owner).get(url)
    assert page.status_code == 200
    assert venture.name in page.content.decode()
    # The challenge page loads the panel only for those who may scout.
    assert (
        url.removeprefix("/en")
        in client_as(challenge.owner).get(challenge.get_absolute_url()).content.decode()
    )
    assert (
        "match/scouting"
        not in client_as(UserFactory()).get(challenge.get_absolute_url()).content.decode()
    )


def test_adding_to_the_scouting_list_is_one_click_and_idempotent(scouting_case: Any) -> None:
    challenge, venture = scouting_case
    editor = client_as(challenge.owner)
    url = f"/match/scouting/{challenge.slug}/add/"

    plain = editor.post(url, {"venture": venture.pk})
    assert plain.status_code == 302
    assert plain["Location"].endswith("#scouting")
    swapped = editor.post(url, {"venture": venture.pk}, headers=HTMX)
    assert swapped.status_code == 200
    assert 'id="scouting-panel"' in swapped.content.decode()

    entry = ScoutingEntry.objects.get()
    assert entry.venture_id == venture.pk and entry.added_by == challenge.owner
    assert entry.score is not None and entry.reasons["reasons"]
    assert client_as(UserFactory()).post(url, {"venture": venture.pk}).status_code == 404


def test_an_entry_status_and_note_change_and_it_can_be_removed(scouting_case: Any) -> None:
    challenge, venture = scouting_case
    entry = ScoutingEntry.objects.create(challenge=challenge, venture=venture)
    editor = client_as(challenge.owner)
    base = f"/match/scouting/{challenge.slug}/entries/{entry.pk}/"

    editor.post(base, {f"entry-{entry.pk}-status": "in_talks", f"entry-{entry.pk}-note": "נפגשנו"})
    entry.refresh_from_db()
    assert (entry.status, entry.note) == ("in_talks", "נפגשנו")
    assert client_as(UserFactory()).post(f"{base}remove/").status_code == 404
    editor.post(f"{base}remove/", headers=HTMX)
    assert not ScoutingEntry.objects.exists()


def test_fit_lists_are_hidden_from_visitors_and_other_entrepreneurs() -> None:
    venture = VentureFactory()
    organisation = OrganisationFactory()
    rebuild()
    venture_url = f"/en/match/ventures/{venture.pk}/fit/"
    organisation_url = f"/en/match/organisations/{organisation.pk}/fit/"

    for url in (venture_url, organisation_url):
        assert client_as().get(url).status_code == 404
        assert client_as(entrepreneur_of(VentureFactory())).get(url).status_code == 404
        assert client_as(staff()).get(url).status_code == 200
    assert client_as(entrepreneur_of(venture)).get(venture_url).status_code == 200
    page = client_as(entrepreneur_of(venture)).get(venture.get_absolute_url()).content.decode()
    assert f"/match/ventures/{venture.pk}/fit/" in page
    assert "/match/ventures/" not in client_as().get(venture.get_absolute_url()).content.decode()


def test_a_hard_constraint_lists_the_candidate_apart_with_the_reason() -> None:
    employment = DomainFactory(name="תעסוקה", slug="employment")
    health = DomainFactory(name="בריאות", slug="health")
    organisation = OrganisationFactory()
    organisation.domains.add(employment)
    venture = VentureFactory(name="מיזם תעסוקה")
    venture.domains.add(employment)
    rebuild()
    url = f"/match/organisations/{organisation.pk}/fit/"

    unfiltered = client_as(staff()).get(url, headers=HTMX).content.decode()
    filtered = client_as(staff()).get(url, {"domain": health.slug}, headers=HTMX).content.decode()

    assert "מיזם תעסוקה" in unfiltered
    assert "בריאות" in filtered.split("מיזם תעסוקה", 1)[1]


def test_free_text_routing_asks_to_sign_in_and_then_answers() -> None:
    domain = DomainFactory(name="תעסוקה", slug="employment")
    CommunityFactory(name="קהילת תעסוקה", tagline="תעסוקה לאנשים עם מוגבלות", domain=domain)
    rebuild()

    assert client_as().get("/en/match/route/").status_code == 302
    empty = client_as(UserFactory()).post("/en/match/route/", {"text": "", "kinds": ["community"]})
    assert empty.status_code == 200 and empty.context["items"] is None
    answer = client_as(UserFactory()).post(
        "/en/match/route/", {"text": "מיזם תעסוקה לאנשים עם מוגבלות", "kinds": ["community"]}
    )
    assert "קהילת תעסוקה" in answer.content.decode()


def test_only_staff_assess_and_an_empty_score_stays_not_assessed() -> None:
    venture = VentureFactory()
    url = f"/en/match/assess/{venture.pk}/"

    assert client_as(entrepreneur_of(venture)).get(url).status_code == 404
    response = client_as(staff()).post(
        url,
        {f"score_{Criterion.TEAM_QUALITY}": "5", f"note_{Criterion.TEAM_QUALITY}": "מצוין"},
    )

    assert response.status_code == 302
    assert list(CriterionAssessment.objects.values_list("criterion", "score")) == [
        (Criterion.TEAM_QUALITY, 5)
    ]


def test_criterion_scores_of_the_other_side_are_for_staff_only() -> None:
    from kaveret.testing.matching_recommend_factories import OrganisationAssessmentFactory

    text = "משרות לאנשים עם מוגבלות בתעסוקה."
    venture = VentureFactory(name="עבודה שווה", description=text)
    organisation = OrganisationFactory(name="עמותת תעסוקה", description=text)
    OrganisationAssessmentFactory(
        about=organisation, criterion=Criterion.AGILITY, score=2, note="הערה פנימית"
    )
    rebuild()
    page_url = f"/en/match/ventures/{venture.pk}/fit/"
    api_url = f"/api/v1/match/fit/ventures/{venture.pk}"

    def listed(items: Any) -> Any:
        return next(item for item in items if item.object_id == organisation.pk)

    owner = entrepreneur_of(venture)
    response = client_as(owner).get(page_url)
    item = listed(response.context["items"])
    assert item.criteria == ()
    assert not any("Not assessed" in reason for reason in item.reasons)
    criteria = next(c for c in item.components if c.key == "organisation_criteria")
    assert criteria.available  # the criteria were considered, in one combined figure
    assert "Score (1-5)" not in response.content.decode()
    assert "הערה פנימית" not in response.content.decode()
    body = client_as(owner).get(api_url).json()
    api_item = next(i for i in body["items"] if i["id"] == organisation.pk)
    assert api_item["breakdown"]["criteria"] == []
    assert "organisation_criteria" in [c["key"] for c in api_item["breakdown"]["components"]]

    admin = staff()
    item = listed(client_as(admin).get(page_url).context["items"])
    assert (Criterion.AGILITY, 2) in [(c.criterion, c.score) for c in item.criteria]
    api_item = next(
        i for i in client_as(admin).get(api_url).json()["items"] if i["id"] == organisation.pk
    )
    assert {"criterion": Criterion.AGILITY, "score": 2} in [
        {"criterion": c["criterion"], "score": c["score"]}
        for c in api_item["breakdown"]["criteria"]
    ]
