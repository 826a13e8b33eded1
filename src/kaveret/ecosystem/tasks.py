"""Background work of the ecosystem registry."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .models import Actor

BATCH_SIZE = 1000


@shared_task(bind=True)
def rebuild_search_text(self: Any) -> dict[str, int]:
    """Recompute every actor's Hebrew-normalised search text, reporting progress.

    Needed after the normalisation rules change (an upgrade) or after rows were written
    without going through the services (a raw import). Progress is reported to the result
    backend as ``{"current": n, "total": m}`` so a page can show a progress bar.
    """
    total = Actor.objects.count()
    done = 0
    last_pk = 0
    while True:
        batch = list(Actor.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE])
        if not batch:
            break
        for actor in batch:
            actor.refresh_search_text()
        Actor.objects.bulk_update(batch, ["search_text"])
        done += len(batch)
        last_pk = batch[-1].pk
        if not self.request.called_directly:
            self.update_state(state="PROGRESS", meta={"current": done, "total": total})
    return {"current": done, "total": total}


def _report_progress(task: Any) -> Any:
    def progress(current: int, total: int) -> None:
        if not task.request.called_directly:
            task.update_state(state="PROGRESS", meta={"current": current, "total": total})

    return progress


@shared_task(bind=True)
def check_import(self: Any, job_id: int) -> dict[str, int]:
    """Dry-run an uploaded import (``ImportJob``) row by row, reporting progress."""
    from .imports import check_import_job

    job = check_import_job(job_id=job_id, progress=_report_progress(self))
    rows = len(job.report.get("rows", []))
    return {"current": rows, "total": rows}


@shared_task(bind=True)
def apply_import(self: Any, job_id: int) -> dict[str, int]:
    """Apply a confirmed import (``ImportJob``), reporting progress like the rebuild above."""
    from .imports import apply_import_job

    job = apply_import_job(job_id=job_id, progress=_report_progress(self))
    rows = len(job.result.get("rows", [])) if job.result else 0
    return {"current": rows, "total": rows}
