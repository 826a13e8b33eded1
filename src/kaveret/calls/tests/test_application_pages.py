"""The applicant's pages: apply with eligibility, the draft with autosave and files, the
no-JavaScript save, submit, read-only after, who may read an application, the dashboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.calls import application_views
from kaveret.calls.models import ApplicationFile, ApplicationStatus
from kaveret.ecosystem.choices import VentureStage
from kaveret.testing.application_factories import (
    EXE_BYTES,
    PDF_BYTES,
    call_with_full_form,
    complete_answers,
    draft_of,
    entrepreneur,
    question,
    upload,
)
from kaveret.testing.calls_factories import (
    ApplicationFactory,
    CallFactory,
    DecisionFactory,
    ReviewFactory,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _page_url(application: Any) -> str:
    return f"/en/calls/{application.call.slug}/applications/{application.pk}/"


def _save_url(application: Any) -> str:
    return f"{_page_url(application)}save/"


def test_the_apply_page_shows_the_reasons_and_no_form_to_an_ineligible_applicant() -> None:
    call = call_with_full_form(eligibility={"stages": [VentureStage.SCALE]})
    applicant = entrepreneur(stage=VentureStage.IDEA)
    call.eligibility = {"stages": [VentureStage.SCALE], "applicant_kinds": ["venture"]}
    call.save()
    response = client_as(applicant.user).get(f"/en/calls/{call.slug}/apply/")
    page = response.content.decode()
    assert "yours is at the idea stage" in page
    assert 'name="applicant"' not in page
    assert "there is no form to fill" in page


def test_applying_opens_the_draft_and_a_second_visit_reopens_it() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    client = client_as(applicant.user)
    url = f"/en/calls/{call.slug}/apply/"
    first = client.post(url, {"applicant": str(applicant.venture.pk)})
    second = client.post(url, {"applicant": str(applicant.venture.pk)})
    assert first.status_code == 302 and first["Location"] == second["Location"]
    assert call.applications.get().actor_id == applicant.venture.pk


def test_the_draft_page_shows_every_question_in_english() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "טקסט שנשמר"})
    page = client_as(applicant.user).get(_page_url(draft)).content.decode()
    assert "Describe the venture" in page  # English label
    assert "שם המיזם" in page  # Hebrew fallback
    assert "טקסט שנשמר" in page
    assert 'hx-post="' in page and 'name="action" value="save"' in page


def test_autosave_answers_a_small_status_and_keeps_the_good_answers() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = client_as(applicant.user).post(
        _save_url(draft),
        {"pitch": "נשמר אוטומטית", "team": "many", "name": ""},
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert "Team size" in fragment and "Some answers were not saved" in fragment
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "נשמר אוטומטית"}


def test_autosave_says_when_it_saved() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = client_as(applicant.user).post(
        _save_url(draft), {"pitch": "שלום"}, HTTP_HX_REQUEST="true"
    )
    assert "Saved at " in response.content.decode()


def test_saving_without_javascript_keeps_the_answers_and_the_file() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = client_as(applicant.user).post(
        _save_url(draft), {"pitch": "בלי סקריפט", "action": "save", "deck": upload("deck.pdf")}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "בלי סקריפט"}
    assert draft.files.get().original_name == "deck.pdf"


def test_a_refused_file_says_why_and_keeps_the_rest_of_the_draft() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = client_as(applicant.user).post(
        _save_url(draft),
        {"pitch": "נשאר", "action": "save", "deck": upload("deck.pdf", EXE_BYTES)},
    )
    assert response.status_code == 400
    assert "content does not match its name" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "נשאר"} and not draft.files.exists()


def test_submitting_from_the_page_then_the_answers_are_read_only() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    client = client_as(applicant.user)
    answers = {**complete_answers(), "registered": "yes", "action": "submit"}
    response = client.post(_save_url(draft), {**answers, "deck": upload("deck.pdf")})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    page = client.get(_page_url(draft)).content.decode()
    assert "<textarea" not in page and "Submitted" in page and "deck.pdf" in page
    late = client.post(_save_url(draft), {"pitch": "שינוי", "action": "save"})
    assert late.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["pitch"] == complete_answers()["pitch"]


def test_submitting_with_missing_answers_shows_them_and_keeps_the_draft() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    response = client_as(applicant.user).post(
        _save_url(draft), {"pitch": "רק זה", "action": "submit"}
    )
    assert response.status_code == 400
    assert "must be answered before you submit" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.answers == {"pitch": "רק זה"}


def test_a_late_draft_is_shown_kept_and_not_editable() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "נשמר"})
    call.opens_at = timezone.now() - datetime.timedelta(days=5)
    call.deadline = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    page = client_as(applicant.user).get(_page_url(draft)).content.decode()
    assert "is kept as it was" in page and "<textarea" not in page and "נשמר" in page


def _submitted_with_file(call: Any) -> tuple[Any, Any]:
    applicant = entrepreneur()
    application: Any = ApplicationFactory(
        call=call, actor=applicant.venture, created_by=applicant.user
    )
    stored = ApplicationFile.objects.create(
        application=application,
        question=question(call, "deck"),
        file=upload("deck.pdf"),
        original_name="deck.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=applicant.user,
    )
    return application, stored


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("applicant", True),
        ("staff", True),
        ("assigned_reviewer", True),
        ("conflicted_reviewer", False),
        ("unassigned_reviewer", False),
        ("other_applicant", False),
        ("other_staff", False),
        ("visitor", False),
    ],
)
def test_who_may_read_an_application_and_its_file(who: str, allowed: bool) -> None:
    from kaveret.calls.models import ConflictDeclaration
    from kaveret.calls.review_services import confirm_conflicts

    call = call_with_full_form()
    application, stored = _submitted_with_file(call)
    users = {
        "applicant": application.created_by,
        "staff": UserFactory(),
        "assigned_reviewer": UserFactory(),
        "conflicted_reviewer": UserFactory(),
        "unassigned_reviewer": UserFactory(),
        "other_applicant": entrepreneur().user,
        "other_staff": UserFactory(),
        "visitor": None,
    }
    RoleAssignmentFactory(
        user=users["staff"], role=Role.COMMUNITY_MANAGER, community=call.community
    )
    RoleAssignmentFactory(
        user=users["other_staff"], role=Role.COMMUNITY_MANAGER, community=CommunityFactory()
    )
    call.reviewers.add(
        users["assigned_reviewer"], users["conflicted_reviewer"], users["unassigned_reviewer"]
    )
    ReviewFactory(application=application, reviewer=users["assigned_reviewer"])
    ReviewFactory(application=application, reviewer=users["conflicted_reviewer"])
    ConflictDeclaration.objects.create(
        application=application, reviewer=users["conflicted_reviewer"], reason="שותף לשעבר"
    )
    for reviewer in ("assigned_reviewer", "conflicted_reviewer"):
        confirm_conflicts(call, by=users[reviewer])
    client = client_as(users[who])
    page = client.get(_page_url(application))
    file = client.get(
        reverse("calls:application_file", args=[call.slug, application.pk, stored.pk])
    )
    if allowed:
        assert page.status_code == 200 and file.status_code == 200
        assert b"".join(file.streaming_content) == PDF_BYTES
        assert file["Content-Disposition"].startswith("attachment")
    else:
        assert page.status_code == 404 and file.status_code == 404


def test_staff_read_an_application_but_cannot_change_it() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "של היזם"})
    staff = UserFactory()
    RoleAssignmentFactory(user=staff, role=Role.COMMUNITY_MANAGER, community=call.community)
    client = client_as(staff)
    page = client.get(_page_url(draft)).content.decode()
    assert "<textarea" not in page and "של היזם" in page
    assert client.post(_save_url(draft), {"pitch": "של הצוות"}).status_code == 403
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "של היזם"}


def test_the_pdf_copy_is_served_to_the_applicant() -> None:
    call = call_with_full_form()
    application, _stored = _submitted_with_file(call)
    response = client_as(application.created_by).get(
        reverse("calls:application_pdf", args=[call.slug, application.pk])
    )
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_withdrawing_from_the_page() -> None:
    call = call_with_full_form()
    application, _stored = _submitted_with_file(call)
    client = client_as(application.created_by)
    client.post(reverse("calls:application_withdraw", args=[call.slug, application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def _dashboard(client: Any) -> str:
    response = client.get("/en/calls/mine/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_dashboard_lists_drafts_submissions_and_decisions(
    django_assert_max_num_queries: Any,
) -> None:
    applicant = entrepreneur()
    open_call = call_with_full_form()
    draft_of(open_call, applicant)
    waiting = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    decided = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    DecisionFactory(application=decided, reason="מתאים מאוד")
    for _ in range(5):
        extra = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
        DecisionFactory(application=extra)
    client = client_as(applicant.user)
    with django_assert_max_num_queries(10):
        page = _dashboard(client)
    assert open_call.title in page and waiting.call.title in page and decided.call.title in page
    assert "Accept" in page


def test_a_reversed_decision_is_not_shown_as_the_decision() -> None:
    applicant = entrepreneur()
    application = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    DecisionFactory(application=application, reversed_at=timezone.now(), reversal_reason="טעות")
    from kaveret.calls.application_selectors import dashboard

    board = dashboard(applicant.user)
    assert board.submitted == [application] and board.decided == []


def test_the_dashboard_shows_only_ones_own_applications() -> None:
    applicant = entrepreneur()
    other = entrepreneur()
    mine = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    theirs = ApplicationFactory(actor=other.venture, created_by=other.user)
    page = _dashboard(client_as(applicant.user))
    assert mine.call.title in page and theirs.call.title not in page


def test_the_dashboard_address_reaches_the_dashboard() -> None:
    # "mine" must not be taken for a call's slug: the applications' URLs come first.
    assert resolve("/calls/mine/").func is application_views.dashboard


def test_the_dashboard_page_is_for_logged_in_users() -> None:
    applicant = entrepreneur()
    mine = ApplicationFactory(actor=applicant.venture, created_by=applicant.user)
    assert mine.call.title in client_as(applicant.user).get("/en/calls/mine/").content.decode()
    assert client_as(None).get("/en/calls/mine/").status_code == 302


def test_a_call_not_open_yet_takes_no_application() -> None:
    call = CallFactory(opens_at=timezone.now() + datetime.timedelta(days=1))
    applicant = entrepreneur()
    response = client_as(applicant.user).get(f"/en/calls/{call.slug}/apply/")
    assert "not open for applications now" in response.content.decode()
