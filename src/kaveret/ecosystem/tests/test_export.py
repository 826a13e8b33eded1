"""Exporting the directories: same filters and visibility as the page, and a round trip."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from kaveret.core.spreadsheets import FORMULA_STARTS, escape_formula, unescape_formula
from kaveret.ecosystem.imports import Outcome, read_table, run_import
from kaveret.ecosystem.models import Organisation, Venture
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    RegionFactory,
    TargetPopulationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def exported_names(content: bytes) -> set[str]:
    return {row[0] for row in csv_rows(content)[1:]}


def test_the_export_keeps_the_directory_filters(client: Client) -> None:
    employment = DomainFactory(slug="employment")
    OrganisationFactory(name="עמותת תעסוקה").domains.add(employment)
    OrganisationFactory(name="עמותה אחרת")

    response = client.get("/organisations/export.csv?domain=employment")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="organisations-')
    assert exported_names(response.content) == {"עמותת תעסוקה"}


def test_visitors_export_only_public_actors_and_staff_all(client: Client, personas: Any) -> None:
    VentureFactory(name="מיזם גלוי")
    VentureFactory(name="מיזם חסוי", is_public=False)

    visitor = exported_names(client.get("/ventures/export.csv").content)
    client.force_login(personas.staff)
    staff = exported_names(client.get("/ventures/export.csv").content)

    assert "מיזם חסוי" not in visitor
    assert {"מיזם גלוי", "מיזם חסוי"} <= staff


def test_headers_follow_the_language_and_hebrew_sheets_run_right_to_left(client: Client) -> None:
    OrganisationFactory(name="עמותה")

    hebrew = load_workbook(io.BytesIO(client.get("/organisations/export.xlsx").content))
    english = load_workbook(io.BytesIO(client.get("/en/organisations/export.xlsx").content))

    assert hebrew.worksheets[0].sheet_view.rightToLeft
    assert not english.worksheets[0].sheet_view.rightToLeft
    english_headers = [cell.value for cell in english.worksheets[0][1]]
    assert english_headers[:3] == ["Name", "Name in English", "Name in Arabic"]
    assert [row[0] for row in english.worksheets[0].iter_rows(min_row=2, values_only=True)] == [
        "עמותה"
    ]


def test_an_unknown_format_is_not_found(client: Client) -> None:
    assert client.get("/organisations/export.pdf").status_code == 404


def test_a_name_that_looks_like_a_formula_is_not_run_by_excel(client: Client) -> None:
    OrganisationFactory(name="=HYPERLINK(1)")

    sheet = load_workbook(io.BytesIO(client.get("/organisations/export.xlsx").content)).active
    assert sheet is not None

    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"


def make_rich_actors() -> None:
    domain = DomainFactory(slug="employment", name="תעסוקה")
    population = TargetPopulationFactory(slug="youth", name="נוער")
    region = RegionFactory(slug="north", name="צפון")
    organisation = OrganisationFactory(
        name="עמותת הצפון", name_en="North", website="https://north.example.org"
    )
    organisation.domains.add(domain)
    organisation.target_populations.add(population)
    organisation.regions.add(region)
    OrganisationFactory(name="=קרן", kind="philanthropy_fund", registration_number="")
    OrganisationFactory(name="עמותה חסויה", is_public=False)
    venture = VentureFactory(name="מיזם", founded_year=2020, stage="scale")
    venture.domains.add(domain)


@pytest.mark.parametrize("language", ["", "/en", "/ar"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["organisations", "ventures"])
def test_an_exported_file_imports_back_unchanged(
    client: Client, personas: Any, language: str, file_format: str, kind: str
) -> None:
    make_rich_actors()
    client.force_login(personas.staff)
    content = client.get(f"{language}/{kind}/export.{file_format}").content

    report = run_import(
        kind=kind,
        by=personas.staff,
        table=read_table(content, f"export.{file_format}"),
        apply=True,
    )

    assert report.notices == []
    assert {row.outcome for row in report.rows} == {Outcome.UNCHANGED}, report.rows
    model = Organisation if kind == "organisations" else Venture
    assert len(report.rows) == model.objects.count()


def test_an_export_recreates_the_directory_in_an_empty_registry(
    client: Client, personas: Any
) -> None:
    make_rich_actors()
    client.force_login(personas.staff)
    content = client.get("/organisations/export.xlsx").content
    before = sorted(
        (o.name, o.kind, o.registration_number, o.website, o.is_public)
        for o in Organisation.objects.all()
    )
    Organisation.objects.all().delete()

    report = run_import(
        kind="organisations",
        by=personas.staff,
        table=read_table(content, "export.xlsx"),
        apply=True,
    )

    assert {row.outcome for row in report.rows} == {Outcome.CREATED}
    after = sorted(
        (o.name, o.kind, o.registration_number, o.website, o.is_public)
        for o in Organisation.objects.all()
    )
    assert after == before
    north = Organisation.objects.get(name="עמותת הצפון")
    assert list(north.regions.values_list("slug", flat=True)) == ["north"]


def test_the_download_links_carry_the_filters_and_refresh_with_them(client: Client) -> None:
    page = client.get("/organisations/?kind=ngo&sort=-name").content.decode()

    assert 'href="/organisations/export.csv?kind=ngo&amp;sort=-name"' in page
    assert 'id="export-links"' in page
    assert 'hx-include="form.filters"' in page


def test_the_export_issues_a_bounded_number_of_queries(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        OrganisationFactory().domains.add(DomainFactory())
    client.force_login(personas.staff)

    with django_assert_max_num_queries(12):
        response = client.get("/organisations/export.xlsx")

    assert response.status_code == 200


def formula_like_cells(rows: list[list[Any]]) -> list[Any]:
    return [cell for row in rows for cell in row if str(cell or "").startswith(FORMULA_STARTS)]


def make_formula_like_actor(*, description: str = "\r=2+2") -> None:
    evil = DomainFactory(
        slug="evil", name='=HYPERLINK("http://x")', name_en='=HYPERLINK("http://x")', name_ar="=x"
    )
    organisation = OrganisationFactory(name="\t=1+1", description=description)
    organisation.domains.add(evil)


@pytest.mark.parametrize("language", ["", "/en", "/ar"])
def test_term_names_and_cells_starting_with_a_tab_or_return_are_not_run_as_formulas(
    client: Client, language: str
) -> None:
    make_formula_like_actor()

    csv_content = client.get(f"{language}/organisations/export.csv").content
    workbook = load_workbook(
        io.BytesIO(client.get(f"{language}/organisations/export.xlsx").content)
    )
    sheet = workbook.active
    assert sheet is not None
    xlsx_rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    for rows in (csv_rows(csv_content), xlsx_rows):
        assert formula_like_cells(rows) == []
        assert "'\t=1+1" in rows[1]
    assert "'\r=2+2" in csv_rows(csv_content)[1]
    assert "'\n=2+2" in xlsx_rows[1]  # XML reads a carriage return back as a line feed
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_escaped_term_names_and_text_import_back_unchanged(
    client: Client, personas: Any, file_format: str
) -> None:
    # Not a carriage return: XML (so .xlsx) reads it back as a line feed.
    make_formula_like_actor(description="\t=2+2")
    client.force_login(personas.staff)
    content = client.get(f"/en/organisations/export.{file_format}").content

    report = run_import(
        kind="organisations",
        by=personas.staff,
        table=read_table(content, f"export.{file_format}"),
        apply=True,
    )

    assert {row.outcome for row in report.rows} == {Outcome.UNCHANGED}, report.rows


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_unescaping_an_escaped_cell_gives_the_text_back(start: str) -> None:
    text = f"{start}SUM(A1:A9)"

    assert escape_formula(text) == f"'{text}"
    assert unescape_formula(escape_formula(text)) == text
