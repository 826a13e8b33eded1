"""Reading back what WeasyPrint laid out, for tests of generated PDFs."""

from __future__ import annotations

from typing import Any


def laid_out_text(document: Any) -> str:
    """The text WeasyPrint laid out on the pages (its own boxes; no PDF reader needed)."""
    from weasyprint.formatting_structure.boxes import TextBox

    texts: list[str] = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox):
                texts.append(box.text)
    return " ".join(texts)
