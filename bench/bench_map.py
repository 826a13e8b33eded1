"""The map's data endpoint with 5,000 actors and 20,000 relations, against a JSON baseline.

Steps: build (or reuse) a scratch SQLite database under var/bench/ holding exactly the
asked-for numbers of public actors and relations, in communities that overlap; collect
static files; serve the app with gunicorn (production settings, DEBUG off) plus
``/bench/baseline.json``, a view that returns a small JSON document without touching the
database; warm up; measure each scenario one request at a time (the figure that matters is
how long one map takes to arrive), then with concurrent clients; write JSON to
bench/results/ and print a summary. gunicorn is stopped whatever happens.

The database is built by this file run as a script (``bench_map.py build``) in the
benchmark's environment: bulk inserts, a few seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_directory import (
    RESULTS_DIR,
    ROOT,
    VAR_DIR,
    bench_env,
    get,
    git_revision,
    gunicorn,
    load,
    machine_info,
    manage,
    note_load_average,
)

TARGET_MS = 300.0
COMMUNITIES = 8


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("map benchmark")
    group.add_argument(
        "--map-actors", type=int, default=5000, help="actors on the map (default 5,000)"
    )
    group.add_argument(
        "--map-relations", type=int, default=20_000, help="relations on the map (default 20,000)"
    )
    group.add_argument(
        "--map-rebuild", action="store_true", help="rebuild the map database even if it exists"
    )
    group.add_argument(
        "--map-requests",
        type=int,
        default=100,
        help="measured requests per scenario and client setting (default 100)",
    )
    group.add_argument(
        "--map-time-limit",
        type=float,
        default=30.0,
        help="stop measuring a scenario after this many seconds (default 30)",
    )


# --- Scratch database ------------------------------------------------------------------


def _counts(db_path: Path) -> tuple[int, int]:
    if not db_path.exists():
        return 0, 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
            actors = int(db.execute("SELECT COUNT(*) FROM ecosystem_actor").fetchone()[0])
            relations = int(db.execute("SELECT COUNT(*) FROM ecosystem_relation").fetchone()[0])
            return actors, relations
    except sqlite3.Error:
        return 0, 0


def prepare_database(
    args: argparse.Namespace, env: dict[str, str], db_path: Path
) -> dict[str, Any]:
    """Reuse the database if it holds exactly the asked-for graph; otherwise build it."""
    if _counts(db_path) == (args.map_actors, args.map_relations) and not args.map_rebuild:
        print(f"Reusing {db_path.relative_to(ROOT)}", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        return {"reused": True, "build_seconds": None}
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "build",
        str(args.map_actors),
        str(args.map_relations),
    ]
    print(f"  $ bench_map.py build {args.map_actors} {args.map_relations}", flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return {"reused": False, "build_seconds": round(time.perf_counter() - started, 1)}


def build_graph(actors: int, relations: int, seed: int = 11) -> None:
    """Public organisations and ventures, relations mostly inside communities (Django set up).

    One actor in five is an organisation, of every kind; four in ten actors belong to a
    community and one in twenty to two, so that the communities overlap as in seed 000.
    """
    from django.db import transaction

    from kaveret.communities.models import Community, Membership, MemberType
    from kaveret.ecosystem.choices import (
        ActorType,
        OrganisationKind,
        RelationKind,
        VentureStage,
        VentureType,
        sector_for_kind,
    )
    from kaveret.ecosystem.models import Actor, Organisation, Relation, Venture

    rng = random.Random(seed)
    kinds = list(OrganisationKind.values)
    with transaction.atomic():
        communities = [
            Community.objects.create(
                name=f"קהילת מפה {index}", name_en=f"Map community {index}", slug=f"map-{index}"
            )
            for index in range(COMMUNITIES)
        ]
        parents = Actor.objects.bulk_create(
            [
                Actor(
                    actor_type=ActorType.ORGANISATION if index % 5 == 0 else ActorType.VENTURE,
                    name=f"{'ארגון' if index % 5 == 0 else 'מיזם'} מפה {index}",
                    name_en=f"Map actor {index}",
                    is_public=True,
                )
                for index in range(actors)
            ],
            batch_size=500,
        )
        for index, parent in enumerate(parents):
            child: Organisation | Venture
            if parent.actor_type == ActorType.ORGANISATION:
                kind = kinds[index % len(kinds)]
                child = Organisation(actor_ptr=parent, kind=kind, sector=sector_for_kind(kind))
            else:
                child = Venture(
                    actor_ptr=parent,
                    venture_type=rng.choice(VentureType.values),
                    stage=rng.choice(VentureStage.values),
                )
            child.save_base(raw=True, force_insert=True)
        home: dict[int, int] = {}
        memberships = []
        for parent in parents:
            draw = rng.random()
            if draw < 0.45:
                first = rng.randrange(COMMUNITIES)
                home[parent.pk] = first
                joined = [first] if draw < 0.40 else [first, (first + 1) % COMMUNITIES]
                memberships += [
                    Membership(
                        community=communities[c], actor=parent, member_type=MemberType.ENTREPRENEUR
                    )
                    for c in joined
                ]
        Membership.objects.bulk_create(memberships, batch_size=1000)
        by_community: dict[int, list[int]] = {}
        for actor_id, community in home.items():
            by_community.setdefault(community, []).append(actor_id)
        ids = [parent.pk for parent in parents]
        relation_kinds = list(RelationKind.values)
        seen: set[tuple[int, int, str]] = set()
        rows = []
        while len(rows) < relations:
            source = rng.choice(ids)
            if source in home and rng.random() < 0.7:
                target = rng.choice(by_community[home[source]])
            else:
                target = rng.choice(ids)
            kind = rng.choice(relation_kinds)
            if source == target or (source, target, kind) in seen:
                continue
            seen.add((source, target, kind))
            level = rng.randint(1, 5) if kind == RelationKind.PARTNERSHIP else None
            rows.append(Relation(source_id=source, target_id=target, kind=kind, level=level))
        Relation.objects.bulk_create(rows, batch_size=1000)


# --- Server ----------------------------------------------------------------------------

_application: Callable[..., Any] | None = None


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
    """The WSGI app gunicorn serves: Kaveret plus ``/bench/baseline.json``."""
    global _application
    if _application is None:
        _application = _make_application()
    return _application(environ, start_response)


def _make_application() -> Callable[..., Any]:
    from django.core.wsgi import get_wsgi_application
    from django.http import HttpRequest, JsonResponse
    from django.urls import path

    wsgi = get_wsgi_application()
    import bench_urls

    def baseline_json(request: HttpRequest) -> JsonResponse:
        """A small JSON document, no database: what every JSON answer pays for Django."""
        return JsonResponse({"items": list(range(10)), "name": "baseline"})

    # Before the first request, so the URL resolver (cached on first use) includes it.
    bench_urls.urlpatterns.insert(0, path("bench/baseline.json", baseline_json))
    return wsgi


# --- Run -------------------------------------------------------------------------------

SCENARIOS = {
    "baseline_json": ("a small JSON view, no database", "/bench/baseline.json"),
    "map_data": ("the map data, no filter: the whole graph", "/en/network/map/data.json"),
    "map_data_community": (
        "the map data filtered to one community",
        "/en/network/map/data.json?community=map-0",
    ),
    "map_page": ("the map page with its first table page", "/en/network/map/?sort=-degree"),
}


def check(port: int, actors: int, relations: int) -> dict[str, Any]:
    """The endpoint answers the whole graph: the numbers asked for."""
    status, body = get(port, SCENARIOS["map_data"][1])
    if status != 200:
        raise RuntimeError(f"map data answered {status}")
    data = json.loads(body)
    if (len(data["nodes"]), len(data["edges"])) != (actors, relations):
        raise RuntimeError(
            f"map data has {len(data['nodes'])} nodes and {len(data['edges'])} edges; "
            f"{actors} and {relations} were expected"
        )
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"]), "kb": round(len(body) / 1024)}


def run(args: argparse.Namespace) -> int:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    db_path = VAR_DIR / f"map-{args.map_actors}-{args.map_relations}.sqlite3"
    env = bench_env(db_path, VAR_DIR / "static")
    database = prepare_database(args, env, db_path)
    manage(env, "collectstatic", "--noinput", "--clear", "-v0")

    report: dict[str, Any] = {
        "benchmark": "map",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_revision(),
        "machine": machine_info(),
        "database": {"path": str(db_path.relative_to(ROOT)), **database},
        "target_ms": TARGET_MS,
        "server": {
            "server": "gunicorn",
            "workers": 2,
            "worker_class": "sync",
            "settings": "bench_settings (kaveret.settings) + /bench/baseline.json",
            "debug": False,
            "database": "SQLite, WAL, CONN_MAX_AGE=0 (a connection per request)",
        },
        "load": {
            "generator": "Python threads, http.client, a new connection per request",
            "requests_per_scenario": args.map_requests,
            "client_settings": {"sequential": 1, "concurrent": 4},
            "visitor": "anonymous (all actors and relations are public)",
        },
        "scenarios": {},
    }
    note_load_average(report)
    log = VAR_DIR / "gunicorn-map.log"
    with gunicorn(
        env, 2, 1, log, app="bench_map:application", ready_path="/bench/baseline.json"
    ) as port:
        report["graph"] = check(port, args.map_actors, args.map_relations)
        for name, (description, path) in SCENARIOS.items():
            print(f"  {name}: warm-up, then {args.map_requests} requests", flush=True)
            load(port, [path], requests=10, concurrency=1, time_limit=10.0)
            result: dict[str, Any] = {"description": description, "path": path}
            for setting, concurrency in report["load"]["client_settings"].items():
                result[setting] = load(
                    port,
                    [path],
                    requests=args.map_requests,
                    concurrency=concurrency,
                    time_limit=args.map_time_limit,
                )
            report["scenarios"][name] = result

    baseline = report["scenarios"]["baseline_json"]["sequential"]["latency_ms"]
    for result in report["scenarios"].values():
        latency = result["sequential"]["latency_ms"]
        result["vs_baseline"] = {
            "p50_ratio": round(latency["p50"] / baseline["p50"], 1),
            "p95_ratio": round(latency["p95"] / baseline["p95"], 1),
        }
    data = report["scenarios"]["map_data"]["sequential"]["latency_ms"]
    report["meets_target"] = data["p95"] < TARGET_MS
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (RESULTS_DIR / f"map-{stamp}.json", RESULTS_DIR / "latest-map.json"):
        path.write_text(text, encoding="utf-8")
    print_summary(report)
    print(f"\nWrote bench/results/map-{stamp}.json and bench/results/latest-map.json")
    errors = sum(
        result[setting]["errors"]
        for result in report["scenarios"].values()
        for setting in report["load"]["client_settings"]
    )
    if errors:
        print(f"{errors} requests failed; see {log.relative_to(ROOT)}", file=sys.stderr)
        return 1
    if not report["meets_target"]:
        print(f"the map data p95 is over {TARGET_MS:.0f} ms", file=sys.stderr)
        return 1
    return 0


def print_summary(report: dict[str, Any]) -> None:
    graph = report["graph"]
    print()
    print(
        f"Map benchmark: {graph['nodes']:,} nodes, {graph['edges']:,} edges, "
        f"{graph['kb']:,} KB of JSON; target p95 < {TARGET_MS:.0f} ms "
        f"({'met' if report['meets_target'] else 'MISSED'})"
    )
    header = (
        f"{'scenario':<20}{'p50 ms':>9}{'p95 ms':>9}{'p50/base':>10}{'p95/base':>10}"
        f"{'rps x4':>9}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, result in report["scenarios"].items():
        sequential = result["sequential"]
        print(
            f"{name:<20}{sequential['latency_ms']['p50']:>9.1f}"
            f"{sequential['latency_ms']['p95']:>9.1f}{result['vs_baseline']['p50_ratio']:>10.1f}"
            f"{result['vs_baseline']['p95_ratio']:>10.1f}{result['concurrent']['rps']:>9.1f}"
            f"{sequential['errors'] + result['concurrent']['errors']:>8}"
        )


if __name__ == "__main__" and sys.argv[1:2] == ["build"]:
    import django

    sys.path.insert(0, str(ROOT / "src"))
    django.setup()
    build_graph(int(sys.argv[2]), int(sys.argv[3]))
elif __name__ == "__main__":
    from run import main

    sys.exit(main(["--only", "map", *sys.argv[1:]]))
