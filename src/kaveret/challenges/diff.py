"""A readable word-by-word diff of two texts, computed on the server (difflib).

The template shows removed words in ``<del>`` and added words in ``<ins>``, each with a
text label for screen readers, so the change is never shown by colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A run of text that is ``same``, ``removed`` or ``added``."""

    kind: str
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """The segments turning ``before`` into ``after``, by words (whitespace kept)."""
    old = _TOKENS.findall(before or "")
    new = _TOKENS.findall(after or "")
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            segments.append(Segment("same", "".join(old[old_start:old_end])))
            continue
        if operation in ("delete", "replace"):
            segments.append(Segment("removed", "".join(old[old_start:old_end])))
        if operation in ("insert", "replace"):
            segments.append(Segment("added", "".join(new[new_start:new_end])))
    return segments
