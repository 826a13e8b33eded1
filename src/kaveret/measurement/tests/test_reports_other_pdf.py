"""A community's yearly report and a call's results as PDFs: they open, run right to left
in Hebrew, hold the figures, and the call's results name no reviewer."""

from __future__ import annotations

import pytest

from kaveret.measurement.reports import (
    call_results_html,
    call_results_pdf,
    community_year_html,
    lay_out,
)
from kaveret.testing.measurement_reports_factories import community_year
from kaveret.testing.pdf import laid_out_text

pytestmark = pytest.mark.django_db


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_community_and_call_reports_hold_their_figures_and_no_reviewer() -> None:
    community = community_year(2025)
    html = community_year_html(community, 2025, "he")
    assert '<html lang="he" dir="rtl">' in html
    text = _squeezed(laid_out_text(lay_out(html)))
    for expected in ("קהילת הנגישות", "מפגש שולחן עגול", "שיעור המעסיקים המשתתפים", "120,000"):
        assert _squeezed(expected) in text, expected

    call = community.calls.get()
    assert call_results_pdf(call, "en").startswith(b"%PDF")
    html = call_results_html(call, "en")
    assert '<html lang="en" dir="ltr">' in html
    text = laid_out_text(lay_out(html))
    assert "מיזם הזהב" in text and "120,000" in text and "לא עומד בתנאים" in text
    assert "שופטת סודית" not in text and "שופטת סודית" not in html
