"""The demo partnerships: the three case studies of seed 001 as design partnerships."""

from __future__ import annotations

from typing import Any


def load_partnerships_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the three case studies of seed 001 as design partnerships.

    Safe to run again; returns how many were loaded.
    """
    return 0
