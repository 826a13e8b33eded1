"""A conflict declared after a review was submitted withdraws that review everywhere."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kaveret.calls import review_services
from kaveret.testing.clients import client_as
from kaveret.testing.review_factories import call_for_review, confirm_conflicts, submitted_review

pytestmark = pytest.mark.django_db


def test_a_late_conflict_withdraws_the_submitted_review(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=1, community=personas.community)
    fair, conflicted = call.reviewers.order_by("pk")
    application = call.applications.get()
    submitted_review(application, fair, [5, 5])
    late = submitted_review(application, conflicted, [1, 1])
    confirm_conflicts(conflicted, call)
    reviewer = client_as(conflicted)
    assert reviewer.get(f"/en/calls/{call.slug}/reviews/{late.pk}/").status_code == 200

    review_services.declare_conflict(application, by=conflicted, reason="בן דוד של המגיש")

    # The reviewer can no longer open it, on the site or through the API.
    assert reviewer.get(f"/en/calls/{call.slug}/reviews/{late.pk}/").status_code == 404
    assert reviewer.get(f"/api/v1/reviews/{late.pk}").status_code == 404
    assert late.pk not in [r["id"] for r in reviewer.get("/api/v1/reviews").json()]
    staff = client_as(personas.staff)
    # The console counts only the fair review (5.00, not the mean 3.00) and says why.
    page = staff.get(f"/en/calls/{call.slug}/console/").content.decode()
    assert "5.00" in page and "3.00" not in page
    assert "1 review is left out for this reason." in page
    ranking = staff.get(f"/api/v1/calls/{call.slug}/ranking").json()["items"]
    assert [row["total"] for row in ranking] == [5.0]
    assert len(ranking[0]["reviews"]) == 1
    export = staff.get(f"/en/calls/{call.slug}/console/export.xlsx")
    sheet_ranking, sheet_reviews = load_workbook(io.BytesIO(export.content)).worksheets
    assert sheet_ranking.cell(2, 4).value == 1  # reviews submitted
    assert sheet_ranking.cell(2, 5).value == pytest.approx(5)
    assert len(list(sheet_reviews.iter_rows(min_row=2, values_only=True))) == 1
