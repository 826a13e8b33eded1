"""Fusing the lexical (BM25) and semantic (embedding) rankings into one.

Two methods, both pure functions over ``{key: score}`` or ``{key: rank}`` maps:

- **Reciprocal rank fusion** (``rrf``): a document ranked ``r`` (1-based) in a list gets
  ``weight / (k + r)`` from that list; absent from a list, nothing. Ranks only, so the two
  scales (BM25 has no upper bound, cosine similarity lives in a narrow band) never need
  comparing.
- **Blend** (``blend``): each list's scores are min-max normalised to [0, 1] over the
  candidates, a document missing from a list counts 0 there, and the two are mixed
  ``lexical_weight * lexical + (1 - lexical_weight) * semantic``.

``DEFAULT_FUSION`` is what search, the recommenders and the API use unless told otherwise;
the search-quality evaluation (bench/bench_search_quality.py) chooses it by measurement.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

FUSION_METHODS = ("rrf", "blend")


@dataclass(frozen=True)
class Fusion:
    """How to fuse: ``method`` rrf or blend; ``k`` for rrf; the lexical list's weight."""

    method: str = "rrf"
    k: int = 60
    lexical_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.method not in FUSION_METHODS:
            raise ValueError(f"unknown fusion method {self.method!r}")
        if not 0.0 <= self.lexical_weight <= 1.0:
            raise ValueError("lexical_weight must lie in [0, 1]")
        if self.k < 0:
            raise ValueError("k must not be negative")

    @property
    def semantic_weight(self) -> float:
        return 1.0 - self.lexical_weight


# Chosen by bench/bench_search_quality.py on bench/eval/matching_eval.json (docs/recommenders.md):
# every k from 1 to 10 at an even weight scored within 0.007 nDCG@10 of the best; k=5 is the
# middle of that plateau, where k=60 lost 0.06 nDCG@10 of scouting.
DEFAULT_FUSION = Fusion(method="rrf", k=5, lexical_weight=0.5)


def ranks(scores: Mapping[K, float]) -> dict[K, int]:
    """1-based ranks by descending score; ties keep the order of the mapping."""
    ordered = sorted(scores, key=lambda key: -scores[key])
    return {key: position for position, key in enumerate(ordered, start=1)}


def reciprocal_rank_fusion(
    lexical_ranks: Mapping[K, int],
    semantic_ranks: Mapping[K, int],
    *,
    k: int = 60,
    lexical_weight: float = 0.5,
) -> dict[K, float]:
    """``lexical_weight / (k + r_lex) + (1 - lexical_weight) / (k + r_sem)``, 1-based ranks."""
    fused: dict[K, float] = {}
    for key, rank in lexical_ranks.items():
        fused[key] = fused.get(key, 0.0) + lexical_weight / (k + rank)
    semantic_weight = 1.0 - lexical_weight
    for key, rank in semantic_ranks.items():
        fused[key] = fused.get(key, 0.0) + semantic_weight / (k + rank)
    return fused


def min_max(scores: Mapping[K, float]) -> dict[K, float]:
    """Scores rescaled to [0, 1]; when all are equal, every one becomes 1."""
    if not scores:
        return {}
    low = min(scores.values())
    high = max(scores.values())
    if high == low:
        return dict.fromkeys(scores, 1.0)
    span = high - low
    return {key: (value - low) / span for key, value in scores.items()}


def blend(
    lexical_scores: Mapping[K, float],
    semantic_scores: Mapping[K, float],
    *,
    lexical_weight: float = 0.5,
) -> dict[K, float]:
    """Min-max normalised scores mixed linearly; a missing score counts 0."""
    lexical = min_max(lexical_scores)
    semantic = min_max(semantic_scores)
    semantic_weight = 1.0 - lexical_weight
    return {
        key: lexical_weight * lexical.get(key, 0.0) + semantic_weight * semantic.get(key, 0.0)
        for key in dict.fromkeys([*lexical, *semantic])
    }


def fuse(
    lexical_scores: Mapping[K, float],
    semantic_scores: Mapping[K, float],
    fusion: Fusion = DEFAULT_FUSION,
) -> list[tuple[K, float]]:
    """The candidates of either list with their fused score, best first (stable on ties)."""
    if fusion.method == "rrf":
        fused = reciprocal_rank_fusion(
            ranks(lexical_scores),
            ranks(semantic_scores),
            k=fusion.k,
            lexical_weight=fusion.lexical_weight,
        )
    else:
        fused = blend(lexical_scores, semantic_scores, lexical_weight=fusion.lexical_weight)
    return sorted(fused.items(), key=lambda item: -item[1])
