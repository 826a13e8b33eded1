"""Decisions: staff accept, reject or waitlist with a reason, once; admins may reverse.

The application's status follows the standing decision; reversing restores "under
review" and a new decision may be made. The applicant (``application.created_by``) is
notified in their own language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kaveret.accounts.roles import is_platform_admin
from kaveret.core.errors import DomainError
from kaveret.notifications.models import NotificationKind
from kaveret.notifications.services import notify

from . import audit
from .models import Application, ApplicationStatus, Decision, Outcome
from .rules import applicant_users, runs_call

STATUS_FOR = {
    Outcome.ACCEPT: ApplicationStatus.ACCEPTED,
    Outcome.REJECT: ApplicationStatus.REJECTED,
    Outcome.WAITLIST: ApplicationStatus.WAITLISTED,
}
DECIDABLE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SHORTLISTED,
)


def standing_decision(application: Application) -> Decision | None:
    return application.decisions.filter(reversed_at__isnull=True).first()


def decide(application: Application, *, by: Any, outcome: str, reason: str) -> Decision:
    call = application.call
    if not runs_call(by, call):
        raise PermissionDenied
    reason = (reason or "").strip()
    if outcome not in Outcome.values:
        raise DomainError({"outcome": _("Choose accept, reject or waitlist.")})
    if not reason:
        raise DomainError({"reason": _("Give the reason for the decision.")})
    try:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if locked.decisions.filter(reversed_at__isnull=True).exists():
                raise DomainError(
                    _("This application already has a decision; only an admin may reverse it.")
                )
            if locked.status not in DECIDABLE:
                raise DomainError(_("Only a submitted application can be decided."))
            decision = Decision.objects.create(
                application=locked, outcome=outcome, reason=reason, decided_by=by
            )
            before = locked.status
            locked.status = STATUS_FOR[Outcome(outcome)]
            locked.save(update_fields=["status", "updated_at"])
            audit.record(
                call=call,
                by=by,
                action="decided",
                obj=decision,
                application=locked,
                summary=f"החלטה: {decision.get_outcome_display()}",
                changes={"status": [before, locked.status], "reason": reason},
            )
            for recipient in applicant_users(locked):
                with translation.override(recipient.language or "he"):
                    # The application's new status ("Rejected") reads as a result; the
                    # outcome's label ("Reject") is the imperative a reviewer picks.
                    label = str(STATUS_FOR[Outcome(outcome)].label)
                    title = (
                        getattr(call, f"title_{recipient.language}", "") or call.title
                        if recipient.language in ("en", "ar")
                        else call.title
                    )
                notify(
                    recipient,
                    NotificationKind.APPLICATION_DECIDED,
                    url=f"/calls/{call.slug}/applications/{locked.pk}/",
                    params={"call": title, "outcome": label, "reason": reason},
                )
    except IntegrityError as error:  # two staff deciding at once: one wins
        raise DomainError(
            _("This application already has a decision; only an admin may reverse it.")
        ) from error
    application.status = locked.status
    return decision


def reverse_decision(decision: Decision, *, by: Any, reason: str) -> Decision:
    if not is_platform_admin(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"reason": _("Give the reason for reversing the decision.")})
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.reversed_at is not None:
            raise DomainError(_("This decision was already reversed."))
        application = Application.objects.select_for_update().get(pk=decision.application_id)
        if hasattr(application, "grant") and decision.outcome == Outcome.ACCEPT:
            raise DomainError(_("The application has a grant; a decision with a grant stays."))
        decision.reversed_by = by
        decision.reversed_at = timezone.now()
        decision.reversal_reason = reason
        decision.save(update_fields=["reversed_by", "reversed_at", "reversal_reason"])
        before = application.status
        application.status = ApplicationStatus.UNDER_REVIEW
        application.save(update_fields=["status", "updated_at"])
        audit.record(
            call=application.call,
            by=by,
            action="decision_reversed",
            obj=decision,
            application=application,
            summary=f"ההחלטה בוטלה: {decision.get_outcome_display()}",
            changes={"status": [before, application.status], "reason": reason},
        )
    return decision
