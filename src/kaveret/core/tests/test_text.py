from hypothesis import given
from hypothesis import strategies as st

from kaveret.core.text import normalise, prefix_variants, query_alternatives, search_document


def test_searching_a_word_finds_it_behind_a_hebrew_prefix() -> None:
    document = search_document("תעסוקה לאנשים במוגבלות")
    assert " מוגבלות" in document
    assert " אנשימ" in document  # final mem folded, prefix ל stripped


def test_a_query_with_prefixes_is_reduced_to_its_stem() -> None:
    [alternatives] = query_alternatives("ובמוגבלות")
    assert alternatives[:3] == ["ובמוגבלות", "במוגבלות", "מוגבלות"]


def test_final_letters_niqqud_and_gershayim_are_folded() -> None:
    assert normalise("שָׁלוֹם") == "שלומ"
    assert normalise('חל"צ') == "חלצ"
    assert normalise("VIVID") == "vivid"


def test_short_words_keep_their_first_letter() -> None:
    # "בה" must not become "ה"; a stem keeps at least two letters.
    assert prefix_variants("בה") == ["בה"]


hebrew_words = st.text(alphabet="אבגדהוזחטיכלמנסעפצקרשת", min_size=2, max_size=12)


@given(st.lists(hebrew_words, min_size=1, max_size=5), st.sampled_from(["", "ו", "ה", "ב", "וב"]))
def test_every_word_of_a_name_is_found_with_or_without_a_prefix(
    name_words: list[str], prefix: str
) -> None:
    document = search_document(" ".join(name_words))
    for word in name_words:
        alternatives = query_alternatives(prefix + word)[0]
        assert any(f" {form}" in document for form in alternatives)
