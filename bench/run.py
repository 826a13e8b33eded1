"""Kaveret benchmarks: ``make bench`` runs them, each writes JSON to bench/results/.

Run one by hand with options, e.g. ``.venv/bin/python bench/run.py --ventures 5000``.
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_analytics
import bench_directory
import bench_map
import bench_matchmaking
import bench_review_console
import bench_search
import bench_search_quality

BENCHMARKS = {
    "analytics": bench_analytics,
    "directory": bench_directory,
    "map": bench_map,
    "matchmaking": bench_matchmaking,
    "review_console": bench_review_console,
    "search": bench_search,
    "search_quality": bench_search_quality,
}


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through the ``finally`` blocks that stop gunicorn.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", choices=sorted(BENCHMARKS), action="append", help="run only this benchmark"
    )
    for module in BENCHMARKS.values():
        module.add_arguments(parser)
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)

    status = 0
    for name in args.only or sorted(BENCHMARKS):
        print(f"== {name} ==", flush=True)
        status = max(status, BENCHMARKS[name].run(args))
    return status


if __name__ == "__main__":
    sys.exit(main())
