"""Importing the ecosystem from files: reading, the dry run, matching, refusals, atomicity."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kaveret.ecosystem import services
from kaveret.ecosystem.choices import (
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureStage,
    VentureType,
)
from kaveret.ecosystem.imports import (
    MAX_IMPORT_BYTES,
    ImportAborted,
    ImportFileError,
    ImportReport,
    Outcome,
    read_table,
    run_import,
)
from kaveret.ecosystem.models import (
    Actor,
    Affiliation,
    Organisation,
    Person,
    Relation,
    Venture,
)
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    PersonFactory,
    VentureFactory,
    csv_file,
    valid_registration_number,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

NUMBER_1 = valid_registration_number(901)
NUMBER_2 = valid_registration_number(902)
HEBREW_ORGANISATION_HEADERS = ["שם", "סוג", "מספר רישום", "תחומים"]


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Reasons are checked in English; one test checks they follow the language."""
    from django.utils import translation

    with translation.override("en"):
        yield


def do_import(
    kind: str, data: bytes, by: Any, *, name: str = "file.csv", apply: bool = True
) -> ImportReport:
    table = read_table(data, name)
    return run_import(kind=kind, by=by, table=table, apply=apply)


def outcomes(report: ImportReport) -> list[str]:
    return [row.outcome for row in report.rows]


def reasons(report: ImportReport, row: int) -> str:
    return " ".join(next(r.messages for r in report.rows if r.row == row))


def organisations_file() -> bytes:
    DomainFactory(slug="employment", name="תעסוקה", name_en="Employment")
    DomainFactory(slug="disability", name="מוגבלות", name_en="Disability")
    return csv_file(
        [
            HEBREW_ORGANISATION_HEADERS,
            ["עמותת שער לתעסוקה", "עמותה", NUMBER_1, "employment; מוגבלות"],
            ["המכללה האקדמית", "academia", "", ""],
        ]
    )


def test_a_csv_with_hebrew_headers_and_labels_creates_organisations(personas: Any) -> None:
    report = do_import("organisations", organisations_file(), personas.staff)

    assert outcomes(report) == [Outcome.CREATED, Outcome.CREATED]
    amuta = Organisation.objects.get(registration_number=NUMBER_1)
    assert amuta.name == "עמותת שער לתעסוקה"
    assert amuta.sector == Sector.THIRD_SECTOR
    assert sorted(amuta.domains.values_list("slug", flat=True)) == ["disability", "employment"]
    assert Organisation.objects.get(name="המכללה האקדמית").sector == Sector.ACADEMIA
    assert report.encoding == "UTF-8"


def test_the_dry_run_reports_but_writes_nothing(personas: Any) -> None:
    report = do_import("organisations", organisations_file(), personas.staff, apply=False)

    assert report.counts[Outcome.CREATED] == 2
    assert not Organisation.objects.exists()


def test_reimporting_the_same_file_creates_no_duplicates(personas: Any) -> None:
    data = organisations_file()
    do_import("organisations", data, personas.staff)

    again = do_import("organisations", data, personas.staff)

    assert outcomes(again) == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert Organisation.objects.count() == 2


def test_existing_actors_are_matched_by_number_then_by_normalised_name(personas: Any) -> None:
    by_number = OrganisationFactory(name="שם ישן", registration_number=NUMBER_1)
    by_name = OrganisationFactory(name="קרן ״אור״", registration_number="", website="")
    data = csv_file(
        [
            ["name", "kind", "registration_number", "website"],
            ["שם חדש", "ngo", NUMBER_1, ""],
            ["קרן אור", "philanthropy_fund", "", "https://or.example.org"],
        ]
    )

    report = do_import("organisations", data, personas.staff)

    assert outcomes(report) == [Outcome.UPDATED, Outcome.UPDATED]
    by_number.refresh_from_db()
    by_name.refresh_from_db()
    assert by_number.name == "שם חדש"
    assert by_name.website == "https://or.example.org"
    assert by_name.sector == Sector.PHILANTHROPY
    assert Organisation.objects.count() == 2


def test_bad_rows_are_refused_with_their_reason_and_good_rows_kept(personas: Any) -> None:
    data = csv_file(
        [
            ["name", "kind", "registration_number"],
            ["", "ngo", ""],
            ["עמותה בלי סוג ידוע", "spaceship", ""],
            ["עמותה עם מספר שגוי", "ngo", "123"],
            ["עמותה עם ספרת ביקורת שגויה", "ngo", "580000011"],
            ["עמותה טובה", "ngo", NUMBER_2],
            ["עמותה טובה", "ngo", NUMBER_2],
        ]
    )

    report = do_import("organisations", data, personas.staff)

    assert outcomes(report) == [Outcome.REFUSED] * 4 + [Outcome.CREATED, Outcome.REFUSED]
    assert "is required" in reasons(report, 2)
    assert "“spaceship” is not a kind of organisation" in reasons(report, 3)
    assert "exactly nine digits" in reasons(report, 4)
    assert "check digit is wrong" in reasons(report, 5)
    assert "repeats row 6" in reasons(report, 7)
    assert list(Organisation.objects.values_list("name", flat=True)) == ["עמותה טובה"]


def test_reasons_are_given_in_the_users_language(personas: Any) -> None:
    from django.utils import translation

    data = csv_file([["name", "kind"], ["עמותה", "spaceship"]])
    with translation.override("en"):
        english = do_import("organisations", data, personas.staff, apply=False)
    with translation.override("he"):
        hebrew = do_import("organisations", data, personas.staff, apply=False)

    assert "is not a kind of organisation" in reasons(english, 2)
    assert reasons(hebrew, 2) != reasons(english, 2)


def test_a_file_without_a_required_column_is_refused_whole(personas: Any) -> None:
    data = csv_file([["name", "website"], ["עמותה", "https://example.org"]])

    with pytest.raises(ImportFileError, match="Required columns are missing"):
        do_import("organisations", data, personas.staff)


def test_an_excel_file_of_ventures_with_english_headers_is_created(personas: Any) -> None:
    data = xlsx_file(
        [
            ["Name", "Venture type", "Stage", "Founded in"],
            ["מיזם גשר", "מיזם חברתי", "idea", 2023],
            ["Bridge tech", "Impact startup", "Product/market fit", 2021.0],
        ]
    )

    report = do_import("ventures", data, personas.staff, name="ventures.xlsx")

    assert outcomes(report) == [Outcome.CREATED, Outcome.CREATED]
    bridge = Venture.objects.get(name="מיזם גשר")
    assert (bridge.venture_type, bridge.stage, bridge.founded_year) == (
        VentureType.SOCIAL_VENTURE,
        VentureStage.IDEA,
        2023,
    )
    assert Venture.objects.get(name="Bridge tech").stage == VentureStage.PRODUCT_MARKET_FIT


def test_excel_formulas_give_their_saved_value_or_refuse_their_row(personas: Any) -> None:
    data = xlsx_file(
        [
            ["name", "venture_type", "stage", "founded_year"],
            ["מיזם מחושב", "social_venture", "idea", "=2000+20"],
            ["מיזם לא מחושב", "social_venture", "idea", "=2000+21"],
        ],
        cached={"D2": "2020"},
    )

    report = do_import("ventures", data, personas.staff, name="ventures.xlsx")

    assert outcomes(report) == [Outcome.CREATED, Outcome.REFUSED]
    assert Venture.objects.get(name="מיזם מחושב").founded_year == 2020
    assert "Cell D3 holds a formula" in reasons(report, 3)
    assert any("values Excel saved were used" in notice for notice in report.notices)


def test_a_windows_hebrew_file_is_read_and_the_encoding_said(personas: Any) -> None:
    data = csv_file([["שם", "סוג"], ["עמותת חלונות", "עמותה"]], encoding="cp1255")

    report = do_import("organisations", data, personas.staff)

    assert report.encoding == "cp1255"
    assert any("cp1255" in notice for notice in report.notices)
    assert Organisation.objects.get().name == "עמותת חלונות"


def test_a_utf8_file_with_a_byte_order_mark_is_read(personas: Any) -> None:
    data = csv_file([["שם", "סוג"], ["עמותה", "ngo"]], encoding="utf-8-sig")

    report = do_import("organisations", data, personas.staff)

    assert report.encoding == "UTF-8 (BOM)"
    assert outcomes(report) == [Outcome.CREATED]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty"),
        (b"name,kind\n", "headers.csv", "no rows"),
        (b"x" * (MAX_IMPORT_BYTES + 1), "big.csv", "too large"),
        (b"%PDF-1.4", "file.pdf", "Only CSV (.csv) and Excel (.xlsx)"),
        (b"name,kind\nA,ngo\n", "fake.xlsx", "not an Excel workbook"),
        (b"PK\x03\x04rest", "fake.csv", "is an Excel or zip file"),
        (b"old", "old.xls", "Old Excel files"),
        ("name,kind\nא,ngo\n".encode("utf-16"), "utf16.csv", "UTF-16"),
        (b"name,kind\n\x81\xff,ngo\n", "binary.csv", "neither UTF-8 nor Windows Hebrew"),
    ],
)
def test_bad_files_are_refused_clearly(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=re.escape(message)):
        read_table(data, name)


def test_an_import_that_fails_midway_changes_nothing(personas: Any, monkeypatch: Any) -> None:
    real_create = services.create_organisation
    calls = []

    def failing_on_the_second_row(**values: Any) -> Organisation:
        calls.append(values)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_create(**values)

    monkeypatch.setattr(services, "create_organisation", failing_on_the_second_row)

    with pytest.raises(RuntimeError):
        do_import("organisations", organisations_file(), personas.staff)

    assert not Organisation.objects.exists()
    assert not Actor.objects.exists() or Actor.objects.count() == 1  # the personas' venture


def test_a_row_refused_only_when_applying_rolls_everything_back(personas: Any) -> None:
    data = csv_file([["name", "kind"], ["עמותה טובה", "ngo"], ["עמותה רעה", "spaceship"]])
    table = read_table(data, "file.csv")

    with pytest.raises(ImportAborted, match="Row 3 is now refused"):
        run_import(
            kind="organisations",
            by=personas.staff,
            table=table,
            apply=True,
            refused_in_check=set(),
        )

    assert not Organisation.objects.exists()


def test_only_staff_may_import(personas: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_import("organisations", organisations_file(), personas.entrepreneur)
    assert not Organisation.objects.exists()


def test_people_are_affiliated_and_matched_by_email_on_reimport(personas: Any) -> None:
    organisation = OrganisationFactory(name="עמותת גשר", registration_number=NUMBER_1)
    venture = VentureFactory(name="מיזם אור")
    data = csv_file(
        [
            ["שם מלא", "דוא״ל", "ארגון", "תפקיד", "מייסד"],
            ["דנה לוי", "dana@example.org", NUMBER_1, "מנכ״לית", "לא"],
            ["יוסי כהן", "", "מיזם אור", "יזם", "כן"],
        ]
    )

    first = do_import("people", data, personas.staff)
    again = do_import("people", data, personas.staff)

    assert outcomes(first) == [Outcome.CREATED, Outcome.CREATED]
    assert outcomes(again) == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    dana = Person.objects.get(email="dana@example.org")
    assert Affiliation.objects.get(person=dana).actor_id == organisation.pk
    yossi = Affiliation.objects.get(person__full_name="יוסי כהן")
    assert (yossi.actor_id, yossi.is_founder) == (venture.pk, True)


def test_a_person_with_an_unknown_actor_is_refused(personas: Any) -> None:
    PersonFactory(full_name="רות")
    data = csv_file([["full_name", "actor"], ["רות", "ארגון שאינו קיים"]])

    report = do_import("people", data, personas.staff)

    assert outcomes(report) == [Outcome.REFUSED]
    assert "No organisation or venture is called" in reasons(report, 2)


def test_relations_link_existing_actors_and_reimport_is_unchanged(personas: Any) -> None:
    organisation = OrganisationFactory(name="עמותת גשר", registration_number=NUMBER_1)
    venture = VentureFactory(name="מיזם אור")
    data = csv_file(
        [
            ["גורם ראשון", "גורם שני", "סוג", "רמת שותפות", "מתאריך"],
            [NUMBER_1, "מיזם אור", "שותפות", "Focused", "15/01/2024"],
            ["מיזם אור", "עמותת גשר", "pilot", "", "2024-02-01"],
            ["עמותת גשר", "מיזם אור", "mentoring", "3", ""],
        ]
    )

    first = do_import("relations", data, personas.staff)
    again = do_import("relations", data, personas.staff)

    assert outcomes(first) == [Outcome.CREATED, Outcome.CREATED, Outcome.REFUSED]
    assert "Only a partnership has a level" in reasons(first, 4)
    assert outcomes(again) == [Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.REFUSED]
    partnership = Relation.objects.get(kind=RelationKind.PARTNERSHIP)
    assert (partnership.source_id, partnership.target_id) == (organisation.pk, venture.pk)
    assert partnership.level == PartnershipLevel.FOCUSED
    assert str(partnership.started_on) == "2024-01-15"


def test_the_documented_example_files_import_cleanly_in_order(personas: Any) -> None:
    from django.conf import settings

    DomainFactory(slug="employment", name="תעסוקה", name_en="Employment")
    DomainFactory(slug="disability", name="מוגבלות", name_en="Disability")
    examples = settings.PROJECT_DIR / "docs" / "templates"

    for kind in ("organisations", "ventures", "people", "relations"):
        path = examples / f"{kind}.csv"
        report = do_import(kind, path.read_bytes(), personas.staff, name=path.name)
        assert report.notices == [], kind
        assert report.counts[Outcome.REFUSED] == 0, [r.messages for r in report.rows]
        again = do_import(kind, path.read_bytes(), personas.staff, name=path.name)
        assert {row.outcome for row in again.rows} == {Outcome.UNCHANGED}, kind

    assert Relation.objects.get(kind=RelationKind.PARTNERSHIP).level == 2
    assert Person.objects.get(email="yossi@example.org").affiliations.get().is_founder


def test_rows_the_check_refused_stay_skipped_even_if_they_would_now_pass(
    personas: Any,
) -> None:
    data = csv_file([["full_name", "actor"], ["דנה", "עמותת הגשר"]])
    table = read_table(data, "people.csv")
    check = run_import(kind="people", by=personas.staff, table=table, apply=False)
    assert check.refused_rows == {2}
    OrganisationFactory(name="עמותת הגשר")

    applied = run_import(
        kind="people",
        by=personas.staff,
        table=table,
        apply=True,
        refused_in_check=check.refused_rows,
    )

    assert outcomes(applied) == [Outcome.REFUSED]
    assert "Skipped" in reasons(applied, 2)
    assert not Person.objects.exists()


def test_progress_is_reported_about_a_hundred_times_and_at_the_end(personas: Any) -> None:
    rows = [["name", "venture_type", "stage"]]
    rows += [[f"מיזם {n}", "social_venture", "idea"] for n in range(250)]
    calls: list[tuple[int, int]] = []

    run_import(
        kind="ventures",
        by=personas.staff,
        table=read_table(csv_file(rows), "v.csv"),
        apply=False,
        progress=lambda current, total: calls.append((current, total)),
    )

    assert len(calls) == 125
    assert calls[-1] == (250, 250)
