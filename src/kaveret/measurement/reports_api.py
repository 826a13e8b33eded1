"""API: reports. Queue one (``POST /reports``), follow it (``GET /reports/{id}``) and
download its file (``GET /reports/{id}/file``). The same rules as the pages: a report one
may not produce, or a job that is not one's own, is not found (404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Router, Status

from kaveret.ecosystem.api import ERRORS, acting_user

from .models import ReportJob
from .report_tasks import request_report
from .reports_schemas import ReportIn, ReportOut
from .reports_services import get_job_for_user_or_404
from .reports_views import job_download, job_progress

router = Router(tags=["measurement"])


def _job_out(request: HttpRequest, job: ReportJob) -> dict[str, Any]:
    done = job.status == "done" and bool(job.file)
    return {
        "id": job.pk,
        "kind": job.kind,
        "kind_label": str(job.get_kind_display()),
        "params": job.params,
        "language": job.language,
        "format": job.format,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job_progress(job)["percent"],
        "error": job.error,
        "created_at": job.created_at,
        "file_url": (
            request.build_absolute_uri(reverse("api:report_file", args=[job.pk])) if done else None
        ),
        "page_url": request.build_absolute_uri(reverse("measurement:report_job", args=[job.pk])),
    }


@router.post("/reports", response={202: ReportOut, **ERRORS})
def queue_report(request: HttpRequest, payload: ReportIn) -> Status:
    """Queue a report; follow it with ``GET /reports/{id}`` until its status is ``done``."""
    user = acting_user(request)
    if not user.is_authenticated:
        raise PermissionDenied
    job = request_report(user, payload.kind, payload.params, payload.language, payload.format)
    job.refresh_from_db()
    return Status(202, _job_out(request, job))


@router.get("/reports/{report_id}", response={200: ReportOut, **ERRORS})
def get_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """A report's status, progress and, once ready, where to download it."""
    return _job_out(request, get_job_for_user_or_404(acting_user(request), report_id))


@router.get("/reports/{report_id}/file", response=ERRORS, url_name="report_file")
def report_file(request: HttpRequest, report_id: int) -> FileResponse:
    """The report's file (PDF or Excel); 404 until it is ready."""
    return job_download(get_job_for_user_or_404(acting_user(request), report_id))
