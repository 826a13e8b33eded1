"""The import pages: upload, dry-run report, confirmation, background apply, permissions."""

from __future__ import annotations

import io
from typing import Any
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from kombu.exceptions import OperationalError

from kaveret.ecosystem import imports
from kaveret.ecosystem.models import ImportJob, Organisation
from kaveret.testing.factories import (
    DomainFactory,
    UserFactory,
    csv_file,
    valid_registration_number,
)

pytestmark = pytest.mark.django_db

NUMBER = valid_registration_number(777)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def upload(
    client: Client, data: bytes, *, name: str = "orgs.csv", kind: str = "organisations"
) -> Any:
    return client.post(
        "/en/import/", {"kind": kind, "file": SimpleUploadedFile(name, data)}, follow=True
    )


def good_file() -> bytes:
    return csv_file(
        [
            ["שם", "סוג", "מספר רישום"],
            ["עמותת הגשר", "עמותה", NUMBER],
            ["עמותה שבורה", "spaceship", ""],
        ]
    )


def test_staff_upload_see_the_dry_run_confirm_and_the_import_is_applied(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)

    response = upload(client, good_file())

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKED
    assert job.file and job.file.storage.exists(job.file.name)
    page = response.content.decode()
    assert "Dry run: nothing has been written yet" in page
    assert "עמותת הגשר" in page
    assert "“spaceship” is not a kind of organisation" in page
    assert not Organisation.objects.exists()

    stored_name = job.file.name
    response = client.post(f"/en/import/{job.pk}/confirm/", follow=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Organisation.objects.get().registration_number == NUMBER
    assert "Imported" in response.content.decode()
    assert not job.file.storage.exists(stored_name)


def test_confirming_twice_applies_once(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()

    client.post(f"/en/import/{job.pk}/confirm/")
    client.post(f"/en/import/{job.pk}/confirm/")

    assert Organisation.objects.count() == 1


def test_a_bad_file_is_refused_on_the_upload_form(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)

    response = upload(client, b"", name="empty.csv")

    assert response.status_code == 400
    assert "empty" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_progress_partial_reloads_the_page_when_the_import_ends(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()
    client.post(f"/en/import/{job.pk}/confirm/")

    response = client.get(f"/en/import/{job.pk}/progress/", HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"
    assert 'value="100"' in response.content.decode()


@pytest.mark.parametrize("status", [ImportJob.Status.CHECKING, ImportJob.Status.RUNNING])
def test_a_job_in_the_background_shows_a_polling_progress_bar(
    client: Client, personas: Any, status: str
) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=status)

    response = client.get(f"/en/import/{job.pk}/")

    assert f'hx-get="/en/import/{job.pk}/progress/"' in response.content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "entrepreneur"])
def test_visitors_and_entrepreneurs_cannot_import(
    client: Client, personas: Any, persona: str
) -> None:
    if persona != "anonymous":
        client.force_login(getattr(personas, persona))

    response = client.post(
        "/en/import/", {"kind": "organisations", "file": io.BytesIO(good_file())}
    )

    assert response.status_code in {302, 403}
    assert not ImportJob.objects.exists()
    assert not Organisation.objects.exists()


def test_another_staff_member_cannot_see_or_confirm_my_import(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()
    other = UserFactory()
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=other, role=Role.COMMUNITY_MANAGER, community=personas.community)
    client.force_login(other)

    assert client.get(f"/en/import/{job.pk}/").status_code == 404
    assert client.post(f"/en/import/{job.pk}/confirm/").status_code == 404
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("kind", ["organisations", "ventures", "people", "relations"])
def test_each_template_downloads_with_headings_the_import_reads(
    client: Client, personas: Any, kind: str
) -> None:
    from kaveret.ecosystem.imports import Importer, read_table

    client.force_login(personas.staff)

    for file_format in ("csv", "xlsx"):
        response = client.get(f"/en/import/templates/{kind}.{file_format}")
        assert response.status_code == 200
        table = read_table(response.content, f"template.{file_format}")
        importer = Importer(kind=kind, by=personas.staff, table=table)
        assert not [notice for notice in importer.notices if "not known" in notice]


def test_the_example_organisation_template_imports_cleanly(client: Client, personas: Any) -> None:
    from kaveret.ecosystem.imports import Outcome

    DomainFactory(slug="employment")
    DomainFactory(slug="disability")
    client.force_login(personas.staff)
    data = client.get("/en/import/templates/organisations.xlsx").content

    response = upload(client, data, name="template.xlsx")

    job = ImportJob.objects.get()
    assert job.report["counts"][Outcome.CREATED] == 1, response.content.decode()


def test_the_excel_template_explains_every_column_on_a_second_sheet(
    client: Client, personas: Any
) -> None:
    from openpyxl import load_workbook

    client.force_login(personas.staff)
    content = client.get("/en/import/templates/organisations.xlsx").content

    help_sheet = load_workbook(io.BytesIO(content)).worksheets[1]
    rows = {row[0]: row for row in help_sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Kind"][1] == "Yes"
    assert "ngo (NGO (amuta))" in rows["Kind"][2]


def test_if_the_data_changed_since_the_check_the_job_fails_and_writes_nothing(
    client: Client, personas: Any
) -> None:
    from kaveret.ecosystem.models import Person
    from kaveret.testing.factories import OrganisationFactory

    organisation = OrganisationFactory(name="עמותת הגשר")
    client.force_login(personas.staff)
    data = csv_file([["full_name", "actor"], ["דנה", "עמותת הגשר"], ["רון", "עמותת הגשר"]])
    upload(client, data, name="people.csv", kind="people")
    job = ImportJob.objects.get()
    assert job.report["counts"]["created"] == 2
    organisation.delete()

    response = client.post(f"/en/import/{job.pk}/confirm/", follow=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "Row 2 is now refused" in job.error
    assert "nothing was changed" in response.content.decode()
    assert not Person.objects.exists()


def test_the_report_can_show_only_the_refused_rows(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()

    page = client.get(f"/en/import/{job.pk}/?outcome=refused").content.decode()

    assert "עמותה שבורה" in page
    assert "עמותת הגשר" not in page
    assert "Created: 1" in page
    assert "Refused: 1" in page


def test_deleting_a_job_in_the_admin_deletes_its_uploaded_file(
    client: Client, personas: Any
) -> None:
    from django.contrib.admin.sites import site

    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()
    stored_name = job.file.name
    assert job.file.storage.exists(stored_name)

    site._registry[ImportJob].delete_model(None, job)

    assert not job.file.storage.exists(stored_name)
    assert not ImportJob.objects.exists()


BROKER_DOWN = OperationalError("[Errno 111] Connection refused")


def test_when_the_worker_cannot_be_reached_the_upload_is_refused_and_nothing_kept(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)
    stored: list[str] = []

    def broker_down(*args: Any, **kwargs: Any) -> None:
        stored.append(ImportJob.objects.get().file.name)
        raise BROKER_DOWN

    with mock.patch("kaveret.ecosystem.io_views.check_import.apply_async", broker_down):
        response = upload(client, good_file())

    assert response.status_code == 400
    assert "the background worker cannot be reached" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert stored and not default_storage.exists(stored[0])


def test_when_the_worker_cannot_be_reached_the_confirmation_can_be_retried(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.staff)
    upload(client, good_file())
    job = ImportJob.objects.get()

    with mock.patch("kaveret.ecosystem.io_views.apply_import.apply_async", side_effect=BROKER_DOWN):
        response = client.post(f"/en/import/{job.pk}/confirm/", follow=True)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert "the background worker cannot be reached" in response.content.decode()
    assert not Organisation.objects.exists()

    client.post(f"/en/import/{job.pk}/confirm/")

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Organisation.objects.filter(name="עמותת הגשר").exists()


def job_being_checked(client: Client, personas: Any) -> ImportJob:
    """An uploaded job whose check task is queued but has not run yet."""
    client.force_login(personas.staff)
    with mock.patch("kaveret.ecosystem.io_views.check_import.apply_async"):
        upload(client, good_file())
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKING
    return job


def applied_meanwhile(job: ImportJob, *, then_crash: bool = False) -> Any:
    """While this delivery of the check runs, another delivery checked the job and it was
    confirmed and applied; optionally this delivery then crashes."""
    real_run_import = imports.run_import

    def run_import(**kwargs: Any) -> Any:
        report = real_run_import(**kwargs)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
        if then_crash:
            raise RuntimeError("the worker was lost")
        return report

    return mock.patch.object(imports, "run_import", run_import)


def test_a_check_task_delivered_twice_does_not_reopen_an_applied_job(
    client: Client, personas: Any
) -> None:
    job = job_being_checked(client, personas)

    with applied_meanwhile(job):
        imports.check_import_job(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


def test_a_check_task_delivered_twice_that_crashes_does_not_mark_an_applied_job_failed(
    client: Client, personas: Any
) -> None:
    job = job_being_checked(client, personas)

    with applied_meanwhile(job, then_crash=True), pytest.raises(RuntimeError):
        imports.check_import_job(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == (ImportJob.Status.DONE, "")


def test_a_check_task_records_its_report_when_the_job_is_still_being_checked(
    client: Client, personas: Any
) -> None:
    job = job_being_checked(client, personas)

    returned = imports.check_import_job(job_id=job.pk)

    job.refresh_from_db()
    assert returned.status == job.status == ImportJob.Status.CHECKED
    assert job.report["counts"]
