"""Grants for accepted applications: amount, milestones, reports, disbursements; budget.

A grant, or raising one, never exceeds what remains of the call's budget: the check runs
under a lock on the call's row (``select_for_update``), so two staff granting at once
cannot overspend. Disbursements never exceed their grant (under a lock on the grant).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError

from . import audit
from .models import (
    Application,
    ApplicationStatus,
    Call,
    Disbursement,
    Grant,
    Milestone,
    MilestoneReport,
    MilestoneStatus,
)
from .rules import acts_for_application, runs_call

ZERO = Decimal(0)


@dataclass
class Budget:
    total: Decimal
    committed: Decimal
    disbursed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.total - self.committed

    @property
    def committed_percent(self) -> int:
        return int(self.committed * 100 / self.total) if self.total else 0


def budget_of(call: Call) -> Budget:
    committed = Grant.objects.filter(application__call=call).aggregate(s=Sum("amount"))["s"]
    disbursed = Disbursement.objects.filter(grant__application__call=call).aggregate(
        s=Sum("amount")
    )["s"]
    return Budget(call.budget, committed or ZERO, disbursed or ZERO)


MAX_DECIMAL = Decimal("999999999999.99")  # the models' max_digits=14, decimal_places=2


def _decimal(value: Any, field: str) -> Decimal:
    """A finite number that fits the models' DecimalFields, to the agora."""
    try:
        number = Decimal(str(value))
        if not number.is_finite() or abs(number) > MAX_DECIMAL:
            raise ValueError(value)
        return number.quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError) as error:
        raise DomainError({field: _("Enter a number with at most 12 digits.")}) from error


def _amount(value: Any, field: str = "amount") -> Decimal:
    amount = _decimal(value, field)
    if amount <= 0:
        raise DomainError({field: _("The amount must be more than zero.")})
    return amount


def set_grant(application: Application, *, by: Any, amount: Any, note: str = "") -> Grant:
    """Create the grant of an accepted application, or change its amount."""
    call = application.call
    if not runs_call(by, call):
        raise PermissionDenied
    value = _amount(amount)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        application = Application.objects.get(pk=application.pk)
        if application.status != ApplicationStatus.ACCEPTED:
            raise DomainError(_("Only an accepted application can get a grant."))
        # Lock the grant too: milestones and disbursements are checked against its amount.
        grant = Grant.objects.select_for_update().filter(application=application).first()
        budget = budget_of(call)
        current = grant.amount if grant else ZERO
        if value - current > budget.remaining:
            raise DomainError(
                {
                    "amount": _(
                        "The grant exceeds what remains of the call's budget (%(remaining)s ₪)."
                    )
                    % {"remaining": f"{budget.remaining + current:,.2f}"}
                }
            )
        if grant is not None:
            paid = grant.disbursements.aggregate(s=Sum("amount"))["s"] or ZERO
            if value < paid:
                raise DomainError(
                    {"amount": _("The grant cannot be less than what was already disbursed.")}
                )
            planned = grant.milestones.aggregate(s=Sum("amount"))["s"] or ZERO
            if value < planned:
                raise DomainError(
                    {
                        "amount": _(
                            "The grant cannot be less than its milestones' amounts (%(planned)s ₪)."
                        )
                        % {"planned": f"{planned:,.2f}"}
                    }
                )
            before = grant.amount
            grant.amount = value
            grant.note = note or grant.note
            grant.save(update_fields=["amount", "note"])
            action, summary = "grant_changed", f"סכום המענק שונה ל-{value} ₪"
        else:
            before = None
            grant = Grant.objects.create(
                application=application, amount=value, note=note, created_by=by
            )
            action, summary = "grant_created", f"מענק של {value} ₪"
        audit.record(
            call=call,
            by=by,
            action=action,
            obj=grant,
            application=application,
            summary=summary,
            changes={"amount": [before, value]},
        )
    return grant


def add_milestone(
    grant: Grant,
    *,
    by: Any,
    title: str,
    due_on: datetime.date,
    amount: Any = 0,
    outcome_measure: str = "",
    target_value: Any = None,
) -> Milestone:
    call = grant.application.call
    if not runs_call(by, call):
        raise PermissionDenied
    if not (title or "").strip():
        raise DomainError({"title": _("Give the milestone a title.")})
    value = _decimal(amount or 0, "amount")
    if value < 0:
        raise DomainError({"amount": _("The amount cannot be negative.")})
    target = _decimal(target_value, "target_value") if target_value not in (None, "") else None
    if target is not None and not outcome_measure:
        raise DomainError({"outcome_measure": _("Name the outcome the target measures.")})
    with transaction.atomic():
        # Under the grant's lock, as set_grant and record_disbursement take it.
        grant = Grant.objects.select_for_update().select_related("application").get(pk=grant.pk)
        planned = grant.milestones.aggregate(s=Sum("amount"))["s"] or ZERO
        if planned + value > grant.amount:
            raise DomainError({"amount": _("The milestones' amounts exceed the grant.")})
        milestone = Milestone.objects.create(
            grant=grant,
            order=grant.milestones.count(),
            title=title.strip(),
            due_on=due_on,
            amount=value,
            outcome_measure=outcome_measure,
            target_value=target,
        )
        audit.record(
            call=call,
            by=by,
            action="milestone_added",
            obj=milestone,
            application=grant.application,
            summary=f"אבן דרך: {milestone.title}",
            changes={"amount": value, "target": target, "due_on": due_on},
        )
    return milestone


def report_milestone(
    milestone: Milestone, *, by: Any, text: str, value: Any = None
) -> MilestoneReport:
    application = milestone.grant.application
    if not acts_for_application(by, application):
        raise PermissionDenied
    if not (text or "").strip():
        raise DomainError({"text": _("Describe what was done.")})
    if milestone.status in (MilestoneStatus.MET, MilestoneStatus.MISSED):
        raise DomainError(_("This milestone was already assessed."))
    reached = _decimal(value, "value") if value not in (None, "") else None
    with transaction.atomic():
        report = MilestoneReport.objects.create(
            milestone=milestone, text=text.strip(), value=reached, submitted_by=by
        )
        milestone.status = MilestoneStatus.REPORTED
        milestone.save(update_fields=["status"])
        audit.record(
            call=application.call,
            by=by,
            action="milestone_reported",
            obj=report,
            application=application,
            summary=f"דיווח על אבן הדרך {milestone.title}",
            changes={"value": reached},
        )
    return report


def mark_milestone(milestone: Milestone, *, by: Any, met: bool) -> Milestone:
    application = milestone.grant.application
    if not runs_call(by, application.call):
        raise PermissionDenied
    with transaction.atomic():
        before = milestone.status
        milestone.status = MilestoneStatus.MET if met else MilestoneStatus.MISSED
        milestone.save(update_fields=["status"])
        audit.record(
            call=application.call,
            by=by,
            action="milestone_marked",
            obj=milestone,
            application=application,
            summary=f"אבן הדרך {milestone.title}: {'הושגה' if met else 'לא הושגה'}",
            changes={"status": [before, milestone.status]},
        )
    return milestone


def record_disbursement(
    grant: Grant,
    *,
    by: Any,
    amount: Any,
    paid_on: datetime.date,
    milestone: Milestone | None = None,
) -> Disbursement:
    application = grant.application
    if not runs_call(by, application.call):
        raise PermissionDenied
    value = _amount(amount)
    if milestone is not None and milestone.grant_id != grant.pk:
        raise DomainError({"milestone": _("This milestone belongs to another grant.")})
    with transaction.atomic():
        grant = Grant.objects.select_for_update().get(pk=grant.pk)
        paid = grant.disbursements.aggregate(s=Sum("amount"))["s"] or ZERO
        if paid + value > grant.amount:
            raise DomainError(
                {
                    "amount": _("Disbursements cannot exceed the grant (%(left)s ₪ left).")
                    % {"left": f"{grant.amount - paid:,.2f}"}
                }
            )
        disbursement = Disbursement.objects.create(
            grant=grant, milestone=milestone, amount=value, paid_on=paid_on, recorded_by=by
        )
        audit.record(
            call=application.call,
            by=by,
            action="disbursed",
            obj=disbursement,
            application=application,
            summary=f"תשלום של {value} ₪",
            changes={"amount": value, "paid_on": paid_on},
        )
    return disbursement
