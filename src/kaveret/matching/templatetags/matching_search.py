"""Template helpers of the search page."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kaveret.matching.models import DocumentKind

register = template.Library()


@register.filter
def highlight(text: str, terms: Iterable[str] | None) -> SafeString:
    """``text`` escaped, with every whole-word occurrence of ``terms`` wrapped in <mark>.

    The terms are matched on the escaped text, so nothing the user or an author typed is
    ever rendered as HTML.
    """
    escaped = str(escape(text or ""))
    words = sorted({str(escape(term)) for term in terms or () if term}, key=len, reverse=True)
    if not words:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(r"(?<![\w&])(" + "|".join(re.escape(word) for word in words) + r")(?!\w)")
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 - escaped above


@register.filter
def kind_label(kind: str) -> str:
    """The translated name of a search document kind."""
    try:
        return str(DocumentKind(kind).label)
    except ValueError:
        return kind
