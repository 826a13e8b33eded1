"""The review console as an Excel workbook: every application, review, score and decision."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kaveret.core.spreadsheets import escape_formula


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return escape_formula(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def console_workbook(console: Any) -> bytes:
    """Two sheets: the ranking (one row per application) and the reviews (one per review)."""
    book = Workbook()
    ranking = book.active
    ranking.title = _("Ranking")[:31]
    ranking.sheet_view.rightToLeft = True
    ranking.append(
        [
            _("Rank"),
            _("Applicant"),
            _("Status"),
            _("Reviews submitted"),
            _("Weighted total"),
            _("Normalised total"),
            _("Spread"),
            _("Standard deviation"),
            _("Tied with"),
            _("Decision"),
            _("Decision reason"),
        ]
    )
    for row in console.rows:
        result = row.result
        ranking.append(
            [
                _cell(value)
                for value in (
                    result.rank,
                    row.application.applicant_name,
                    str(row.application.get_status_display()),
                    len(result.reviews),
                    result.total,
                    result.normalised,
                    result.spread,
                    result.deviation,
                    ", ".join(row.tied_names),
                    str(row.decision.get_outcome_display()) if row.decision else "",
                    row.decision.reason if row.decision else "",
                )
            ]
        )
    sheet = book.create_sheet(_("Reviews")[:31])
    sheet.sheet_view.rightToLeft = True
    header = [_("Applicant"), _("Reviewer"), _("Total"), _("Normalised total"), _("z-score")]
    for criterion in console.criteria:
        header += [criterion.label, _("Comment on %(criterion)s") % {"criterion": criterion.label}]
    header += [_("Recommendation"), _("Overall comment")]
    sheet.append(header)
    for row in console.rows:
        for review in row.result.reviews:
            raw = console.reviews[review.id]
            reviewer = console.reviewers.get(review.reviewer_id)
            values: list[Any] = [
                row.application.applicant_name,
                str(reviewer) if reviewer else "",
                review.total,
                review.normalised,
                review.z,
            ]
            for criterion in console.criteria:
                values += [
                    review.scores.get(criterion.pk),
                    console.comments.get(review.id, {}).get(criterion.pk, ""),
                ]
            values += [raw["recommendation"], raw["comment"]]
            sheet.append([_cell(v) for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
