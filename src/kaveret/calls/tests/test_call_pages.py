"""The calls' pages: the open-calls list with its countdown and filters, the call page,
hidden calls, the feed, and the staff's edit, rubric and form pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.calls.models import Call, Mechanism, Offer, QuestionKind
from kaveret.testing.calls_factories import (
    ApplicationFactory,
    CallFactory,
    ReviewFactory,
    RubricCriterionFactory,
    call_with_form,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _days(n: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


def test_the_list_shows_open_calls_with_a_countdown_and_upcoming_and_closed_apart() -> None:
    CallFactory(title_en="Open call", deadline=_days(3.5))
    CallFactory(title_en="Future call", opens_at=_days(5), deadline=_days(20))
    CallFactory(title_en="Old call", opens_at=_days(-20), deadline=_days(-2))
    CallFactory(title_en="Draft call", is_published=False)

    html = client_as().get("/en/calls/").content.decode()

    open_part = html.split('id="open-title"')[1].split('id="upcoming-title"')[0]
    upcoming_part = html.split('id="upcoming-title"')[1].split('id="closed-title"')[0]
    closed_part = html.split('id="closed-title"')[1]
    assert "Open call" in open_part and "closes in 3 days" in open_part
    assert "Future call" in upcoming_part and "opens in" in upcoming_part
    assert "Old call" in closed_part
    assert "Draft call" not in html


def test_the_list_filters_by_mechanism_and_offer() -> None:
    CallFactory(title_en="Grants", mechanism=Mechanism.MICRO_GRANT, offers=[Offer.GRANT])
    CallFactory(title_en="Pilots", mechanism=Mechanism.JOINT_PILOT, offers=[Offer.PILOT])

    by_mechanism = client_as().get("/en/calls/?mechanism=micro_grant").content.decode()
    by_offer = client_as().get("/en/calls/?offer=pilot").content.decode()

    assert "Grants" in by_mechanism and "Pilots" not in by_mechanism
    assert "Pilots" in by_offer and "Grants" not in by_offer


def test_an_empty_list_says_so() -> None:
    html = client_as().get("/en/calls/").content.decode()
    assert "No call is open right now." in html


def test_the_list_issues_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any, personas: Any
) -> None:
    for _index in range(25):
        CallFactory(community=personas.community)
    client = client_as(personas.staff)
    with django_assert_max_num_queries(14):
        response = client.get("/en/calls/")
    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()


def test_the_call_page_shows_what_an_applicant_needs() -> None:
    call = call_with_form(
        title_en="EmployTech",
        offers=[Offer.GRANT, Offer.MENTORING],
        eligibility={"stages": ["idea"], "founders_societies": ["arab"]},
        budget=250000,
    )

    html = client_as().get(f"/en/calls/{call.slug}/").content.decode()

    assert "EmployTech" in html
    assert "A grant" in html and "Mentoring" in html
    assert "Idea" in html and "Arab society" in html
    assert "250,000 ILS" in html or "250000 ILS" in html
    assert "פוטנציאל השפעה" in html
    assert "closes in 13 days" in html


@pytest.mark.parametrize("who", ["anonymous", "entrepreneur", "other_staff"])
def test_an_unpublished_call_is_missing_for_all_but_its_staff(personas: Any, who: str) -> None:
    call = CallFactory(community=personas.community, is_published=False)
    other_staff = UserFactory()
    RoleAssignmentFactory(
        user=other_staff, role=Role.COMMUNITY_MANAGER, community=CommunityFactory()
    )
    user = {"anonymous": None, "entrepreneur": personas.entrepreneur}.get(who, other_staff)

    assert client_as(user).get(f"/calls/{call.slug}/").status_code == 404
    assert client_as(personas.staff).get(f"/calls/{call.slug}/").status_code == 200
    assert client_as(personas.admin).get(f"/calls/{call.slug}/").status_code == 200


def test_the_feed_lists_published_calls_only_in_the_requests_language() -> None:
    CallFactory(title_en="Published call")
    CallFactory(title_en="Hidden call", is_published=False)
    CallFactory(title_en="Call of a hidden community", community=CommunityFactory(is_public=False))

    english = client_as().get("/en/calls/feed/").content.decode()
    hebrew = client_as().get("/calls/feed/").content.decode()

    assert "<rss" in english and "Published call" in english
    assert "Hidden call" not in english and "hidden community" not in english
    assert "קול קורא" in hebrew and "Published call" not in hebrew


def test_staff_edit_a_call_with_the_deadline_in_israel_time(personas: Any) -> None:
    call = CallFactory(community=personas.community, opens_at=_days(-1))
    opens = timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M")
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/edit/",
        {
            "title": "קול קורא מעודכן",
            "mechanism": Mechanism.ACCELERATOR,
            "community": personas.community.pk,
            "opens_at": opens,
            "deadline": "2030-01-15T23:59",
            "budget": "1000",
            "reviews_per_application": "3",
            "reviewer_emails": personas.entrepreneur.email,
            "eligible_stages": ["idea", "scale"],
        },
    )

    assert response.status_code == 302
    call.refresh_from_db()
    assert call.deadline == datetime.datetime(2030, 1, 15, 21, 59, tzinfo=datetime.UTC)
    assert call.eligibility == {"stages": ["idea", "scale"]}
    assert list(call.reviewers.all()) == [personas.entrepreneur]
    assert call.audit.filter(action="call_changed").exists()


def test_an_unknown_reviewer_address_is_refused_on_the_form(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/edit/",
        {
            "title": "x",
            "mechanism": Mechanism.ACCELERATOR,
            "community": personas.community.pk,
            "opens_at": "2030-01-01T09:00",
            "deadline": "2030-01-15T23:59",
            "budget": "0",
            "reviews_per_application": "1",
            "reviewer_emails": "nobody@example.org",
        },
    )
    assert response.status_code == 400
    assert "No registered user has the address nobody@example.org" in response.content.decode()


def test_staff_open_a_call_from_the_list(personas: Any) -> None:
    client = client_as(personas.staff)
    assert "Open a new call" in client.get("/en/calls/").content.decode()
    response = client.post(
        "/en/calls/new/",
        {
            "title": "מענקי TechAbility",
            "title_en": "TechAbility fast-track grants",
            "mechanism": Mechanism.MICRO_GRANT,
            "community": personas.community.pk,
            "opens_at": "2030-01-01T09:00",
            "deadline": "2030-02-01T23:59",
            "budget": "300000",
            "reviews_per_application": "2",
            "offers": ["grant"],
        },
    )
    call = Call.objects.get()
    assert response["Location"] == f"/en/calls/{call.slug}/"
    assert call.slug == "techability-fast-track-grants"


def test_publishing_from_the_page_says_what_is_missing(personas: Any) -> None:
    call = CallFactory(community=personas.community, is_published=False)
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/publish/", {"action": "publish"}, follow=True
    )
    html = response.content.decode()
    assert "The application form has no question yet." in html
    assert "The rubric has no criterion yet." in html


def test_staff_build_the_form_on_its_page(personas: Any) -> None:
    call = CallFactory(community=personas.community, opens_at=_days(2), deadline=_days(9))
    client = client_as(personas.staff)

    refused = client.post(
        f"/en/calls/{call.slug}/form/questions/new/",
        {"kind": QuestionKind.LONG_TEXT, "label": "ספרו על המיזם"},
    )
    added = client.post(
        f"/en/calls/{call.slug}/form/questions/new/",
        {"kind": QuestionKind.LONG_TEXT, "label": "ספרו על המיזם", "max_length": "1500"},
    )

    assert refused.status_code == 400
    assert "A long-text question needs a length limit." in refused.content.decode()
    assert added.status_code == 302
    page = client.get(f"/en/calls/{call.slug}/form/").content.decode()
    assert "ספרו על המיזם" in page and "up to 1500 characters" in page
    preview = client_as().get(f"/en/calls/{call.slug}/form/preview/").content.decode()
    assert "ספרו על המיזם" in preview and 'maxlength="1500"' in preview


def test_the_seed_rubric_is_one_click_and_refused_once_reviews_exist(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    client = client_as(personas.staff)
    client.post(f"/en/calls/{call.slug}/rubric/seed/")
    assert call.criteria.count() == 6

    ReviewFactory(application=ApplicationFactory(call=call))
    criterion = call.criteria.first()
    response = client.post(
        f"/en/calls/{call.slug}/rubric/{criterion.pk}/change/", {"action": "delete"}, follow=True
    )
    assert "Reviews have started, so the rubric can no longer change." in response.content.decode()
    assert call.criteria.count() == 6


def test_an_entrepreneur_may_not_open_the_staff_pages(personas: Any) -> None:
    call = call_with_form(community=personas.community)
    RubricCriterionFactory(call=call)
    client = client_as(personas.entrepreneur)
    for path in ("edit/", "rubric/", "form/", "audit/"):
        assert client.get(f"/calls/{call.slug}/{path}").status_code == 403


def test_the_call_page_links_the_challenges_it_serves() -> None:
    from kaveret.testing.calls_factories import ChallengeFactory

    challenge = ChallengeFactory(title="תעסוקה לאנשים עם מוגבלות", status="open")
    call = CallFactory()
    call.challenges.add(challenge)

    html = client_as().get(f"/en/calls/{call.slug}/").content.decode()

    assert f'href="{challenge.get_absolute_url()}"' in html
    assert "תעסוקה לאנשים עם מוגבלות" in html


def test_a_draft_challenge_is_not_named_to_visitors() -> None:
    from kaveret.challenges.models import ChallengeStatus
    from kaveret.testing.calls_factories import ChallengeFactory

    call = CallFactory()
    call.challenges.add(ChallengeFactory(title="אתגר בטיוטה", status=ChallengeStatus.DRAFT))

    html = client_as().get(f"/en/calls/{call.slug}/").content.decode()

    assert "אתגר בטיוטה" not in html


def test_the_call_page_issues_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any, personas: Any
) -> None:
    from kaveret.testing.calls_factories import ChallengeFactory

    call = call_with_form(community=personas.community)
    for _index in range(5):
        call.challenges.add(ChallengeFactory(status="open"))
        RubricCriterionFactory(call=call)
    client = client_as(personas.staff)
    with django_assert_max_num_queries(16):
        response = client.get(f"/en/calls/{call.slug}/")
    assert response.content.decode().count("challenges/") >= 5
