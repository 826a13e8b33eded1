"""A PDF copy of an application's answers (WeasyPrint), right to left in Hebrew and Arabic.

Drawn from ``calls/application_pdf.html`` with the fonts installed on the system (DejaVu,
which has Hebrew and Arabic glyphs); nothing is fetched from the network: the document
has no external resources and the URL fetcher refuses any.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .application_selectors import answered_questions
from .models import Application


def no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"The application PDF fetches nothing ({url}).")


def application_html(application: Application, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "calls/application_pdf.html",
            {
                "application": application,
                "call": application.call,
                "items": answered_questions(application),
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "submitted_at": (
                    timezone.localtime(application.submitted_at)
                    if application.submitted_at
                    else None
                ),
                "printed_at": timezone.localtime(),
            },
        )


def application_document(application: Application, language: str) -> Any:
    """The laid-out WeasyPrint document (its pages can be read back in tests)."""
    from weasyprint import HTML

    return HTML(string=application_html(application, language), url_fetcher=no_fetching).render()


def application_pdf(application: Application, language: str) -> bytes:
    """The PDF bytes of ``application``'s answers in ``language``."""
    pdf: bytes = application_document(application, language).write_pdf()
    return pdf
