"""The PDF copy of an application: a real PDF, right to left in Hebrew, with the answers."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.calls.pdf import application_document, application_html, application_pdf
from kaveret.testing.application_factories import call_with_full_form, draft_of, entrepreneur
from kaveret.testing.pdf import laid_out_text

pytestmark = pytest.mark.django_db


def _application() -> Any:
    call = call_with_full_form(title="קול קורא לתעסוקה")
    return draft_of(
        call,
        entrepreneur(),
        answers={"pitch": "מיזם שמחבר בין מעסיקים לאנשים עם מוגבלות", "registered": True},
    )


def test_the_copy_is_a_pdf_with_the_applicants_answer() -> None:
    application = _application()
    assert application_pdf(application, "he").startswith(b"%PDF")
    text = laid_out_text(application_document(application, "he"))
    assert "מעסיקים" in text and "קול קורא לתעסוקה" in text


def test_the_hebrew_copy_is_right_to_left_and_the_english_one_left_to_right() -> None:
    application = _application()
    assert 'dir="rtl"' in application_html(application, "he")
    assert 'lang="en" dir="ltr"' in application_html(application, "en")


def test_the_copy_fetches_nothing_from_the_network() -> None:
    from kaveret.calls.pdf import no_fetching

    with pytest.raises(ValueError):
        no_fetching("https://example.org/font.woff")
