"""Markdown to safe HTML: CommonMark with tables, raw HTML escaped, then sanitised by nh3.

Raw HTML in the source is shown as text, not run; nh3 then keeps only the tags Markdown
produces, drops ``javascript:`` and other unsafe links and
images (pages load nothing from elsewhere), and marks every link
``rel="noopener noreferrer nofollow"``. Both steps stay: the first so authors see what
they typed, the second so a bug in the first cannot become a script on the page.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "del",
        "s",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align", "scope"},
    "td": {"align"},
}
LINK_REL = "noopener noreferrer nofollow"
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["table", "strikethrough"])


def render_markdown(source: str) -> SafeString:
    """The item's Markdown as sanitised HTML, safe to put on a page."""
    html = _markdown.render(source or "")
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
