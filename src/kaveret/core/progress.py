"""How far a background task has come, as its ``update_state`` reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery.result import AsyncResult


@dataclass(frozen=True)
class TaskProgress:
    state: str
    current: int
    total: int

    @property
    def finished(self) -> bool:
        return self.state in {"SUCCESS", "FAILURE", "REVOKED"}

    @property
    def failed(self) -> bool:
        return self.state in {"FAILURE", "REVOKED"}


def task_progress(task_id: str) -> TaskProgress:
    """The task's state and its ``{"current", "total"}`` progress (zeros when unknown)."""
    result: AsyncResult[Any] = AsyncResult(task_id)
    info = result.info if isinstance(result.info, dict) else {}
    return TaskProgress(
        state=result.state,
        current=int(info.get("current", 0)),
        total=int(info.get("total", 0)),
    )


def percent(current: int, total: int) -> int:
    """``current`` out of ``total`` as a whole percentage; 0 when there is no total."""
    return round(100 * current / total) if total else 0
