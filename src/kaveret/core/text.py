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
from typing import Any

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


# --- Tokens for the search index (BM25) -------------------------------------------------
#
# The lexical index reads a document as a list of tokens. A Hebrew word gives itself and the
# stems left after stripping one to three prefix letters (ולאנשים: ולאנשים, לאנשים, אנשים),
# so a query word and a document word meet whenever one is the other with prefixes.
# An English word gives its Snowball stem (employment → employ). An Arabic word is folded
# (alef forms, alef maqsura, ta marbuta, tatweel, harakat) and also gives itself without
# the article ال and its usual carriers (وال، بال، لل...).

_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_SEARCH_WORD = re.compile(r"[0-9a-z\u05d0-\u05ea\u0621-\u063a\u0641-\u064a]+")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LATIN = re.compile(r"[a-z]")
ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
_STEMMER: Any = None


def _english_stem(word: str) -> str:
    global _STEMMER
    if _STEMMER is None:
        import Stemmer  # PyStemmer

        _STEMMER = Stemmer.Stemmer("english")
    return str(_STEMMER.stemWord(word))


def fold(text: str) -> str:
    """The text as the search index reads it: lower case, no niqqud/harakat, one letter form.

    ``fold(fold(t)) == fold(t)``.
    """
    for _ in range(4):  # a few characters need a second pass (lower() giving a combining mark)
        folded = normalise(text).translate(_ARABIC_FOLD)
        folded = unicodedata.normalize("NFKC", folded).lower()
        if folded == text:
            break
        text = folded
    return text


# Words so common they carry no meaning for ranking; dropped from the lexical tokens.
_STOP_TEXT = (
    "של את עם על או גם כל זה זו אשר כי לא אם יש אין הם הן הוא היא אנחנו בין אל כמו "
    "the a an and or of to in for on with by is are was be as at from that this it "
    "في من على الى عن مع هذا هذه"
)
STOP_WORDS = frozenset(fold(word) for word in _STOP_TEXT.split())


def search_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (Hebrew, Arabic, Latin letters and digits)."""
    return _SEARCH_WORD.findall(fold(text))


def _prefix_combinations() -> tuple[str, ...]:
    # Hebrew prefixes come in a fixed order: ו, then ש or כש, then one of מ ב ל כ, then ה
    # (written in unvocalised text only after מ ש ו: "מהבית", "שהם"). Only such sequences are
    # stripped, so בודדים gives ודדים but not דדים, and מוגבלות gives וגבלות but not גבלות.
    combinations = {
        f"{vav}{that}{preposition}{article}"
        for vav in ("", "ו")
        for that in ("", "ש", "כש")
        for preposition in ("", "מ", "ב", "ל", "כ")
        for article in (("", "ה") if preposition in ("", "מ") else ("",))
    }
    combinations.discard("")
    return tuple(sorted(combinations, key=lambda p: (len(p), p)))


HEBREW_PREFIXES = _prefix_combinations()


def hebrew_stems(word: str) -> list[str]:
    """The word and what is left after stripping each grammatical prefix sequence it starts
    with (one to four letters: ו ה ב ל מ ש כ and combinations like וכש, מה, ומה, שב, וכשה),
    never leaving fewer than two letters."""
    forms = [word]
    for prefix in HEBREW_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM_LENGTH:
            stem = word[len(prefix) :]
            if stem not in forms:
                forms.append(stem)
    return forms


def word_tokens(word: str) -> list[str]:
    """The index tokens of one folded word: itself and its stems (Hebrew, Arabic) or its stem."""
    if not word or word in STOP_WORDS:
        return []
    if _HEBREW.match(word):
        return hebrew_stems(word)
    if _ARABIC.match(word):
        forms = [word]
        for article in ARABIC_ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= MIN_STEM_LENGTH:
                forms.append(word[len(article) :])
                break
        return forms
    if _LATIN.match(word):
        return [_english_stem(word)]
    return [word]


def search_tokens(*texts: str) -> list[str]:
    """The lexical tokens of ``texts`` for BM25, in order, repeated as often as they occur."""
    tokens: list[str] = []
    for text in texts:
        for word in search_words(text):
            tokens.extend(word_tokens(word))
    return tokens


def query_tokens(query: str) -> list[str]:
    """The distinct lexical tokens of a query, in order."""
    return list(dict.fromkeys(search_tokens(query)))
