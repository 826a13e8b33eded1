"""Template helpers of the search page."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from kaveret.matching.models import DocumentKind

register = template.Library()


@register.filter
def highlight(text: str, terms: Iterable[str] | None) -> SafeString:
    """``text`` escaped, with every whole-word occurrence of ``terms`` wrapped in <mark>.

    The terms are found in the raw text; then the pieces between and inside the matches
    are escaped one by one, so an entity (``&#x27;``) is never cut and nothing the user or
    an author typed is ever rendered as HTML.
    """
    raw = str(text or "")
    words = sorted({str(term) for term in terms or () if term}, key=len, reverse=True)
    if not words:
        return escape(raw)
    alternatives = [
        ("(?<!\\w)" if re.match(r"\w", word) else "")
        + re.escape(word)
        + ("(?!\\w)" if re.search(r"\w$", word) else "")
        for word in words
    ]
    pattern = re.compile("|".join(alternatives))
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(raw):
        pieces.append(str(escape(raw[position : match.start()])))
        pieces.append(str(format_html("<mark>{}</mark>", match.group(0))))
        position = match.end()
    pieces.append(str(escape(raw[position:])))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


@register.filter
def kind_label(kind: str) -> str:
    """The translated name of a search document kind."""
    try:
        return str(DocumentKind(kind).label)
    except ValueError:
        return kind
