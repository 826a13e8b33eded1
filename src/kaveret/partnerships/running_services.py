"""Running a design partnership (steps 6 and 7 of seed 001): writes.

The nine success conditions with their evidence, the seven common challenges as a risk
register, the feedback log fed through a private link, pilot indicators and their
measurements, the decisions log, the continuity plan, the outcome and its lessons.

Every service takes the acting user as ``by`` (except ``submit_feedback``, which is what
the private link does for someone without an account), checks the permission itself and
raises ``PermissionDenied`` or a translated ``DomainError``; each runs in one
transaction, and changes to the partnership row lock it first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Actor

from . import gates, rules
from .models import (
    ConditionKey,
    ConditionStatus,
    ContinuityPlan,
    DecisionEntry,
    Feedback,
    FeedbackRole,
    Outcome,
    Partnership,
    PilotIndicator,
    PilotMeasurement,
    Risk,
    RiskKey,
    RiskLevel,
    RiskStatus,
    Stage,
    SuccessCondition,
    new_feedback_token,
)

MAX_FEEDBACK_LENGTH = 2000
MAX_TEXT_LENGTH = 10000
MAX_LINE_LENGTH = 200
RISK_FIELDS = ("key", "title", "likelihood", "impact", "owner", "mitigation", "status")
INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "higher_is_better")
CONTINUITY_FIELDS = ("funding_after", "procurement_path", "handover_to", "handover_on", "notes")


class FeedbackLinkError(DomainError):
    """The private feedback link is wrong (``code="wrong_link"``), not open yet
    (``"not_launched"``), closed (``"ended"``) or expired (``"expired_link"``)."""

    GONE = frozenset({"expired_link", "ended"})

    @property
    def status(self) -> int:
        """410 for a link that worked and no longer does; 404 otherwise."""
        return 410 if self.code in self.GONE else 404


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _require_edit(by: Any, partnership: Partnership) -> None:
    if not rules.can_edit_partnership(by, partnership):
        raise _refuse()


def _lock(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("community", "organisation", "venture")
        .get(pk=partnership.pk)
    )


def clean_text(value: Any) -> str:
    """Plain text: HTML tags removed, surrounding space trimmed."""
    return strip_tags(str(value or "")).strip()


def _check_length(errors: dict[str, Any], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = _("At most %(count)d characters, please.") % {"count": limit}


def _unknown_fields(values: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


# The nine success conditions


def condition_update(
    *, by: Any, partnership: Partnership, key: str, status: str, evidence: str
) -> SuccessCondition:
    """Set one success condition's status and evidence; "met" needs evidence.

    Raises ``PermissionDenied`` or ``DomainError`` (unknown condition or status, no
    evidence for "met", evidence too long).
    """
    _require_edit(by, partnership)
    if key not in ConditionKey.values:
        raise DomainError({"key": _("There is no such success condition.")}, code="no_condition")
    evidence = clean_text(evidence)
    errors: dict[str, Any] = {}
    if status not in ConditionStatus.values:
        errors["status"] = _("Choose one of the statuses offered.")
    elif status == ConditionStatus.MET and not evidence:
        errors["evidence"] = _("Say what shows the condition is met.")
    _check_length(errors, "evidence", evidence, MAX_TEXT_LENGTH)
    if errors:
        raise DomainError(errors, code="invalid_condition")
    with transaction.atomic():
        condition, _created = SuccessCondition.objects.select_for_update().get_or_create(
            partnership=partnership, key=key
        )
        condition.status = status
        condition.evidence = evidence
        condition.save(update_fields=["status", "evidence", "updated_at"])
    return condition


# The risk register


def _validated_risk(risk: Risk, values: dict[str, Any]) -> Risk:
    _unknown_fields(values, RISK_FIELDS)
    for field in ("title", "owner", "mitigation"):
        if field in values:
            setattr(risk, field, clean_text(values[field]))
    for field in ("key", "likelihood", "impact", "status"):
        if field in values and values[field] is not None:
            setattr(risk, field, values[field])
    errors: dict[str, Any] = {}
    if risk.key not in RiskKey.values:
        errors["key"] = _("Choose one of the common challenges, or “Other”.")
    elif risk.key == RiskKey.OTHER and not risk.title:
        errors["title"] = _("Give the risk a title.")
    for field in ("likelihood", "impact"):
        try:
            level = int(getattr(risk, field))
        except (TypeError, ValueError):
            level = 0
        if level not in RiskLevel.values:
            errors[field] = _("Choose low, medium or high.")
        else:
            setattr(risk, field, level)
    if risk.status not in RiskStatus.values:
        errors["status"] = _("Choose one of the statuses offered.")
    _check_length(errors, "title", risk.title, MAX_LINE_LENGTH)
    _check_length(errors, "owner", risk.owner, MAX_LINE_LENGTH)
    _check_length(errors, "mitigation", risk.mitigation, MAX_TEXT_LENGTH)
    if errors:
        raise DomainError(errors, code="invalid_risk")
    return risk


def risk_add(*, by: Any, partnership: Partnership, values: dict[str, Any]) -> Risk:
    """Add a risk to the register; a risk of the kind "Other" needs a title.

    Raises ``PermissionDenied`` or ``DomainError``.
    """
    _require_edit(by, partnership)
    risk = _validated_risk(Risk(partnership=partnership), values)
    with transaction.atomic():
        risk.save()
    return risk


def risk_update(*, by: Any, risk: Risk, values: dict[str, Any]) -> Risk:
    """Change the fields given of a risk (closing it is setting its status to closed).

    Raises ``PermissionDenied`` or ``DomainError``.
    """
    _require_edit(by, risk.partnership)
    with transaction.atomic():
        locked = Risk.objects.select_for_update().get(pk=risk.pk)
        _validated_risk(locked, values)
        locked.save()
    return locked


def risk_close(*, by: Any, risk: Risk) -> Risk:
    """Close a risk: it stays in the register, no longer counted as open."""
    return risk_update(by=by, risk=risk, values={"status": RiskStatus.CLOSED})


def risk_delete(*, by: Any, risk: Risk) -> None:
    """Remove a risk entered by mistake. Raises ``PermissionDenied``."""
    _require_edit(by, risk.partnership)
    risk.delete()


# Feedback through the private link


def partnership_for_feedback_token(token: str) -> Partnership:
    """The partnership whose private feedback link this is.

    Raises ``FeedbackLinkError`` with ``code="wrong_link"`` for a link that leads nowhere,
    ``code="not_launched"`` while the partnership is before step 06 (launch: there is no
    pilot to give feedback on yet), ``code="ended"`` once it has ended, and
    ``code="expired_link"`` for one past its date.
    """
    partnership = Partnership.objects.filter(feedback_token=token or "-").first()
    if partnership is None or not token:
        raise FeedbackLinkError(
            _("This feedback link is not valid. Ask whoever sent it to you for the current one."),
            code="wrong_link",
        )
    if gates.stage_index(partnership.stage) < gates.stage_index(Stage.LAUNCH):
        raise FeedbackLinkError(
            _(
                "This feedback link is not open yet: the pilot has not been launched. "
                "Try again once it has started."
            ),
            code="not_launched",
        )
    if partnership.stage == Stage.ENDED:
        raise FeedbackLinkError(
            _("This partnership has ended, so it no longer takes feedback. Thank you."),
            code="ended",
        )
    expires = partnership.feedback_token_expires_at
    if expires is not None and expires <= timezone.now():
        raise FeedbackLinkError(
            _("This feedback link has expired. Ask whoever sent it to you for a new one."),
            code="expired_link",
        )
    return partnership


def submit_feedback(*, partnership_token: str, role: str, rating: Any, text: str) -> Feedback:
    """Store feedback given through the private link: no account and no personal data.

    HTML is removed from the text. Raises ``FeedbackLinkError`` (wrong or expired link)
    or ``DomainError`` (no role, a rating outside 1-5, empty or too long text).
    """
    partnership = partnership_for_feedback_token(partnership_token)
    text = clean_text(text)
    errors: dict[str, Any] = {}
    if role not in FeedbackRole.values:
        errors["role"] = _("Say whether you work at the organisation or use the service.")
    try:
        score = int(rating)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        errors["rating"] = _("Choose a rating from 1 to 5.")
    if not text:
        errors["text"] = _("Write a few words of feedback.")
    _check_length(errors, "text", text, MAX_FEEDBACK_LENGTH)
    if errors:
        raise DomainError(errors, code="invalid_feedback")
    with transaction.atomic():
        return Feedback.objects.create(partnership=partnership, role=role, rating=score, text=text)


def feedback_answer(*, by: Any, feedback: Feedback, response: str, change_made: str) -> Feedback:
    """The venture's answer to feedback, and the change it made, if any.

    Only whoever acts for the venture, the community's staff and admins may answer.
    Raises ``PermissionDenied`` or ``DomainError`` (no answer, too long).
    """
    if not rules.can_answer_feedback(by, feedback.partnership):
        raise _refuse()
    response = clean_text(response)
    change_made = clean_text(change_made)
    errors: dict[str, Any] = {}
    if not response:
        errors["response"] = _("Write the answer.")
    _check_length(errors, "response", response, MAX_TEXT_LENGTH)
    _check_length(errors, "change_made", change_made, MAX_TEXT_LENGTH)
    if errors:
        raise DomainError(errors, code="invalid_answer")
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        locked.response = response
        locked.change_made = change_made
        locked.responded_by = by
        locked.responded_at = timezone.now()
        locked.save(update_fields=["response", "change_made", "responded_by", "responded_at"])
    return locked


def feedback_link_regenerate(*, by: Any, partnership: Partnership) -> Partnership:
    """A new private link; the old one stops working at once. Raises ``PermissionDenied``."""
    _require_edit(by, partnership)
    with transaction.atomic():
        locked = _lock(partnership)
        locked.feedback_token = new_feedback_token()
        locked.save(update_fields=["feedback_token", "updated_at"])
    return locked


def feedback_link_set_expiry(
    *, by: Any, partnership: Partnership, expires_at: datetime.datetime | None
) -> Partnership:
    """Set the moment the private link stops working, or clear it (``None``).

    Raises ``PermissionDenied`` or ``DomainError`` (a moment already past).
    """
    _require_edit(by, partnership)
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(
            {"expires_on": _("Choose a date in the future, or none.")}, code="expiry_past"
        )
    with transaction.atomic():
        locked = _lock(partnership)
        locked.feedback_token_expires_at = expires_at
        locked.save(update_fields=["feedback_token_expires_at", "updated_at"])
    return locked


# Pilot indicators and measurements


def _decimal_or_none(value: Any, field: str, errors: dict[str, Any]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        errors[field] = _("Enter a number.")
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        errors[field] = _("Enter a number.")
        return None
    return number.quantize(Decimal("0.01"))


def _validated_indicator(indicator: PilotIndicator, values: dict[str, Any]) -> PilotIndicator:
    _unknown_fields(values, INDICATOR_FIELDS)
    errors: dict[str, Any] = {}
    if "name" in values:
        indicator.name = clean_text(values["name"])
    if "unit" in values:
        indicator.unit = clean_text(values["unit"])
    for field in ("baseline", "target"):
        if field in values:
            setattr(indicator, field, _decimal_or_none(values[field], field, errors))
    if "higher_is_better" in values and values["higher_is_better"] is not None:
        indicator.higher_is_better = bool(values["higher_is_better"])
    if not indicator.name:
        errors["name"] = _("Name the indicator.")
    _check_length(errors, "name", indicator.name, MAX_LINE_LENGTH)
    _check_length(errors, "unit", indicator.unit, 50)
    if errors:
        raise DomainError(errors, code="invalid_indicator")
    return indicator


def indicator_add(*, by: Any, partnership: Partnership, values: dict[str, Any]) -> PilotIndicator:
    """Add a pilot indicator. Raises ``PermissionDenied`` or ``DomainError``."""
    _require_edit(by, partnership)
    indicator = _validated_indicator(PilotIndicator(partnership=partnership), values)
    with transaction.atomic():
        indicator.save()
    return indicator


def indicator_update(
    *, by: Any, indicator: PilotIndicator, values: dict[str, Any]
) -> PilotIndicator:
    """Change the fields given of an indicator. Raises ``PermissionDenied`` or ``DomainError``."""
    _require_edit(by, indicator.partnership)
    with transaction.atomic():
        locked = PilotIndicator.objects.select_for_update().get(pk=indicator.pk)
        _validated_indicator(locked, values)
        locked.save()
    return locked


def indicator_delete(*, by: Any, indicator: PilotIndicator) -> None:
    """Remove an indicator and its measurements. Raises ``PermissionDenied``."""
    _require_edit(by, indicator.partnership)
    indicator.delete()


def measurement_record(
    *, by: Any, indicator: PilotIndicator, measured_on: Any, value: Any, note: str = ""
) -> PilotMeasurement:
    """Record one measurement of an indicator; at most one per day.

    A day with no measurement stays without one (it is never read as zero). Raises
    ``PermissionDenied`` or ``DomainError`` (no date, a date in the future, no number,
    a second measurement on the same day).
    """
    _require_edit(by, indicator.partnership)
    errors: dict[str, Any] = {}
    if not isinstance(measured_on, datetime.date):
        errors["measured_on"] = _("Enter a valid date.")
    elif measured_on > timezone.localdate():
        errors["measured_on"] = _("A measurement cannot be dated in the future.")
    number = _decimal_or_none(value, "value", errors)
    if number is None and "value" not in errors:
        errors["value"] = _("Enter the measured value.")
    note = clean_text(note)
    _check_length(errors, "note", note, MAX_TEXT_LENGTH)
    if errors or number is None:
        raise DomainError(errors, code="invalid_measurement")
    taken = _("There is already a measurement on this day; change that one instead.")
    try:
        with transaction.atomic():
            if PilotMeasurement.objects.filter(
                indicator=indicator, measured_on=measured_on
            ).exists():
                raise DomainError({"measured_on": taken}, code="measurement_exists")
            return PilotMeasurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=number,
                note=note,
                reported_by=by,
            )
    except IntegrityError as error:  # a measurement of the same day saved meanwhile
        raise DomainError({"measured_on": taken}, code="measurement_exists") from error


# Decisions log


def decision_add(
    *, by: Any, partnership: Partnership, decided_on: Any, text: str, decided_by: str = ""
) -> DecisionEntry:
    """Record a decision. Raises ``PermissionDenied`` or ``DomainError``."""
    _require_edit(by, partnership)
    text = clean_text(text)
    decided_by = clean_text(decided_by)
    errors: dict[str, Any] = {}
    if not isinstance(decided_on, datetime.date):
        errors["decided_on"] = _("Enter a valid date.")
    if not text:
        errors["text"] = _("Write the decision.")
    _check_length(errors, "text", text, MAX_TEXT_LENGTH)
    _check_length(errors, "decided_by", decided_by, MAX_LINE_LENGTH)
    if errors:
        raise DomainError(errors, code="invalid_decision")
    with transaction.atomic():
        return DecisionEntry.objects.create(
            partnership=partnership,
            decided_on=decided_on,
            text=text,
            decided_by=decided_by,
            recorded_by=by,
        )


# Continuity plan, outcome and lessons


def continuity_save(*, by: Any, partnership: Partnership, values: dict[str, Any]) -> ContinuityPlan:
    """Save the continuity plan: who funds what after the pilot, the procurement path,
    the hand-over to a ministry or another owner (an actor) and its date.

    A hand-over date needs the owner it is handed to. Raises ``PermissionDenied`` or
    ``DomainError``.
    """
    _require_edit(by, partnership)
    _unknown_fields(values, CONTINUITY_FIELDS)
    with transaction.atomic():
        _lock(partnership)
        plan, _created = ContinuityPlan.objects.select_for_update().get_or_create(
            partnership=partnership
        )
        errors: dict[str, Any] = {}
        for field in ("funding_after", "procurement_path", "notes"):
            if field in values:
                setattr(plan, field, clean_text(values[field]))
                _check_length(errors, field, getattr(plan, field), MAX_TEXT_LENGTH)
        if "handover_to" in values:
            owner = values["handover_to"]
            if owner is not None and not isinstance(owner, Actor):
                errors["handover_to"] = _("Choose an organisation or venture from the registry.")
            else:
                plan.handover_to = owner
        if "handover_on" in values:
            plan.handover_on = values["handover_on"]
        if plan.handover_on is not None and plan.handover_to_id is None:
            errors["handover_to"] = _("Say to whom the pilot is handed over on that date.")
        if errors:
            raise DomainError(errors, code="invalid_continuity")
        plan.save()
    return plan


def outcome_set(
    *,
    by: Any,
    partnership: Partnership,
    outcome: str,
    outcome_on: datetime.date | None,
    lessons: str | None = None,
) -> Partnership:
    """Record how the partnership came out, when, and (optionally) its lessons.

    "Handed over" needs the continuity plan's hand-over (to whom and when). Any outcome
    but "not decided yet" needs a date. An outcome of implementation (purchased, scaled,
    extended, handed over) only once the partnership reached 07 *implement*
    (``gates.outcome_allowed``); "ended" at any stage, as a partnership may be stopped
    (which opens no later stage: ``gates``). Raises ``PermissionDenied`` or
    ``DomainError``.
    """
    _require_edit(by, partnership)
    errors: dict[str, Any] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose one of the outcomes offered.")
    elif outcome and outcome_on is None:
        errors["outcome_on"] = _("Give the date of the outcome.")
    cleaned_lessons = clean_text(lessons) if lessons is not None else None
    if cleaned_lessons is not None:
        _check_length(errors, "lessons", cleaned_lessons, MAX_TEXT_LENGTH)
    with transaction.atomic():
        locked = _lock(partnership)
        if "outcome" not in errors and not gates.outcome_allowed(locked, outcome):
            errors["outcome"] = _(
                "“%(outcome)s” is recorded once the pilot reaches step 07, implementation. "
                "To stop the partnership earlier, record “Ended”."
            ) % {"outcome": Outcome(outcome).label}
        if outcome == Outcome.HANDED_OVER:
            plan = ContinuityPlan.objects.filter(partnership=locked).first()
            if plan is None or plan.handover_to_id is None or plan.handover_on is None:
                errors["outcome"] = _(
                    "To record a hand-over, first say in the continuity plan to whom the "
                    "pilot is handed over and on what date."
                )
        if errors:
            raise DomainError(errors, code="invalid_outcome")
        locked.outcome = outcome
        locked.outcome_on = outcome_on if outcome else None
        fields = ["outcome", "outcome_on", "updated_at"]
        if cleaned_lessons is not None:
            locked.lessons = cleaned_lessons
            fields.append("lessons")
        locked.save(update_fields=fields)
    return locked


def lessons_publish(*, by: Any, partnership: Partnership, publish: bool = True) -> Any:
    """Publish the lessons learned as a knowledge item (a case study) in the partnership's
    community, linked from the partnership; asked again, the same item is returned.

    With ``publish`` the item is submitted (published, or sent to the community's review);
    otherwise it stays a draft. Raises ``PermissionDenied`` or ``DomainError`` (no lessons
    written, no community, or not allowed to write in that community).
    """
    from kaveret.knowledge import services as knowledge_services
    from kaveret.knowledge.models import KnowledgeKind

    _require_edit(by, partnership)
    with transaction.atomic():
        locked = _lock(partnership)
        if locked.lessons_item_id is not None:
            return locked.lessons_item
        if not locked.lessons.strip():
            raise DomainError({"lessons": _("Write the lessons learned first.")}, code="no_lessons")
        if locked.community is None:
            raise DomainError(
                _("The partnership belongs to no community, so there is nowhere to publish."),
                code="no_community",
            )
        title = _("Lessons learned: %(title)s") % {"title": locked.title}
        summary = _("Lessons from the design partnership between %(organisation)s and %(venture)s.")
        values = {
            "kind": KnowledgeKind.CASE_STUDY,
            "title": str(title)[:200],
            "summary": str(summary)
            % {"organisation": locked.organisation.name, "venture": locked.venture.name},
            "body": locked.lessons,
            "language": _item_language(),
        }
        try:
            item = knowledge_services.item_create(
                by=by, community=locked.community, values=values, submit=publish
            )
        except PermissionDenied as error:
            raise DomainError(
                _(
                    "Only members and staff of the community “%(community)s” may publish "
                    "knowledge items in it."
                )
                % {"community": locked.community.name},
                code="not_a_member",
            ) from error
        locked.lessons_item = item
        locked.save(update_fields=["lessons_item", "updated_at"])
    return item


def _item_language() -> str:
    from django.utils import translation

    language = (translation.get_language() or "he")[:2]
    return language if language in {"he", "en", "ar"} else "he"
