"""The yearly work plan as a PDF in the form of seed 004: it opens, holds the headings, the
areas, the programme's goal and targets and the budget figures, runs right to left in
Hebrew (left to right in English), and has a table of contents with page numbers and a
page number on every page. Few documents are laid out: WeasyPrint is slow."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from kaveret.measurement.reports import workplan_document, workplan_html
from kaveret.testing.measurement_reports_factories import (
    SEED_BUDGET,
    SEED_INSIDE,
    SEED_OUTSIDE,
    SEED_TOTAL,
    seed_plan,
)
from kaveret.testing.pdf import laid_out_text

pytestmark = pytest.mark.django_db


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _page_text(page: Any) -> str:
    return laid_out_text(type("One", (), {"pages": [page]})())


def _box(page: Any, text: str) -> Any:
    from weasyprint.formatting_structure.boxes import TextBox

    for box in page._page_box.descendants():
        if isinstance(box, TextBox) and box.text == text:
            return box
    return None


def test_the_hebrew_work_plan_is_a_right_to_left_pdf_with_contents_areas_and_budget() -> None:
    plan = seed_plan()
    html = workplan_html(plan, "he")
    assert '<html lang="he" dir="rtl">' in html and "direction: rtl" in html
    document = workplan_document(plan, "he")
    assert document.write_pdf().startswith(b"%PDF")
    text = laid_out_text(document)
    squeezed = _squeezed(text)
    with translation.override("he"):
        headings = [
            translation.gettext(heading)
            for heading in ("Contents", "Main goal", "Budget", "Opening letter")
        ]
    for expected in [
        *headings,
        *(name for _slug, name, _in, _out in SEED_BUDGET),
        "מובילים דיגיטליים לשלטון המרכזי",
        "הכשרת מובילי שינוי שיקדמו חדשנות דיגיטלית בשירות הציבורי.",
        "90% מהפרויקטים מגיעים לקו הגמר",
        "אורי גיל",
        "M",
        "Mindset",
        SEED_TOTAL,
        SEED_INSIDE,
        SEED_OUTSIDE,
        "5,669,030",  # digitisation's total, computed from its lines
        "1,522,030",
    ]:
        assert _squeezed(expected) in squeezed, expected

    # Every page but the cover carries its number.
    pages = document.pages
    assert len(pages) >= 8
    for number, page in enumerate(pages[1:], start=2):
        assert f"{number} / {len(pages)}" in _page_text(page)

    # The contents give each area the page its chapter starts on.
    contents = next(i for i, page in enumerate(pages) if headings[0] in _page_text(page))
    toc = _page_text(pages[contents])
    for _slug, name, _in, _out in SEED_BUDGET:
        start = next(i for i, page in enumerate(pages) if _page_text(page).startswith(name))
        assert re.search(re.escape(name) + r"[ .]*" + str(start + 1) + r"\b", toc), name

    # An area's heading starts at the right margin of its page.
    page = pages[start]
    heading = _box(page, SEED_BUDGET[-1][1])
    box = page._page_box
    right_edge = box.content_box_x() + box.width
    assert abs(heading.position_x + heading.width - right_edge) < 10
    assert heading.position_x - box.content_box_x() > box.width / 2


def test_the_english_work_plan_runs_left_to_right() -> None:
    plan = seed_plan()
    html = workplan_html(plan, "en")
    assert '<html lang="en" dir="ltr">' in html
    document = workplan_document(plan, "en")
    text = laid_out_text(document)
    page = next(page for page in document.pages if _page_text(page).startswith("Digitisation"))
    heading = _box(page, "Digitisation")
    assert abs(heading.position_x - page._page_box.content_box_x()) < 10
    for expected in ("Contents", "Main goal", "Elka work plan 2021", "Digitisation", "Budget"):
        assert expected in text
    assert SEED_TOTAL in text
