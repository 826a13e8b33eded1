"""Background work of search: keeping the index fresh, rebuilding it."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from . import index


@shared_task
def index_object_task(kind: str, object_id: int) -> bool:
    """(Re)index one object after it was saved (drops its document if it is gone)."""
    return index.index_object(kind, object_id)


@shared_task
def index_community_contents_task(community_id: int) -> int:
    """Re-index what a community holds after the community itself changed."""
    return index.index_community_contents(community_id)


@shared_task
def delete_document_task(kind: str, object_id: int) -> int:
    """Drop the document of an object that was deleted."""
    return index.delete_document(kind, object_id)


@shared_task(bind=True)
def rebuild_index_task(
    self: Any, kinds: list[str] | None = None, reembed: bool = False
) -> dict[str, int]:
    """Re-index everything (or ``kinds``), reporting ``{"current", "total"}`` progress."""
    chosen = list(kinds or index.KINDS)
    total = sum(index.count_kind(kind) for kind in chosen)
    done = 0

    def progress(count: int) -> None:
        nonlocal done
        done += count
        if not self.request.called_directly:
            self.update_state(state="PROGRESS", meta={"current": done, "total": total})

    stats = index.rebuild(chosen, reembed=reembed, on_progress=progress)
    return {
        "current": done,
        "total": total,
        "indexed": stats.indexed,
        "embedded": stats.embedded,
        "reused": stats.reused,
        "deleted": stats.deleted,
    }
