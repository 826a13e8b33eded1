"""Import organisations, ventures, people and relations from CSV or Excel (.xlsx) files.

Reading a file (``read_table``) and importing its rows (``run_import``) are separate so the
web pages, the background task and ``manage.py import_ecosystem`` share both. The rules
live in the services: every row goes through ``create_organisation``, ``update_venture``,
``create_relation``... and a refused row shows the service's own translated message.

A dry run is the same import inside a transaction that is rolled back. Applying runs in
one transaction too, so an import that fails midway changes nothing. Each row runs in a
savepoint so a refused row leaves nothing behind.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError
from kaveret.core.spreadsheets import unescape_formula
from kaveret.core.text import words

from . import services
from .choices import (
    FactorScore,
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureOrigin,
    VentureStage,
    VentureType,
)
from .models import (
    Actor,
    Affiliation,
    Domain,
    ImportJob,
    Language,
    Organisation,
    Person,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# A zip of 5 MB can expand a hundredfold; refuse before openpyxl unpacks it.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
LIST_SEPARATOR = ";"
ALLOWED_EXTENSIONS = (".csv", ".xlsx")
XLSX_REQUIRED_ENTRIES = ("[Content_Types].xml", "xl/workbook.xml")
CSV_DELIMITERS = (",", ";", "\t")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Kind = ImportJob.Kind
ProgressCallback = Callable[[int, int], None]


class ImportFileError(DomainError):
    """The whole file is refused: its type, size, encoding or headings are wrong."""


class RowError(DomainError):
    """One row is refused by the import itself (before any service sees it)."""


class ImportAborted(DomainError):
    """Applying stopped and everything was rolled back (the data changed since the check)."""


# --- Columns ---------------------------------------------------------------------------

TEXT = "text"
REGISTRATION = "registration"
CHOICE = "choice"
TERMS = "terms"
BOOLEAN = "boolean"
INTEGER = "integer"
DATE = "date"
ACTOR = "actor"


@dataclass(frozen=True)
class Column:
    """One column of an import template, also used as a column of the exports."""

    field: str
    label: Any
    value_type: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: Any = None
    taxonomy: type[models.Model] | None = None
    imported: bool = True
    example: str = ""


_NAME_COLUMNS = (
    Column("name_en", _("Name in English"), aliases=("שם באנגלית", "שם (אנגלית)")),
    Column("name_ar", _("Name in Arabic"), aliases=("שם בערבית", "שם (ערבית)")),
)
_CONTACT_COLUMNS = (
    Column("description", _("Description"), aliases=("תיאור",)),
    Column("website", _("Website"), aliases=("אתר", "אתר אינטרנט", "url")),
    Column("email", _("Public email"), aliases=("דואל", "אימייל", "דואר אלקטרוני", "mail")),
)
_TAXONOMY_COLUMNS = (
    Column(
        "domains",
        _("Domains"),
        TERMS,
        aliases=("תחומים", "תחום", "domain"),
        taxonomy=Domain,
        example="employment; disability",
    ),
    Column(
        "target_populations",
        _("Target populations"),
        TERMS,
        aliases=("אוכלוסיות יעד", "אוכלוסיית יעד", "populations"),
        taxonomy=TargetPopulation,
    ),
)
_REGIONS = Column(
    "regions", _("Regions"), TERMS, aliases=("אזורים", "אזור", "region"), taxonomy=Region
)
_PUBLIC = Column(
    "is_public",
    _("Shown to the public"),
    BOOLEAN,
    aliases=("ציבורי", "מוצג לציבור", "public"),
    example="yes",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    Kind.ORGANISATIONS: (
        Column(
            "name",
            _("Name"),
            required=True,
            aliases=("שם", "שם הארגון", "שם בעברית", "name_he", "organisation"),
            example="עמותת שער לתעסוקה",
        ),
        *_NAME_COLUMNS,
        Column(
            "kind",
            _("Kind"),
            CHOICE,
            required=True,
            aliases=("סוג", "סוג ארגון", "type"),
            choices=OrganisationKind,
            example="ngo",
        ),
        Column("sector", _("Sector"), CHOICE, aliases=("מגזר",), choices=Sector, imported=False),
        Column(
            "registration_number",
            _("Registration number"),
            REGISTRATION,
            aliases=("מספר רישום", "מספר עמותה", "חפ", "ח.פ", "מספר חברה"),
            example="580000016",
        ),
        *_CONTACT_COLUMNS,
        *_TAXONOMY_COLUMNS,
        _REGIONS,
        _PUBLIC,
    ),
    Kind.VENTURES: (
        Column(
            "name",
            _("Name"),
            required=True,
            aliases=("שם", "שם המיזם", "שם בעברית", "name_he", "venture"),
            example="מיזם גשר",
        ),
        *_NAME_COLUMNS,
        Column(
            "venture_type",
            _("Venture type"),
            CHOICE,
            required=True,
            aliases=("סוג", "סוג מיזם", "kind", "type"),
            choices=VentureType,
            example="social_venture",
        ),
        Column(
            "stage",
            _("Stage"),
            CHOICE,
            required=True,
            aliases=("שלב",),
            choices=VentureStage,
            example="idea",
        ),
        Column(
            "origin",
            _("Came from"),
            CHOICE,
            aliases=("מקור", "הגיע דרך"),
            choices=VentureOrigin,
            example="direct",
        ),
        Column(
            "founded_year",
            _("Founded in"),
            INTEGER,
            aliases=("שנת הקמה", "founded"),
            example="2023",
        ),
        *_CONTACT_COLUMNS,
        *_TAXONOMY_COLUMNS,
        Column(
            "technologies",
            _("Technologies"),
            TERMS,
            aliases=("טכנולוגיות", "technology"),
            taxonomy=Technology,
        ),
        _REGIONS,
        _PUBLIC,
    ),
    Kind.PEOPLE: (
        Column(
            "full_name",
            _("Full name"),
            required=True,
            aliases=("שם", "שם מלא", "name"),
            example="דנה לוי",
        ),
        Column("full_name_en", _("Full name in English"), aliases=("שם באנגלית",)),
        Column(
            "email",
            _("Email"),
            aliases=("דואל", "אימייל", "דואר אלקטרוני", "mail"),
            example="dana@example.org",
        ),
        Column("phone", _("Phone"), aliases=("טלפון", "נייד")),
        Column(
            "language",
            _("Preferred language"),
            CHOICE,
            aliases=("שפה", "שפה מועדפת"),
            choices=Language,
            example="he",
        ),
        Column(
            "consent_contact",
            _("Agrees to be contacted"),
            BOOLEAN,
            aliases=("מסכים ליצירת קשר", "מסכימה ליצירת קשר"),
            example="yes",
        ),
        Column(
            "consent_directory",
            _("Agrees to appear in the directory"),
            BOOLEAN,
            aliases=("מסכים להופיע במדריך", "מסכימה להופיע במדריך"),
        ),
        Column(
            "actor",
            _("Organisation or venture"),
            ACTOR,
            aliases=("ארגון", "מיזם", "שיוך", "organisation", "venture", "affiliation"),
            example="עמותת שער לתעסוקה",
        ),
        Column("title", _("Role"), aliases=("תפקיד", "role"), example="מנכ״לית"),
        Column(
            "is_founder",
            _("Founder"),
            BOOLEAN,
            aliases=("מייסד", "מייסדת", "founder"),
            example="no",
        ),
    ),
    Kind.RELATIONS: (
        Column(
            "source",
            _("First actor"),
            ACTOR,
            required=True,
            aliases=("גורם ראשון", "גורם א", "מ", "from"),
            example="עמותת שער לתעסוקה",
        ),
        Column(
            "target",
            _("Second actor"),
            ACTOR,
            required=True,
            aliases=("גורם שני", "גורם ב", "אל", "to"),
            example="מיזם גשר",
        ),
        Column(
            "kind",
            _("Kind of relation"),
            CHOICE,
            required=True,
            aliases=("סוג", "סוג קשר", "type"),
            choices=RelationKind,
            example="partnership",
        ),
        Column(
            "started_on",
            _("From date"),
            DATE,
            aliases=("מתאריך", "תאריך התחלה", "start"),
            example="2024-01-15",
        ),
        Column("ended_on", _("Until date"), DATE, aliases=("עד תאריך", "תאריך סיום", "end")),
        Column(
            "level",
            _("Partnership level"),
            CHOICE,
            aliases=("רמת שותפות", "רמה"),
            choices=PartnershipLevel,
            example="2",
        ),
        Column("proximity", _("Proximity"), CHOICE, aliases=("קרבה",), choices=FactorScore),
        Column("contribution", _("Contribution"), CHOICE, aliases=("תרומה",), choices=FactorScore),
        Column("added_value", _("Added value"), CHOICE, aliases=("ערך מוסף",), choices=FactorScore),
        Column("power_gaps", _("Power gaps"), CHOICE, aliases=("פערי כוח",), choices=FactorScore),
        Column(
            "investment_capacity",
            _("Investment capacity"),
            CHOICE,
            aliases=("יכולת השקעה",),
            choices=FactorScore,
        ),
        Column("description", _("Description"), aliases=("תיאור",)),
        _PUBLIC,
    ),
}

# Words people write for an organisation's kind that are not its label in any language.
KIND_SYNONYMS: dict[str, str] = {
    "משרד": OrganisationKind.MINISTRY,
    "משרד ממשלתי": OrganisationKind.MINISTRY,
    "תאגיד סטטוטורי": OrganisationKind.STATUTORY_BODY,
    "רשות מקומית": OrganisationKind.LOCAL_AUTHORITY,
    "עירייה": OrganisationKind.LOCAL_AUTHORITY,
    "מועצה מקומית": OrganisationKind.LOCAL_AUTHORITY,
    "מועצה אזורית": OrganisationKind.LOCAL_AUTHORITY,
    "אשכול": OrganisationKind.REGIONAL_CLUSTER,
    "עמותה": OrganisationKind.NGO,
    "amuta": OrganisationKind.NGO,
    "חלצ": OrganisationKind.PUBLIC_BENEFIT_COMPANY,
    "חברה": OrganisationKind.CORPORATION,
    "עסק קטן": OrganisationKind.SMB,
    "אוניברסיטה": OrganisationKind.ACADEMIA,
    "מכללה": OrganisationKind.ACADEMIA,
    "קרן": OrganisationKind.PHILANTHROPY_FUND,
    "משקיע": OrganisationKind.INVESTOR,
    "מאיץ": OrganisationKind.ACCELERATOR,
    "חממה": OrganisationKind.ACCELERATOR,
    "קופת חולים": OrganisationKind.HMO,
    "בית חולים": OrganisationKind.HOSPITAL,
    "ביטוח לאומי": OrganisationKind.NATIONAL_INSURANCE,
    "גוינט": OrganisationKind.JDC,
}
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "כן", "נכון", "نعم", "x", "v"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "לא", "لا"})


def key(text: Any) -> str:
    """The form two names or headings are compared in: Hebrew-normalised words."""
    return " ".join(words(str(text)))


def columns_for(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def in_every_language(text: Any) -> set[str]:
    """The keys of a translatable text in each of the site's languages."""
    keys = set()
    for code in language_codes():
        with translation.override(code):
            keys.add(key(text))
    return keys


@lru_cache(maxsize=32)
def choice_lookup(choices: Any) -> dict[str, Any]:
    """Every accepted way of writing a choice (code or label in any language) → its value."""
    lookup: dict[str, Any] = {}
    for value, label in choices.choices:
        lookup[key(value)] = value
        lookup[str(value).lower()] = value
        for label_key in in_every_language(label):
            lookup.setdefault(label_key, value)
    if choices is OrganisationKind:
        for word, value in KIND_SYNONYMS.items():
            lookup.setdefault(key(word), value)
    return lookup


def allowed_values(choices: Any) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices.choices)


# --- Reading files ---------------------------------------------------------------------


@dataclass
class Row:
    number: int
    cells: list[str]
    errors: list[str] = field(default_factory=list)


@dataclass
class Table:
    """The cells of a file as text, with what the reader noticed on the way."""

    headers: list[str]
    rows: list[Row]
    encoding: str
    notices: list[str] = field(default_factory=list)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_table(data: bytes, filename: str) -> Table:
    """Read an uploaded CSV or .xlsx file into rows of text cells.

    Raises ``ImportFileError`` for an empty or too large file, a type other than CSV or
    .xlsx (judged by the name and the content), an encoding that is neither UTF-8 nor
    Windows Hebrew (cp1255), or a file without rows.
    """
    if not data:
        raise ImportFileError(gettext("The file is empty."), code="empty_file")
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            gettext("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_IMPORT_BYTES)},
            code="too_large",
        )
    extension = Path(filename).suffix.lower()
    if extension == ".xls":
        raise ImportFileError(
            gettext(
                "Old Excel files (.xls) cannot be read. In Excel choose “Save as” and "
                "“Excel workbook (.xlsx)” or “CSV UTF-8”."
            ),
            code="wrong_type",
        )
    if extension not in ALLOWED_EXTENSIONS:
        raise ImportFileError(
            gettext("Only CSV (.csv) and Excel (.xlsx) files can be imported."),
            code="wrong_type",
        )
    table = _read_xlsx(data) if extension == ".xlsx" else _read_csv(data)
    if not any(cell for cell in table.headers):
        raise ImportFileError(gettext("The file is empty."), code="empty_file")
    if not table.rows:
        raise ImportFileError(
            gettext("The file has column headings but no rows to import."), code="no_rows"
        )
    return table


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            gettext(
                "The file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” and "
                "upload it again."
            ),
            code="encoding",
        )
    if b"\x00" in data:
        raise ImportFileError(
            gettext("This is not a text file, so it cannot be a CSV file."), code="wrong_type"
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (BOM)", []
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "UTF-8", []
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1255")
    except UnicodeDecodeError:
        text = ""
    if not text or _CONTROL_CHARACTERS.search(text):
        raise ImportFileError(
            gettext(
                "The file's characters could not be read: it is neither UTF-8 nor Windows "
                "Hebrew (cp1255). Save it as “CSV UTF-8” and upload it again."
            ),
            code="encoding",
        )
    notice = gettext(
        "The file is not UTF-8; it was read as Windows Hebrew (cp1255). Check that the "
        "names below read correctly."
    )
    return text, "cp1255", [notice]


def _read_csv(data: bytes) -> Table:
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            gettext(
                "This file is named .csv but is an Excel or zip file. Rename it or save it as CSV."
            ),
            code="wrong_type",
        )
    text, encoding, notices = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    if not first_line.count(delimiter):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            gettext("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num},
            code="malformed",
        ) from error
    if not records:
        raise ImportFileError(gettext("The file is empty."), code="empty_file")
    headers = [cell.strip() for cell in records[0]]
    rows = [
        Row(number=index, cells=[cell.strip() for cell in record])
        for index, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    ]
    return Table(headers=headers, rows=rows, encoding=encoding, notices=notices)


def _check_xlsx_container(data: bytes) -> None:
    not_a_workbook = ImportFileError(
        gettext("This file is named .xlsx but is not an Excel workbook."), code="wrong_type"
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise not_a_workbook from error
    names = {entry.filename for entry in entries}
    if not all(required in names for required in XLSX_REQUIRED_ENTRIES):
        raise not_a_workbook
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(gettext("The workbook is too large once unpacked."), code="too_large")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    """Read the first sheet; a formula cell gives the value Excel last computed and saved.

    A formula whose value was never computed (the file was written by a program, not
    saved by Excel) refuses its row: we do not evaluate formulas ourselves.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    _check_xlsx_container(data)
    try:
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(
            gettext("The Excel workbook could not be read. Save it again in Excel and retry."),
            code="malformed",
        ) from error
    notices: list[str] = []
    if len(formulas.worksheets) > 1:
        notices.append(
            gettext("Only the first sheet, “%(sheet)s”, was read.")
            % {"sheet": formulas.worksheets[0].title}
        )
    headers: list[str] = []
    rows: list[Row] = []
    computed = 0
    sheet_rows = zip(
        formulas.worksheets[0].iter_rows(), values.worksheets[0].iter_rows(), strict=False
    )
    for number, (formula_cells, value_cells) in enumerate(sheet_rows, start=1):
        row = Row(number=number, cells=[])
        for index, (formula_cell, value_cell) in enumerate(
            zip(formula_cells, value_cells, strict=False)
        ):
            value = value_cell.value
            if getattr(formula_cell, "data_type", None) == "f":
                if value is None:
                    row.errors.append(
                        gettext(
                            "Cell %(cell)s holds a formula whose value was never computed. "
                            "Open the file in Excel and save it, or paste the values."
                        )
                        % {"cell": f"{get_column_letter(index + 1)}{number}"}
                    )
                else:
                    computed += 1
            row.cells.append(_cell_text(value))
        if not headers:
            headers = row.cells
        elif any(row.cells):
            rows.append(row)
    formulas.close()
    values.close()
    if computed:
        notices.append(
            gettext("%(count)s cells hold formulas; the values Excel saved were used.")
            % {"count": computed}
        )
    return Table(headers=headers, rows=rows, encoding="xlsx", notices=notices)


# --- Parsing cells ---------------------------------------------------------------------


# What makes a spreadsheet read a cell as a formula, with the tab and carriage return
# that some of them skip before looking (OWASP's list for CSV injection).
@lru_cache(maxsize=1)
def boolean_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words read as yes and as no, with "Yes" and "No" in every language."""
    return (
        TRUE_WORDS | in_every_language(_("Yes")),
        FALSE_WORDS | in_every_language(_("No")),
    )


def parse_boolean(text: str) -> bool:
    lowered = key(text) or text.strip().lower()
    accepted_true, accepted_false = boolean_words()
    if lowered in accepted_true:
        return True
    if lowered in accepted_false:
        return False
    raise RowError(gettext("“%(value)s” is not yes or no.") % {"value": text})


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y")


def parse_date(text: str) -> datetime.date:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip()[:10], date_format).date()
        except ValueError:
            continue
    raise RowError(
        gettext("“%(value)s” is not a date (write it as 2024-03-31 or 31/03/2024).")
        % {"value": text}
    )


def parse_integer(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError as error:
        raise RowError(gettext("“%(value)s” is not a whole number.") % {"value": text}) from error


def parse_registration_number(text: str) -> str:
    """Keep the digits people separate with spaces or hyphens (58-012345-6)."""
    return re.sub(r"[\s\-]", "", text)


def parse_choice(text: str, choices: Any) -> Any:
    """The value for a code or a label in any language.

    An unknown text is returned as it is, so the service refuses it with its own message;
    integer choices, which no service checks, are refused here.
    """
    value = choice_lookup(choices).get(key(text), choice_lookup(choices).get(text.strip().lower()))
    if value is not None:
        return value
    if issubclass(choices, models.IntegerChoices):
        raise RowError(
            gettext("“%(value)s” is not allowed here. Allowed: %(allowed)s.")
            % {"value": text, "allowed": allowed_values(choices)}
        )
    return text.strip()


# --- The report ------------------------------------------------------------------------


class Outcome(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    REFUSED = "refused", _("Refused")


@dataclass
class RowReport:
    row: int
    label: str
    outcome: str
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What happened (or would happen) to every row, and what was noticed in the file."""

    kind: str
    encoding: str
    rows: list[RowReport] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        return {outcome: counted.get(outcome, 0) for outcome in Outcome.values}

    @property
    def refused_rows(self) -> set[int]:
        return {row.row for row in self.rows if row.outcome == Outcome.REFUSED}

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "encoding": self.encoding,
            "applied": self.applied,
            "notices": self.notices,
            "counts": self.counts,
            "rows": [
                {"row": r.row, "label": r.label, "outcome": r.outcome, "messages": r.messages}
                for r in self.rows
            ],
        }


def error_messages(error: ValidationError, columns: Iterable[Column] = ()) -> list[str]:
    """A service's error as sentences, each named by its column where it names a field."""
    labels = {column.field: str(column.label) for column in columns}
    if not hasattr(error, "error_dict"):
        return [str(message) for message in error.messages]
    result: list[str] = []
    for field_name, messages in error.message_dict.items():
        for message in messages:
            label = labels.get(field_name)
            result.append(f"{label}: {message}" if label else str(message))
    return result


# --- Finding what exists ---------------------------------------------------------------


class ActorIndex:
    """Existing actors by registration number and by normalised name, kept up to date."""

    def __init__(self) -> None:
        self.by_number: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        rows = Actor.objects.values_list(
            "pk", "actor_type", "name", "name_en", "name_ar", "organisation__registration_number"
        )
        for pk, actor_type, name, name_en, name_ar, number in rows:
            self._add(pk, actor_type, (name, name_en, name_ar), number or "")

    def _add(self, pk: int, actor_type: str, names: Iterable[str], number: str) -> None:
        if number:
            self.by_number[number] = pk
        for name_key in {key(name) for name in names if name}:
            entries = self.by_name.setdefault(name_key, [])
            if (pk, actor_type) not in entries:
                entries.append((pk, actor_type))

    def add(self, actor: Actor) -> None:
        number = getattr(actor, "registration_number", "") or ""
        self._add(actor.pk, actor.actor_type, (actor.name, actor.name_en, actor.name_ar), number)

    def named(self, name: str, actor_type: str | None = None) -> list[int]:
        return [
            pk
            for pk, type_ in self.by_name.get(key(name), [])
            if actor_type is None or type_ == actor_type
        ]

    def resolve(self, reference: str) -> Actor:
        """The actor a cell names, by registration number or by name; refused if unclear."""
        number = parse_registration_number(reference)
        if number.isdigit() and number in self.by_number:
            return Actor.objects.get(pk=self.by_number[number])
        matches = self.named(reference)
        if not matches:
            raise RowError(
                gettext("No organisation or venture is called “%(name)s”.") % {"name": reference}
            )
        if len(matches) > 1:
            raise RowError(
                gettext(
                    "Several actors are called “%(name)s”; write the registration number instead."
                )
                % {"name": reference}
            )
        return Actor.objects.get(pk=matches[0])


class TermIndex:
    """Taxonomy terms by slug or by name in any language."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.terms: dict[str, list[Any]] = {}
        for term in model._default_manager.all():
            for text in {term.slug.lower(), key(term.slug)} | {  # type: ignore[attr-defined]
                key(name)
                for name in (term.name, term.name_en, term.name_ar)  # type: ignore[attr-defined]
                if name
            }:
                if term not in self.terms.setdefault(text, []):
                    self.terms[text].append(term)

    def find(self, text: str) -> Any:
        matches = self.terms.get(text.strip().lower()) or self.terms.get(key(text)) or []
        if len(matches) != 1:
            raise RowError(
                gettext("Unknown %(vocabulary)s: “%(value)s”.")
                % {"vocabulary": self.model._meta.verbose_name, "value": text}
            )
        return matches[0]


# --- Importing -------------------------------------------------------------------------


@dataclass
class RowResult:
    outcome: str
    label: str
    messages: list[str] = field(default_factory=list)


class Importer:
    """Imports the rows of one table of one kind, acting as ``by``."""

    def __init__(self, *, kind: str, by: Any, table: Table) -> None:
        if kind not in COLUMNS:
            raise ImportFileError(gettext("Unknown kind of import: %(kind)s.") % {"kind": kind})
        self.kind = kind
        self.by = by
        self.table = table
        self.columns = {column.field: column for column in columns_for(kind)}
        self.notices = list(table.notices)
        self.positions = self._map_headers()
        self.terms: dict[str, TermIndex] = {}
        self.actors: ActorIndex | None = None
        self.people: dict[str, list[int]] | None = None

    def _map_headers(self) -> dict[str, int]:
        accepted: dict[str, Column] = {}
        for column in self.columns.values():
            for text in (column.field, *column.aliases):
                accepted.setdefault(key(text), column)
            for text in in_every_language(column.label):
                accepted.setdefault(text, column)
        positions: dict[str, int] = {}
        ignored: list[str] = []
        for index, header in enumerate(self.table.headers):
            found = accepted.get(key(header))
            if found is None or not found.imported:
                if header and found is None:
                    ignored.append(header)
                continue
            if found.field in positions:
                raise ImportFileError(
                    gettext("Two columns mean the same thing: “%(header)s”.") % {"header": header},
                    code="duplicate_column",
                )
            positions[found.field] = index
        missing = [
            str(column.label)
            for column in self.columns.values()
            if column.required and column.field not in positions
        ]
        if missing:
            raise ImportFileError(
                gettext(
                    "Required columns are missing: %(columns)s. The first row must hold the "
                    "column headings, as in the template."
                )
                % {"columns": ", ".join(missing)},
                code="missing_columns",
            )
        if ignored:
            self.notices.append(
                gettext("These columns are not known and were ignored: %(columns)s.")
                % {"columns": ", ".join(ignored)}
            )
        return positions

    # Running -------------------------------------------------------------------------

    def run(
        self,
        *,
        apply: bool,
        progress: ProgressCallback | None = None,
        refused_in_check: set[int] | None = None,
    ) -> ImportReport:
        """Import every row in one transaction; roll it back unless ``apply``.

        When applying after a dry run, ``refused_in_check`` holds the rows the dry run
        refused: they are skipped, as the person confirming was told. A row refused now
        that passed then means the data changed meanwhile, and ``ImportAborted`` rolls
        everything back. Progress is reported about a hundred times, not on every row.
        """
        if not self.by.has_perm("ecosystem.import_ecosystem"):
            raise PermissionDenied(gettext("You do not have permission to do this."))
        report = ImportReport(kind=self.kind, encoding=self.table.encoding, notices=self.notices)
        total = len(self.table.rows)
        step = max(1, total // 100)
        skipped = refused_in_check if apply and refused_in_check is not None else set()
        with transaction.atomic():
            self.actors = ActorIndex()
            seen: dict[str, int] = {}
            for done, row in enumerate(self.table.rows, start=1):
                result = self._import_row(row, seen, skip=row.number in skipped)
                report.rows.append(
                    RowReport(row.number, result.label, result.outcome, result.messages)
                )
                if (
                    apply
                    and refused_in_check is not None
                    and result.outcome == Outcome.REFUSED
                    and row.number not in refused_in_check
                ):
                    raise ImportAborted(
                        gettext(
                            "Row %(row)s is now refused (%(reason)s), though the check passed "
                            "it: the data changed meanwhile. Nothing was imported; check the "
                            "file again."
                        )
                        % {"row": row.number, "reason": " ".join(result.messages)},
                        code="changed_since_check",
                    )
                if progress is not None and (done % step == 0 or done == total):
                    progress(done, total)
            if not apply:
                transaction.set_rollback(True)
        report.applied = apply
        return report

    def _import_row(self, row: Row, seen: dict[str, int], *, skip: bool = False) -> RowResult:
        label = ""
        try:
            values = self._values(row)
            label = str(
                values.get("name") or values.get("full_name") or self._relation_label(values)
            )
            if skip:
                return RowResult(
                    Outcome.REFUSED, label, [gettext("Skipped: the check refused this row.")]
                )
            if row.errors:
                raise RowError(row.errors)
            identity = self._identity(values)
            if identity in seen:
                raise RowError(
                    gettext("This row repeats row %(row)s.") % {"row": seen[identity]},
                    code="duplicate_row",
                )
            seen[identity] = row.number
            with transaction.atomic():
                return self._handlers()[self.kind](values)
        except (DomainError, ValidationError) as error:
            messages = error_messages(error, self.columns.values())
            return RowResult(Outcome.REFUSED, label, messages)
        except PermissionDenied as error:
            return RowResult(Outcome.REFUSED, label, [str(error)])

    def _handlers(self) -> dict[str, Callable[[dict[str, Any]], RowResult]]:
        return {
            Kind.ORGANISATIONS: self._organisation,
            Kind.VENTURES: self._venture,
            Kind.PEOPLE: self._person,
            Kind.RELATIONS: self._relation,
        }

    @staticmethod
    def _relation_label(values: dict[str, Any]) -> str:
        if values.get("source") or values.get("target"):
            return f"{values.get('source', '')} — {values.get('target', '')}"
        return ""

    # Cells -> values -------------------------------------------------------------------

    def _values(self, row: Row) -> dict[str, Any]:
        """The row's non-empty cells, parsed; an empty cell leaves a value as it is."""
        values: dict[str, Any] = {}
        errors: list[str] = []
        for field_name, index in self.positions.items():
            column = self.columns[field_name]
            text = unescape_formula(row.cells[index] if index < len(row.cells) else "")
            if not text:
                if column.required:
                    errors.append(gettext("“%(column)s” is required.") % {"column": column.label})
                continue
            try:
                values[field_name] = self._parse(column, text)
            except ValidationError as error:
                errors.extend(f"{column.label}: {message}" for message in error.messages)
        if errors:
            raise RowError(errors)
        return values

    def _parse(self, column: Column, text: str) -> Any:
        if column.value_type == CHOICE:
            return parse_choice(text, column.choices)
        if column.value_type == TERMS:
            index = self.terms.get(column.field)
            if index is None:
                assert column.taxonomy is not None
                index = self.terms[column.field] = TermIndex(column.taxonomy)
            parts = [part for part in text.split(LIST_SEPARATOR) if part.strip()]
            return [index.find(part) for part in parts]
        parsers: dict[str, Callable[[str], Any]] = {
            BOOLEAN: parse_boolean,
            INTEGER: parse_integer,
            DATE: parse_date,
            REGISTRATION: parse_registration_number,
        }
        parser = parsers.get(column.value_type)
        return parser(text) if parser else text

    def _identity(self, values: dict[str, Any]) -> str:
        """What makes two rows of the file the same record."""
        if self.kind == Kind.ORGANISATIONS and values.get("registration_number"):
            return f"number:{values['registration_number']}"
        if self.kind == Kind.PEOPLE and values.get("email"):
            return f"email:{values['email'].lower()}"
        if self.kind == Kind.RELATIONS:
            pair = sorted([key(values.get("source", "")), key(values.get("target", ""))])
            return f"relation:{pair}:{values.get('kind')}:{values.get('started_on')}"
        return f"name:{key(values.get('name') or values.get('full_name') or '')}"

    # Organisations and ventures -------------------------------------------------------

    def _organisation(self, values: dict[str, Any]) -> RowResult:
        assert self.actors is not None
        existing = self._find_organisation(values)
        if existing is None:
            organisation = services.create_organisation(by=self.by, **values)
            self.actors.add(organisation)
            return RowResult(Outcome.CREATED, organisation.name)
        changes = self._changes(existing, values)
        if not changes:
            return RowResult(Outcome.UNCHANGED, existing.name)
        services.update_organisation(by=self.by, organisation=existing, **values)
        self.actors.add(existing)
        return RowResult(Outcome.UPDATED, existing.name, [self._changed_message(changes)])

    def _find_organisation(self, values: dict[str, Any]) -> Organisation | None:
        """By registration number, then by normalised name (only one may match)."""
        assert self.actors is not None
        number = values.get("registration_number", "")
        if number and number in self.actors.by_number:
            return Organisation.objects.get(pk=self.actors.by_number[number])
        matches = self.actors.named(values["name"], "organisation")
        if not matches:
            return None
        if len(matches) > 1:
            raise RowError(
                gettext(
                    "Several organisations are called “%(name)s”; add the registration "
                    "number to say which one."
                )
                % {"name": values["name"]}
            )
        organisation = Organisation.objects.get(pk=matches[0])
        if number and organisation.registration_number:
            raise RowError(
                gettext(
                    "“%(name)s” already exists with registration number %(existing)s, "
                    "not %(number)s."
                )
                % {
                    "name": organisation.name,
                    "existing": organisation.registration_number,
                    "number": number,
                }
            )
        return organisation

    def _venture(self, values: dict[str, Any]) -> RowResult:
        assert self.actors is not None
        matches = self.actors.named(values["name"], "venture")
        if len(matches) > 1:
            raise RowError(
                gettext("Several ventures are called “%(name)s”.") % {"name": values["name"]}
            )
        if not matches:
            venture = services.create_venture(by=self.by, **values)
            self.actors.add(venture)
            return RowResult(Outcome.CREATED, venture.name)
        existing = Venture.objects.get(pk=matches[0])
        changes = self._changes(existing, values)
        if not changes:
            return RowResult(Outcome.UNCHANGED, existing.name)
        services.update_venture(by=self.by, venture=existing, **values)
        return RowResult(Outcome.UPDATED, existing.name, [self._changed_message(changes)])

    def _changes(self, instance: models.Model, values: dict[str, Any]) -> list[str]:
        """The columns whose value differs from what is stored."""
        changed = []
        for field_name, value in values.items():
            current = getattr(instance, field_name)
            if isinstance(value, list):
                same = {term.pk for term in current.all()} == {term.pk for term in value}
            elif isinstance(value, str) and isinstance(current, str):
                same = current.strip() == value.strip()
            else:
                same = current == value
            if not same:
                changed.append(str(self.columns[field_name].label))
        return changed

    @staticmethod
    def _changed_message(changes: list[str]) -> str:
        return gettext("Changes: %(columns)s.") % {"columns": ", ".join(changes)}

    # People ------------------------------------------------------------------------

    PERSON_FIELDS = (
        "full_name",
        "full_name_en",
        "email",
        "phone",
        "language",
        "consent_contact",
        "consent_directory",
    )

    def _person(self, values: dict[str, Any]) -> RowResult:
        assert self.actors is not None
        actor = self.actors.resolve(values["actor"]) if values.get("actor") else None
        person_values = {k: v for k, v in values.items() if k in self.PERSON_FIELDS}
        person = self._find_person(values)
        outcome = Outcome.CREATED if person is None else Outcome.UNCHANGED
        changes: list[str] = []
        if person is None:
            person = Person()
        else:
            changes = self._changes(person, person_values)
        for field_name, value in person_values.items():
            setattr(person, field_name, value)
        if outcome == Outcome.CREATED or changes:
            self._save(person, exclude=["user"])
        if actor is not None:
            changes += self._affiliate(person, actor, values)
        if outcome == Outcome.CREATED:
            self._remember_person(person)
            return RowResult(outcome, person.full_name)
        if changes:
            return RowResult(Outcome.UPDATED, person.full_name, [self._changed_message(changes)])
        return RowResult(Outcome.UNCHANGED, person.full_name)

    def _affiliate(self, person: Person, actor: Actor, values: dict[str, Any]) -> list[str]:
        affiliation = Affiliation.objects.filter(person=person, actor=actor).first()
        wanted: dict[str, Any] = {k: values[k] for k in ("title", "is_founder") if k in values}
        if affiliation is None:
            self._save(Affiliation(person=person, actor=actor, **wanted), exclude=[])
            return [str(self.columns["actor"].label)]
        changes = self._changes(affiliation, wanted)
        if changes:
            for field_name, value in wanted.items():
                setattr(affiliation, field_name, value)
            self._save(affiliation, exclude=[])
        return changes

    def _find_person(self, values: dict[str, Any]) -> Person | None:
        """By email, then by normalised name (only one person may bear it)."""
        email = values.get("email", "")
        if email:
            person = Person.objects.filter(email__iexact=email).order_by("pk").first()
            if person is not None:
                return person
        if self.people is None:
            self.people = {}
            for pk, full_name in Person.objects.values_list("pk", "full_name"):
                self.people.setdefault(key(full_name), []).append(pk)
        matches = self.people.get(key(values["full_name"]), [])
        if len(matches) > 1:
            raise RowError(
                gettext("Several people are called “%(name)s”; add an email to say which one.")
                % {"name": values["full_name"]}
            )
        if not matches:
            return None
        person = Person.objects.get(pk=matches[0])
        if email and person.email and person.email.lower() != email.lower():
            return None
        return person

    def _remember_person(self, person: Person) -> None:
        if self.people is not None:
            self.people.setdefault(key(person.full_name), []).append(person.pk)

    @staticmethod
    def _save(instance: models.Model, *, exclude: list[str]) -> None:
        # People have no service yet; the model's own validation holds their rules.
        instance.full_clean(exclude=exclude)
        instance.save()

    # Relations ---------------------------------------------------------------------

    def _relation(self, values: dict[str, Any]) -> RowResult:
        assert self.actors is not None
        source = self.actors.resolve(values.pop("source"))
        target = self.actors.resolve(values.pop("target"))
        kind = values.pop("kind")
        label = f"{source.name} — {target.name}"
        existing = self._find_relation(source, target, kind, values)
        if existing is None:
            services.create_relation(by=self.by, source=source, target=target, kind=kind, **values)
            return RowResult(Outcome.CREATED, label)
        changes = self._changes(existing, values)
        if not changes:
            return RowResult(Outcome.UNCHANGED, label)
        services.update_relation(by=self.by, relation=existing, **values)
        return RowResult(Outcome.UPDATED, label, [self._changed_message(changes)])

    @staticmethod
    def _find_relation(
        source: Actor, target: Actor, kind: str, values: dict[str, Any]
    ) -> Relation | None:
        """The active relation of this kind between the two, or the same ended one."""
        pair = Q(source=source, target=target) | Q(source=target, target=source)
        relations = Relation.objects.filter(pair, kind=kind)
        active = relations.filter(ended_on__isnull=True).first()
        if active is not None:
            return active
        if values.get("ended_on"):
            return relations.filter(
                ended_on=values["ended_on"], started_on=values.get("started_on")
            ).first()
        return None


def run_import(
    *,
    kind: str,
    by: Any,
    table: Table,
    apply: bool,
    progress: ProgressCallback | None = None,
    refused_in_check: set[int] | None = None,
) -> ImportReport:
    """Check (``apply=False``) or apply the rows of a table; see ``Importer.run``.

    Raises ``ImportFileError`` when the headings do not fit the kind, ``PermissionDenied``
    unless ``by`` may import, and ``ImportAborted`` when applying meets a row the check
    had passed; then nothing is written.
    """
    importer = Importer(kind=kind, by=by, table=table)
    return importer.run(apply=apply, progress=progress, refused_in_check=refused_in_check)


def normalised_filename(name: str) -> str:
    """A safe file name for storage, keeping the extension."""
    stem = unicodedata.normalize("NFKC", Path(name).stem)
    stem = re.sub(r"[^\w\-]+", "-", stem).strip("-")[:80] or "import"
    return f"{stem}{Path(name).suffix.lower()}"


def read_upload(*, kind: str, data: bytes, filename: str) -> Table:
    """Read an uploaded file and check its headings fit the kind, before any row is seen.

    Raises ``ImportFileError`` for a bad file, so the upload form can say so at once.
    """
    table = read_table(data, filename)
    Importer(kind=kind, by=None, table=table)
    return table


def check_import_job(*, job_id: int, progress: ProgressCallback | None = None) -> ImportJob:
    """The dry run of an uploaded file, row by row, kept as the job's report."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.CHECKING:
        return job
    report = _run_for_job(job, apply=False, progress=progress)
    if report is not None:
        # Conditional update: a check task delivered twice may finish after the job was
        # confirmed or applied; it must not put the job back to "checked".
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKING).update(
            report=report.as_dict(), status=ImportJob.Status.CHECKED, updated_at=timezone.now()
        )
        job.refresh_from_db()
    return job


def apply_import_job(*, job_id: int, progress: ProgressCallback | None = None) -> ImportJob:
    """Apply a checked and confirmed import, in the language it was checked in.

    Claims the job (queued → running) so it is applied once. On a refused file, a refused
    permission or a row refused since the check, the job is marked failed and nothing is
    written; the uploaded file is deleted once the import is applied.
    """
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    report = _run_for_job(job, apply=True, progress=progress)
    if report is not None:
        job.file.delete(save=False)
        _finish(job, ImportJob.Status.DONE, result=report.as_dict())
    return job


def _run_for_job(
    job: ImportJob, *, apply: bool, progress: ProgressCallback | None
) -> ImportReport | None:
    """Check or apply a job's file; on failure mark the job failed and return None.

    A failed check marks the job failed only if it is still being checked, for the same
    reason as ``check_import_job``; a failed apply is always recorded (the run claimed it).
    """
    only_from = None if apply else ImportJob.Status.CHECKING
    with translation.override(job.language):
        try:
            with job.file.open("rb") as uploaded:
                data = uploaded.read()
            table = read_table(data, job.original_name)
            refused = {
                row["row"]
                for row in job.report.get("rows", [])
                if row["outcome"] == Outcome.REFUSED
            }
            return run_import(
                kind=job.kind,
                by=job.created_by,
                table=table,
                apply=apply,
                progress=progress,
                refused_in_check=refused if apply else None,
            )
        except (DomainError, PermissionDenied) as error:
            messages = error_messages(error) if isinstance(error, ValidationError) else [str(error)]
            _finish(job, ImportJob.Status.FAILED, error=" ".join(messages), only_from=only_from)
            return None
        except Exception:
            # Logged by the worker; the job must not stay "running" for ever.
            _finish(
                job,
                ImportJob.Status.FAILED,
                error=gettext("An unexpected error stopped the import; nothing was changed."),
                only_from=only_from,
            )
            raise


def _finish(
    job: ImportJob,
    status: str,
    *,
    error: str = "",
    result: dict[str, Any] | None = None,
    only_from: str | None = None,
) -> None:
    if only_from is not None:
        ImportJob.objects.filter(pk=job.pk, status=only_from).update(
            status=status, error=error, result=result or {}, updated_at=timezone.now()
        )
        job.refresh_from_db()
        return
    job.status = status
    job.error = error
    job.result = result or {}
    job.save(update_fields=["status", "error", "result", "file", "updated_at"])
