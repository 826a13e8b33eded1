"""The network listens to the ecosystem: changed actors or relations make the analytics stale."""

from __future__ import annotations

from typing import Any

from kaveret.ecosystem.signals import ecosystem_changed

from .tasks import request_analytics_recompute


def recompute_when_the_ecosystem_changes(sender: Any, **kwargs: Any) -> None:
    request_analytics_recompute()


def connect() -> None:
    ecosystem_changed.connect(
        recompute_when_the_ecosystem_changes, dispatch_uid="network.recompute_analytics"
    )
