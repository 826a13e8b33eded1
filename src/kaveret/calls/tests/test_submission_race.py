"""Submitting under load, on PostgreSQL row locks: 200 submissions spread across the
deadline, and one application submitted from two places at once.

Every submission that finished before the deadline is stored once; every one that started
after it is refused with the deadline error and its draft kept; those in between are one or
the other, never both, never lost. The service reads the clock inside the locked
transaction, so what counts is the moment it holds the row.

Only PostgreSQL locks rows (``select_for_update``); SQLite locks the whole database, so
the race cannot be staged there.
"""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from kaveret.accounts.models import User
from kaveret.calls import application_services as services
from kaveret.calls.models import ApplicantKind, Application, ApplicationStatus, AuditEntry, Call
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Person
from kaveret.testing.calls_factories import call_with_form

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

SUBMISSIONS = 200
WORKERS = 20
SPREAD_SECONDS = 1.2  # the starts are spread over this long, the deadline in the middle


@pytest.fixture(autouse=True)
def cheap_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The confirmation's PDF is tested elsewhere; here it would only slow the workers."""
    monkeypatch.setattr("kaveret.calls.pdf.application_pdf", lambda *args: b"%PDF-1.7 stub")


def _drafts(call: Call, count: int) -> list[tuple[Any, Application]]:
    """``count`` people, each with a complete draft of their own (made in bulk: quick)."""
    users = User.objects.bulk_create(
        User(email=f"racer{n}@example.org", full_name=f"מגיש {n}", language="he")
        for n in range(count)
    )
    people = Person.objects.bulk_create(
        Person(full_name=user.full_name, email=user.email, user=user) for user in users
    )
    version = call.form_versions.get()
    drafts = Application.objects.bulk_create(
        Application(
            call=call,
            form_version=version,
            applicant_kind=ApplicantKind.PERSON,
            person=person,
            created_by=user,
            answers={"pitch": "הצעה"},
        )
        for user, person in zip(users, people, strict=True)
    )
    return list(zip(users, drafts, strict=True))


def test_submissions_across_the_deadline_are_stored_once_or_refused_with_the_draft_kept() -> None:
    call = call_with_form()
    drafts = _drafts(call, SUBMISSIONS)
    outcomes: dict[int, tuple[str, float, float]] = {}
    errors: list[BaseException] = []
    clock: dict[str, Any] = {}

    def set_the_clock() -> None:
        # Once every worker is connected and waiting (a busy machine may be slow to start
        # threads), so that the starts still straddle the deadline.
        clock["start"] = time.monotonic() + 0.2
        clock["deadline_at"] = clock["start"] + SPREAD_SECONDS / 2
        clock["deadline"] = timezone.now() + datetime.timedelta(
            seconds=clock["deadline_at"] - time.monotonic()
        )
        Call.objects.filter(pk=call.pk).update(deadline=clock["deadline"])

    ready = threading.Barrier(WORKERS + 1, action=set_the_clock)

    def work(share: list[tuple[int, Any, Application]]) -> None:
        try:
            connection.ensure_connection()  # connect first, so the starts are on time
            ready.wait(timeout=30)
            start = clock["start"]
            for index, user, draft in share:
                time.sleep(
                    max(0.0, start + index * SPREAD_SECONDS / SUBMISSIONS - time.monotonic())
                )
                began = time.monotonic()
                try:
                    services.submit_application(by=user, application=draft)
                    outcome = "submitted"
                except DomainError as refused:
                    outcome = refused.error_list[0].code or "refused"
                outcomes[draft.pk] = (outcome, began, time.monotonic())
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()  # each thread has its own connection; close it

    tasks = [(index, user, draft) for index, (user, draft) in enumerate(drafts)]
    threads = [threading.Thread(target=work, args=(tasks[n::WORKERS],)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    ready.wait(timeout=30)
    for thread in threads:
        thread.join(timeout=60)
    deadline, deadline_at = clock["deadline"], clock["deadline_at"]

    assert errors == []
    assert len(outcomes) == SUBMISSIONS
    accepted = {pk for pk, (outcome, _b, _e) in outcomes.items() if outcome == "submitted"}
    refused = {pk for pk, (outcome, _b, _e) in outcomes.items() if outcome != "submitted"}
    assert {outcomes[pk][0] for pk in refused} <= {"deadline_passed"}
    # What finished before the deadline got in; what started after it did not.
    assert all(pk in accepted for pk, (_o, _b, ended) in outcomes.items() if ended < deadline_at)
    assert all(pk in refused for pk, (_o, began, _e) in outcomes.items() if began > deadline_at)
    assert accepted and refused, f"all on one side: {len(accepted)} in, {len(refused)} out"

    rows = {row.pk: row for row in Application.objects.filter(call=call)}
    assert len(rows) == SUBMISSIONS  # nothing lost, nothing duplicated
    for pk in accepted:
        assert rows[pk].status == ApplicationStatus.SUBMITTED
        submitted_at = rows[pk].submitted_at
        assert submitted_at is not None and submitted_at < deadline
    for pk in refused:
        assert rows[pk].status == ApplicationStatus.DRAFT
        assert rows[pk].submitted_at is None and rows[pk].answers == {"pitch": "הצעה"}
    submitted_audit = AuditEntry.objects.filter(call=call, action="application_submitted")
    assert sorted(submitted_audit.values_list("application_id", flat=True)) == sorted(accepted)
    assert len(mail.outbox) == len(accepted)


def test_one_application_submitted_from_two_places_at_once_is_submitted_once() -> None:
    call = call_with_form()
    [(user, draft)] = _drafts(call, 1)
    barrier = threading.Barrier(2)
    results: list[Application] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(services.submit_application(by=user, application=draft))
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(results) == 2
    assert results[0].submitted_at == results[1].submitted_at
    assert AuditEntry.objects.filter(application=draft, action="application_submitted").count() == 1
    assert len(mail.outbox) == 1
