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

from kaveret.ecosystem.models import Actor, Domain, Organisation, Region, TargetPopulation, Venture

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

# e5 cosine similarities crowd in a narrow band (unrelated texts ~0.75-0.80, related
# 0.83+, see ``engine.MIN_SIMILARITY``); stretch it to 0..1.
_COSINE_FLOOR = 0.78
_COSINE_CEILING = 0.90


def stretch_cosine(cosine: float) -> float:
    """Map an e5 cosine similarity to 0..1 (0.78 and below → 0, 0.90 and above → 1)."""
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


# ---------------------------------------------------------------------------
# Recommendations (scouting, routing, fit lists)
# ---------------------------------------------------------------------------

#: Scouting: a challenge's text against ventures, plus facets and readiness for a pilot.
SCOUT_WEIGHTS: dict[str, float] = {"text": 0.6, "domain": 0.2, "population": 0.15, "stage": 0.05}
#: Routing: a venture's (or any) text against communities, calls and challenges.
ROUTE_WEIGHTS: dict[str, float] = {"text": 0.7, "domain": 0.15, "population": 0.1, "stage": 0.05}
#: How ready a venture at each stage is for a pilot with an organisation (seed 001: a
#: design partner needs a working product to try).
STAGE_READINESS: dict[str, float] = {
    "idea": 0.25,
    "problem_solution_fit": 0.5,
    "product_market_fit": 1.0,
    "scale": 1.0,
}
ROUTING_KINDS = (DocumentKind.COMMUNITY, DocumentKind.CALL, DocumentKind.CHALLENGE)
# How many text candidates a recommender reads before scoring.
TEXT_CANDIDATES = 200
MAX_TERMS_SHOWN = 8


@dataclass(frozen=True)
class Component:
    """One part of a score: its value 0..1 (None: not available) and its weight after
    renormalisation over the components that exist."""

    key: str
    score: float | None
    weight: float

    @property
    def label(self) -> str:
        return str(COMPONENT_LABELS.get(self.key, self.key))

    @property
    def available(self) -> bool:
        return self.score is not None

    @property
    def contribution(self) -> float:
        return (self.score or 0.0) * self.weight


def components_of(
    values: dict[str, float | None], weights: dict[str, float]
) -> tuple[float, tuple[Component, ...]]:
    """The combined score and every component with its effective weight."""
    present = [k for k, v in values.items() if v is not None and weights.get(k)]
    total = sum(weights[k] for k in present)
    items = []
    for key, value in values.items():
        weight = weights.get(key, 0.0) / total if (value is not None and total) else 0.0
        items.append(Component(key, None if value is None else round(float(value), 4), weight))
    return combine(values, weights), tuple(items)


@dataclass(frozen=True)
class Recommendation:
    """One recommended object with its score and why."""

    kind: str
    object_id: int
    title: str
    url: str
    score: float
    components: tuple[Component, ...]
    reasons: tuple[str, ...]
    matched_terms: tuple[str, ...] = ()
    snippet: str = ""
    shared_domains: tuple[str, ...] = ()
    shared_populations: tuple[str, ...] = ()
    shared_regions: tuple[str, ...] = ()
    stage: str = ""
    stage_label: str = ""
    is_active: bool = True
    is_public: bool = True
    on_list: bool = False
    excluded_because: tuple[str, ...] = ()
    criteria: tuple[CriterionScore, ...] = ()
    lexical_rank: int | None = None
    semantic_rank: int | None = None

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form (the API, the route command, the scouting list's snapshot)."""
        return {
            "kind": self.kind,
            "id": self.object_id,
            "title": self.title,
            "url": self.url,
            "score": round(self.score, 4),
            "is_active": self.is_active,
            "on_list": self.on_list,
            "excluded_because": list(self.excluded_because),
            "reasons": list(self.reasons),
            "breakdown": {
                "components": [
                    {
                        "key": c.key,
                        "label": c.label,
                        "score": c.score,
                        "weight": round(c.weight, 4),
                        "available": c.available,
                    }
                    for c in self.components
                ],
                "matched_terms": list(self.matched_terms),
                "snippet": self.snippet,
                "shared_domains": list(self.shared_domains),
                "shared_populations": list(self.shared_populations),
                "shared_regions": list(self.shared_regions),
                "stage": self.stage,
                "criteria": [
                    {
                        "criterion": c.criterion,
                        "label": c.label,
                        "score": c.score,
                        "assessed": c.assessed,
                    }
                    for c in self.criteria
                ],
                "lexical_rank": self.lexical_rank,
                "semantic_rank": self.semantic_rank,
            },
        }


@dataclass(frozen=True)
class FitList:
    """A fit list: the ranked recommendations and those the user's constraints excluded."""

    items: tuple[Recommendation, ...]
    excluded: tuple[Recommendation, ...] = ()


@dataclass(frozen=True)
class Constraints:
    """Hard constraints a user applies to a fit list: a candidate must match each given
    facet (any of its values) or it is excluded, with the reason shown."""

    domain_ids: tuple[int, ...] = ()
    region_ids: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.domain_ids or self.region_ids or self.stages)


def _text_scores(hits: Sequence[Any]) -> dict[tuple[str, int], float]:
    """Each hit's text score on 0..1: min-max over the candidates (one candidate → 1)."""
    if not hits:
        return {}
    values = [float(hit.score) for hit in hits]
    low, high = min(values), max(values)
    if len(values) == 1 or high <= low:
        return {(hit.kind, hit.object_id): 1.0 for hit in hits}
    return {(hit.kind, hit.object_id): (float(hit.score) - low) / (high - low) for hit in hits}


@dataclass(frozen=True)
class _Doc:
    kind: str
    object_id: int
    title: str
    url: str
    domain_ids: frozenset[int]
    population_ids: frozenset[int]
    region_ids: frozenset[int]
    community_ids: frozenset[int]
    stage: str
    is_active: bool
    is_public: bool


def _documents(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], _Doc]:
    """The stored documents (facets, activity) of the given objects, one query per kind."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, object_id in keys:
        by_kind[kind].append(object_id)
    found: dict[tuple[str, int], _Doc] = {}
    for kind, ids in by_kind.items():
        rows = SearchDocument.objects.filter(kind=kind, object_id__in=ids).values(
            "object_id",
            "title",
            "url",
            "domain_ids",
            "population_ids",
            "region_ids",
            "community_ids",
            "stage",
            "is_active",
            "is_public",
        )
        for row in rows:
            found[(kind, int(row["object_id"]))] = _Doc(
                kind=kind,
                object_id=int(row["object_id"]),
                title=row["title"],
                url=row["url"],
                domain_ids=frozenset(row["domain_ids"] or ()),
                population_ids=frozenset(row["population_ids"] or ()),
                region_ids=frozenset(row["region_ids"] or ()),
                community_ids=frozenset(row["community_ids"] or ()),
                stage=row["stage"] or "",
                is_active=bool(row["is_active"]),
                is_public=bool(row["is_public"]),
            )
    return found


def _all_names(docs: Iterable[_Doc | Facets]) -> dict[str, dict[int, str]]:
    facets = [
        Facets(set(d.domain_ids), set(d.population_ids), set(d.region_ids))
        if isinstance(d, _Doc)
        else d
        for d in docs
    ]
    return _names_for(facets)


def _stage_label(stage: str) -> str:
    from kaveret.ecosystem.choices import VentureStage

    try:
        return str(VentureStage(stage).label)
    except ValueError:
        return ""


def _terms_reason(terms: Sequence[str]) -> str | None:
    if not terms:
        return None
    return _("Matching terms: %(terms)s") % {"terms": ", ".join(terms[:MAX_TERMS_SHOWN])}


def _facet_reasons(
    shared_domains: Sequence[str], shared_populations: Sequence[str], shared_regions: Sequence[str]
) -> list[str]:
    return fit_reasons(
        shared_domains=shared_domains,
        shared_populations=shared_populations,
        shared_regions=shared_regions,
        text=None,
    )


def _hits(
    source: tuple[str, int] | None,
    text: str,
    *,
    kinds: Sequence[str],
    mode: str,
    fusion: Any = None,
    limit: int = TEXT_CANDIDATES,
) -> list[Any]:
    """Text candidates of ``kinds``, best first: like the indexed ``source`` object if it
    is indexed, else like ``text``.

    In hybrid mode the engine's lexical list and its full semantic list (not cut to the
    band of close meanings the search box uses: a recommender ranks every candidate, and
    an English or Arabic text seldom reaches that band against Hebrew documents) are fused
    with ``fusion`` (``DEFAULT_FUSION`` unless given).
    """
    if mode != "hybrid":
        return _side(source, text, kinds=kinds, mode=mode, limit=limit)
    from dataclasses import replace

    from .fusion import DEFAULT_FUSION, fuse

    lexical = _side(source, text, kinds=kinds, mode="lexical", limit=limit)
    semantic = _side(source, text, kinds=kinds, mode="semantic", limit=limit)
    by_key = {(hit.kind, hit.object_id): hit for hit in semantic}
    by_key.update({(hit.kind, hit.object_id): hit for hit in lexical})
    lexical_ranks = {(h.kind, h.object_id): rank for rank, h in enumerate(lexical, start=1)}
    semantic_ranks = {(h.kind, h.object_id): rank for rank, h in enumerate(semantic, start=1)}
    fused = fuse(
        {(h.kind, h.object_id): h.score for h in lexical},
        {(h.kind, h.object_id): h.score for h in semantic},
        fusion or DEFAULT_FUSION,
    )
    semantic_scores = {(h.kind, h.object_id): h.score for h in semantic}
    lexical_scores = {(h.kind, h.object_id): h.score for h in lexical}
    return [
        replace(
            by_key[key],
            score=float(score),
            lexical_score=float(lexical_scores.get(key, 0.0)),
            semantic_score=float(semantic_scores.get(key, 0.0)),
            lexical_rank=lexical_ranks.get(key),
            semantic_rank=semantic_ranks.get(key),
        )
        for key, score in fused[:limit]
    ]


def _side(
    source: tuple[str, int] | None, text: str, *, kinds: Sequence[str], mode: str, limit: int
) -> list[Any]:
    from . import engine

    filters = engine.SearchFilters(kinds=tuple(kinds))
    if source is not None and (source[0], int(source[1])) in engine.get_index().row_of:
        return list(engine.related(source[0], source[1], filters=filters, limit=limit, mode=mode))
    if not text.strip():
        return []
    return list(engine.search_text(text, filters=filters, limit=limit, mode=mode))


# -- Scouting -------------------------------------------------------------------------


def challenge_text(challenge: Any) -> str:
    """What scouting reads of a challenge: title, problem, background, success measures."""
    parts = (challenge.title, challenge.problem, challenge.background, challenge.success_measures)
    return "\n".join(part for part in parts if part)


def scout(
    challenge: Any, *, limit: int = 20, mode: str = "hybrid", fusion: Any = None
) -> list[Recommendation]:
    """Candidate ventures for ``challenge``, best first (seed 001 step 02, active search).

    Candidates are the ventures whose text is close to the challenge's and the ventures
    sharing its domain or one of its populations. Ventures already on the challenge's
    scouting list are kept, flagged ``on_list``.
    """
    hits = _hits(
        (DocumentKind.CHALLENGE, challenge.pk),
        challenge_text(challenge),
        kinds=(DocumentKind.VENTURE,),
        mode=mode,
        fusion=fusion,
    )
    domain_ids = {challenge.domain_id} if challenge.domain_id else set()
    population_ids = set(challenge.populations.values_list("pk", flat=True))
    return _score_ventures_for(
        hits,
        domain_ids=domain_ids,
        population_ids=population_ids,
        listed=set(challenge.scouting_entries.values_list("venture_id", flat=True)),
        limit=limit,
    )


def scout_text(
    text: str, *, limit: int = 20, mode: str = "hybrid", fusion: Any = None
) -> list[Recommendation]:
    """Candidate ventures for a free text (a challenge not yet written down)."""
    hits = _hits(None, text, kinds=(DocumentKind.VENTURE,), mode=mode, fusion=fusion)
    return _score_ventures_for(
        hits, domain_ids=set(), population_ids=set(), listed=set(), limit=limit
    )


def _score_ventures_for(
    hits: Sequence[Any],
    *,
    domain_ids: set[int],
    population_ids: set[int],
    listed: set[int],
    limit: int,
) -> list[Recommendation]:
    text = _text_scores(hits)
    by_key = {(hit.kind, hit.object_id): hit for hit in hits}
    keys = set(by_key)
    if domain_ids or population_ids:
        # Ventures sharing the challenge's domain or populations are candidates too.
        from django.db.models import Q

        facet_ventures = Venture.objects.filter(
            Q(domains__in=domain_ids) | Q(target_populations__in=population_ids)
        ).values_list("pk", flat=True)[:TEXT_CANDIDATES]
        keys |= {(DocumentKind.VENTURE.value, int(pk)) for pk in facet_ventures}
    docs = _documents(keys)
    names = _all_names(docs.values())
    results = []
    for key, doc in docs.items():
        hit = by_key.get(key)
        domain, shared_domains = (
            overlap(domain_ids, doc.domain_ids) if domain_ids else (None, set())
        )
        population, shared_pops = (
            overlap(population_ids, doc.population_ids) if population_ids else (None, set())
        )
        values: dict[str, float | None] = {
            "text": text.get(key, 0.0),
            "domain": domain,
            "population": population,
            "stage": STAGE_READINESS.get(doc.stage),
        }
        score, components = components_of(values, SCOUT_WEIGHTS)
        terms = tuple(hit.matched_terms) if hit else ()
        domains = tuple(sorted(names["domain"][i] for i in shared_domains))
        pops = tuple(sorted(names["population"][i] for i in shared_pops))
        reasons = _facet_reasons(domains, pops, ())
        if (reason := _terms_reason(terms)) is not None:
            reasons.append(reason)
        if hit is not None and hit.semantic_rank is not None and hit.semantic_rank <= 3:
            reasons.append(_("Its description is among the closest in meaning."))
        stage_label = _stage_label(doc.stage)
        if doc.stage in ("product_market_fit", "scale"):
            reasons.append(_("Stage: %(stage)s, ready for a pilot.") % {"stage": stage_label})
        elif stage_label:
            reasons.append(_("Stage: %(stage)s.") % {"stage": stage_label})
        on_list = doc.object_id in listed
        if on_list:
            reasons.append(_("Already on the scouting list."))
        results.append(
            Recommendation(
                kind=doc.kind,
                object_id=doc.object_id,
                title=doc.title,
                url=doc.url,
                score=round(score, 4),
                components=components,
                reasons=tuple(reasons),
                matched_terms=terms,
                snippet=hit.snippet if hit else "",
                shared_domains=domains,
                shared_populations=pops,
                stage=doc.stage,
                stage_label=stage_label,
                is_active=doc.is_active,
                is_public=doc.is_public,
                on_list=on_list,
                lexical_rank=hit.lexical_rank if hit else None,
                semantic_rank=hit.semantic_rank if hit else None,
            )
        )
    results.sort(key=lambda r: (-r.score, r.title, r.object_id))
    return results[:limit]


# -- Routing --------------------------------------------------------------------------


def route_text(
    text: str,
    *,
    kinds: Sequence[str] = ROUTING_KINDS,
    limit: int = 10,
    mode: str = "hybrid",
    fusion: Any = None,
    closed_last: bool = True,
) -> list[Recommendation]:
    """The communities, calls and challenges that fit a free text, best first; closed
    calls and challenges no longer open come last (``closed_last``)."""
    hits = _hits(None, text, kinds=kinds, mode=mode, fusion=fusion)
    return _route(hits, None, limit=limit, closed_last=closed_last)


def route_venture(
    venture: Any,
    *,
    kinds: Sequence[str] = ROUTING_KINDS,
    limit: int = 10,
    mode: str = "hybrid",
    fusion: Any = None,
    closed_last: bool = True,
) -> list[Recommendation]:
    """Where ``venture`` fits: its indexed text and its domains, populations and stage."""
    text = "\n".join(part for part in (venture.name, venture.description) if part)
    hits = _hits((DocumentKind.VENTURE, venture.pk), text, kinds=kinds, mode=mode, fusion=fusion)
    return _route(hits, venture, limit=limit, closed_last=closed_last)


def _route(
    hits: Sequence[Any], venture: Any | None, *, limit: int, closed_last: bool
) -> list[Recommendation]:
    text = _text_scores(hits)
    keys = [(hit.kind, hit.object_id) for hit in hits]
    docs = _documents(keys)
    facets = actor_facets([venture.pk])[venture.pk] if venture is not None else Facets()
    names = _all_names([*docs.values(), facets])
    member_of: set[int] = set()
    eligibility: dict[int, Any] = {}
    if venture is not None:
        from kaveret.communities.models import Membership, MembershipStatus

        member_of = set(
            Membership.objects.filter(
                actor_id=venture.pk, status=MembershipStatus.ACTIVE
            ).values_list("community_id", flat=True)
        )
        call_ids = [object_id for kind, object_id in keys if kind == DocumentKind.CALL]
        if call_ids:
            from kaveret.calls.eligibility import check
            from kaveret.calls.models import Call

            for call in Call.objects.filter(pk__in=call_ids):
                eligibility[call.pk] = check(call, venture)
    results = []
    for hit in hits:
        key = (hit.kind, hit.object_id)
        doc = docs.get(key)
        if doc is None:
            continue
        domain, shared_domains = (
            overlap(facets.domains, doc.domain_ids) if facets.domains else (None, set())
        )
        population, shared_pops = (
            overlap(facets.populations, doc.population_ids)
            if facets.populations and doc.population_ids
            else (None, set())
        )
        stage: float | None = None
        excluded: tuple[str, ...] = ()
        if doc.kind == DocumentKind.CALL and doc.object_id in eligibility:
            result = eligibility[doc.object_id]
            stage = 1.0 if result.eligible else 0.0
            excluded = tuple(result.reasons)
        values: dict[str, float | None] = {
            "text": text.get(key, 0.0),
            "domain": domain,
            "population": population,
            "stage": stage,
        }
        score, components = components_of(values, ROUTE_WEIGHTS)
        domains = tuple(sorted(names["domain"][i] for i in shared_domains))
        pops = tuple(sorted(names["population"][i] for i in shared_pops))
        reasons = _facet_reasons(domains, pops, ())
        terms = tuple(hit.matched_terms)
        if (reason := _terms_reason(terms)) is not None:
            reasons.append(reason)
        if hit.semantic_rank is not None and hit.semantic_rank <= 3:
            reasons.append(_("Its description is among the closest in meaning."))
        if doc.kind == DocumentKind.COMMUNITY and doc.object_id in member_of:
            reasons.append(_("The venture is already a member of this community."))
        if stage == 1.0:
            reasons.append(_("The venture meets the call's eligibility rules."))
        elif stage == 0.0:
            reasons.append(_("The venture does not meet the call's eligibility rules."))
        if not doc.is_active and doc.kind == DocumentKind.CALL:
            reasons.append(_("This call is not open now."))
        elif not doc.is_active and doc.kind == DocumentKind.CHALLENGE:
            reasons.append(_("This challenge is not open now."))
        results.append(
            Recommendation(
                kind=doc.kind,
                object_id=doc.object_id,
                title=doc.title,
                url=doc.url,
                score=round(score, 4),
                components=components,
                reasons=tuple(reasons),
                matched_terms=terms,
                snippet=hit.snippet,
                shared_domains=domains,
                shared_populations=pops,
                is_active=doc.is_active,
                is_public=doc.is_public,
                excluded_because=excluded,
                lexical_rank=hit.lexical_rank,
                semantic_rank=hit.semantic_rank,
            )
        )
    if closed_last:
        results.sort(key=lambda r: (not r.is_active, -r.score, r.title))
    else:
        results.sort(key=lambda r: (-r.score, r.title))
    return results[:limit]


# -- Design-partner fit lists ---------------------------------------------------------


def fit_for_organisation(
    organisation: Any,
    limit: int = 20,
    *,
    constraints: Constraints | None = None,
    mode: str = "hybrid",
) -> FitList:
    """Ventures that could be ``organisation``'s design partners, best first."""
    hits = _hits(
        (DocumentKind.ORGANISATION, organisation.pk),
        organisation.description or organisation.name,
        kinds=(DocumentKind.VENTURE,),
        mode=mode,
    )
    candidates = [hit.object_id for hit in hits]
    facets = actor_facets([organisation.pk])[organisation.pk]
    candidates += _sharing(Venture, facets)
    candidates = list(dict.fromkeys(candidates))
    fits = pair_fit(candidates, [organisation.pk])
    pairs = {v: fits[(v, organisation.pk)] for v in candidates if (v, organisation.pk) in fits}
    return _fit_list(
        pairs, Venture, hits, constraints, limit, about_side="venture", view=organisation.pk
    )


def fit_for_venture(
    venture: Any,
    limit: int = 20,
    *,
    constraints: Constraints | None = None,
    mode: str = "hybrid",
) -> FitList:
    """Organisations that could be ``venture``'s design partners, best first."""
    text = "\n".join(part for part in (venture.name, venture.description) if part)
    hits = _hits(
        (DocumentKind.VENTURE, venture.pk), text, kinds=(DocumentKind.ORGANISATION,), mode=mode
    )
    candidates = [hit.object_id for hit in hits]
    facets = actor_facets([venture.pk])[venture.pk]
    candidates += _sharing(Organisation, facets)
    candidates = list(dict.fromkeys(candidates))
    fits = pair_fit([venture.pk], candidates)
    pairs = {o: fits[(venture.pk, o)] for o in candidates if (venture.pk, o) in fits}
    return _fit_list(
        pairs, Organisation, hits, constraints, limit, about_side="organisation", view=venture.pk
    )


def _sharing(model: type[Venture] | type[Organisation], facets: Facets) -> list[int]:
    if not facets.domains and not facets.populations:
        return []
    from django.db.models import Q

    return list(
        model.objects.filter(
            Q(domains__in=facets.domains) | Q(target_populations__in=facets.populations)
        )
        .values_list("pk", flat=True)
        .distinct()[:TEXT_CANDIDATES]
    )


def _fit_list(
    pairs: dict[int, Fit],
    model: type[Venture] | type[Organisation],
    hits: Sequence[Any],
    constraints: Constraints | None,
    limit: int,
    *,
    about_side: str,
    view: int,
) -> FitList:
    kind = DocumentKind.VENTURE if about_side == "venture" else DocumentKind.ORGANISATION
    by_id = {hit.object_id: hit for hit in hits}
    actors = {
        actor.pk: actor
        for actor in model.objects.filter(pk__in=list(pairs)).only(
            "pk",
            "name",
            "name_en",
            "name_ar",
            "is_public",
            "actor_type",
            *(("stage",) if model is Venture else ()),
        )
    }
    facets = actor_facets(list(pairs))
    criteria = VENTURE_CRITERIA if about_side == "venture" else ORGANISATION_CRITERIA
    found = criteria_scores(list(pairs), criteria, views=[view])
    weights = FIT_WEIGHTS
    facets_names = _names_for(facets.values())
    items: list[Recommendation] = []
    excluded: list[Recommendation] = []
    for pk, fit in pairs.items():
        actor = actors.get(pk)
        if actor is None:
            continue
        stage = getattr(actor, "stage", "") or ""
        values: dict[str, float | None] = {key: fit.breakdown.get(key) for key in weights}
        _combined, components = components_of(values, weights)
        hit = by_id.get(pk)
        terms = tuple(hit.matched_terms) if hit else ()
        reasons = list(fit.reasons)
        if (reason := _terms_reason(terms)) is not None:
            reasons.append(reason)
        missing = [s.label for s in criteria_view(found, pk, criteria, view=view) if not s.assessed]
        if missing:
            reasons.append(_("Not assessed: %(names)s") % {"names": ", ".join(missing)})
        why_not = _constraint_failures(constraints, facets[pk], stage, facets_names)
        recommendation = Recommendation(
            kind=kind,
            object_id=pk,
            title=actor.display_name,
            url=_hebrew_url(actor),
            score=fit.score,
            components=components,
            reasons=tuple(reasons),
            matched_terms=terms,
            snippet=hit.snippet if hit else "",
            stage=stage,
            stage_label=_stage_label(stage),
            is_public=bool(actor.is_public),
            excluded_because=tuple(why_not),
            criteria=tuple(criteria_view(found, pk, criteria, view=view)),
        )
        (excluded if why_not else items).append(recommendation)
    items.sort(key=lambda r: (-r.score, r.title, r.object_id))
    excluded.sort(key=lambda r: (-r.score, r.title, r.object_id))
    return FitList(items=tuple(items[:limit]), excluded=tuple(excluded[:limit]))


def _hebrew_url(obj: Any) -> str:
    """The stored form of an address (the Hebrew one, unprefixed), as the index keeps it."""
    from django.utils import translation

    with translation.override("he"):
        return str(obj.get_absolute_url())


def _constraint_failures(
    constraints: Constraints | None,
    facets: Facets,
    stage: str,
    names: dict[str, dict[int, str]],
) -> list[str]:
    if not constraints:
        return []
    failures = []
    if constraints.domain_ids and not set(constraints.domain_ids) & facets.domains:
        wanted = taxonomy_names(Domain, constraints.domain_ids)
        failures.append(
            _("Not in the domain you asked for: %(names)s") % {"names": ", ".join(wanted)}
        )
    if constraints.region_ids and not set(constraints.region_ids) & facets.regions:
        wanted = taxonomy_names(Region, constraints.region_ids)
        failures.append(
            _("Not in the region you asked for: %(names)s") % {"names": ", ".join(wanted)}
        )
    if constraints.stages and stage not in constraints.stages:
        wanted = [_stage_label(s) for s in constraints.stages]
        failures.append(
            _("Not at the stage you asked for: %(names)s") % {"names": ", ".join(wanted)}
        )
    return failures


__all__ = [
    "COMPONENT_LABELS",
    "FIT_WEIGHTS",
    "Component",
    "CriterionScore",
    "Fit",
    "Recommendation",
    "combine",
    "criteria_component",
    "fit_for_organisation",
    "fit_for_venture",
    "overlap",
    "pair_fit",
    "route_text",
    "route_venture",
    "scout",
    "stretch_cosine",
]


# ---------------------------------------------------------------------------
# For a user: validation and visibility (shared by the pages, the API, the command)
# ---------------------------------------------------------------------------

ROUTE_TEXT_MAX = 5000
ROUTE_LIMIT_MAX = 50
MODES = ("hybrid", "lexical", "semantic")


def validate_route(
    text: str, kinds: Sequence[str], limit: int, mode: str = "hybrid"
) -> tuple[str, tuple[str, ...], int, str]:
    """The route request cleaned, or a ``DomainError`` with a translated message per field."""
    from django.core.exceptions import ValidationError

    from kaveret.core.errors import DomainError

    errors: dict[str, list[ValidationError]] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = [ValidationError(_("Describe the venture or idea."), code="required")]
    elif len(text) > ROUTE_TEXT_MAX:
        errors["text"] = [
            ValidationError(
                _("The text may be at most %(count)d characters; it has %(length)d.")
                % {"count": ROUTE_TEXT_MAX, "length": len(text)},
                code="max_length",
            )
        ]
    unknown = [kind for kind in kinds if kind not in ROUTING_KINDS]
    if unknown or not kinds:
        errors["kinds"] = [
            ValidationError(
                _("Choose among: community, call, challenge."),
                code="kinds",
            )
        ]
    if not isinstance(limit, int) or not 1 <= limit <= ROUTE_LIMIT_MAX:
        errors["limit"] = [
            ValidationError(
                _("The limit is a whole number from 1 to %(max)d.") % {"max": ROUTE_LIMIT_MAX},
                code="limit",
            )
        ]
    if mode not in MODES:
        errors["mode"] = [
            ValidationError(_("Choose among: hybrid, lexical, semantic."), code="mode")
        ]
    if errors:
        raise DomainError(errors)
    return text, tuple(dict.fromkeys(kinds)), limit, mode


def without_criteria_detail(item: Recommendation) -> Recommendation:
    """``item`` without the per-criterion scores (and notes) of staff's assessments: only
    the combined "criteria" component stays, which says that criteria were considered."""
    from dataclasses import replace

    missing = [c.label for c in item.criteria if not c.assessed]
    hidden = _("Not assessed: %(names)s") % {"names": ", ".join(missing)} if missing else None
    return replace(
        item,
        criteria=(),
        reasons=tuple(reason for reason in item.reasons if reason != hidden),
    )


def for_user(user: Any, recommendations: Sequence[Recommendation]) -> list[Recommendation]:
    """The recommendations ``user`` may see, in order, with addresses in the active language.

    The 1-5 criterion scores are staff's assessments of the other side: only ecosystem staff
    and platform admins (``can_assess_criteria``) see them one by one."""
    from dataclasses import replace

    from .rules import can_assess_criteria
    from .selectors import localised_url, visible_hits

    visible: list[Any] = visible_hits(user, recommendations)  # type: ignore[arg-type]
    detail = can_assess_criteria(user)
    return [
        replace(item if detail else without_criteria_detail(item), url=localised_url(item.url))
        for item in visible
    ]
