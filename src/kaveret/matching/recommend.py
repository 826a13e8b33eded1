"""The recommenders: scouting, routing and design-partner fit.

Every recommendation carries a score between 0 and 1 and a breakdown a person can read:
the components with their weights (text similarity, shared domains, shared target
populations, shared regions, stage, the seed 001 criteria where assessed), the matching
terms and passage, and translated sentences saying why.

A component that cannot be computed (no embedding stored yet, an actor without domains,
a criterion nobody assessed) is *not available*: it is shown as such and its weight is
spread over the components that exist (renormalised), never counted as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaveret.ecosystem.models import Actor, Domain, Region, TargetPopulation

from .models import (
    ORGANISATION_CRITERIA,
    VENTURE_CRITERIA,
    Criterion,
    CriterionAssessment,
    DocumentKind,
    SearchDocument,
)

# ---------------------------------------------------------------------------
# Components and weights
# ---------------------------------------------------------------------------

COMPONENT_LABELS: dict[str, Any] = {
    "text": gettext_lazy("Text similarity"),
    "domain": gettext_lazy("Shared domains"),
    "population": gettext_lazy("Shared target populations"),
    "region": gettext_lazy("Shared regions"),
    "stage": gettext_lazy("Stage"),
    "venture_criteria": gettext_lazy("Criteria for choosing a venture"),
    "organisation_criteria": gettext_lazy("Criteria for choosing an organisation"),
    "active": gettext_lazy("Open now"),
}

#: Weights of the design-partner fit (venture x organisation). Renormalised over the
#: components available for a pair.
FIT_WEIGHTS: dict[str, float] = {
    "text": 0.35,
    "domain": 0.2,
    "population": 0.15,
    "region": 0.05,
    "venture_criteria": 0.15,
    "organisation_criteria": 0.1,
}

# e5 cosine similarities of related texts sit in a narrow band; stretch it to 0..1.
_COSINE_FLOOR = 0.72
_COSINE_CEILING = 0.92


def stretch_cosine(cosine: float) -> float:
    """Map an e5 cosine similarity to 0..1 (0.72 and below → 0, 0.92 and above → 1)."""
    value = (cosine - _COSINE_FLOOR) / (_COSINE_CEILING - _COSINE_FLOOR)
    return float(min(1.0, max(0.0, value)))


def overlap(a: Iterable[int], b: Iterable[int]) -> tuple[float | None, set[int]]:
    """The overlap coefficient of two id sets and the shared ids; None if either is empty."""
    left, right = set(a), set(b)
    if not left or not right:
        return None, set()
    shared = left & right
    return len(shared) / min(len(left), len(right)), shared


def combine(components: dict[str, float | None], weights: dict[str, float]) -> float:
    """The weighted mean of the components that exist (weights renormalised)."""
    present = {k: v for k, v in components.items() if v is not None and weights.get(k)}
    total = sum(weights[k] for k in present)
    if total <= 0:
        return 0.0
    return float(sum(weights[k] * v for k, v in present.items()) / total)


def decode_embedding(raw: bytes | memoryview | None) -> np.ndarray | None:
    """A stored embedding as a unit float32 vector (None if absent)."""
    if raw is None:
        return None
    vector = np.frombuffer(bytes(raw), dtype=np.float32)
    if vector.size == 0:
        return None
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None


def embeddings_for(kind: str, object_ids: Iterable[int]) -> dict[int, np.ndarray]:
    """The stored embeddings of the objects of ``kind`` (one query)."""
    rows = SearchDocument.objects.filter(
        kind=kind, object_id__in=list(object_ids), embedding__isnull=False
    ).values_list("object_id", "embedding")
    vectors = {}
    for object_id, raw in rows:
        vector = decode_embedding(raw)
        if vector is not None:
            vectors[int(object_id)] = vector
    return vectors


# ---------------------------------------------------------------------------
# Criteria (seed 001)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScore:
    criterion: str
    label: str
    score: int | None  # 1..5, None when not assessed
    note: str = ""

    @property
    def assessed(self) -> bool:
        return self.score is not None


def criteria_scores(
    actor_ids: Iterable[int], criteria: Sequence[str], *, views: Iterable[int] = ()
) -> dict[tuple[int, int | None], dict[str, CriterionAssessment]]:
    """The assessments of ``criteria`` about ``actor_ids``, keyed by (about, from_actor).

    General assessments (nobody's particular view) are keyed with ``None``; the views
    of ``views`` actors are loaded too. One query.
    """
    view_ids = list(views)
    rows = CriterionAssessment.objects.filter(
        about_id__in=list(actor_ids), criterion__in=list(criteria)
    )
    if view_ids:
        from django.db.models import Q

        rows = rows.filter(Q(from_actor__isnull=True) | Q(from_actor_id__in=view_ids))
    else:
        rows = rows.filter(from_actor__isnull=True)
    found: dict[tuple[int, int | None], dict[str, CriterionAssessment]] = defaultdict(dict)
    for row in rows:
        found[(row.about_id, row.from_actor_id)][row.criterion] = row
    return found


def criteria_view(
    found: dict[tuple[int, int | None], dict[str, CriterionAssessment]],
    about: int,
    criteria: Sequence[str],
    view: int | None = None,
) -> list[CriterionScore]:
    """Every criterion for ``about``: the ``view`` actor's score if it gave one, else the
    general one, else not assessed."""
    general = found.get((about, None), {})
    particular = found.get((about, view), {}) if view is not None else {}
    scores = []
    for criterion in criteria:
        row = particular.get(criterion) or general.get(criterion)
        scores.append(
            CriterionScore(
                criterion=criterion,
                label=str(Criterion(criterion).label),
                score=row.score if row else None,
                note=row.note if row else "",
            )
        )
    return scores


def criteria_component(scores: Sequence[CriterionScore]) -> float | None:
    """The mean of the assessed criteria on 0..1 (1 → 0, 5 → 1); None if none assessed."""
    assessed = [s.score for s in scores if s.score is not None]
    if not assessed:
        return None
    return float(sum((s - 1) / 4 for s in assessed) / len(assessed))


# ---------------------------------------------------------------------------
# Facets
# ---------------------------------------------------------------------------


@dataclass
class Facets:
    domains: set[int] = field(default_factory=set)
    populations: set[int] = field(default_factory=set)
    regions: set[int] = field(default_factory=set)


def actor_facets(actor_ids: Iterable[int]) -> dict[int, Facets]:
    """Domains, target populations and regions of actors (three queries)."""
    ids = list(actor_ids)
    facets: dict[int, Facets] = {pk: Facets() for pk in ids}
    through_domains = Actor.domains.through.objects.filter(actor_id__in=ids)
    for actor_id, domain_id in through_domains.values_list("actor_id", "domain_id"):
        facets[actor_id].domains.add(domain_id)
    through_pop = Actor.target_populations.through.objects.filter(actor_id__in=ids)
    for actor_id, pop_id in through_pop.values_list("actor_id", "targetpopulation_id"):
        facets[actor_id].populations.add(pop_id)
    through_regions = Actor.regions.through.objects.filter(actor_id__in=ids)
    for actor_id, region_id in through_regions.values_list("actor_id", "region_id"):
        facets[actor_id].regions.add(region_id)
    return facets


def taxonomy_names(
    model: type[Domain | TargetPopulation | Region], ids: Iterable[int]
) -> list[str]:
    wanted = set(ids)
    if not wanted:
        return []
    return sorted(item.display_name for item in model.objects.filter(pk__in=wanted))


# ---------------------------------------------------------------------------
# Pair fit (used by matchmaking)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How well a venture and an organisation fit as design partners."""

    score: float  # 0..1
    breakdown: dict[str, float]  # component → its score 0..1 (only components that exist)
    reasons: tuple[str, ...]


def pair_fit(venture_ids: list[int], organisation_ids: list[int]) -> dict[tuple[int, int], Fit]:
    """The fit of every (venture, organisation) pair, in a bounded number of queries.

    Components (weights in ``FIT_WEIGHTS``, renormalised over what exists for a pair):
    text similarity of the stored embeddings, shared domains, populations and regions,
    the venture's seed 001 criteria (the organisation's own view if it gave one, else
    the general assessment) and the organisation's criteria (likewise, the venture's
    view first).
    """
    venture_ids = list(dict.fromkeys(venture_ids))
    organisation_ids = list(dict.fromkeys(organisation_ids))
    if not venture_ids or not organisation_ids:
        return {}
    facets = actor_facets([*venture_ids, *organisation_ids])
    venture_vectors = embeddings_for(DocumentKind.VENTURE, venture_ids)
    organisation_vectors = embeddings_for(DocumentKind.ORGANISATION, organisation_ids)
    cosines: dict[tuple[int, int], float] = {}
    if venture_vectors and organisation_vectors:
        v_ids = list(venture_vectors)
        o_ids = list(organisation_vectors)
        matrix = (
            np.stack([venture_vectors[i] for i in v_ids])
            @ np.stack([organisation_vectors[i] for i in o_ids]).T
        )
        for a, v in enumerate(v_ids):
            for b, o in enumerate(o_ids):
                cosines[(v, o)] = float(matrix[a, b])
    venture_found = criteria_scores(venture_ids, VENTURE_CRITERIA, views=organisation_ids)
    organisation_found = criteria_scores(organisation_ids, ORGANISATION_CRITERIA, views=venture_ids)
    names = _names_for(facets.values())

    fits: dict[tuple[int, int], Fit] = {}
    for v in venture_ids:
        for o in organisation_ids:
            domain, shared_domains = overlap(facets[v].domains, facets[o].domains)
            population, shared_pops = overlap(facets[v].populations, facets[o].populations)
            region, shared_regions = overlap(facets[v].regions, facets[o].regions)
            venture_scores = criteria_view(venture_found, v, VENTURE_CRITERIA, view=o)
            organisation_scores = criteria_view(
                organisation_found, o, ORGANISATION_CRITERIA, view=v
            )
            components: dict[str, float | None] = {
                "text": stretch_cosine(cosines[(v, o)]) if (v, o) in cosines else None,
                "domain": domain,
                "population": population,
                "region": region,
                "venture_criteria": criteria_component(venture_scores),
                "organisation_criteria": criteria_component(organisation_scores),
            }
            score = combine(components, FIT_WEIGHTS)
            reasons = fit_reasons(
                shared_domains=[names["domain"][i] for i in shared_domains],
                shared_populations=[names["population"][i] for i in shared_pops],
                shared_regions=[names["region"][i] for i in shared_regions],
                text=components["text"],
                venture_scores=venture_scores,
                organisation_scores=organisation_scores,
            )
            fits[(v, o)] = Fit(
                score=round(score, 4),
                breakdown={k: round(val, 4) for k, val in components.items() if val is not None},
                reasons=tuple(reasons),
            )
    return fits


def _names_for(facets: Iterable[Facets]) -> dict[str, dict[int, str]]:
    domains: set[int] = set()
    populations: set[int] = set()
    regions: set[int] = set()
    for item in facets:
        domains |= item.domains
        populations |= item.populations
        regions |= item.regions
    return {
        "domain": {d.pk: d.display_name for d in Domain.objects.filter(pk__in=domains)},
        "population": {
            p.pk: p.display_name for p in TargetPopulation.objects.filter(pk__in=populations)
        },
        "region": {r.pk: r.display_name for r in Region.objects.filter(pk__in=regions)},
    }


def fit_reasons(
    *,
    shared_domains: Sequence[str],
    shared_populations: Sequence[str],
    shared_regions: Sequence[str],
    text: float | None,
    venture_scores: Sequence[CriterionScore] = (),
    organisation_scores: Sequence[CriterionScore] = (),
) -> list[str]:
    """Translated sentences saying why a venture and an organisation fit."""
    reasons = []
    if shared_domains:
        reasons.append(
            _("Shared domains: %(names)s") % {"names": ", ".join(sorted(shared_domains))}
        )
    if shared_populations:
        reasons.append(
            _("Shared target populations: %(names)s")
            % {"names": ", ".join(sorted(shared_populations))}
        )
    if shared_regions:
        reasons.append(
            _("Shared regions: %(names)s") % {"names": ", ".join(sorted(shared_regions))}
        )
    if text is not None and text >= 0.5:
        reasons.append(_("Their descriptions are close in meaning."))
    strong = [s.label for s in venture_scores if s.score is not None and s.score >= 4]
    if strong:
        reasons.append(_("The venture is strong on: %(names)s") % {"names": ", ".join(strong)})
    strong = [s.label for s in organisation_scores if s.score is not None and s.score >= 4]
    if strong:
        reasons.append(_("The organisation is strong on: %(names)s") % {"names": ", ".join(strong)})
    return reasons


__all__ = [
    "COMPONENT_LABELS",
    "FIT_WEIGHTS",
    "CriterionScore",
    "Fit",
    "combine",
    "criteria_component",
    "overlap",
    "pair_fit",
    "stretch_cosine",
]
