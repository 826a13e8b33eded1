"""Long reports made in the background: queue a ``ReportJob``, make it, keep its file.

``request_report`` checks who may produce the report and queues ``make_report`` once the
job is saved; the task marks the job running, reports ``{"current", "total"}`` progress
(``kaveret.core.progress``), keeps the file under MEDIA_ROOT (never static) and marks the
job ready, or failed with a message in the job's language.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from .models import ReportJob, ReportStatus
from .reports_services import check_choice, file_name, job_subject, render_report, subject_for

logger = logging.getLogger(__name__)


def request_report(
    user: Any,
    kind: str,
    params: dict[str, Any],
    language: str,
    format: str,
) -> ReportJob:
    """Queue the report ``kind`` on ``params``: 404 if ``user`` may not produce it,
    ``DomainError`` for a wrong language, format or year."""
    check_choice(language, format)
    subject = subject_for(user, kind, params)
    clean: dict[str, Any] = {}
    if subject.kind == "workplan":
        clean = {"plan": subject.obj.pk, "year": subject.obj.year}
    elif subject.kind == "community_year":
        clean = {"community": subject.obj.slug, "year": subject.year}
    else:
        clean = {"call": subject.obj.slug}
    job = ReportJob.objects.create(
        kind=kind,
        params=clean,
        language=language,
        format=format,
        requested_by=user,
        task_id=str(uuid.uuid4()),
    )
    transaction.on_commit(lambda: _queue(job))
    return job


def _queue(job: ReportJob) -> None:
    try:
        make_report.apply_async(args=(job.pk,), task_id=job.task_id)
    except OperationalError:
        logger.exception("reports: job %s could not be queued", job.pk)
        with translation.override(job.language):
            message = _("The report could not be queued; try again in a few minutes.")
        ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.FAILED, error=message)


def run_report_job(job_id: int, on_progress: Any = None) -> ReportJob | None:
    """Make the file of job ``job_id`` (a queued job only; a second run does nothing)."""
    started = ReportJob.objects.filter(pk=job_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING
    )
    job = ReportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or not started:
        return job
    subject = job_subject(job)
    try:
        if subject is None:
            with translation.override(job.language):
                raise LookupError(
                    _("The subject of this report is gone, or you may no longer see it.")
                )

        def progress(current: int, total: int) -> None:
            if on_progress is not None:
                on_progress(current, total)

        content = render_report(subject, job.language, job.format, progress)
    except Exception as error:  # recorded on the job (and logged); the task does not retry
        logger.exception("reports: job %s failed", job_id)
        with translation.override(job.language):
            message = (
                str(error) if isinstance(error, LookupError) else _("The report could not be made.")
            )
        ReportJob.objects.filter(pk=job_id).update(status=ReportStatus.FAILED, error=message)
        job.refresh_from_db()
        return job
    job.file.save(
        f"{uuid.uuid4().hex}/{file_name(subject, job.language, job.format)}",
        ContentFile(content),
        save=False,
    )
    job.status = ReportStatus.DONE
    job.error = ""
    job.save(update_fields=["file", "status", "error", "updated_at"])
    return job


@shared_task(bind=True)
def make_report(self: Any, job_id: int) -> dict[str, Any]:
    """Make one report job's file, reporting progress as ``{"current", "total"}``."""
    reached = {"current": 0, "total": 0}

    def progress(current: int, total: int) -> None:
        reached.update(current=current, total=total)
        if not self.request.called_directly:
            self.update_state(state="PROGRESS", meta={"current": current, "total": total})

    job = run_report_job(job_id, progress)
    return {**reached, "status": job.status if job else "missing"}
