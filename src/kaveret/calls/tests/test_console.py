"""The review console: figures, the normalisation switch, ties, bounded queries, export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kaveret.testing.calls_factories import ApplicationFactory, DecisionFactory
from kaveret.testing.clients import client_as
from kaveret.testing.factories import UserFactory, VentureFactory
from kaveret.testing.review_factories import call_for_review, submitted_review

pytestmark = pytest.mark.django_db


def _filled(personas: Any, applications: int) -> Any:
    call = call_for_review(reviewers=3, applications=applications, community=personas.community)
    reviewers = list(call.reviewers.order_by("pk"))
    for index, application in enumerate(call.applications.order_by("pk")):
        for offset, reviewer in enumerate(reviewers[:2]):
            submitted_review(application, reviewer, [1 + (index + offset) % 5, 3])
    return call


@pytest.mark.parametrize("size", [3, 30])
def test_console_and_ranking_queries_are_bounded(
    personas: Any, size: int, django_assert_max_num_queries: Any
) -> None:
    call = _filled(personas, size)
    client = client_as(personas.staff)
    with django_assert_max_num_queries(16):
        assert client.get(f"/en/calls/{call.slug}/console/?normalise=1").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/api/v1/calls/{call.slug}/ranking?normalise=1").status_code == 200


def test_console_shows_totals_ties_and_explains_normalisation(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=0, community=personas.community)
    first, second = call.reviewers.order_by("pk")
    a = ApplicationFactory(call=call, actor=VentureFactory(name="Alpha"))
    b = ApplicationFactory(call=call, actor=VentureFactory(name="Beta"))
    c = ApplicationFactory(call=call, actor=VentureFactory(name="Gamma"))
    submitted_review(a, first, [5, 2])  # (2·5 + 2) / 3 = 4
    submitted_review(b, first, [4, 4])  # 4: tied with Alpha
    submitted_review(c, second, [1, 1])  # 1
    DecisionFactory(application=c, outcome="reject", decided_by=personas.staff)
    page = client_as(personas.staff).get(f"/en/calls/{call.slug}/console/").content.decode()
    assert "4.00" in page and "tied with" in page
    assert "Beta" in page.split("tied with")[1].split("</span>")[0]
    assert "Switch z-score normalisation" in page
    normalised = client_as(personas.staff).get(f"/en/calls/{call.slug}/console/?normalise=1")
    text = normalised.content.decode()
    assert "Normalisation is on" in text
    assert "Left as they are" in text  # the second reviewer has one review


def test_ranking_api_ranks_ties_together(personas: Any) -> None:
    call = call_for_review(reviewers=1, applications=3, community=personas.community)
    reviewer = call.reviewers.get()
    x, y, z = call.applications.order_by("pk")
    submitted_review(x, reviewer, [3, 3])
    submitted_review(y, reviewer, [3, 3])
    submitted_review(z, reviewer, [5, 5])
    data = client_as(personas.staff).get(f"/api/v1/calls/{call.slug}/ranking").json()
    ranks = {row["application_id"]: (row["rank"], row["tied_with"]) for row in data["items"]}
    assert ranks[z.pk] == (1, [])
    assert ranks[x.pk] == (2, [y.pk]) and ranks[y.pk] == (2, [x.pk])


def test_console_is_for_the_calls_staff_only(personas: Any) -> None:
    call = _filled(personas, 1)
    reviewer = call.reviewers.first()
    applicant = call.applications.first().created_by
    other_staff = UserFactory()
    for user in (reviewer, applicant, personas.entrepreneur, other_staff):
        assert client_as(user).get(f"/en/calls/{call.slug}/console/").status_code in {403, 404}
        assert client_as(user).get(f"/api/v1/calls/{call.slug}/ranking").status_code in {
            401,
            403,
            404,
        }


def test_excel_export_has_every_review_and_escapes_formulas(personas: Any) -> None:
    call = call_for_review(reviewers=1, applications=0, community=personas.community)
    application = ApplicationFactory(call=call, actor=VentureFactory(name="=HYPERLINK(1)"))
    review = submitted_review(application, call.reviewers.get(), [4, 2])
    review.comment = "@SUM(A1)"
    review.save()
    response = client_as(personas.staff).get(f"/en/calls/{call.slug}/console/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    ranking, reviews = book.worksheets
    assert ranking.cell(2, 2).value == "'=HYPERLINK(1)"
    assert ranking.cell(2, 5).value == pytest.approx(10 / 3, abs=1e-4)
    rows = list(reviews.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][-1] == "'@SUM(A1)" and 4 in rows[0]
