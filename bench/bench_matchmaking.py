"""Benchmark: matchmaking — pairing 200 x 200 with capacities, scheduling 10 x 10 over 72 h.

Pure engine, no database or server: ``kaveret.matching.pairing`` and
``kaveret.matching.scheduling`` are loaded by path (importing the kaveret package would
start Celery). Each scenario is built from a fixed seed, run ``--matchmaking-repeat``
times; the median and the worst time are reported against the target (1 s each).

- **Pairing**: 200 ventures x 200 organisations, capacities 2-6, each side's interest
  drawn (must meet 10 %, would like 30 %, not interested 15 %, no answer the rest) and a
  fit score 0..1: stable matching (ventures propose) and maximum total weight (exact).
  The stable result is checked for blocking pairs, the maximum-weight one for
  capacities, and the two totals are reported.
- **Scheduling**: 10 ventures x 10 organisations paired with capacities 3-5 (maximum
  weight), 45-minute meetings with 15-minute breaks, four rooms, over 72 hours; each
  participant available for working hours on two or three of the three days, some with
  an evening. The schedule is validated with ``check_schedule``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_directory import RESULTS_DIR, ROOT, git_revision, machine_info

TARGET_SECONDS = 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("matchmaking benchmark")
    group.add_argument(
        "--matchmaking-size",
        type=int,
        default=200,
        help="ventures and organisations on each side of the pairing (default 200)",
    )
    group.add_argument(
        "--matchmaking-schedule-size",
        type=int,
        default=10,
        help="ventures and organisations on each side of the schedule (default 10)",
    )
    group.add_argument(
        "--matchmaking-repeat", type=int, default=5, help="runs of each scenario (default 5)"
    )
    group.add_argument("--matchmaking-seed", type=int, default=7, help="random seed (default 7)")


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        f"kaveret_{name}", ROOT / "src" / "kaveret" / "matching" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _configure_django() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False, USE_TZ=True, TIME_ZONE="Asia/Jerusalem")


def _timed(run: Any, repeat: int) -> tuple[Any, list[float]]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return result, times


def _summary(times: list[float]) -> dict[str, Any]:
    return {
        "median_seconds": round(statistics.median(times), 4),
        "worst_seconds": round(max(times), 4),
        "target_seconds": TARGET_SECONDS,
        "meets_target": max(times) < TARGET_SECONDS,
    }


def _pairing_instance(pairing: Any, size: int, seed: int) -> tuple[Any, Any, Any]:
    chooser = random.Random(seed)
    levels = [pairing.MUST_MEET] * 10 + [pairing.WOULD_LIKE] * 30 + [pairing.NOT_INTERESTED] * 15
    levels += [None] * (100 - len(levels))
    ventures = {v: chooser.randint(2, 6) for v in range(size)}
    organisations = {10_000 + o: chooser.randint(2, 6) for o in range(size)}
    weights = {}
    for venture in ventures:
        for organisation in organisations:
            value = pairing.combine_interest(
                chooser.choice(levels), chooser.choice(levels), chooser.random()
            )
            if value is not None:
                weights[(venture, organisation)] = value
    return ventures, organisations, weights


def bench_pairing(pairing: Any, size: int, repeat: int, seed: int) -> dict[str, Any]:
    ventures, organisations, weights = _pairing_instance(pairing, size, seed)
    stable, stable_times = _timed(
        lambda: pairing.stable_matching(ventures, organisations, weights), repeat
    )
    best, best_times = _timed(
        lambda: pairing.max_weight_matching(ventures, organisations, weights), repeat
    )
    blocking = pairing.blocking_pairs(ventures, organisations, weights, stable)
    over = [
        key
        for key, capacity in {**ventures, **organisations}.items()
        if sum(key in pair for pair in best) > capacity
    ]
    return {
        "ventures": size,
        "organisations": size,
        "allowed_pairs": len(weights),
        "capacity_total": sum(ventures.values()),
        "stable": {
            **_summary(stable_times),
            "pairs": len(stable),
            "total_weight": round(sum(weights[p].weight for p in stable), 2),
            "blocking_pairs": len(blocking),
        },
        "max_weight": {
            **_summary(best_times),
            "pairs": len(best),
            "total_weight": round(sum(weights[p].weight for p in best), 2),
            "over_capacity": len(over),
        },
    }


def _availability(chooser: random.Random, start: datetime) -> list[tuple[datetime, datetime]]:
    slots = []
    for day in sorted(chooser.sample(range(3), chooser.choice((2, 3, 3)))):
        base = start + timedelta(days=day)
        begin = chooser.choice((0, 0, 1, 2))  # 9:00, 10:00 or 11:00 local
        end = chooser.choice((5, 7, 8))  # 14:00, 16:00 or 17:00
        slots.append((base + timedelta(hours=begin), base + timedelta(hours=end)))
        if chooser.random() < 0.25:
            slots.append((base + timedelta(hours=9), base + timedelta(hours=11)))
    return slots


def bench_scheduling(
    pairing: Any, scheduling: Any, size: int, repeat: int, seed: int
) -> dict[str, Any]:
    chooser = random.Random(seed)
    start = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 9:00 in Israel
    window = (start, start + timedelta(hours=72))
    ventures = {v: chooser.randint(3, 5) for v in range(size)}
    organisations = {100 + o: chooser.randint(3, 5) for o in range(size)}
    weights = {
        (v, o): pairing.combine_interest(
            chooser.choice([pairing.MUST_MEET, pairing.WOULD_LIKE, None, None]),
            chooser.choice([pairing.MUST_MEET, pairing.WOULD_LIKE, None, None]),
            chooser.random(),
        )
        for v in ventures
        for o in organisations
    }
    pairs = pairing.max_weight_matching(ventures, organisations, weights)
    availability = {person: _availability(chooser, start) for person in [*ventures, *organisations]}
    rooms = ["חדר 1", "חדר 2", "חדר 3", "https://meet.example/online"]
    to_schedule = [scheduling.PairToSchedule(key, v, o) for key, (v, o) in enumerate(pairs)]
    result, times = _timed(
        lambda: scheduling.build_schedule(
            to_schedule,
            availability,
            window,
            meeting_minutes=45,
            break_minutes=15,
            rooms=rooms,
        ),
        repeat,
    )
    violations = scheduling.check_schedule(
        result.meetings, availability, window, break_minutes=15, rooms=rooms
    )
    reasons: dict[str, int] = {}
    for item in result.unscheduled:
        reasons[item.reason] = reasons.get(item.reason, 0) + 1
    return {
        "ventures": size,
        "organisations": size,
        "hours": 72,
        "pairs": len(pairs),
        **_summary(times),
        "scheduled": result.scheduled_count,
        "unscheduled_by_reason": reasons,
        "violations": len(violations),
    }


def run(args: argparse.Namespace) -> int:
    _configure_django()
    pairing = _load("pairing")
    scheduling = _load("scheduling")
    size = getattr(args, "matchmaking_size", 200)
    schedule_size = getattr(args, "matchmaking_schedule_size", 10)
    repeat = max(1, getattr(args, "matchmaking_repeat", 5))
    seed = getattr(args, "matchmaking_seed", 7)
    report: dict[str, Any] = {
        "benchmark": "matchmaking",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "machine": machine_info(),
        "repeat": repeat,
        "seed": seed,
    }
    report["pairing"] = bench_pairing(pairing, size, repeat, seed)
    report["scheduling"] = bench_scheduling(pairing, scheduling, schedule_size, repeat, seed)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (
        RESULTS_DIR / f"matchmaking-{stamp}.json",
        RESULTS_DIR / "latest-matchmaking.json",
    ):
        path.write_text(text, encoding="utf-8")
    stable = report["pairing"]["stable"]
    best = report["pairing"]["max_weight"]
    schedule = report["scheduling"]
    print(
        f"pairing {size}x{size}: stable {stable['median_seconds']:.3f} s median "
        f"({stable['pairs']} pairs, {stable['blocking_pairs']} blocking), "
        f"max-weight {best['median_seconds']:.3f} s median ({best['pairs']} pairs, "
        f"total {best['total_weight']} vs stable {stable['total_weight']})",
        flush=True,
    )
    print(
        f"schedule {schedule_size}x{schedule_size} over 72 h: {schedule['median_seconds']:.3f} s "
        f"median, {schedule['scheduled']}/{schedule['pairs']} pairs scheduled, "
        f"{schedule['violations']} violations, unscheduled {schedule['unscheduled_by_reason']}",
        flush=True,
    )
    ok = (
        stable["meets_target"]
        and best["meets_target"]
        and schedule["meets_target"]
        and stable["blocking_pairs"] == 0
        and best["over_capacity"] == 0
        and schedule["violations"] == 0
    )
    return 0 if ok else 1
