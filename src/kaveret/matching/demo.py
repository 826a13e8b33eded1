"""The demo matching: the Extreme TechAbility matchmaking event."""

from __future__ import annotations

from typing import Any


def load_matching_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the Extreme TechAbility matchmaking event.

    Safe to run again; returns how many were loaded.
    """
    return 0
