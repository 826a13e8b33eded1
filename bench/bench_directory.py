"""The venture directory under load, measured against a baseline page on the same server.

Steps: build (or reuse) a scratch SQLite database under var/bench/ with ``load_demo`` and
``load_demo --synthetic N``; collect static files; serve the app with gunicorn on a free
port of 127.0.0.1 with production settings (DEBUG off) plus ``/bench/baseline``; warm up;
send a bounded number of requests from concurrent client threads to each scenario; write
JSON to bench/results/ and print a summary. gunicorn is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib.util
import json
import math
import os
import platform
import random
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "bench"
VAR_DIR = ROOT / "var" / "bench"
RESULTS_DIR = BENCH_DIR / "results"
HOST = "127.0.0.1"
PAGE_SIZE = 25  # settings.KAVERET_PAGE_SIZE; the filtered scenario asks for page 3


def _load_text_module() -> Any:
    """kaveret.core.text, loaded by path: importing the kaveret package would start Celery."""
    spec = importlib.util.spec_from_file_location(
        "kaveret_text", ROOT / "src" / "kaveret" / "core" / "text.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


query_alternatives = _load_text_module().query_alternatives

HEBREW_WORD = re.compile(r"^[\u05d0-\u05ea]{3,}$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("directory benchmark")
    group.add_argument(
        "--ventures",
        type=int,
        default=50_000,
        help="synthetic ventures to load (default 50,000); a database with at least this "
        "many is reused",
    )
    group.add_argument(
        "--rebuild", action="store_true", help="rebuild the database even if it could be reused"
    )
    group.add_argument(
        "--requests",
        type=int,
        default=5000,
        help="at most this many measured requests per scenario (default 5,000)",
    )
    group.add_argument(
        "--warmup",
        type=int,
        default=100,
        help="warm-up requests per scenario, at most 5 seconds (default 100)",
    )
    group.add_argument(
        "--concurrency", type=int, default=4, help="concurrent client threads (default 4)"
    )
    group.add_argument(
        "--time-limit",
        type=float,
        default=20.0,
        help="stop measuring a scenario after this many seconds (default 20)",
    )
    group.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    group.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker; 1 means the sync worker class (default 1)",
    )
    group.add_argument(
        "--search", default="", help="the Hebrew word to search for (default: picked from names)"
    )


# --- Scratch database ------------------------------------------------------------------


def bench_env(db_path: Path, static_root: Path) -> dict[str, str]:
    """The environment of every subprocess: production settings on the scratch database."""
    dropped = {
        "DATABASE_URL",
        "REDIS_URL",
        "CELERY_BROKER_URL",
        "CELERY_RESULT_BACKEND",
        "DJANGO_SETTINGS_MODULE",
    }
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        PYTHONPATH=os.pathsep.join([str(BENCH_DIR), str(ROOT / "src")]),
        DJANGO_SETTINGS_MODULE="bench_settings",
        KAVERET_VAR_DIR=str(VAR_DIR),
        SQLITE_PATH=str(db_path),
        STATIC_ROOT=str(static_root),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    print(f"  $ manage.py {' '.join(args)}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed with exit code {result.returncode}")


def connect(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)


def venture_count(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with contextlib.closing(connect(db_path)) as db:
            return int(db.execute("SELECT COUNT(*) FROM ecosystem_venture").fetchone()[0])
    except sqlite3.Error:
        return 0


def remove_database(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def prepare_database(ventures: int, rebuild: bool, env: dict[str, str], db_path: Path) -> dict:
    """Reuse the database if it holds enough ventures; otherwise build it from scratch."""
    existing = venture_count(db_path)
    if existing >= ventures and not rebuild:
        print(f"Reusing {db_path.relative_to(ROOT)} ({existing:,} ventures)", flush=True)
        manage(env, "migrate", "--noinput", "-v0")  # a no-op unless migrations were added
        return {"reused": True, "build_seconds": None}
    print(f"Building {db_path.relative_to(ROOT)} with {ventures:,} synthetic ventures", flush=True)
    remove_database(db_path)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "load_demo", "--synthetic", str(ventures))
    build_seconds = time.perf_counter() - started
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    loaded = venture_count(db_path)
    if loaded < ventures:
        raise RuntimeError(f"load_demo left {loaded:,} ventures; {ventures:,} were asked for")
    return {"reused": False, "build_seconds": round(build_seconds, 1)}


DATA_TABLES = {
    "ventures": "ecosystem_venture",
    "organisations": "ecosystem_organisation",
    "relations": "ecosystem_relation",
    "people": "ecosystem_person",
    "affiliations": "ecosystem_affiliation",
    "domains": "ecosystem_domain",
    "target_populations": "ecosystem_targetpopulation",
    "regions": "ecosystem_region",
    "technologies": "ecosystem_technology",
    "actor_domain_links": "ecosystem_actor_domains",
    "actor_population_links": "ecosystem_actor_target_populations",
    "communities": "communities_community",
    "memberships": "communities_membership",
}


def data_sizes(db_path: Path) -> dict[str, Any]:
    with contextlib.closing(connect(db_path)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        sizes: dict[str, Any] = {
            label: int(db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
            for label, table in DATA_TABLES.items()
            if table in tables
        }
        sizes["public_ventures"] = int(
            db.execute(
                "SELECT COUNT(*) FROM ecosystem_venture v "
                "JOIN ecosystem_actor a ON a.id = v.actor_ptr_id WHERE a.is_public"
            ).fetchone()[0]
        )
    sizes["database_mb"] = round(db_path.stat().st_size / 2**20, 1)
    return sizes


# --- What to request -------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    description: str
    paths: list[str]
    details: dict[str, Any] = field(default_factory=dict)


def _search_matches(db: sqlite3.Connection, word: str) -> int:
    """Public ventures the directory search finds for ``word`` (the selector's condition)."""
    sql = (
        "SELECT COUNT(*) FROM ecosystem_venture v JOIN ecosystem_actor a ON a.id = v.actor_ptr_id"
        " WHERE a.is_public"
    )
    params: list[str] = []
    for alternatives in query_alternatives(word):
        sql += " AND (" + " OR ".join("a.search_text LIKE ?" for _ in alternatives) + ")"
        params += [f"% {form}%" for form in alternatives]
    return int(db.execute(sql, params).fetchone()[0])


def pick_search_word(db: sqlite3.Connection, public_ventures: int) -> str:
    """The rarest Hebrew word of venture names that is in at least 1% of public ventures.

    At least 26 ventures too, so that the first page is full. Ties go to the first word in
    alphabetical order, so that the same data always gives the same word.
    """
    frequency: Counter[str] = Counter()
    rows = db.execute(
        "SELECT a.name FROM ecosystem_venture v JOIN ecosystem_actor a ON a.id = v.actor_ptr_id"
        " WHERE a.is_public"
    )
    for (name,) in rows:
        frequency.update({word for word in name.split() if HEBREW_WORD.match(word)})
    if not frequency:
        raise RuntimeError("no Hebrew word in venture names to search for; pass --search")
    floor = max(PAGE_SIZE + 1, public_ventures // 100)
    common = [word for word, count in frequency.items() if count >= floor]
    if not common:
        return min(frequency, key=lambda word: (-frequency[word], word))
    return min(common, key=lambda word: (frequency[word], word))


def pick_scenarios(db_path: Path, search: str) -> list[Scenario]:
    with contextlib.closing(connect(db_path)) as db:
        public_ventures = int(
            db.execute(
                "SELECT COUNT(*) FROM ecosystem_venture v "
                "JOIN ecosystem_actor a ON a.id = v.actor_ptr_id WHERE a.is_public"
            ).fetchone()[0]
        )
        row = db.execute(
            "SELECT d.slug, COUNT(*) AS n FROM ecosystem_venture v"
            " JOIN ecosystem_actor a ON a.id = v.actor_ptr_id"
            " JOIN ecosystem_actor_domains ad ON ad.actor_id = a.id"
            " JOIN ecosystem_domain d ON d.id = ad.domain_id"
            " WHERE a.is_public AND v.stage = 'product_market_fit'"
            " GROUP BY d.slug ORDER BY n DESC, d.slug LIMIT 1"
        ).fetchone()
        if row is None:
            raise RuntimeError("no public product/market-fit venture with a domain")
        domain, filtered = row[0], int(row[1])
        page = min(3, math.ceil(filtered / PAGE_SIZE))
        word = search or pick_search_word(db, public_ventures)
        searched = _search_matches(db, word)

        # Venture pages: the ten busiest public ventures and 40 others, drawn with a fixed seed.
        busiest = [
            int(venture_id)
            for venture_id, _weight in db.execute(
                "SELECT t.id, COUNT(*) AS weight FROM ("
                " SELECT source_id AS id FROM ecosystem_relation"
                " UNION ALL SELECT target_id FROM ecosystem_relation"
                " UNION ALL SELECT actor_id FROM ecosystem_affiliation) t"
                " JOIN ecosystem_venture v ON v.actor_ptr_id = t.id"
                " JOIN ecosystem_actor a ON a.id = t.id WHERE a.is_public"
                " GROUP BY t.id ORDER BY weight DESC, t.id LIMIT 10"
            )
        ]
        public_ids = [
            int(r[0])
            for r in db.execute(
                "SELECT v.actor_ptr_id FROM ecosystem_venture v"
                " JOIN ecosystem_actor a ON a.id = v.actor_ptr_id WHERE a.is_public ORDER BY 1"
            )
        ]
        others = [pk for pk in public_ids if pk not in set(busiest)]
        venture_ids = busiest + random.Random(7).sample(others, min(40, len(others)))
        placeholders = ",".join("?" * len(venture_ids))
        relations_shown = int(
            db.execute(
                f"SELECT COUNT(*) FROM ecosystem_relation WHERE source_id IN ({placeholders})"
                f" OR target_id IN ({placeholders})",
                venture_ids + venture_ids,
            ).fetchone()[0]
        )

    filtered_query = urlencode({"stage": "product_market_fit", "domain": domain, "page": page})
    return [
        Scenario(
            "baseline", "minimal view rendering a small template, no query", ["/bench/baseline"]
        ),
        Scenario(
            "directory_filtered",
            "venture directory, stage and domain filters, page 3",
            [f"/ventures/?{filtered_query}"],
            {"domain": domain, "page": page, "matching_ventures": filtered},
        ),
        Scenario(
            "directory_search",
            "venture directory, no filter, search for a Hebrew word of names",
            [f"/ventures/?{urlencode({'q': word})}"],
            {"q": word, "matching_ventures": searched},
        ),
        Scenario(
            "venture_page",
            "venture pages: the 10 with most relations and people, 40 drawn at random",
            [f"/ventures/{pk}/" for pk in venture_ids],
            {
                "venture_ids": venture_ids,
                "mean_relations_per_page": round(relations_shown / len(venture_ids), 1),
            },
        ),
    ]


# --- Server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "he"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group (master and workers), then SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # workers left behind by a dead master
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    workers: int,
    threads: int,
    log: Path,
    *,
    app: str = "kaveret.wsgi:application",
    ready_path: str = "/healthz",
) -> Iterator[int]:
    """Serve ``app`` with gunicorn on a free local port until the block ends."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={'gthread' if threads > 1 else 'sync'}",
        "--timeout=120",
        "--graceful-timeout=10",
        "--no-control-socket",
        "--log-level=warning",
    ]
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{_tail(log)}")
                with contextlib.suppress(OSError, http.client.HTTPException):
                    if get(port, ready_path, timeout=5)[0] == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"gunicorn did not answer {ready_path} in 60 s:\n{_tail(log)}"
                    )
                time.sleep(0.2)
            print(f"gunicorn pid {process.pid} serving http://{HOST}:{port}/", flush=True)
            yield port
        finally:
            stop_process_group(process)
            print(f"gunicorn pid {process.pid} stopped", flush=True)


def note_load_average(report: dict[str, Any]) -> None:
    """Record the load average in the report, and warn when the machine is busy."""
    report["machine"]["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            f"warning: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other "
            "processes compete with the server and the figures will be noisy",
            file=sys.stderr,
        )


# --- Load ------------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def load(
    port: int, paths: list[str], *, requests: int, concurrency: int, time_limit: float
) -> dict[str, Any]:
    """Send ``requests`` GETs from ``concurrency`` threads, cycling through ``paths``."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    failures: Counter[str] = Counter()
    body_bytes = 0
    started = time.perf_counter()
    deadline = started + time_limit

    def client() -> None:
        nonlocal issued, body_bytes
        while True:
            with lock:
                if issued >= requests or time.perf_counter() > deadline:
                    return
                path = paths[issued % len(paths)]
                issued += 1
            begin = time.perf_counter()
            try:
                status, body = get(port, path)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    failures[type(error).__name__] += 1
                continue
            elapsed = time.perf_counter() - begin
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                body_bytes += len(body)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    completed = len(ordered)
    errors = sum(n for status, n in statuses.items() if status != 200) + sum(failures.values())
    return {
        "requests": completed,
        "errors": errors,
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
        "failures": dict(failures),
        "wall_seconds": round(wall, 3),
        "stopped_by_time_limit": issued < requests,
        "rps": round(completed / wall, 2) if wall else 0.0,
        "latency_ms": {
            "p50": round(percentile(ordered, 0.50) * 1000, 2),
            "p95": round(percentile(ordered, 0.95) * 1000, 2),
            "p99": round(percentile(ordered, 0.99) * 1000, 2),
            "max": round(ordered[-1] * 1000, 2) if ordered else None,
            "mean": round(sum(ordered) / completed * 1000, 2) if completed else None,
        },
        "mean_response_kb": round(body_bytes / completed / 1024, 1) if completed else None,
    }


def check_scenario(port: int, scenario: Scenario) -> None:
    """Each page answers 200 and, for the directories, shows a results table."""
    for path in dict.fromkeys(scenario.paths):
        status, body = get(port, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        if scenario.name.startswith("directory") and b"<tbody>" not in body:
            raise RuntimeError(f"{path} shows no results table")


# --- Report ----------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    import django

    memory_gib = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 2**20, 1)
    cpu_model = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    gunicorn_version = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model,
        "memory_gib": memory_gib,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "gunicorn": gunicorn_version,
    }


def git_revision() -> dict[str, Any]:
    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        return result.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def print_summary(report: dict[str, Any]) -> None:
    sizes = report["data"]
    server = report["server"]
    load_config = report["load"]
    print()
    print(
        f"Venture directory benchmark: {sizes.get('ventures', 0):,} ventures, "
        f"{sizes.get('organisations', 0):,} organisations, {sizes.get('relations', 0):,} "
        f"relations ({sizes['database_mb']} MB SQLite {report['machine']['sqlite']})"
    )
    print(
        f"gunicorn {server['workers']} {server['worker_class']} worker(s) x "
        f"{server['threads']} thread(s); {load_config['concurrency']} clients, "
        f"{load_config['requests_per_scenario']} requests per scenario after "
        f"{load_config['warmup_per_scenario']} warm-up; {report['machine']['cores']} cores, "
        f"load average {report['machine']['load_average_at_start'][0]} at start"
    )
    header = (
        f"{'scenario':<20}{'rps':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'rps/base':>10}{'p95/base':>10}{'errors':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, result in report["scenarios"].items():
        ratio = result.get("vs_baseline", {})
        print(
            f"{name:<20}{result['rps']:>9.1f}{result['latency_ms']['p50']:>9.1f}"
            f"{result['latency_ms']['p95']:>9.1f}{ratio.get('rps_ratio', 1.0):>10.3f}"
            f"{ratio.get('p95_ratio', 1.0):>10.1f}{result['errors']:>8}"
        )
    end = report["baseline_end"]
    print(
        f"(baseline again at the end: {end['rps']:.1f} rps, p95 {end['latency_ms']['p95']:.1f} ms)"
    )


# --- Run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    db_path = VAR_DIR / f"directory-{args.ventures}.sqlite3"
    static_root = VAR_DIR / "static"
    env = bench_env(db_path, static_root)

    database = prepare_database(args.ventures, args.rebuild, env, db_path)
    manage(env, "collectstatic", "--noinput", "--clear", "-v0")
    sizes = data_sizes(db_path)
    scenarios = pick_scenarios(db_path, args.search)

    worker_class = "gthread" if args.threads > 1 else "sync"
    report: dict[str, Any] = {
        "benchmark": "directory",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_revision(),
        "machine": machine_info(),
        "data": sizes,
        "database": {"path": str(db_path.relative_to(ROOT)), **database},
        "server": {
            "server": "gunicorn",
            "workers": args.workers,
            "threads": args.threads,
            "worker_class": worker_class,
            "bind": f"{HOST}:<free port>",
            "settings": "bench_settings (kaveret.settings + /bench/baseline)",
            "debug": False,
            "database": "SQLite, WAL, CONN_MAX_AGE=0 (a connection per request)",
            "static": "whitenoise, CompressedManifestStaticFilesStorage, collectstatic",
        },
        "load": {
            "generator": "Python threads, http.client, a new connection per request",
            "concurrency": args.concurrency,
            "requests_per_scenario": args.requests,
            "warmup_per_scenario": args.warmup,
            "time_limit_seconds": args.time_limit,
            "accept_language": "he",
        },
        "scenarios": {},
    }

    note_load_average(report)
    log = VAR_DIR / "gunicorn.log"
    with gunicorn(env, args.workers, args.threads, log) as port:
        for scenario in scenarios:
            check_scenario(port, scenario)
        for scenario in scenarios:
            print(f"  {scenario.name}: warm-up, then {args.requests} requests", flush=True)
            load(
                port,
                scenario.paths,
                requests=args.warmup,
                concurrency=args.concurrency,
                time_limit=min(5.0, args.time_limit),
            )
            result = load(
                port,
                scenario.paths,
                requests=args.requests,
                concurrency=args.concurrency,
                time_limit=args.time_limit,
            )
            report["scenarios"][scenario.name] = {
                "description": scenario.description,
                "paths": scenario.paths if len(scenario.paths) == 1 else [*scenario.paths[:3], "…"],
                **scenario.details,
                **result,
            }
        # The baseline once more, to see whether the machine drifted during the run.
        report["baseline_end"] = load(
            port,
            scenarios[0].paths,
            requests=args.requests,
            concurrency=args.concurrency,
            time_limit=args.time_limit,
        )

    baseline = report["scenarios"]["baseline"]
    for result in report["scenarios"].values():
        result["vs_baseline"] = {
            # below 1: fewer requests per second than the baseline
            "rps_ratio": round(result["rps"] / baseline["rps"], 4) if baseline["rps"] else None,
            # above 1: a slower 95th percentile than the baseline
            "p95_ratio": round(result["latency_ms"]["p95"] / baseline["latency_ms"]["p95"], 2),
        }
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (RESULTS_DIR / f"directory-{stamp}.json", RESULTS_DIR / "latest-directory.json"):
        path.write_text(text, encoding="utf-8")
    print_summary(report)
    print(f"\nWrote bench/results/directory-{stamp}.json and bench/results/latest-directory.json")
    errors = sum(result["errors"] for result in report["scenarios"].values())
    if errors:
        print(f"{errors} requests failed; see {log.relative_to(ROOT)}", file=sys.stderr)
        return 1
    return 0
