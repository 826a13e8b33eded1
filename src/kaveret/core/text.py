"""Hebrew-aware text normalisation, shared by directory search and (later) the search index.

Hebrew attaches one-letter prefixes to words (ו ה ב ל מ ש כ: "and", "the", "in", "to",
"from", "that", "as"), writes five letters differently at the end of a word, and may carry
niqqud. A name is stored as its normalised words plus the words with their prefixes
stripped, so that a search for מוגבלות finds "אנשים במוגבלות", and a search for
"ובמוגבלות" finds it too.
"""

from __future__ import annotations

import re
import unicodedata

HEBREW_PREFIX_LETTERS = frozenset("והבלמשכ")
FINAL_LETTERS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ"})
# Niqqud and cantillation marks (U+0591..U+05C7, but not the letters and maqaf).
_MARKS = re.compile(r"[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_WORD = re.compile(r"[0-9a-z\u05d0-\u05ea\u0620-\u064a]+")
MAX_PREFIX_LENGTH = 3
MIN_STEM_LENGTH = 2


def normalise(text: str) -> str:
    """Lower-case, strip niqqud and diacritics, fold final letters, drop geresh/gershayim."""
    text = unicodedata.normalize("NFKD", text or "")
    text = _MARKS.sub("", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("״", "").replace("׳", "").replace('"', "").replace("'", "")
    return text.lower().translate(FINAL_LETTERS)


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    return _WORD.findall(normalise(text))


def prefix_variants(word: str) -> list[str]:
    """The word and the words left after stripping one to three Hebrew prefix letters."""
    variants = [word]
    for length in range(1, MAX_PREFIX_LENGTH + 1):
        if len(word) - length < MIN_STEM_LENGTH or word[length - 1] not in HEBREW_PREFIX_LETTERS:
            break
        variants.append(word[length:])
    return variants


def search_document(*texts: str) -> str:
    """The text stored for searching: every word and its prefix-free stems, space-padded."""
    tokens: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for word in words(text):
            for variant in prefix_variants(word):
                if variant not in seen:
                    seen.add(variant)
                    tokens.append(variant)
    return f" {' '.join(tokens)} " if tokens else ""


def query_alternatives(query: str) -> list[list[str]]:
    """For each word of a query, the forms any of which may start a stored word."""
    return [prefix_variants(word) for word in words(query)]
