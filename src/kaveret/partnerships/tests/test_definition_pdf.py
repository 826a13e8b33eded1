"""The "partnership definition" document: a real PDF, right to left in Hebrew (left to
right in English), with the headings, the agreed texts, a signature block and the version
on every page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kaveret.partnerships import definition_services as services
from kaveret.partnerships.models import AgreementStatus
from kaveret.partnerships.pdf import definition_document, definition_html, definition_pdf
from kaveret.testing.partnerships_definition_factories import (
    defined_partnership,
    definition_people,
)
from kaveret.testing.pdf import laid_out_text

pytestmark = pytest.mark.django_db

AGREED_TEXT = "הקוד שיפותח יישאר בבעלות המיזם, ולארגון רישיון שימוש חינם לשלוש שנים"


def _squeezed(text: str) -> str:
    """Without spaces: a long text wraps into several laid-out lines."""
    return "".join(text.split())


def _filled() -> Any:
    partnership = defined_partnership(title="שותפות ויויד ורקמה")
    staff = definition_people(partnership).staff
    services.set_legal_item(
        by=staff, partnership=partnership, key="ownership", agreed_text=AGREED_TEXT, is_agreed=True
    )
    services.set_expectation(
        by=staff,
        partnership=partnership,
        key="access_to_data",
        status=AgreementStatus.AGREED_WITH_NOTE,
        note="נתונים מותממים בלבד",
    )
    services.update_pilot_plan(
        by=staff,
        partnership=partnership,
        scope="שני סניפים בצפון",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    services.name_ambassador(by=staff, partnership=partnership, name="רונית אברהם", role="רכזת")
    partnership.refresh_from_db()
    return partnership


def test_the_document_is_a_pdf_with_the_agreed_texts_and_the_parties() -> None:
    partnership = _filled()
    assert definition_pdf(partnership, "he").startswith(b"%PDF")
    text = _squeezed(laid_out_text(definition_document(partnership, "he")))
    for expected in (
        AGREED_TEXT,
        "נתונים מותממים בלבד",
        "שני סניפים בצפון",
        "רונית אברהם",
        "שותפות ויויד ורקמה",
        partnership.organisation.name,
        partnership.venture.name,
    ):
        assert _squeezed(expected) in text, expected


def test_the_hebrew_document_is_right_to_left_with_its_headings() -> None:
    partnership = _filled()
    html = definition_html(partnership, "he")
    assert '<html lang="he" dir="rtl">' in html
    assert "direction: rtl" in html
    from django.utils import translation

    with translation.override("he"):
        headings = [
            str(translation.gettext(heading))
            for heading in ("Partnership definition", "Legal checklist", "Pilot plan")
        ]
    text = laid_out_text(definition_document(partnership, "he"))
    for heading in headings:
        assert heading in text


def test_the_english_document_is_left_to_right() -> None:
    partnership = _filled()
    html = definition_html(partnership, "en")
    assert '<html lang="en" dir="ltr">' in html
    text = laid_out_text(definition_document(partnership, "en"))
    assert "Legal checklist" in text and "Signatures" in text
    assert _squeezed(AGREED_TEXT) in _squeezed(text)


def test_every_page_carries_the_version_and_a_page_number() -> None:
    partnership = _filled()
    document = definition_document(
        partnership,
        "en",
        version=7,
        made_at=datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC),
    )
    assert len(document.pages) >= 2
    for page in document.pages:
        page_text = laid_out_text(type("One", (), {"pages": [page]})())
        assert "version 7" in page_text
        # 23:30 UTC is already 1 February in Israel.
        assert "Feb. 1, 2026" in page_text or "February 1, 2026" in page_text


def _line_of(document: Any, text: str) -> Any:
    from weasyprint.formatting_structure.boxes import TextBox

    page_box = document.pages[0]._page_box
    for box in page_box.descendants():
        if isinstance(box, TextBox) and box.text == text:
            return page_box, box
    raise AssertionError(f"{text!r} is not on the first page")


def test_the_hebrew_title_starts_at_the_right_margin_and_the_english_at_the_left() -> None:
    partnership = _filled()
    page, hebrew = _line_of(definition_document(partnership, "he"), "שותפות ויויד ורקמה")
    right_edge = page.content_box_x() + page.width
    assert abs(hebrew.position_x + hebrew.width - right_edge) < 10  # the body margin
    assert hebrew.position_x - page.content_box_x() > page.width / 3
    page, english = _line_of(definition_document(partnership, "en"), "שותפות ויויד ורקמה")
    assert abs(english.position_x - page.content_box_x()) < 10
