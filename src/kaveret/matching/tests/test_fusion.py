"""Fusion of the lexical and semantic rankings, on cases computed by hand."""

from __future__ import annotations

import pytest

from kaveret.matching.fusion import (
    DEFAULT_FUSION,
    Fusion,
    blend,
    fuse,
    min_max,
    ranks,
    reciprocal_rank_fusion,
)


def test_ranks_are_one_based_by_descending_score() -> None:
    assert ranks({"a": 0.2, "b": 0.9, "c": 0.5}) == {"b": 1, "c": 2, "a": 3}


def test_rrf_by_hand() -> None:
    # a: lexical 1st, semantic 3rd; b: lexical 2nd only; c: semantic 1st only. k = 60.
    fused = reciprocal_rank_fusion({"a": 1, "b": 2}, {"c": 1, "a": 3}, k=60, lexical_weight=0.5)
    assert fused["a"] == pytest.approx(0.5 / 61 + 0.5 / 63)
    assert fused["b"] == pytest.approx(0.5 / 62)
    assert fused["c"] == pytest.approx(0.5 / 61)
    assert max(fused, key=fused.__getitem__) == "a"


def test_rrf_weights_choose_the_side() -> None:
    fused = reciprocal_rank_fusion({"lex": 1}, {"sem": 1}, k=0, lexical_weight=0.8)
    assert fused == {"lex": pytest.approx(0.8), "sem": pytest.approx(0.2)}


def test_min_max_by_hand() -> None:
    assert min_max({"a": 2.0, "b": 4.0, "c": 3.0}) == {"a": 0.0, "b": 1.0, "c": 0.5}
    assert min_max({"a": 7.0, "b": 7.0}) == {"a": 1.0, "b": 1.0}
    assert min_max({}) == {}


def test_blend_by_hand() -> None:
    # lexical: a 10 → 1, b 5 → 0; semantic: b 0.9 → 1, c 0.7 → 0. Weight 0.25 on words.
    fused = blend({"a": 10.0, "b": 5.0}, {"b": 0.9, "c": 0.7}, lexical_weight=0.25)
    assert fused == {"a": pytest.approx(0.25), "b": pytest.approx(0.75), "c": pytest.approx(0.0)}


def test_fuse_orders_best_first_for_both_methods() -> None:
    # blend: a = 0.5 * 1, b = 0.5 * 0.5 + 0.5 * 1, c = 0, d = 0.
    lexical = {"a": 3.0, "b": 2.0, "d": 1.0}
    semantic = {"b": 0.9, "c": 0.8}
    assert fuse(lexical, semantic, Fusion("rrf"))[0][0] == "b"
    order = [key for key, _ in fuse(lexical, semantic, Fusion("blend", lexical_weight=0.5))]
    assert order[:2] == ["b", "a"]


def test_only_one_side_gives_that_sides_order() -> None:
    assert [key for key, _ in fuse({"x": 1.0, "y": 3.0}, {}, DEFAULT_FUSION)] == ["y", "x"]


@pytest.mark.parametrize(
    "kwargs", [{"method": "max"}, {"lexical_weight": 1.5}, {"lexical_weight": -0.1}, {"k": -1}]
)
def test_bad_fusion_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Fusion(**kwargs)
