"""Benchmark: matchmaking (written by the matching work; see docs/benchmarks.md)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of this benchmark (prefixed --matchmaking-...)."""


def run(args: argparse.Namespace) -> int:
    print("not written yet", flush=True)
    return 1
