"""Applying: drafts keep partial answers, types and lengths per answer, files by content
and size, required on submit, submit once, the deadline, withdrawing, read-only after."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kaveret.calls import application_services as services
from kaveret.calls.models import ApplicationStatus, AuditEntry
from kaveret.core.errors import DomainError
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
from kaveret.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _ready(call: Any, applicant: Any) -> Any:
    """A draft with every required answer and the deck attached."""
    draft = draft_of(call, applicant, answers=complete_answers())
    services.add_file(
        by=applicant.user,
        application=draft,
        question=question(call, "deck"),
        upload=upload("deck.pdf"),
    )
    return draft


def test_starting_opens_a_draft_once_and_reopens_it_after() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    first = services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    again = services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    assert first.pk == again.pk
    assert first.status == ApplicationStatus.DRAFT
    assert first.eligibility_result["eligible"] is True
    assert AuditEntry.objects.filter(application=first, action="application_started").count() == 1


def test_a_person_applies_as_themselves() -> None:
    call = call_with_full_form()
    user = UserFactory()
    application = services.start_application(by=user, call=call)
    assert application.person is not None and application.person.user == user


def test_nobody_applies_for_a_venture_they_do_not_act_for() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    with pytest.raises(DomainError):
        services.start_application(by=UserFactory(), call=call, actor=applicant.venture)


def test_an_ineligible_applicant_cannot_start() -> None:
    call = call_with_full_form(eligibility={"stages": [VentureStage.SCALE]})
    applicant = entrepreneur(stage=VentureStage.IDEA)
    with pytest.raises(DomainError) as refused:
        services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    assert refused.value.error_list[0].code == "not_eligible"


def test_a_draft_keeps_partial_answers_and_refuses_only_the_bad_ones() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "גרסה ראשונה"})
    result = services.save_answers(
        by=applicant.user,
        application=draft,
        answers={
            "name": "x" * 51,
            "team": "many",
            "track": "moon",
            "pitch": "גרסה שנייה",
            "start": "2026-13-40",
            "registered": "yes",
            "needs": ["money"],
        },
    )
    draft.refresh_from_db()
    assert set(result.errors) == {"name", "team", "track", "start"}
    assert draft.answers == {"pitch": "גרסה שנייה", "registered": True, "needs": ["money"]}


def test_a_number_outside_its_range_is_refused_and_the_old_answer_kept() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"team": 4})
    result = services.save_answers(by=applicant.user, application=draft, answers={"team": 51})
    draft.refresh_from_db()
    assert "team" in result.errors
    assert draft.answers == {"team": 4}


def test_an_empty_answer_clears_it() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "טקסט"})
    services.save_answers(by=applicant.user, application=draft, answers={"pitch": ""})
    draft.refresh_from_db()
    assert draft.answers == {}


def test_saving_records_the_changed_keys_not_the_text() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    services.save_answers(by=applicant.user, application=draft, answers={"pitch": "סוד"})
    entry = AuditEntry.objects.get(application=draft, action="answers_saved")
    assert entry.changes == {"keys": ["pitch"]}
    assert "סוד" not in str(entry.changes) + entry.summary


def test_submitting_checks_required_answers_and_keeps_the_draft() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "רק זה"})
    with pytest.raises(DomainError) as refused:
        services.submit_application(by=applicant.user, application=draft)
    assert set(refused.value.error_dict) == {"name", "team", "track", "registered", "deck"}
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.answers == {"pitch": "רק זה"}


def test_a_file_is_checked_by_its_content(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "נשמר"})
    with pytest.raises(DomainError) as refused:
        services.add_file(
            by=applicant.user,
            application=draft,
            question=question(call, "deck"),
            upload=upload("deck.pdf", EXE_BYTES),
        )
    assert refused.value.code == "file_type"
    assert draft.files.count() == 0
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "נשמר"}


def test_a_file_of_a_type_the_question_does_not_allow_is_refused(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    with pytest.raises(DomainError) as refused:
        services.add_file(
            by=applicant.user,
            application=draft,
            question=question(call, "deck"),
            upload=upload("logo.png", png),
        )
    assert "PDF" in str(refused.value.messages[0])


def test_an_oversized_file_is_refused(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    big = PDF_BYTES + b"0" * (1024 * 1024)
    with pytest.raises(DomainError) as refused:
        services.add_file(
            by=applicant.user,
            application=draft,
            question=question(call, "deck"),
            upload=upload("deck.pdf", big),
        )
    assert refused.value.code == "file_too_big"


def test_a_dangerous_name_is_made_safe(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    stored = services.add_file(
        by=applicant.user,
        application=draft,
        question=question(call, "deck"),
        upload=upload("../../etc/$(rm -rf) תוכנית.pdf"),
    )
    assert stored.original_name == "(rm_-rf)_תוכנית.pdf"  # no folders, no $ or spaces
    assert ".." not in str(stored.file.name)
    assert stored.file.name.startswith(f"calls/{call.pk}/{draft.pk}/")


def test_a_new_file_replaces_the_earlier_one(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    deck = question(call, "deck")
    services.add_file(by=applicant.user, application=draft, question=deck, upload=upload("a.pdf"))
    services.add_file(by=applicant.user, application=draft, question=deck, upload=upload("b.pdf"))
    assert list(draft.files.values_list("original_name", flat=True)) == ["b.pdf"]


def test_submitting_twice_gives_one_submission_and_one_email(
    media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_application(by=applicant.user, application=draft)
        second = services.submit_application(by=applicant.user, application=draft)
    assert first.pk == second.pk and first.submitted_at == second.submitted_at
    assert first.status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(application=draft, action="application_submitted").count() == 1


def test_the_confirmation_carries_a_pdf_copy(
    media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(by=applicant.user, application=draft)
    message = mail.outbox[0]
    assert message.to == [applicant.user.email]
    assert "received" in message.subject  # the user's language is English
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content[:4] == b"%PDF"


def test_a_late_submission_is_refused_and_the_draft_kept(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    call.opens_at = timezone.now() - datetime.timedelta(days=10)
    call.deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    with pytest.raises(DomainError) as refused:
        services.submit_application(by=applicant.user, application=draft)
    assert refused.value.error_list[0].code == "deadline_passed"
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.answers == complete_answers()
    assert draft.files.count() == 1


def test_answers_are_read_only_after_submission(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    services.submit_application(by=applicant.user, application=draft)
    with pytest.raises(DomainError):
        services.save_answers(by=applicant.user, application=draft, answers={"pitch": "שינוי"})
    with pytest.raises(DomainError):
        services.add_file(
            by=applicant.user,
            application=draft,
            question=question(call, "deck"),
            upload=upload("other.pdf"),
        )
    draft.refresh_from_db()
    assert draft.answers["pitch"] == complete_answers()["pitch"]


def test_withdrawing_before_the_deadline(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    services.submit_application(by=applicant.user, application=draft)
    withdrawn = services.withdraw_application(by=applicant.user, application=draft)
    assert withdrawn.status == ApplicationStatus.WITHDRAWN and withdrawn.withdrawn_at
    assert AuditEntry.objects.filter(application=draft, action="application_withdrawn").exists()
    with pytest.raises(DomainError):
        services.submit_application(by=applicant.user, application=draft)


def test_withdrawing_after_the_deadline_is_refused(media: Any) -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = _ready(call, applicant)
    services.submit_application(by=applicant.user, application=draft)
    call.opens_at = timezone.now() - datetime.timedelta(days=10)
    call.deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    with pytest.raises(DomainError):
        services.withdraw_application(by=applicant.user, application=draft)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


def test_another_applicant_can_neither_save_nor_submit_nor_withdraw() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    other = entrepreneur()
    draft = draft_of(call, applicant)
    with pytest.raises(PermissionDenied):
        services.save_answers(by=other.user, application=draft, answers={"pitch": "x"})
    with pytest.raises(PermissionDenied):
        services.submit_application(by=other.user, application=draft)
    with pytest.raises(PermissionDenied):
        services.withdraw_application(by=other.user, application=draft)


def test_the_first_application_freezes_the_form_it_answers() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    application = services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    application.form_version.refresh_from_db()
    assert application.form_version.frozen_at is not None


def test_eligibility_is_checked_again_on_submit(media: Any) -> None:
    call = call_with_full_form(eligibility={"stages": [VentureStage.SCALE]})
    applicant = entrepreneur(stage=VentureStage.SCALE)
    draft = services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    services.save_answers(by=applicant.user, application=draft, answers=complete_answers())
    services.add_file(
        by=applicant.user,
        application=draft,
        question=question(call, "deck"),
        upload=upload("deck.pdf"),
    )
    applicant.venture.stage = VentureStage.IDEA
    applicant.venture.save()
    with pytest.raises(DomainError) as refused:
        services.submit_application(by=applicant.user, application=draft)
    assert refused.value.error_list[0].code == "not_eligible"
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
