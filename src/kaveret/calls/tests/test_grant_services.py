"""Grants: the call's budget limit, milestones with outcomes, reports, disbursements."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.calls import grant_services
from kaveret.calls.models import ApplicationStatus, AuditEntry, MilestoneStatus
from kaveret.core.errors import DomainError
from kaveret.testing.calls_factories import ApplicationFactory, CallFactory
from kaveret.testing.clients import client_as
from kaveret.testing.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def _accepted(call: Any) -> Any:
    """An accepted venture application whose author still acts for the venture."""
    application = ApplicationFactory(call=call, status=ApplicationStatus.ACCEPTED)
    RoleAssignmentFactory(
        user=application.created_by, role=Role.ENTREPRENEUR, venture_id=application.actor_id
    )
    return application


def test_grants_never_exceed_what_remains(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal("100000"))
    first, second = _accepted(call), _accepted(call)
    grant = grant_services.set_grant(first, by=personas.staff, amount="70000")
    with pytest.raises(DomainError):
        grant_services.set_grant(second, by=personas.staff, amount="30000.01")
    grant_services.set_grant(second, by=personas.staff, amount="30000")
    with pytest.raises(DomainError):  # raising the first one beyond the budget
        grant_services.set_grant(first, by=personas.staff, amount="70000.01")
    budget = grant_services.budget_of(call)
    assert (budget.total, budget.committed, budget.remaining) == (
        Decimal("100000"),
        Decimal("100000"),
        Decimal(0),
    )
    grant_services.set_grant(first, by=personas.staff, amount="60000")  # lowering is fine
    assert grant_services.budget_of(call).remaining == Decimal("10000")
    assert AuditEntry.objects.filter(object_type="grant", object_id=grant.pk).count() == 2


def test_only_accepted_applications_and_only_staff(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    with pytest.raises(DomainError):
        grant_services.set_grant(ApplicationFactory(call=call), by=personas.staff, amount=1)
    accepted = _accepted(call)
    for user in (personas.entrepreneur, accepted.created_by):
        with pytest.raises(PermissionDenied):
            grant_services.set_grant(accepted, by=user, amount=1)


def test_milestones_reports_marks_and_disbursements(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    application = _accepted(call)
    grant = grant_services.set_grant(application, by=personas.staff, amount="50000")
    with pytest.raises(DomainError):
        grant_services.add_milestone(
            grant, by=personas.staff, title="יותר מדי", due_on=TODAY, amount="50001"
        )
    milestone = grant_services.add_milestone(
        grant,
        by=personas.staff,
        title="השמה בעבודה",
        due_on=TODAY,
        amount="20000",
        outcome_measure="משתתפים שהושמו בעבודה",
        target_value="40",
    )
    with pytest.raises(PermissionDenied):
        grant_services.report_milestone(milestone, by=personas.staff, text="x")
    report = grant_services.report_milestone(
        milestone, by=application.created_by, text="הושמו 42 משתתפים", value="42"
    )
    assert report.value == Decimal(42)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.REPORTED
    with pytest.raises(PermissionDenied):
        grant_services.mark_milestone(milestone, by=application.created_by, met=True)
    grant_services.mark_milestone(milestone, by=personas.staff, met=True)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.MET
    grant_services.record_disbursement(
        grant, by=personas.staff, amount="20000", paid_on=TODAY, milestone=milestone
    )
    with pytest.raises(DomainError):
        grant_services.record_disbursement(
            grant, by=personas.staff, amount="30000.01", paid_on=TODAY
        )
    assert grant_services.budget_of(call).disbursed == Decimal("20000")
    with pytest.raises(DomainError):  # never below what was paid
        grant_services.set_grant(application, by=personas.staff, amount="19999")


def test_budget_and_grant_pages(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal("80000"))
    application = _accepted(call)
    staff = client_as(personas.staff)
    response = staff.post(f"/en/calls/{call.slug}/grants/{application.pk}/", {"amount": "90000"})
    assert response.status_code == 200 and "exceeds" in response.content.decode()
    staff.post(f"/en/calls/{call.slug}/grants/{application.pk}/", {"amount": "30000"})
    page = staff.get(f"/en/calls/{call.slug}/budget/").content.decode()
    assert "30,000.00" in page and "50,000.00" in page
    applicant_page = client_as(application.created_by).get(
        f"/en/calls/{call.slug}/grants/{application.pk}/"
    )
    assert applicant_page.status_code == 200
    assert (
        client_as(application.created_by).get(f"/en/calls/{call.slug}/budget/").status_code == 403
    )


def test_grant_cannot_drop_below_its_milestones_or_disbursements(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal("100000"))
    application = _accepted(call)
    grant = grant_services.set_grant(application, by=personas.staff, amount="50000")
    grant_services.add_milestone(
        grant, by=personas.staff, title="שלב א", due_on=TODAY, amount="30000"
    )
    with pytest.raises(DomainError) as error:
        grant_services.set_grant(application, by=personas.staff, amount="29999.99")
    assert "amount" in error.value.message_dict
    grant_services.set_grant(application, by=personas.staff, amount="30000")
    with pytest.raises(DomainError):  # the milestones' total would exceed the grant
        grant_services.add_milestone(
            grant, by=personas.staff, title="שלב ב", due_on=TODAY, amount="0.01"
        )
    grant_services.set_grant(application, by=personas.staff, amount="40000")
    # A stale grant object: add_milestone reads the locked row, not the caller's copy.
    grant.amount = Decimal("1000000")
    with pytest.raises(DomainError):
        grant_services.add_milestone(
            grant, by=personas.staff, title="שלב ב", due_on=TODAY, amount="10000.01"
        )
    grant_services.add_milestone(
        grant, by=personas.staff, title="שלב ב", due_on=TODAY, amount="10000"
    )
    grant_services.record_disbursement(grant, by=personas.staff, amount="35000", paid_on=TODAY)
    with pytest.raises(DomainError):
        grant_services.set_grant(application, by=personas.staff, amount="34999")
    grant.refresh_from_db()
    assert grant.amount == Decimal("40000")


def test_milestone_numbers_must_fit(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal("100000"))
    grant = grant_services.set_grant(_accepted(call), by=personas.staff, amount="50000")
    for target in ("1e20", "NaN", "Infinity", "abc"):
        with pytest.raises(DomainError):
            grant_services.add_milestone(
                grant,
                by=personas.staff,
                title="יעד",
                due_on=TODAY,
                outcome_measure="משתתפים",
                target_value=target,
            )
    assert not grant.milestones.exists()
