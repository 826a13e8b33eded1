"""The demo portfolio: the JDC-Elka work plan for 2021 (seed 004)."""

from __future__ import annotations

from typing import Any


def load_measurement_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the 2021 work plan of seed 004, indicators and assessments.

    Safe to run again; returns how many programmes were loaded.
    """
    return 0
