"""The tokens of the search index: Hebrew prefixes, final letters, niqqud, English stems,
Arabic folding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kaveret.core.text import (
    fold,
    hebrew_stems,
    query_tokens,
    search_tokens,
    search_words,
    word_tokens,
)


def meets(query: str, text: str) -> bool:
    return bool(set(query_tokens(query)) & set(search_tokens(text)))


def test_a_bare_word_finds_it_behind_prefixes() -> None:
    assert meets("מוגבלות", "ולאנשים עם מוגבלות")
    assert meets("מוגבלות", "שירותים לאנשים במוגבלות")
    assert meets("אנשים", "ולאנשים עם מוגבלות")


def test_a_prefixed_query_finds_the_bare_word_and_other_prefixes() -> None:
    assert meets("במוגבלות", "אנשים עם מוגבלות")
    assert meets("לתעסוקה", "תוכנית בתעסוקה נתמכת")
    assert meets("וכשהילדים", "ילדים בסיכון")


def test_combined_prefixes_are_stripped_in_order() -> None:
    assert "בית" in hebrew_stems("ומהבית")
    assert "הם" in hebrew_stems("וכשהם")
    assert "עיר" in hebrew_stems("שבעיר")


def test_prefix_letters_in_the_wrong_order_are_not_stripped() -> None:
    # בודדים (lonely) must not become דדים and meet מדדים (indicators).
    assert hebrew_stems("בודדים") == ["בודדים", "ודדים"]
    assert not meets("בודדים", "מדדים להצלחה")


def test_short_words_are_not_over_stripped() -> None:
    assert hebrew_stems(fold("ים")) == [fold("ים")]
    assert hebrew_stems(fold("הים")) == [fold("הים"), fold("ים")]
    assert all(len(stem) >= 2 for stem in hebrew_stems(fold("בים")))


def test_final_letters_are_one_letter() -> None:
    assert fold("שלום") == fold("שלומ")
    assert meets("ילדים", "ילדימ")
    assert search_words("ארץ ערך") == ["ארצ", "ערכ"]


def test_niqqud_is_ignored() -> None:
    assert search_tokens("בְּמוּגְבָּלוּת") == search_tokens("במוגבלות")
    assert meets("מוגבלות", "אֲנָשִׁים עִם מוּגְבָּלוּת")


def test_english_is_lower_cased_and_stemmed() -> None:
    assert search_tokens("Employment") == search_tokens("employ")
    assert meets("disabilities", "Disability employment")
    assert meets("people", "PEOPLE")


def test_mixed_hebrew_and_english_keep_both() -> None:
    tokens = search_tokens("פלטפורמת AI לתעסוקה Employment")
    assert "ai" in tokens
    assert "employ" in tokens
    assert fold("תעסוקה") in tokens


def test_arabic_is_folded() -> None:
    assert fold("إعاقة") == fold("اعاقه")
    assert meets("الإعاقة", "اعاقة")
    assert meets("تشغيل", "والتشغيل")


def test_stop_words_carry_no_tokens() -> None:
    assert search_tokens("של עם the and") == []


def test_query_tokens_are_distinct() -> None:
    tokens = query_tokens("מוגבלות מוגבלות")
    assert len(tokens) == len(set(tokens))


hebrew = st.text(
    alphabet=st.sampled_from("אבגדהוזחטיכלמנסעפצקרשתךםןףץ\u05b0\u05b4\u05bc "), max_size=30
)
anything = st.text(max_size=40)


@given(anything)
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(hebrew | anything)
def test_tokens_are_stable_under_folding(text: str) -> None:
    assert search_tokens(fold(text)) == search_tokens(text)


@given(hebrew)
def test_stems_are_suffixes_of_the_word(text: str) -> None:
    for word in search_words(text):
        stems = word_tokens(word)
        if not stems:
            continue
        assert stems[0] == word
        for stem in stems:
            assert word.endswith(stem)
            assert len(stem) >= min(2, len(word))
