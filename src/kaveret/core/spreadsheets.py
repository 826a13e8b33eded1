"""What every CSV and Excel file Kaveret writes or reads shares.

Exports of the directories, downloads of the map and the import all use these, so a
cell escaped on the way out is read back the same way on the way in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Keep spreadsheets from running a cell as a formula: prefix it with an apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unescape_formula(text: str) -> str:
    """Undo ``escape_formula``, so an exported file imports back as it was."""
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV, behind a byte-order mark so that Excel reads UTF-8 and shows Hebrew."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
