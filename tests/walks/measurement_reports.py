"""The report pages in the permission walk (see README.md here).

The job was asked for by the ``staff`` persona (the manager of ``personas.community``):
only they read its page, progress and file; others get 404 (or the login page). The
list and request pages are for any logged-in user (each sees only what they may
produce); the published work plan's PDF is public.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

READ = {
    "measurement:report_list": "user",
    "measurement:report_request": "user",
    "measurement:report_job": "staff",
    "measurement:report_progress": "staff",
    "measurement:report_file": "staff",
    "measurement:report_workplan_pdf": "all",
}

WALK_FILE = "measurement/reports/walk/report.xlsx"


def urls(personas: Any) -> dict[str, str]:
    from kaveret.measurement.models import ReportStatus
    from kaveret.testing.measurement_factories import WorkPlanFactory
    from kaveret.testing.measurement_reports_factories import report_job

    plan = WorkPlanFactory.create(year=2019, is_published=True)
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(b"PK\x03\x04walk"))
    job = report_job(
        personas.staff,
        kind="community_year",
        params={"community": personas.community.slug, "year": 2025},
        format="xlsx",
        status=ReportStatus.DONE,
        file=WALK_FILE,
    )
    base = f"/measurement/reports/{job.pk}/"
    return {
        "measurement:report_list": "/measurement/reports/",
        "measurement:report_request": "/measurement/reports/new/",
        "measurement:report_job": base,
        "measurement:report_progress": f"{base}progress/",
        "measurement:report_file": f"{base}file/",
        "measurement:report_workplan_pdf": f"/measurement/reports/workplan/{plan.year}.pdf",
    }
