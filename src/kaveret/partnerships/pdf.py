"""The "partnership definition" document (WeasyPrint), ready to sign: right to left in
Hebrew, left to right in English, with the version and its date on every page.

Made like the calls' application copy (``kaveret.calls.pdf``): system fonts with Hebrew
glyphs, no external resources, a URL fetcher that refuses everything.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kaveret.calls.pdf import no_fetching

from .definition_selectors import Definition, definition_of
from .models import Partnership


def definition_html(
    partnership: Partnership,
    language: str,
    *,
    version: int | None = None,
    made_at: datetime.datetime | None = None,
    definition: Definition | None = None,
) -> str:
    """The HTML given to WeasyPrint for ``partnership``'s definition in ``language``."""
    with translation.override(language):
        definition = definition or definition_of(partnership, with_documents=False)
        plan = definition.plan
        return render_to_string(
            "partnerships/pdf/definition.html",
            {
                "partnership": partnership,
                "definition": definition,
                "plan": plan,
                "plan_fields": [
                    (field.verbose_name, getattr(plan, field.name))
                    for field in plan._meta.concrete_fields
                    if field.name not in {"id", "partnership", "starts_on", "ends_on"}
                ],
                "parties": list(partnership.parties.select_related("actor")),
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "version": partnership.definition_version if version is None else version,
                "made_at": timezone.localtime(made_at or timezone.now()),
            },
        )


def definition_document(partnership: Partnership, language: str, **options: Any) -> Any:
    """The laid-out WeasyPrint document (its pages can be read back in tests)."""
    from weasyprint import HTML

    html = definition_html(partnership, language, **options)
    return HTML(string=html, url_fetcher=no_fetching).render()


def definition_pdf(partnership: Partnership, language: str, **options: Any) -> bytes:
    """The PDF bytes of ``partnership``'s definition in ``language``."""
    pdf: bytes = definition_document(partnership, language, **options).write_pdf()
    return pdf
