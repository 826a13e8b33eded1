"""The network API: the analytics snapshot the caller may read."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from kaveret.ecosystem.api import ERRORS, acting_user

from .analytics import snapshot_for_user, visibility_for_user

router = Router(tags=["network"])


class AnalyticsOut(Schema):
    visibility: Literal["public", "full"]
    status: Literal["ready", "computing", "missing"]
    computed_at: datetime.datetime | None = None
    requested_at: datetime.datetime | None = None
    duration_seconds: float | None = None
    node_count: int = 0
    edge_count: int = 0
    figures: dict[str, Any] | None = None


@router.get("/analytics", response={200: AnalyticsOut, **ERRORS})
def analytics(request: HttpRequest) -> dict[str, Any]:
    """The latest analytics of what the caller may see: public actors, or everything for staff.

    ``status`` is ``ready`` (with ``figures``), ``computing`` (a run is queued or under way;
    ``figures`` are the previous ones, if any) or ``missing`` (never computed).
    """
    user = acting_user(request)
    snapshot = snapshot_for_user(user)
    visibility = visibility_for_user(user)
    if snapshot is None:
        return {"visibility": visibility, "status": "missing"}
    return {
        "visibility": visibility,
        "status": "computing" if snapshot.is_pending else "ready",
        "computed_at": snapshot.computed_at,
        "requested_at": snapshot.requested_at,
        "duration_seconds": snapshot.duration_seconds,
        "node_count": snapshot.node_count,
        "edge_count": snapshot.edge_count,
        "figures": snapshot.data or None,
    }
