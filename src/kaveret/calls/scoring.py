"""The review console's arithmetic, in plain Python over rows read in bulk.

- A review's **total** is its weighted mean: Σ weight·score / Σ weight over the rubric's
  criteria (a submitted review scores every criterion).
- An application's **total** is the mean of its submitted reviews' totals; its
  **spread** is the highest minus the lowest of them, and its **standard deviation** the
  population standard deviation of them.
- **Normalisation** (z-score): each reviewer's totals are standardised across the
  applications they reviewed, z = (t − μ_reviewer) / σ_reviewer, then mapped back to the
  rubric's scale with the mean and standard deviation of all the call's review totals,
  t' = μ_all + z·σ_all. A reviewer with a single review, or whose totals are all equal
  (σ = 0), cannot be standardised: their totals are left as they are.
- **Ranking**: by total (normalised when asked), highest first. Totals equal to four
  decimals share a rank (1, 2, 2, 4); there is no tie-break: tied applications are listed
  by applicant name and said to be tied. Applications without a submitted review are not
  ranked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

PRECISION = 4


def fmean(values: list[float]) -> float:
    return sum(values) / len(values)


def pstdev(values: list[float]) -> float:
    """Population standard deviation, in floats (``statistics.pstdev`` is exact and slow)."""
    mean = sum(values) / len(values)
    return math.sqrt(max(0.0, sum((v - mean) ** 2 for v in values) / len(values)))


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: Decimal
    scale_min: int
    scale_max: int


@dataclass
class ReviewRow:
    id: int
    application_id: int
    reviewer_id: int
    scores: dict[int, int]
    total: float | None = None
    normalised: float | None = None
    z: float | None = None


@dataclass
class ApplicationResult:
    application_id: int
    reviews: list[ReviewRow] = field(default_factory=list)
    total: float | None = None
    normalised: float | None = None
    spread: float | None = None
    deviation: float | None = None
    rank: int | None = None
    tied_with: list[int] = field(default_factory=list)


@dataclass
class ReviewerScale:
    reviewer_id: int
    count: int
    mean: float
    deviation: float

    @property
    def normalised(self) -> bool:
        return self.count > 1 and self.deviation > 0


def weighted_total(scores: dict[int, int], criteria: list[Criterion]) -> float | None:
    """Σ weight·score / Σ weight over the criteria scored; None when none is."""
    weights = 0.0
    total = 0.0
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is not None:
            weight = float(criterion.weight)
            weights += weight
            total += weight * score
    return total / weights if weights else None


def reviewer_scales(reviews: list[ReviewRow]) -> dict[int, ReviewerScale]:
    by_reviewer: dict[int, list[float]] = {}
    for review in reviews:
        if review.total is not None:
            by_reviewer.setdefault(review.reviewer_id, []).append(review.total)
    return {
        reviewer_id: ReviewerScale(reviewer_id, len(totals), fmean(totals), pstdev(totals))
        for reviewer_id, totals in by_reviewer.items()
    }


def normalise(reviews: list[ReviewRow]) -> dict[int, ReviewerScale]:
    """Fill each review's ``z`` and ``normalised`` total; return each reviewer's scale."""
    scales = reviewer_scales(reviews)
    totals = [r.total for r in reviews if r.total is not None]
    if not totals:
        return scales
    overall_mean, overall_deviation = fmean(totals), pstdev(totals)
    for review in reviews:
        if review.total is None:
            continue
        scale = scales[review.reviewer_id]
        if scale.normalised:
            review.z = (review.total - scale.mean) / scale.deviation
            review.normalised = overall_mean + review.z * overall_deviation
        else:
            review.z = None
            review.normalised = review.total
    return scales


def rank(results: list[ApplicationResult], names: dict[int, str], *, normalised: bool) -> None:
    """Competition ranking (1, 2, 2, 4) by total; equal totals share a rank."""

    def key_total(result: ApplicationResult) -> float | None:
        value = result.normalised if normalised else result.total
        return None if value is None else round(value, PRECISION)

    ranked = [r for r in results if key_total(r) is not None]
    ranked.sort(key=lambda r: (-key_total(r), names.get(r.application_id, ""), r.application_id))  # type: ignore[operator]
    groups: dict[float, list[ApplicationResult]] = {}
    for result in ranked:
        groups.setdefault(key_total(result), []).append(result)  # type: ignore[arg-type]
    position = 0
    previous: float | None = None
    for index, result in enumerate(ranked, start=1):
        value = key_total(result)
        if value != previous:
            position = index
            previous = value
        result.rank = position
        result.tied_with = [
            other.application_id
            for other in groups[value]  # type: ignore[index]
            if other.application_id != result.application_id
        ]
    for result in results:
        if key_total(result) is None:
            result.rank = None
            result.tied_with = []


def compute(
    criteria: list[Criterion],
    reviews: list[ReviewRow],
    application_ids: list[int],
    names: dict[int, str],
    *,
    normalised: bool = False,
) -> tuple[list[ApplicationResult], dict[int, ReviewerScale]]:
    """Every application's totals, spread, normalised total and rank (submitted reviews)."""
    for review in reviews:
        review.total = weighted_total(review.scores, criteria)
    scales = normalise(reviews)
    results = {app_id: ApplicationResult(app_id) for app_id in application_ids}
    for review in reviews:
        if review.application_id in results:
            results[review.application_id].reviews.append(review)
    for result in results.values():
        totals = [r.total for r in result.reviews if r.total is not None]
        if totals:
            result.total = fmean(totals)
            result.spread = max(totals) - min(totals)
            result.deviation = pstdev(totals)
            result.normalised = fmean(
                [r.normalised for r in result.reviews if r.normalised is not None]
            )
    ordered = list(results.values())
    rank(ordered, names, normalised=normalised)
    ordered.sort(
        key=lambda r: (
            r.rank is None,
            r.rank or 0,
            names.get(r.application_id, ""),
            r.application_id,
        )
    )
    return ordered, scales
