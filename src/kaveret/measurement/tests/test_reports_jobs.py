"""Report jobs: asked for on the page or through the API, made in the background (eager in
tests), shown with their progress, downloadable only by who may produce them; the
published work plan's PDF by year; the command line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import Client
from openpyxl import load_workbook

from kaveret.core.errors import DomainError
from kaveret.measurement.models import ReportJob, ReportStatus
from kaveret.measurement.report_tasks import request_report, run_report_job
from kaveret.testing.factories import UserFactory
from kaveret.testing.measurement_factories import WorkPlanFactory
from kaveret.testing.measurement_reports_factories import (
    SEED_TOTAL,
    community_year,
    decided_call,
    seed_plan,
)
from kaveret.testing.partnerships_factories import community_manager

pytestmark = pytest.mark.django_db


def _workbook_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return str([list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets])


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_a_manager_asks_for_the_community_report_and_downloads_it(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    community = community_year(2025)
    manager = community_manager(community)
    client.force_login(manager)
    page = client.get("/en/measurement/reports/")
    assert page.status_code == 200 and community.display_name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/measurement/reports/new/",
            {
                "kind": "community_year",
                "community": community.slug,
                "year": "2025",
                "language": "en",
                "format": "xlsx",
            },
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/reports/{job.pk}/")
    assert job.status == ReportStatus.DONE and job.requested_by == manager
    assert job.file.name.startswith("measurement/reports/")  # under MEDIA_ROOT
    text = client.get(f"/en/measurement/reports/{job.pk}/").content.decode()
    assert "The report is ready." in text and f"/reports/{job.pk}/file/" in text
    download = client.get(f"/measurement/reports/{job.pk}/file/")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert "מפגש שולחן עגול" in _workbook_text(_body(download))
    # Someone else, even another community's manager, is told it does not exist.
    client.force_login(community_manager(community_year(2024)))
    assert client.get(f"/measurement/reports/{job.pk}/file/").status_code == 404
    assert client.get(f"/measurement/reports/{job.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/measurement/reports/{job.pk}/file/").status_code == 302


def test_only_staff_may_ask_for_a_community_or_call_report() -> None:
    call = decided_call()
    member = UserFactory()
    for kind, params in (
        ("community_year", {"community": call.community.slug, "year": 2025}),
        ("call_results", {"call": call.slug}),
    ):
        with pytest.raises(Http404):
            request_report(member, kind, params, "he", "pdf")
    assert not ReportJob.objects.exists()
    with pytest.raises(DomainError):
        request_report(
            community_manager(call.community), "call_results", {"call": call.slug}, "xx", "pdf"
        )


def test_a_failed_job_shows_a_translated_error_and_no_download(client: Client) -> None:
    plan = WorkPlanFactory(is_published=True)
    user = UserFactory()
    job = request_report(user, "workplan", {"plan": plan.pk}, "en", "pdf")
    plan.is_published = False  # the plan is withdrawn before the worker starts
    plan.save()
    run_report_job(job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED
    assert "may no longer see it" in job.error
    assert ReportJob.objects.get(pk=job.pk).file.name == ""


def test_the_job_page_polls_its_progress_while_queued(client: Client) -> None:
    plan = WorkPlanFactory(is_published=True)
    user = UserFactory()
    job = request_report(user, "workplan", {"plan": plan.pk}, "he", "pdf")  # not run yet
    client.force_login(user)
    page = client.get(f"/en/measurement/reports/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    assert f"/reports/{job.pk}/file/" not in page
    assert client.get(f"/measurement/reports/{job.pk}/file/").status_code == 404
    run_report_job(job.pk)
    partial = client.get(f"/en/measurement/reports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"
    assert "hx-trigger" not in partial.content.decode()


def test_the_request_form_offers_only_what_the_user_may_produce(client: Client) -> None:
    call = decided_call()
    hidden = WorkPlanFactory(is_published=False, title="תכנית טיוטה")
    client.force_login(UserFactory())
    page = client.get("/en/measurement/reports/new/").content.decode()
    assert call.slug not in page and "תכנית טיוטה" not in page
    response = client.post(
        "/en/measurement/reports/new/",
        {"kind": "workplan", "plan": str(hidden.pk), "language": "he", "format": "pdf"},
    )
    assert response.status_code == 400 and not ReportJob.objects.exists()


def test_the_api_queues_follows_and_serves_a_report(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    call = decided_call()
    manager = community_manager(call.community)
    anonymous = client.post(
        "/api/v1/reports",
        {"kind": "call_results", "params": {"call": call.slug}},
        content_type="application/json",
    )
    assert anonymous.status_code == 401
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(
            "/api/v1/reports",
            {
                "kind": "call_results",
                "params": {"call": call.slug},
                "format": "xlsx",
                "language": "en",
            },
            content_type="application/json",
        )
    assert queued.status_code == 202, queued.content
    report_id = queued.json()["id"]
    status = client.get(f"/api/v1/reports/{report_id}").json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["file_url"].endswith(f"/api/v1/reports/{report_id}/file")
    content = _body(client.get(f"/api/v1/reports/{report_id}/file"))
    text = _workbook_text(content)
    assert "מיזם הזהב" in text and "120000" in text
    client.force_login(UserFactory())
    assert client.get(f"/api/v1/reports/{report_id}").status_code == 404
    assert client.get(f"/api/v1/reports/{report_id}/file").status_code == 404
    by_year = client.post(
        "/api/v1/reports",
        {"kind": "workplan", "params": {"year": 2021}, "format": "xlsx"},
        content_type="application/json",
    )
    assert by_year.status_code == 404  # no plan that year
    seed_plan(year=2021)
    with django_capture_on_commit_callbacks(execute=True):
        by_year = client.post(
            "/api/v1/reports",
            {"kind": "workplan", "params": {"year": 2021}, "format": "xlsx"},
            content_type="application/json",
        )
    assert by_year.status_code == 202
    made = client.get(f"/api/v1/reports/{by_year.json()['id']}").json()
    assert made["status"] == "done" and made["params"]["year"] == 2021
    refused = client.post(
        "/api/v1/reports",
        {"kind": "call_results", "params": {"call": call.slug}},
        content_type="application/json",
    )
    assert refused.status_code == 404


def test_the_published_plan_pdf_downloads_by_year_and_a_draft_does_not(client: Client) -> None:
    plan = seed_plan(year=2021)
    response = client.get("/measurement/reports/workplan/2021.pdf?lang=en")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert "workplan-2021-en.pdf" in response["Content-Disposition"]
    # Laid out once: the same data gives the same file, from the cache.
    assert client.get("/measurement/reports/workplan/2021.pdf?lang=en").content == response.content
    plan.is_published = False
    plan.save()
    assert client.get("/measurement/reports/workplan/2021.pdf").status_code == 404
    assert client.get("/measurement/reports/workplan/1999.pdf").status_code == 404


def test_the_command_writes_the_work_plan_and_explains_unknown_subjects(tmp_path: Path) -> None:
    seed_plan(year=2021)
    out = tmp_path / "plan.xlsx"
    call_command("report", "workplan", "--year", "2021", "--format", "xlsx", "--out", str(out))
    assert SEED_TOTAL.replace(",", "") in _workbook_text(out.read_bytes())
    pdf = tmp_path / "plan.pdf"
    call_command("report", "workplan", "--year", "2021", "--lang", "he", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Years with a plan: 2021"):
        call_command("report", "workplan", "--year", "2030", "--out", str(pdf))
    with pytest.raises(CommandError, match="No community"):
        call_command("report", "community", "--slug", "nope", "--year", "2025", "--out", str(pdf))
    with pytest.raises(CommandError, match="No call"):
        call_command("report", "call", "--slug", "nope", "--out", str(pdf))


def test_the_reports_page_takes_the_same_queries_however_many_subjects(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    from kaveret.testing.calls_factories import CallFactory

    call = decided_call()
    manager = community_manager(call.community)
    for _ in range(6):
        CallFactory(community=call.community)
        WorkPlanFactory(is_published=True)
    for _ in range(25):
        ReportJob.objects.create(
            kind="call_results", params={"call": call.slug}, requested_by=manager
        )
    client.force_login(manager)
    with django_assert_max_num_queries(9):
        response = client.get("/en/measurement/reports/")
    assert response.status_code == 200 and 'rel="next"' in response.content.decode()
    assert response.content.decode().count(">Call results<") == 20
