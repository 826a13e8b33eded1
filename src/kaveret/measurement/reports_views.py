"""Pages of the reports: what the user may produce, the request form, a job's progress and
its file, and the published work plan's PDF by year.

A job is seen by whoever requested it (while they may still produce that report) and by
platform admins; anyone else is told it does not exist (404).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_http_methods

from kaveret.core.errors import DomainError
from kaveret.core.progress import percent, task_progress
from kaveret.core.uploads import protected_file_response
from kaveret.ecosystem.forms import attach_domain_error

from .models import ReportJob, ReportStatus
from .report_tasks import request_report
from .reports import cached_workplan_pdf
from .reports_forms import ReportRequestForm
from .reports_services import (
    CONTENT_TYPES,
    get_job_for_user_or_404,
    job_file_name,
    published_plan_of_year,
    report_languages,
    reportable,
)

JOBS_PER_PAGE = 20


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """What the user may produce, and the reports they asked for."""
    jobs = Paginator(
        ReportJob.objects.filter(requested_by_id=request.user.pk).order_by("-created_at", "-pk"),
        JOBS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "measurement/reports/list.html",
        {"reportable": reportable(request.user), "jobs": jobs, "page": jobs},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_request(request: HttpRequest) -> HttpResponse:
    available = reportable(request.user)
    if request.method == "POST":
        form = ReportRequestForm(request.POST, reportable=available)
        if form.is_valid():
            try:
                job = request_report(
                    request.user,
                    form.cleaned_data["kind"],
                    form.params(),
                    form.cleaned_data["language"],
                    form.cleaned_data["format"],
                )
            except DomainError as error:
                attach_domain_error(form, error)
            else:
                return redirect("measurement:report_job", pk=job.pk)
        status = 400
    else:
        initial = {
            key: request.GET[key]
            for key in ("kind", "plan", "community", "call", "year")
            if request.GET.get(key)
        }
        initial.setdefault("language", translation.get_language() or "he")
        form = ReportRequestForm(
            reportable=available,
            initial={"format": "pdf", "year": timezone.localdate().year, **initial},
        )
        status = 200
    return render(
        request,
        "measurement/reports/request.html",
        {"form": form, "reportable": available},
        status=status,
    )


def job_progress(job: ReportJob) -> dict[str, Any]:
    if job.status == ReportStatus.DONE:
        return {"current": 1, "total": 1, "percent": 100}
    if job.status == ReportStatus.RUNNING and job.task_id:
        progress = task_progress(job.task_id)
        return {
            "current": progress.current,
            "total": progress.total,
            "percent": percent(progress.current, progress.total),
        }
    return {"current": 0, "total": 0, "percent": 0}


def _in_progress(job: ReportJob) -> bool:
    return job.status in {ReportStatus.QUEUED, ReportStatus.RUNNING}


@login_required
@require_GET
def report_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user_or_404(request.user, pk)
    return render(
        request,
        "measurement/reports/job.html",
        {"job": job, "in_progress": _in_progress(job), **job_progress(job)},
    )


@login_required
@require_GET
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress alone, polled by htmx; once the job ends the page reloads."""
    job = get_job_for_user_or_404(request.user, pk)
    in_progress = _in_progress(job)
    response = render(
        request,
        "measurement/reports/_progress.html",
        {"job": job, "in_progress": in_progress, **job_progress(job)},
    )
    if not in_progress and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"
    return response


def job_download(job: ReportJob) -> FileResponse:
    """The file of a ready job as a protected download; 404 while it is not ready."""
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404
    stored = SimpleNamespace(
        file=job.file,
        original_name=job_file_name(job),
        content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
    return protected_file_response(stored)


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    return job_download(get_job_for_user_or_404(request.user, pk))


@require_GET
def report_workplan_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The published plan of ``year`` as a PDF (``?lang=he|en|ar``, Hebrew by default;
    ``?plan=<id>`` names the plan when several organisations have one that year). Only a
    plan the viewer may see; 404 otherwise."""
    plan = published_plan_of_year(year, request.user, request.GET.get("plan"))
    language = request.GET.get("lang", "he")
    if language not in report_languages():
        language = "he"
    response = HttpResponse(cached_workplan_pdf(plan, language), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kaveret-workplan-{plan.year}-{language}.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
