"""Export a directory view to CSV or Excel, in the columns the import reads back.

The rows are the directory's own (``selectors.organisation_directory`` and
``venture_directory``): the same filters, the same visibility. Headers and labels are in
the active language, and the import accepts them in every language, so an exported file
imports back unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import gettext

from kaveret.core.spreadsheets import csv_text, escape_formula

from .imports import (
    ACTOR,
    BOOLEAN,
    CHOICE,
    DATE,
    INTEGER,
    REGISTRATION,
    TERMS,
    Column,
    Kind,
    columns_for,
)

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTRA_PREFETCH: dict[str, tuple[str, ...]] = {
    Kind.ORGANISATIONS: ("target_populations", "regions"),
    Kind.VENTURES: ("technologies", "regions"),
}
CHUNK_SIZE = 1000


def export_columns(kind: str) -> tuple[Column, ...]:
    return columns_for(kind)


def cell_value(instance: Model, column: Column) -> Any:
    """The text (or number) a column shows for one actor, in the active language."""
    value = getattr(instance, column.field)
    # Term names and choice labels are text someone typed too (in the admin or a
    # catalogue), so they are escaped like any other text.
    if column.value_type == TERMS:
        return escape_formula("; ".join(term.display_name for term in value.all()))
    if column.value_type == CHOICE:
        if value in ("", None):
            return ""
        return escape_formula(str(getattr(instance, f"get_{column.field}_display")()))
    if column.value_type == BOOLEAN:
        return gettext("Yes") if value else gettext("No")
    if value is None:
        return ""
    return escape_formula(value) if isinstance(value, str) else value


def export_rows(kind: str, queryset: QuerySet[Any]) -> Iterator[list[Any]]:
    """The heading row, then one row per actor of the queryset."""
    columns = export_columns(kind)
    yield [str(column.label) for column in columns]
    rows = queryset.prefetch_related(*EXTRA_PREFETCH.get(kind, ()))
    for instance in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [cell_value(instance, column) for column in columns]


def rows_to_csv(rows: Iterable[list[Any]]) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Hebrew correctly."""
    return csv_text(rows).encode("utf-8")


def rows_to_xlsx(rows: Iterable[list[Any]], *, title: str, right_to_left: bool) -> bytes:
    """An .xlsx workbook of one sheet, right to left for Hebrew and Arabic."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.sheet_view.rightToLeft = right_to_left
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_directory(kind: str, queryset: QuerySet[Any], file_format: str) -> bytes:
    """The directory's rows as a CSV or .xlsx file."""
    rows = export_rows(kind, queryset)
    if file_format == "csv":
        return rows_to_csv(rows)
    return rows_to_xlsx(
        rows, title=str(Kind(kind).label), right_to_left=bool(translation.get_language_bidi())
    )


def template_rows(kind: str) -> list[list[Any]]:
    """An import template: the headings and one example row."""
    columns = [column for column in columns_for(kind) if column.imported]
    return [[str(column.label) for column in columns], [column.example for column in columns]]


def column_help(column: Column) -> str:
    """What a column accepts, in the active language, for the template's help sheet."""
    if column.value_type == CHOICE:
        return "; ".join(f"{value} ({label})" for value, label in column.choices.choices)
    descriptions = {
        TERMS: gettext("Codes (slugs) or names, separated by “;”."),
        BOOLEAN: gettext("Yes or no."),
        DATE: gettext("A date: 2024-03-31 or 31/03/2024."),
        INTEGER: gettext("A whole number."),
        ACTOR: gettext(
            "The registration number or the name of an existing organisation or venture."
        ),
        REGISTRATION: gettext("Nine digits with a valid check digit."),
    }
    return descriptions.get(column.value_type, gettext("Text."))


def help_rows(kind: str) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [gettext("Column"), gettext("Required"), gettext("Accepted values"), gettext("Example")]
    ]
    for column in columns_for(kind):
        if column.imported:
            required = gettext("Yes") if column.required else ""
            rows.append([str(column.label), required, column_help(column), column.example])
    return rows


def template_file(kind: str, file_format: str) -> bytes:
    """An import template; the Excel one has a second sheet explaining every column."""
    rows = template_rows(kind)
    if file_format == "csv":
        return rows_to_csv(rows)
    from openpyxl import Workbook

    right_to_left = bool(translation.get_language_bidi())
    workbook = Workbook(write_only=True)
    for title, sheet_rows in ((str(Kind(kind).label), rows), (gettext("Help"), help_rows(kind))):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.sheet_view.rightToLeft = right_to_left
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
