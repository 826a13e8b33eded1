"""Pages for importing into the registry and exporting its directories.

Import is for ecosystem staff (``ecosystem.import_ecosystem``): upload, read the dry run,
confirm; a background task applies it while the page shows its progress. Export is for
whoever may read the directory, with the directory's own filters and visibility.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from kombu.exceptions import OperationalError

from kaveret.accounts.roles import is_platform_admin
from kaveret.core.progress import percent, task_progress

from . import selectors
from .exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, export_directory, template_file
from .forms import OrganisationFilterForm, VentureFilterForm
from .imports import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    Outcome,
    normalised_filename,
    read_upload,
)
from .models import ImportJob
from .tasks import apply_import, check_import

FILE_FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
RECENT_JOBS = 10
# A report of 30,000 rows is read by filtering it (refused rows first), not by scrolling.
ROWS_SHOWN = 500
WORKER_UNREACHABLE_ON_UPLOAD = gettext_lazy(
    "The file could not be sent for checking: the background worker cannot be reached. "
    "Nothing was saved; try again in a few minutes."
)
WORKER_UNREACHABLE_ON_CONFIRM = gettext_lazy(
    "The import could not be started: the background worker cannot be reached. "
    "Nothing was changed; try again in a few minutes."
)

logger = logging.getLogger(__name__)


# --- Export ----------------------------------------------------------------------------


def _download(content: bytes, *, file_format: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FILE_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@require_GET
def organisation_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in FILE_FORMATS:
        raise Http404
    form = OrganisationFilterForm(request.GET or None)
    queryset = selectors.organisation_directory(request.user, form.filters())
    content = export_directory(ImportJob.Kind.ORGANISATIONS, queryset, file_format)
    filename = f"organisations-{timezone.localdate():%Y-%m-%d}"
    return _download(content, file_format=file_format, filename=filename)


@require_GET
def venture_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in FILE_FORMATS:
        raise Http404
    form = VentureFilterForm(request.GET or None)
    queryset = selectors.venture_directory(request.user, form.filters())
    content = export_directory(ImportJob.Kind.VENTURES, queryset, file_format)
    filename = f"ventures-{timezone.localdate():%Y-%m-%d}"
    return _download(content, file_format=file_format, filename=filename)


# --- Import ----------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportJob.Kind)
    file = forms.FileField(
        label=gettext_lazy("File (CSV or Excel .xlsx, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _require_import_permission(request: HttpRequest) -> None:
    if not request.user.has_perm("ecosystem.import_ecosystem"):
        raise PermissionDenied


def get_import_job_for_user_or_404(user: Any, pk: int) -> ImportJob:
    """The job, if the user uploaded it (or is a platform admin); otherwise 404."""
    job = ImportJob.objects.filter(pk=pk).first()
    if job is None or not user.has_perm("ecosystem.import_ecosystem"):
        raise Http404
    if job.created_by_id != user.pk and not is_platform_admin(user):
        raise Http404
    return job


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    _require_import_permission(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = _check_uploaded_file(request, form)
        if job is not None:
            return redirect("ecosystem:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by_id=request.user.pk)[:RECENT_JOBS]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ecosystem/import_start.html",
        {"form": form, "jobs": jobs, "kinds": ImportJob.Kind.choices},
        status=status,
    )


def _check_uploaded_file(request: HttpRequest, form: ImportUploadForm) -> ImportJob | None:
    """Refuse a bad file at once; otherwise keep it and check its rows in the background."""
    uploaded = form.cleaned_data["file"]
    data = uploaded.read(MAX_IMPORT_BYTES + 1)
    kind = form.cleaned_data["kind"]
    try:
        table = read_upload(kind=kind, data=data, filename=uploaded.name)
    except ImportFileError as error:
        form.add_error("file", error)
        return None
    job = ImportJob(
        created_by_id=cast(int, request.user.pk),
        kind=kind,
        original_name=uploaded.name[:255],
        encoding=table.encoding,
        language=translation.get_language() or "he",
        status=ImportJob.Status.CHECKING,
        task_id=str(uuid.uuid4()),
    )
    job.file.save(normalised_filename(uploaded.name), ContentFile(data), save=False)
    job.save()
    try:
        check_import.apply_async(args=(job.pk,), task_id=job.task_id)
    except OperationalError:
        # Nobody would ever check this job: rather than leave it "being checked" forever,
        # forget it and its file and let the user upload again.
        logger.exception("import: the check of job %s could not be queued", job.pk)
        job.file.delete(save=False)
        job.delete()
        form.add_error(None, WORKER_UNREACHABLE_ON_UPLOAD)
        return None
    return job


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_import_job_for_user_or_404(request.user, pk)
    report = job.result if job.status == ImportJob.Status.DONE else job.report
    counts = report.get("counts", {})
    outcome = request.GET.get("outcome", "")
    rows = report.get("rows", [])
    if outcome in Outcome.values:
        rows = [row for row in rows if row["outcome"] == outcome]
    context = {
        "job": job,
        "report": report,
        "rows": rows[:ROWS_SHOWN],
        "rows_not_shown": max(len(rows) - ROWS_SHOWN, 0),
        "outcome": outcome,
        "outcome_counts": [
            (value, label, counts.get(value, 0)) for value, label in Outcome.choices
        ],
        "outcome_labels": dict(Outcome.choices),
        "applicable": counts.get(Outcome.CREATED, 0) + counts.get(Outcome.UPDATED, 0),
        **_progress(job),
    }
    return render(request, "ecosystem/import_job.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_import_job_for_user_or_404(request.user, pk)
    task_id = str(uuid.uuid4())
    # Conditional update: a second click (or a second tab) cannot queue the job twice.
    queued = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.QUEUED, task_id=task_id
    )
    if queued:
        try:
            apply_import.apply_async(args=(job.pk,), task_id=task_id)
        except OperationalError:
            logger.exception("import: job %s could not be queued", job.pk)
            # Back to waiting for confirmation, unless something else moved it meanwhile.
            ImportJob.objects.filter(
                pk=job.pk, status=ImportJob.Status.QUEUED, task_id=task_id
            ).update(status=ImportJob.Status.CHECKED)
            messages.error(request, WORKER_UNREACHABLE_ON_CONFIRM)
    return redirect("ecosystem:import_job", pk=job.pk)


def _progress(job: ImportJob) -> dict[str, Any]:
    total = len(job.report.get("rows", []))
    current = 0 if job.is_in_progress else total
    if job.task_id and job.is_in_progress:
        progress = task_progress(job.task_id)
        current = progress.current
        total = progress.total or total
    return {"current": current, "total": total, "percent": percent(current, total)}


@login_required
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone, polled by htmx; once the task ends the page reloads."""
    job = get_import_job_for_user_or_404(request.user, pk)
    response = render(request, "ecosystem/import_progress.html", {"job": job, **_progress(job)})
    if not job.is_in_progress and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    """An empty template (headings in the user's language and one example row)."""
    _require_import_permission(request)
    if kind not in ImportJob.Kind.values or file_format not in FILE_FORMATS:
        raise Http404
    content = template_file(kind, file_format)
    return _download(content, file_format=file_format, filename=f"kaveret-template-{kind}")
