"""The network listens to the ecosystem: changed relations make the analytics stale."""

from __future__ import annotations

from typing import Any

from kaveret.ecosystem.signals import relations_changed

from .tasks import request_analytics_recompute


def recompute_when_relations_change(sender: Any, **kwargs: Any) -> None:
    request_analytics_recompute()


def connect() -> None:
    relations_changed.connect(
        recompute_when_relations_change, dispatch_uid="network.recompute_analytics"
    )
