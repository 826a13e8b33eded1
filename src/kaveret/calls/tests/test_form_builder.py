"""The form builder: questions checked for their kind, reordering, the schema, and the
freezing of a version once the call opens (applications keep the version they answered)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kaveret.calls import form_builder
from kaveret.calls.models import AuditEntry, QuestionKind
from kaveret.core.errors import DomainError
from kaveret.testing.calls_factories import ApplicationFactory, CallFactory, call_with_form
from kaveret.testing.clients import client_as

pytestmark = pytest.mark.django_db


def _unopened_call(personas: Any) -> Any:
    return CallFactory(
        community=personas.community,
        opens_at=timezone.now() + datetime.timedelta(days=3),
        deadline=timezone.now() + datetime.timedelta(days=30),
    )


def _errors(values: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(DomainError) as error:
        form_builder.clean_question(values)
    return {
        field: [str(m) for m in errors[0].messages]
        for field, errors in error.value.error_dict.items()
    }


def test_a_long_text_needs_a_length_limit() -> None:
    assert "max_length" in _errors({"kind": QuestionKind.LONG_TEXT, "label": "ספרו"})


def test_a_number_range_must_go_up() -> None:
    errors = _errors({"kind": QuestionKind.NUMBER, "label": "כמה", "min_value": 5, "max_value": 1})
    assert "max_value" in errors


def test_a_choice_question_needs_two_different_choices() -> None:
    assert "choices" in _errors(
        {"kind": QuestionKind.SINGLE_CHOICE, "label": "מה", "choices": "אחד"}
    )
    assert "choices" in _errors(
        {"kind": QuestionKind.MULTIPLE_CHOICE, "label": "מה", "choices": "אחד\nאחד"}
    )


def test_a_file_question_needs_extensions_and_at_most_10_mb() -> None:
    assert "file_types" in _errors({"kind": QuestionKind.FILE, "label": "קובץ", "file_types": ""})
    assert "file_types" in _errors(
        {"kind": QuestionKind.FILE, "label": "קובץ", "file_types": "pdf, ../exe"}
    )
    assert "max_file_mb" in _errors(
        {"kind": QuestionKind.FILE, "label": "קובץ", "file_types": "pdf", "max_file_mb": 11}
    )


def test_a_file_question_defaults_to_10_mb_and_clears_other_settings() -> None:
    cleaned = form_builder.clean_question(
        {"kind": QuestionKind.FILE, "label": "קובץ", "file_types": ".PDF docx", "max_length": 5}
    )
    assert cleaned["file_types"] == ["pdf", "docx"]
    assert cleaned["max_file_mb"] == 10
    assert cleaned["max_length"] is None


def test_a_question_needs_a_hebrew_label() -> None:
    assert "label" in _errors({"kind": QuestionKind.YES_NO, "label": " "})


def test_before_opening_the_current_version_is_edited_in_place(personas: Any) -> None:
    call = _unopened_call(personas)
    form_builder.add_question(
        by=personas.staff, call=call, kind=QuestionKind.SHORT_TEXT, label="שם המיזם"
    )
    form_builder.add_question(
        by=personas.staff,
        call=call,
        kind=QuestionKind.YES_NO,
        label="רשומה?",
        label_en="Registered?",
    )

    version = call.form_versions.get()
    assert version.number == 1 and version.frozen_at is None
    assert [q.key for q in version.questions.order_by("order")] == ["q-1", "registered"]
    assert AuditEntry.objects.filter(call=call, action="form_question_added").count() == 2


def test_once_the_call_opened_a_change_makes_a_new_version_and_applications_keep_theirs(
    personas: Any,
) -> None:
    call = call_with_form(community=personas.community)
    application = ApplicationFactory(call=call)
    first = call.form_versions.get()

    form_builder.add_question(
        by=personas.staff,
        call=call,
        kind=QuestionKind.NUMBER,
        label="כמה משתתפים?",
        min_value=1,
        max_value=100,
    )

    first.refresh_from_db()
    current = form_builder.current_form(call)
    assert first.frozen_at is not None
    assert current.number == 2 and current.frozen_at is None
    assert list(first.questions.values_list("key", flat=True)) == ["pitch"]
    assert sorted(current.questions.values_list("key", flat=True)) == ["pitch", "q-1"]
    application.refresh_from_db()
    assert application.form_version == first
    assert AuditEntry.objects.filter(call=call, action="form_version_created").count() == 1


def test_an_application_before_opening_freezes_the_form_too(personas: Any) -> None:
    call = _unopened_call(personas)
    form_builder.add_question(by=personas.staff, call=call, kind=QuestionKind.DATE, label="מתי")
    ApplicationFactory(call=call)

    form_builder.delete_question(by=personas.staff, call=call, key="q-1")

    assert call.form_versions.count() == 2
    assert form_builder.current_form(call).questions.count() == 0
    assert call.form_versions.get(number=1).questions.count() == 1


def test_after_opening_edits_go_into_one_new_version_until_someone_answers_it(
    personas: Any,
) -> None:
    call = call_with_form(community=personas.community)
    for label in ("א", "ב"):
        form_builder.add_question(by=personas.staff, call=call, kind=QuestionKind.DATE, label=label)
    assert call.form_versions.count() == 2

    ApplicationFactory(call=call, form_version=form_builder.current_form(call))
    form_builder.add_question(by=personas.staff, call=call, kind=QuestionKind.DATE, label="ג")

    assert form_builder.current_form(call).number == 3
    assert call.form_versions.get(number=2).frozen_at is not None
    assert call.form_versions.get(number=2).questions.count() == 3


def test_questions_move_up_and_down_within_their_section(personas: Any) -> None:
    call = _unopened_call(personas)
    for label in ("א", "ב", "ג"):
        form_builder.add_question(by=personas.staff, call=call, kind=QuestionKind.DATE, label=label)

    form_builder.move_question(by=personas.staff, call=call, key="q-3", direction="up")
    form_builder.move_question(by=personas.staff, call=call, key="q-1", direction="up")

    version = form_builder.current_form(call)
    assert [q.label for q in version.questions.order_by("order", "pk")] == ["א", "ג", "ב"]


def test_sections_group_questions_in_the_schema_with_labels_in_the_language(
    personas: Any,
) -> None:
    call = _unopened_call(personas)
    form_builder.add_section(by=personas.staff, call=call, title="המיזם", title_en="The venture")
    form_builder.add_question(
        by=personas.staff,
        call=call,
        section=0,
        kind=QuestionKind.SINGLE_CHOICE,
        label="שלב",
        label_en="Stage",
        choices="רעיון | Idea\nצמיחה | Scale",
    )

    schema = form_builder.form_schema(form_builder.current_form(call), "en")

    assert schema["version"] == 1
    [section] = schema["sections"]
    assert section["title"] == "The venture"
    assert section["questions"][0]["label"] == "Stage"
    assert section["questions"][0]["choices"] == [
        {"value": "idea", "label": "Idea"},
        {"value": "scale", "label": "Scale"},
    ]


def test_deleting_a_section_keeps_its_questions(personas: Any) -> None:
    call = _unopened_call(personas)
    form_builder.add_section(by=personas.staff, call=call, title="פרק")
    form_builder.add_question(
        by=personas.staff, call=call, section=0, kind=QuestionKind.YES_NO, label="כן?"
    )

    form_builder.delete_section(by=personas.staff, call=call, position=0)

    version = form_builder.current_form(call)
    assert version.sections.count() == 0
    assert version.questions.get().section is None


def test_only_the_calls_staff_may_build_its_form(personas: Any) -> None:
    call = _unopened_call(personas)
    with pytest.raises(PermissionDenied):
        form_builder.add_question(
            by=personas.entrepreneur, call=call, kind=QuestionKind.YES_NO, label="כן?"
        )


@pytest.mark.parametrize("value", ["1e20", 10**30, "NaN", "-Infinity", "0.001"])
def test_a_number_question_range_stays_within_the_columns(value: Any) -> None:
    errors = _errors({"kind": QuestionKind.NUMBER, "label": "כמה", "min_value": value})
    assert "min_value" in errors


def test_a_huge_number_range_on_the_question_page_is_a_form_error(personas: Any) -> None:
    call = _unopened_call(personas)
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/form/questions/new/",
        {"kind": QuestionKind.NUMBER, "label": "כמה עובדים", "min_value": "1e20"},
    )
    assert response.status_code == 400
    assert "no more than 14 digits" in response.content.decode()
    assert not form_builder.current_form(call).questions.exists()


@pytest.mark.parametrize("version", ["²", "١", "99999999999999999999", "-1", "x"])
def test_a_preview_of_an_odd_version_number_is_missing_not_an_error(
    personas: Any, version: str
) -> None:
    call = call_with_form(community=personas.community)
    response = client_as().get(f"/en/calls/{call.slug}/form/preview/", {"version": version})
    assert response.status_code == 404


def test_a_preview_of_an_existing_version_shows_it(personas: Any) -> None:
    call = call_with_form(community=personas.community)
    response = client_as().get(f"/en/calls/{call.slug}/form/preview/", {"version": "1"})
    assert response.status_code == 200
    assert "תארו את המיזם" in response.content.decode()
