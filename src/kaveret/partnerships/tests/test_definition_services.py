"""Defining a partnership: each change is checked, saved in one go, and makes a new
version of the definition (with its PDFs) only when something really changed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kaveret.core.errors import DomainError
from kaveret.partnerships import definition_services as services
from kaveret.partnerships.models import (
    AgreementStatus,
    DefinitionDocument,
    Expectation,
    ExpectationSide,
    LegalItem,
    PilotPlan,
)
from kaveret.testing.partnerships_definition_factories import (
    defined_partnership,
    definition_people,
    organisation_person,
    outside_person,
    partnership_without_definition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """The definition PDFs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _version(partnership: Any) -> int:
    partnership.refresh_from_db()
    return int(partnership.definition_version)


def test_rows_missing_on_an_older_partnership_are_made_on_first_use() -> None:
    partnership = partnership_without_definition()
    staff = definition_people(partnership).staff
    assert not Expectation.objects.filter(partnership=partnership).exists()
    services.set_expectation(
        by=staff, partnership=partnership, key="access_to_data", status=AgreementStatus.AGREED
    )
    assert Expectation.objects.filter(partnership=partnership).count() == 17
    assert Expectation.objects.get(partnership=partnership, key="credits").side == (
        ExpectationSide.SHARED
    )
    assert LegalItem.objects.filter(partnership=partnership).count() == 7
    assert PilotPlan.objects.filter(partnership=partnership).exists()


def test_agreed_with_a_note_needs_the_note() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError) as refused:
        services.set_expectation(
            by=staff,
            partnership=partnership,
            key="ip_protection",
            status=AgreementStatus.AGREED_WITH_NOTE,
            note="   ",
        )
    assert "note" in refused.value.error_dict
    assert _version(partnership) == 0
    services.set_expectation(
        by=staff,
        partnership=partnership,
        key="ip_protection",
        status=AgreementStatus.AGREED_WITH_NOTE,
        note="הקוד נשאר בבעלות המיזם",
    )
    row = Expectation.objects.get(partnership=partnership, key="ip_protection")
    assert (row.status, row.note) == (AgreementStatus.AGREED_WITH_NOTE, "הקוד נשאר בבעלות המיזם")


def test_an_unknown_expectation_or_status_is_refused() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError):
        services.set_expectation(by=staff, partnership=partnership, key="x", status="agreed")
    with pytest.raises(DomainError):
        services.set_expectation(by=staff, partnership=partnership, key="ethics", status="maybe")


def test_a_legal_item_marked_agreed_needs_its_text() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError) as refused:
        services.set_legal_item(
            by=staff, partnership=partnership, key="exclusivity", agreed_text="", is_agreed=True
        )
    assert "agreed_text" in refused.value.error_dict
    assert services.set_legal_item(
        by=staff,
        partnership=partnership,
        key="exclusivity",
        agreed_text="אין בלעדיות",
        is_agreed=True,
    )
    assert LegalItem.objects.get(partnership=partnership, key="exclusivity").is_agreed


def test_the_pilot_cannot_end_before_it_starts() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError) as refused:
        services.update_pilot_plan(
            by=staff,
            partnership=partnership,
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 2, 1),
        )
    assert "ends_on" in refused.value.error_dict
    services.update_pilot_plan(
        by=staff,
        partnership=partnership,
        scope="שלוש מכללות",
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 9, 1),
    )
    # Only the start moves: checked against the end already saved.
    with pytest.raises(DomainError):
        services.update_pilot_plan(
            by=staff, partnership=partnership, starts_on=datetime.date(2026, 10, 1)
        )
    plan = PilotPlan.objects.get(partnership=partnership)
    assert plan.scope == "שלוש מכללות" and plan.starts_on == datetime.date(2026, 3, 1)


def test_the_agreement_cannot_be_signed_in_the_future() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.set_agreement_signed(by=staff, partnership=partnership, signed_on=tomorrow)
    services.set_agreement_signed(by=staff, partnership=partnership, signed_on=timezone.localdate())
    partnership.refresh_from_db()
    assert partnership.agreement_signed_on == timezone.localdate()
    services.set_agreement_signed(by=staff, partnership=partnership, signed_on=None)
    partnership.refresh_from_db()
    assert partnership.agreement_signed_on is None


def test_the_ambassador_chosen_from_the_registry_must_be_of_the_organisation() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError) as refused:
        services.name_ambassador(
            by=staff, partnership=partnership, name="", person=outside_person()
        )
    assert "person" in refused.value.error_dict
    person = organisation_person(partnership, person__full_name="מיכל לוי")
    services.name_ambassador(
        by=staff, partnership=partnership, name="", role="מנהלת תפעול", person=person
    )
    partnership.refresh_from_db()
    assert partnership.ambassador_name == "מיכל לוי"
    assert partnership.ambassador_role == "מנהלת תפעול"
    assert partnership.ambassador_id == person.pk


def test_a_role_without_a_name_is_refused() -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with pytest.raises(DomainError):
        services.name_ambassador(by=staff, partnership=partnership, name=" ", role="רכזת")


def test_someone_who_may_not_edit_is_refused() -> None:
    partnership = defined_partnership()
    other = definition_people(partnership).other_entrepreneur
    with pytest.raises(PermissionDenied):
        services.set_expectation(
            by=other, partnership=partnership, key="ethics", status=AgreementStatus.AGREED
        )
    assert _version(partnership) == 0


def test_the_version_moves_only_on_a_real_change() -> None:
    partnership = defined_partnership()
    people = definition_people(partnership)
    assert services.set_expectation(
        by=people.entrepreneur,
        partnership=partnership,
        key="access_to_users",
        status=AgreementStatus.AGREED,
    )
    assert _version(partnership) == 1
    assert not services.set_expectation(
        by=people.representative,
        partnership=partnership,
        key="access_to_users",
        status=AgreementStatus.AGREED,
    )
    assert not services.update_pilot_plan(by=people.staff, partnership=partnership, scope="")
    assert not services.name_ambassador(by=people.staff, partnership=partnership, name="")
    assert not services.set_agreement_signed(
        by=people.staff, partnership=partnership, signed_on=None
    )
    assert _version(partnership) == 1
    assert services.update_pilot_plan(
        by=people.representative, partnership=partnership, duration="שישה חודשים"
    )
    assert _version(partnership) == 2


def test_each_version_keeps_its_hebrew_and_english_documents(
    media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with django_capture_on_commit_callbacks(execute=True):
        services.set_legal_item(
            by=staff,
            partnership=partnership,
            key="ownership",
            agreed_text="הבעלות על הקוד נשארת במיזם",
            is_agreed=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.name_ambassador(by=staff, partnership=partnership, name="דנה כהן")
    with django_capture_on_commit_callbacks(execute=True):
        services.name_ambassador(by=staff, partnership=partnership, name="דנה כהן")
    documents = DefinitionDocument.objects.filter(partnership=partnership)
    assert sorted(documents.values_list("version", "language")) == [
        (1, "en"),
        (1, "he"),
        (2, "en"),
        (2, "he"),
    ]
    first, second = (
        documents.get(version=1, language="he"),
        documents.get(version=2, language="he"),
    )
    assert first.content_hash != second.content_hash and len(first.content_hash) == 64
    assert first.file.read().startswith(b"%PDF")


def test_a_document_is_not_made_twice_for_the_same_content(media: Any) -> None:
    from kaveret.partnerships.definition_tasks import store_definition_documents

    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    services.set_expectation(
        by=staff, partnership=partnership, key="ethics", status=AgreementStatus.AGREED
    )
    assert len(store_definition_documents(partnership.pk)) == 2
    assert store_definition_documents(partnership.pk) == []
    assert DefinitionDocument.objects.filter(partnership=partnership).count() == 2


def test_asking_for_the_first_document_makes_version_one(
    media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    with django_capture_on_commit_callbacks(execute=True):
        services.request_definition_document(by=staff, partnership=partnership)
    assert _version(partnership) == 1
    assert DefinitionDocument.objects.filter(partnership=partnership, version=1).count() == 2


def test_a_run_overtaken_by_a_later_change_leaves_the_version_to_the_later_run(
    media: Any, monkeypatch: Any
) -> None:
    from django.db.models import F

    from kaveret.partnerships import definition_tasks
    from kaveret.partnerships.models import Partnership

    partnership = defined_partnership()
    staff = definition_people(partnership).staff
    services.set_expectation(
        by=staff, partnership=partnership, key="credits", status=AgreementStatus.AGREED
    )
    render = definition_tasks.definition_pdf

    def render_while_someone_changes(*args: Any, **kwargs: Any) -> bytes:
        Partnership.objects.filter(pk=partnership.pk).update(
            definition_version=F("definition_version") + 1
        )
        return render(*args, **kwargs)

    monkeypatch.setattr(definition_tasks, "definition_pdf", render_while_someone_changes)
    assert definition_tasks.store_definition_documents(partnership.pk) == []
    monkeypatch.setattr(definition_tasks, "definition_pdf", render)
    made = definition_tasks.store_definition_documents(partnership.pk)
    assert {document.version for document in made} == {3}
