"""Search quality: lexical only, semantic only and hybrid on the labelled matching set.

Steps: build a scratch SQLite database under var/bench/ (``migrate``, ``load_demo``,
``rebuild_index``) in child processes; then, in one more child process with Django set up
on that database, read bench/eval/matching_eval.json and measure the recommenders:

- routing (a venture, or a free text in Hebrew, English or Arabic → the community, call or
  challenge it belongs with): top-1 and top-3 accuracy;
- scouting (a challenge, or a challenge-like text → ventures with graded relevance):
  nDCG@10.

Each of lexical, semantic and hybrid is measured; hybrid is then swept over the fusion
parameters (reciprocal rank fusion's k and lexical weight; the min-max blend's weight)
and the best setting is reported as the one to use for ``DEFAULT_FUSION``, with a two-fold
check (chosen on half of the cases, scored on the other half) so over-fitting shows.
Writes JSON to bench/results/search_quality-<time>.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "bench"
VAR_DIR = ROOT / "var" / "bench"
RESULTS_DIR = BENCH_DIR / "results"
EVAL_SET = BENCH_DIR / "eval" / "matching_eval.json"
DB_NAME = "search-quality.sqlite3"

ROUTING_KINDS = ("community", "call", "challenge")
RRF_KS = (1, 5, 10, 20, 30, 60, 100)
RRF_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
BLEND_WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("search-quality benchmark")
    group.add_argument(
        "--quality-rebuild",
        action="store_true",
        help="rebuild the scratch demo database even if one exists",
    )
    group.add_argument(
        "--quality-no-sweep",
        action="store_true",
        help="measure the three modes with the current DEFAULT_FUSION only",
    )
    group.add_argument(
        "--quality-eval-set",
        default=str(EVAL_SET),
        help="the labelled set to read (default bench/eval/matching_eval.json)",
    )


# --- The parent: scratch database and child processes -------------------------------------


def _env(db_path: Path) -> dict[str, str]:
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
        DEBUG="0",
        SECRET_KEY="search-quality-bench-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        CELERY_TASK_ALWAYS_EAGER="1",
        SEARCH_INDEX_ON_SAVE="0",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    print(f"  $ manage.py {' '.join(args)}", flush=True)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed with exit code {result.returncode}")


def prepare(db_path: Path, rebuild: bool, env: dict[str, str]) -> dict[str, Any]:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if rebuild or not db_path.exists():
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_demo")
        reused = False
    else:
        _manage(env, "migrate", "--noinput", "-v0")
        reused = True
    # Vectors whose text did not change are reused, so this is quick on a reused database.
    _manage(env, "rebuild_index", "--quiet")
    return {"reused": reused, "prepare_seconds": round(time.perf_counter() - started, 1)}


def run(args: argparse.Namespace) -> int:
    db_path = VAR_DIR / DB_NAME
    env = _env(db_path)
    report: dict[str, Any] = {
        "benchmark": "search_quality",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        report["database"] = prepare(db_path, bool(getattr(args, "quality_rebuild", False)), env)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "--eval-set",
            str(getattr(args, "quality_eval_set", EVAL_SET)),
            "--out",
            str(out),
        ]
        if getattr(args, "quality_no_sweep", False):
            command.append("--no-sweep")
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"the evaluation worker failed with exit code {result.returncode}")
        report.update(json.loads(out.read_text(encoding="utf-8")))
        out.unlink(missing_ok=True)
        report["evaluation_seconds"] = round(time.perf_counter() - started, 1)
    except Exception as error:
        print(f"search_quality failed: {error}", flush=True)
        return 1
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"search_quality-{stamp}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print_summary(report)
    print(f"Wrote {path.relative_to(ROOT)}", flush=True)
    return 0


def print_summary(report: dict[str, Any]) -> None:
    print("", flush=True)
    print(f"{'setting':<36} {'top-1':>6} {'top-3':>6} {'mix@1':>6} {'mix@3':>6} {'nDCG@10':>8}")
    for name, figures in report["modes"].items():
        print(
            f"{name:<36} {figures['routing_top1']:>6.3f} {figures['routing_top3']:>6.3f} "
            f"{figures['routing_mixed_top1']:>6.3f} {figures['routing_mixed_top3']:>6.3f} "
            f"{figures['scouting_ndcg10']:>8.3f}"
        )
    chosen = report.get("chosen_fusion")
    if chosen:
        print(f"Chosen fusion: {chosen['fusion']} (objective {chosen['objective']:.3f})")
        check = report.get("two_fold_check", {})
        if check:
            print(f"Two-fold check (chosen on one half, scored on the other): {check}")
    print(f"Cases: {report['cases']}", flush=True)


# --- The worker: Django on the scratch database ---------------------------------------------


def ndcg_at(ranked: list[Any], grades: dict[Any, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain with gains 2^grade - 1."""
    dcg = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(position + 2)
        for position, item in enumerate(ranked[:k])
    )
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(ideal))
    return dcg / best if best else 0.0


OBJECTIVE = (
    "routing_top1",
    "routing_top3",
    "routing_mixed_top1",
    "routing_mixed_top3",
    "scouting_ndcg10",
)


def _objective(figures: dict[str, float]) -> float:
    """What the sweep maximises: the mean of the five figures."""
    return sum(figures[name] for name in OBJECTIVE) / len(OBJECTIVE)


def _aggregate(per_case: dict[str, Any], ids: set[str] | None = None) -> dict[str, float]:
    routing = [v for k, v in per_case["routing"].items() if ids is None or k in ids]
    scouting = [v for k, v in per_case["scouting"].items() if ids is None or k in ids]
    return {
        "routing_top1": round(sum(r["top1"] for r in routing) / max(1, len(routing)), 4),
        "routing_top3": round(sum(r["top3"] for r in routing) / max(1, len(routing)), 4),
        "routing_mixed_top1": round(
            sum(r["mixed_top1"] for r in routing) / max(1, len(routing)), 4
        ),
        "routing_mixed_top3": round(
            sum(r["mixed_top3"] for r in routing) / max(1, len(routing)), 4
        ),
        "scouting_ndcg10": round(sum(scouting) / max(1, len(scouting)), 4),
    }


def worker(eval_set: Path, out: Path, sweep: bool) -> int:  # pragma: no cover - a child
    import django

    django.setup()
    from kaveret.calls.models import Call
    from kaveret.challenges.models import Challenge
    from kaveret.communities.models import Community
    from kaveret.ecosystem.demo.actors import VENTURES
    from kaveret.ecosystem.models import Venture
    from kaveret.matching import engine, recommend
    from kaveret.matching.fusion import DEFAULT_FUSION, Fusion
    from kaveret.matching.models import SearchDocument

    # The same texts are embedded once for every setting.
    original_query = engine.embed_query
    queries_cache: dict[str, Any] = {}

    def embed_query(text: str) -> Any:
        if text not in queries_cache:
            queries_cache[text] = original_query(text)
        return queries_cache[text]

    engine.embed_query = embed_query  # type: ignore[assignment]
    passages_cache: dict[str, Any] = {}
    original_passages = engine.embed_passages

    def embed_passages(texts: list[str]) -> Any:
        import numpy as np

        missing = [text for text in texts if text not in passages_cache]
        if missing:
            for text, vector in zip(missing, original_passages(missing), strict=True):
                passages_cache[text] = vector
        return np.stack([passages_cache[text] for text in texts])

    engine.embed_passages = embed_passages  # type: ignore[assignment]

    data = json.loads(eval_set.read_text(encoding="utf-8"))
    names = {spec.key: spec.name for spec in VENTURES}
    ventures = {v.name: v for v in Venture.objects.all()}

    def venture(key: str) -> Any:
        return ventures[names.get(key, key)]

    ids = {
        "community": dict(Community.objects.values_list("slug", "pk")),
        "challenge": dict(Challenge.objects.values_list("slug", "pk")),
        "call": dict(Call.objects.values_list("slug", "pk")),
    }
    challenges = {c.slug: c for c in Challenge.objects.all()}

    def evaluate(mode: str, fusion: Any) -> dict[str, Any]:
        per_case: dict[str, Any] = {"routing": {}, "scouting": {}}
        mixed: dict[str, list[tuple[str, int]]] = {}

        def route(case: dict[str, Any], kinds: tuple[str, ...]) -> list[Any]:
            if "venture" in case:
                return recommend.route_venture(
                    venture(case["venture"]),
                    kinds=kinds,
                    limit=10,
                    mode=mode,
                    fusion=fusion,
                    closed_last=False,
                )
            return recommend.route_text(
                case["query"], kinds=kinds, limit=10, mode=mode, fusion=fusion, closed_last=False
            )

        for case in data["routing"]:
            kind = case["kinds"][0]
            expected = {ids[kind][slug] for slug in case["expected"]}
            got = [r.object_id for r in route(case, (kind,))]
            # The same case ranked among all three kinds at once (16 candidates).
            source = case.get("venture") or case["query"]
            if source not in mixed:
                mixed[source] = [(r.kind, r.object_id) for r in route(case, ROUTING_KINDS)]
            wanted = {(kind, object_id) for object_id in expected}
            per_case["routing"][case["id"]] = {
                "top1": bool(got[:1] and got[0] in expected),
                "top3": bool(set(got[:3]) & expected),
                "mixed_top1": bool(set(mixed[source][:1]) & wanted),
                "mixed_top3": bool(set(mixed[source][:3]) & wanted),
            }
        for case in data["scouting"]:
            if "challenge" in case:
                ranked = recommend.scout(
                    challenges[case["challenge"]], limit=10, mode=mode, fusion=fusion
                )
            else:
                ranked = recommend.scout_text(case["query"], limit=10, mode=mode, fusion=fusion)
            grades = {venture(key).pk: grade for key, grade in case["relevant"].items()}
            per_case["scouting"][case["id"]] = round(
                ndcg_at([r.object_id for r in ranked], grades), 4
            )
        return per_case

    documents = SearchDocument.objects.count()
    with_vectors = SearchDocument.objects.filter(embedding__isnull=False).count()
    results: dict[str, Any] = {
        "cases": {"routing": len(data["routing"]), "scouting": len(data["scouting"])},
        "index": {"documents": documents, "with_vectors": with_vectors},
        "default_fusion": vars(DEFAULT_FUSION),
        "modes": {},
        "per_case": {},
    }
    started = time.perf_counter()
    for mode in ("lexical", "semantic", "hybrid"):
        per_case = evaluate(mode, DEFAULT_FUSION if mode == "hybrid" else None)
        label = mode if mode != "hybrid" else f"hybrid (default {_label(DEFAULT_FUSION)})"
        results["modes"][label] = _aggregate(per_case)
        results["per_case"][mode] = per_case
    if sweep:
        settings = [Fusion("rrf", k, w) for k in RRF_KS for w in RRF_WEIGHTS] + [
            Fusion("blend", 60, w) for w in BLEND_WEIGHTS
        ]
        sweep_cases = {}
        sweep_results = []
        for fusion in settings:
            per_case = evaluate("hybrid", fusion)
            sweep_cases[_label(fusion)] = per_case
            figures = _aggregate(per_case)
            sweep_results.append(
                {"fusion": _label(fusion), **figures, "objective": round(_objective(figures), 4)}
            )
        results["sweep"] = sweep_results
        best = max(
            sweep_results,
            key=lambda r: (r["objective"], r["scouting_ndcg10"], -abs(_k_of(r["fusion"]) - 60)),
        )
        results["chosen_fusion"] = best
        results["modes"][f"hybrid (chosen {best['fusion']})"] = {
            key: best[key] for key in OBJECTIVE
        }
        results["two_fold_check"] = _two_fold(data, sweep_cases)
    results["evaluation_seconds_inner"] = round(time.perf_counter() - started, 1)
    out.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    return 0


def _label(fusion: Any) -> str:
    if fusion.method == "rrf":
        return f"rrf k={fusion.k} w_lex={fusion.lexical_weight}"
    return f"blend w_lex={fusion.lexical_weight}"


def _k_of(label: str) -> int:
    for part in label.split():
        if part.startswith("k="):
            return int(part[2:])
    return 60


def _two_fold(data: dict[str, Any], sweep_cases: dict[str, Any]) -> dict[str, Any]:
    """Choose the fusion on the even cases and score it on the odd ones, and vice versa."""
    cases = [case["id"] for case in (*data["routing"], *data["scouting"])]
    halves = (set(cases[0::2]), set(cases[1::2]))
    check = {}
    for name, (choose_on, score_on) in (("even→odd", halves), ("odd→even", halves[::-1])):
        best = max(
            sweep_cases, key=lambda label: _objective(_aggregate(sweep_cases[label], choose_on))
        )
        check[name] = {
            "chosen": best,
            "held_out": _aggregate(sweep_cases[best], score_on),
            "held_out_default": _aggregate(
                sweep_cases.get("rrf k=60 w_lex=0.5", sweep_cases[best]), score_on
            ),
        }
    return check


if __name__ == "__main__":  # pragma: no cover - the child process
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--eval-set", default=str(EVAL_SET))
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-sweep", action="store_true")
    options = parser.parse_args()
    sys.exit(worker(Path(options.eval_set), Path(options.out), not options.no_sweep))
