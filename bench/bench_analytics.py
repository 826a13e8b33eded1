"""The full analytics run on a large ecosystem: load_graph + compute_analytics, as staff see it.

Steps: build (or reuse) a scratch SQLite database under var/bench/ with ``load_demo`` and
``load_demo --synthetic N --relations-per-venture R`` (by default about 50,000 actors and
250,000 relations); then, in a child process with production settings, time what the
``recompute_analytics`` task does for the full-visibility snapshot: ``load_graph`` of
everything, then ``compute_analytics``. The run must finish within ``--limit`` seconds
(60). With ``--compare-networkx`` it also times networkx's sampled betweenness on the same
graph (networkx is not a dependency: install it by hand to compare). Writes JSON to
bench/results/ and prints a summary.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_directory import (
    RESULTS_DIR,
    ROOT,
    VAR_DIR,
    bench_env,
    connect,
    git_revision,
    manage,
    remove_database,
)

TARGET_ACTORS = 50_000
TARGET_RELATIONS = 250_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("analytics benchmark")
    group.add_argument(
        "--analytics-ventures",
        type=int,
        default=41_667,
        help="synthetic ventures for the analytics database (default 41,667: with ~N/5 "
        "organisations, 50,000 actors)",
    )
    group.add_argument(
        "--analytics-relations-per-venture",
        type=int,
        default=6,
        help="relations per synthetic venture (default 6: 250,000 relations)",
    )
    group.add_argument(
        "--analytics-limit",
        type=float,
        default=60.0,
        help="seconds the full analytics run may take (default 60)",
    )
    group.add_argument(
        "--compare-networkx",
        action="store_true",
        help="also time networkx's sampled betweenness on the same graph (needs networkx)",
    )
    group.add_argument(
        "--networkx-sources",
        type=int,
        default=20,
        help="sources for the networkx timing, extrapolated to igraph's sample (default 20)",
    )


def _count(db_path: Path, table: str) -> int:
    if not db_path.exists():
        return 0
    try:
        with contextlib.closing(connect(db_path)) as db:
            return int(db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
    except sqlite3.Error:
        return 0


def prepare_database(
    ventures: int, per_venture: int, rebuild: bool, env: dict[str, str], db_path: Path
) -> dict[str, Any]:
    """Reuse the database if it is big enough; otherwise build it from scratch."""
    wanted_relations = ventures * per_venture
    enough = _count(db_path, "ecosystem_venture") >= ventures and (
        _count(db_path, "ecosystem_relation") >= wanted_relations
    )
    if enough and not rebuild:
        print(f"Reusing {db_path.relative_to(ROOT)}", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        return {"reused": True, "build_seconds": None}
    print(f"Building {db_path.relative_to(ROOT)}", flush=True)
    remove_database(db_path)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(
        env,
        "load_demo",
        "--synthetic",
        str(ventures),
        "--relations-per-venture",
        str(per_venture),
    )
    build_seconds = time.perf_counter() - started
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"reused": False, "build_seconds": round(build_seconds, 1)}


# --- The child process: Django set up on the scratch database ---------------------------


def probe(compare_networkx: bool, networkx_sources: int) -> dict[str, Any]:
    """Time the full-visibility analytics run, as the recompute task does it."""
    import django

    django.setup()
    from kaveret.network import analytics
    from kaveret.network.graph import GraphFilters, load_graph

    started = time.perf_counter()
    graph = load_graph(analytics.viewer_for("full"), GraphFilters())
    loaded = time.perf_counter()
    data = analytics.compute_analytics(graph)
    finished = time.perf_counter()
    json.dumps(data)  # what the snapshot stores must serialise

    pairs = {(min(e.source, e.target), max(e.source, e.target)) for e in graph.edges}
    node_ids = sorted(graph.nodes)
    before = time.perf_counter()
    _values, method = analytics.betweenness(node_ids, pairs)
    igraph_seconds = time.perf_counter() - before
    result: dict[str, Any] = {
        "graph": {
            "actors": len(graph.nodes),
            "relations": len(graph.edges),
            "distinct_pairs": len(pairs),
            "communities": len(graph.communities),
            "memberships": sum(len(group.members) for group in graph.communities.values()),
        },
        "seconds": {
            "load_graph": round(loaded - started, 2),
            "compute_analytics": round(finished - loaded, 2),
            "total": round(finished - started, 2),
            "betweenness_igraph": round(igraph_seconds, 2),
        },
        "betweenness": method,
        "isolated_actors": data["ecosystem"]["isolated_count"],
        "shared_actors": data["shared_count"],
        "top_broker_betweenness": (
            data["ecosystem"]["brokers"][0]["betweenness"] if data["ecosystem"]["brokers"] else 0
        ),
    }
    result["sample_agreement"] = _sample_agreement(node_ids, pairs, method["sources"])
    if compare_networkx:
        result["networkx"] = _networkx_timing(node_ids, pairs, networkx_sources, method["sources"])
    return result


def _sample_agreement(
    node_ids: list[int], pairs: set[tuple[int, int]], sources: int
) -> dict[str, Any]:
    """How many of the top 10 brokers a four times larger sample of sources agrees on."""
    from kaveret.network import analytics

    def top(values: dict[int, float]) -> list[int]:
        return sorted(values, key=lambda node: (-values[node], node))[:10]

    small, _method = analytics.betweenness(node_ids, pairs, sample=sources)
    started = time.perf_counter()
    large, _method = analytics.betweenness(node_ids, pairs, sample=sources * 4)
    seconds = time.perf_counter() - started
    return {
        "larger_sample_sources": sources * 4,
        "larger_sample_seconds": round(seconds, 2),
        "top10_in_common": len(set(top(small)) & set(top(large))),
    }


def _networkx_timing(
    node_ids: list[int], pairs: set[tuple[int, int]], sources: int, igraph_sources: int
) -> dict[str, Any]:
    import networkx

    graph = networkx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(pairs)
    started = time.perf_counter()
    networkx.betweenness_centrality(graph, k=sources, seed=1)
    seconds = time.perf_counter() - started
    return {
        "version": networkx.__version__,
        "sources": sources,
        "seconds": round(seconds, 2),
        "extrapolated_seconds_for_igraph_sample": round(seconds * igraph_sources / sources, 1),
    }


# --- Run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    ventures, per_venture = args.analytics_ventures, args.analytics_relations_per_venture
    db_path = VAR_DIR / f"analytics-{ventures}-r{per_venture}.sqlite3"
    env = bench_env(db_path, VAR_DIR / "static")
    database = prepare_database(ventures, per_venture, args.rebuild, env, db_path)

    command = [sys.executable, __file__, "--probe"]
    if args.compare_networkx:
        command += ["--compare-networkx", "--networkx-sources", str(args.networkx_sources)]
    print("  timing load_graph + compute_analytics (full visibility)", flush=True)
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        print(completed.stderr, file=sys.stderr)
        return 1
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    ok = measured["seconds"]["total"] <= args.analytics_limit
    big_enough = (
        measured["graph"]["actors"] >= TARGET_ACTORS
        and measured["graph"]["relations"] >= TARGET_RELATIONS
    )
    report = {
        "benchmark": "analytics",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_revision(),
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "database": {"path": str(db_path.relative_to(ROOT)), **database},
        "limit_seconds": args.analytics_limit,
        "within_limit": ok,
        "target_size_reached": big_enough,
        **measured,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (RESULTS_DIR / f"analytics-{stamp}.json", RESULTS_DIR / "latest-analytics.json"):
        path.write_text(text, encoding="utf-8")
    graph, seconds = measured["graph"], measured["seconds"]
    print(
        f"\nAnalytics benchmark: {graph['actors']:,} actors, {graph['relations']:,} relations "
        f"({graph['distinct_pairs']:,} distinct pairs), {graph['communities']} communities"
    )
    print(
        f"load_graph {seconds['load_graph']} s + compute_analytics {seconds['compute_analytics']}"
        f" s = {seconds['total']} s (limit {args.analytics_limit:g} s: "
        f"{'met' if ok else 'MISSED'}); betweenness {measured['betweenness']}"
    )
    agreement = measured["sample_agreement"]
    print(
        f"top 10 brokers: {agreement['top10_in_common']} of 10 the same with "
        f"{agreement['larger_sample_sources']} sources ({agreement['larger_sample_seconds']} s)"
    )
    if "networkx" in measured:
        nx = measured["networkx"]
        print(
            f"networkx {nx['version']}: {nx['sources']} sources in {nx['seconds']} s, about "
            f"{nx['extrapolated_seconds_for_igraph_sample']} s for the same sample as igraph "
            f"({seconds['betweenness_igraph']} s)"
        )
    print(f"\nWrote bench/results/analytics-{stamp}.json and bench/results/latest-analytics.json")
    if not big_enough:
        print(
            "warning: the graph is smaller than 50,000 actors / 250,000 relations", file=sys.stderr
        )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--compare-networkx", action="store_true")
    parser.add_argument("--networkx-sources", type=int, default=20)
    options = parser.parse_args()
    print(json.dumps(probe(options.compare_networkx, options.networkx_sources)))
