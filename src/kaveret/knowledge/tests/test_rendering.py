"""Markdown is rendered, and whatever HTML or script an author types never runs."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from kaveret.knowledge.rendering import render_markdown
from kaveret.testing.knowledge_factories import KnowledgeItemFactory

PAYLOADS = [
    "שלום <script>alert('xss')</script> עולם",
    "Hello <img src=x onerror=alert(1)> world",
    "[לחצו כאן](javascript:alert(document.cookie))",
    '<a href="https://evil.example" onclick="steal()">click</a>',
    "<iframe src=https://evil.example></iframe> טקסט",
    '<svg onload=alert(1)><p style="x">Styled</p>',
    "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_html_and_scripts_never_become_markup(payload: str) -> None:
    elements = _elements(str(render_markdown(payload)))

    tags = {tag for tag, _ in elements}
    assert tags <= {"p", "a"}
    for _tag, attributes in elements:
        assert not [name for name in attributes if name.startswith("on") or name == "style"]
        href = attributes.get("href") or ""
        assert not href.startswith(("javascript:", "data:"))


def test_markdown_becomes_headings_lists_emphasis_and_safe_links() -> None:
    html = str(
        render_markdown(
            "## לקחים\n\n- **שגריר פנימי**\n- *תקציב*\n\n[הכוורת](https://hackaveret.org)"
        )
    )

    assert "<h2>לקחים</h2>" in html
    assert "<li><strong>שגריר פנימי</strong></li>" in html
    assert "<em>תקציב</em>" in html
    assert '<a href="https://hackaveret.org" rel="noopener noreferrer nofollow">הכוורת</a>' in html


@pytest.mark.django_db
def test_the_item_page_shows_the_payload_as_text(client: Client) -> None:
    item = KnowledgeItemFactory(
        title="<script>alert('title')</script>",
        body="פסקה <script>alert('גוף')</script>\n\n**Bold** text",
    )

    page = client.get(f"/en/knowledge/{item.pk}/").content.decode()

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;גוף&#x27;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert('גוף')&lt;/script&gt;" in page
    )
    assert "<strong>Bold</strong>" in page


def test_nothing_is_lost_for_empty_text(*_: Any) -> None:
    assert str(render_markdown("")) == ""
