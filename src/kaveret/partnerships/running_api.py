"""API: running a partnership (success conditions, risks, feedback, indicators, decisions,
continuity, outcome), and the public feedback endpoint of the private link.

Thin like the pages: a partnership the caller may not see in full is 404; writes go
through ``running_services``, which check who may write (403, or 401 for anonymous).
The public ``POST /feedback/{token}`` needs no account and is rate-limited like the page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor
from kaveret.ecosystem.schemas import ErrorOut

from . import rules
from . import running_selectors as selectors
from . import running_services as services
from .models import (
    ConditionKey,
    ContinuityPlan,
    DecisionEntry,
    Feedback,
    Partnership,
    PilotIndicator,
    Risk,
)
from .running_schemas import (
    AnswerIn,
    ConditionOut,
    ConditionPatch,
    ContinuityIn,
    ContinuityOut,
    DecisionIn,
    DecisionOut,
    FeedbackIn,
    FeedbackOut,
    FeedbackPage,
    FeedbackQuery,
    FeedbackReceived,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    LessonsItemOut,
    LessonsPublishIn,
    MeasurementIn,
    MeasurementOut,
    OutcomeIn,
    OutcomeOut,
    RiskIn,
    RiskOut,
    RiskPatch,
)
from .running_views import feedback_limited

router = Router(tags=["Design partnerships: running"])
PUBLIC_ERRORS: dict[int, Any] = {404: ErrorOut, 410: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _partnership(request: HttpRequest, partnership_id: int) -> Partnership:
    user = acting_user(request)
    partnership = rules.get_partnership_for_user_or_404(user, partnership_id)
    if not rules.can_view_partnership(user, partnership):
        raise Http404
    return partnership


# Success conditions


def _condition_out(row: selectors.ConditionRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "status": row.status,
        "status_label": row.status_label,
        "evidence": row.evidence,
        "updated_at": row.updated_at,
    }


def _condition(partnership: Partnership, key: str) -> selectors.ConditionRow:
    if key not in ConditionKey.values:
        raise Http404
    rows = selectors.conditions_checklist(partnership)
    return next(row for row in rows if row.key == key)


@router.get(
    "/partnerships/{partnership_id}/conditions", response={200: list[ConditionOut], **ERRORS}
)
def list_conditions(request: HttpRequest, partnership_id: int) -> list[dict[str, Any]]:
    """The nine success conditions of seed 001, in order, with status and evidence."""
    partnership = _partnership(request, partnership_id)
    return [_condition_out(row) for row in selectors.conditions_checklist(partnership)]


@router.get(
    "/partnerships/{partnership_id}/conditions/{key}", response={200: ConditionOut, **ERRORS}
)
def get_condition(request: HttpRequest, partnership_id: int, key: str) -> dict[str, Any]:
    """One success condition."""
    return _condition_out(_condition(_partnership(request, partnership_id), key))


@router.patch(
    "/partnerships/{partnership_id}/conditions/{key}", response={200: ConditionOut, **ERRORS}
)
def update_condition(
    request: HttpRequest, partnership_id: int, key: str, body: ConditionPatch
) -> dict[str, Any]:
    """Change a condition's status or evidence; "met" needs evidence."""
    partnership = _partnership(request, partnership_id)
    current = _condition(partnership, key)
    data = body.model_dump(exclude_unset=True)
    services.condition_update(
        by=acting_user(request),
        partnership=partnership,
        key=key,
        status=str(data.get("status") or current.status),
        evidence=data["evidence"] if data.get("evidence") is not None else current.evidence,
    )
    return _condition_out(_condition(partnership, key))


# Risks


def _risk_out(risk: Risk) -> dict[str, Any]:
    return {
        "id": risk.pk,
        "key": risk.key,
        "key_label": str(risk.get_key_display()),
        "title": risk.title,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "heat": selectors.heat(risk),
        "owner": risk.owner,
        "mitigation": risk.mitigation,
        "status": risk.status,
        "status_label": selectors.risk_status_label(risk.status),
    }


def _risk(request: HttpRequest, partnership_id: int, risk_id: int) -> Risk:
    partnership = _partnership(request, partnership_id)
    risk = get_object_or_404(Risk, pk=risk_id, partnership=partnership)
    risk.partnership = partnership
    return risk


@router.get("/partnerships/{partnership_id}/risks", response={200: list[RiskOut], **ERRORS})
def list_risks(request: HttpRequest, partnership_id: int) -> list[dict[str, Any]]:
    """The risk register: open risks first, the hottest first."""
    partnership = _partnership(request, partnership_id)
    return [_risk_out(risk) for risk in selectors.risk_register(partnership)]


@router.post("/partnerships/{partnership_id}/risks", response={201: RiskOut, **ERRORS})
def create_risk(request: HttpRequest, partnership_id: int, body: RiskIn) -> Status[dict[str, Any]]:
    """Add a risk; `other` needs a title."""
    partnership = _partnership(request, partnership_id)
    risk = services.risk_add(
        by=acting_user(request), partnership=partnership, values=body.model_dump()
    )
    return Status(201, _risk_out(risk))


@router.get("/partnerships/{partnership_id}/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def get_risk(request: HttpRequest, partnership_id: int, risk_id: int) -> dict[str, Any]:
    return _risk_out(_risk(request, partnership_id, risk_id))


@router.patch("/partnerships/{partnership_id}/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def update_risk(
    request: HttpRequest, partnership_id: int, risk_id: int, body: RiskPatch
) -> dict[str, Any]:
    """Change the fields sent; `status: closed` closes the risk."""
    risk = _risk(request, partnership_id, risk_id)
    values = {name: value for name, value in body.model_dump(exclude_unset=True).items()}
    return _risk_out(services.risk_update(by=acting_user(request), risk=risk, values=values))


@router.delete("/partnerships/{partnership_id}/risks/{risk_id}", response={204: None, **ERRORS})
def delete_risk(request: HttpRequest, partnership_id: int, risk_id: int) -> Status[None]:
    """Remove a risk entered by mistake (to keep it, close it instead)."""
    services.risk_delete(by=acting_user(request), risk=_risk(request, partnership_id, risk_id))
    return Status(204, None)


# Feedback


def _feedback_out(feedback: Feedback) -> dict[str, Any]:
    return {
        "id": feedback.pk,
        "role": feedback.role,
        "role_label": str(feedback.get_role_display()),
        "rating": feedback.rating,
        "text": feedback.text,
        "created_at": feedback.created_at,
        "response": feedback.response,
        "change_made": feedback.change_made,
        "responded_at": feedback.responded_at,
    }


@router.get("/partnerships/{partnership_id}/feedback", response={200: FeedbackPage, **ERRORS})
def list_feedback(
    request: HttpRequest, partnership_id: int, query: Query[FeedbackQuery]
) -> dict[str, Any]:
    """The feedback log, latest first, one page at a time."""
    partnership = _partnership(request, partnership_id)
    queryset = selectors.feedback_log(partnership)
    average = queryset.aggregate(average=Avg("rating"))["average"]
    rows = queryset[query.offset : query.offset + query.limit]
    return {
        "count": queryset.count(),
        "average": round(float(average), 2) if average is not None else None,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_feedback_out(row) for row in rows],
    }


@router.post(
    "/partnerships/{partnership_id}/feedback/{feedback_id}/answer",
    response={200: FeedbackOut, **ERRORS},
)
def answer_feedback(
    request: HttpRequest, partnership_id: int, feedback_id: int, body: AnswerIn
) -> dict[str, Any]:
    """The venture's answer and the change made (the venture side, community staff, admins)."""
    partnership = _partnership(request, partnership_id)
    feedback = get_object_or_404(Feedback, pk=feedback_id, partnership=partnership)
    feedback.partnership = partnership
    answered = services.feedback_answer(
        by=acting_user(request),
        feedback=feedback,
        response=body.response,
        change_made=body.change_made,
    )
    return _feedback_out(answered)


@router.post("/feedback/{token}", response={201: FeedbackReceived, **PUBLIC_ERRORS})
def give_feedback(request: HttpRequest, token: str, body: FeedbackIn) -> Status[dict[str, Any]]:
    """Feedback through the private link: no account, no personal data. Rate-limited per
    address and per link (429); a wrong link, or one of a partnership not launched yet, is
    404; an expired one, or one of an ended partnership, 410."""
    too_many = _("Too much feedback from here in a short time; wait a few minutes and try again.")
    if feedback_limited(request):
        raise HttpError(429, too_many)
    try:
        services.partnership_for_feedback_token(token)
    except services.FeedbackLinkError as error:
        raise HttpError(error.status, error.messages[0]) from error
    if feedback_limited(request, token):
        raise HttpError(429, too_many)
    services.submit_feedback(
        partnership_token=token, role=body.role, rating=body.rating, text=body.text
    )
    return Status(201, {"detail": _("Thank you for your feedback.")})


# Indicators and measurements


def _measurement_out(measurement: Any) -> dict[str, Any]:
    return {
        "id": measurement.pk,
        "measured_on": measurement.measured_on,
        "value": measurement.value,
        "note": measurement.note,
    }


def _indicator_out(indicator: PilotIndicator) -> dict[str, Any]:
    measurements = list(indicator.measurements.order_by("measured_on", "pk"))
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "higher_is_better": indicator.higher_is_better,
        "latest": measurements[-1].value if measurements else None,
        "measurements": [_measurement_out(m) for m in measurements],
    }


def _indicator(request: HttpRequest, partnership_id: int, indicator_id: int) -> PilotIndicator:
    partnership = _partnership(request, partnership_id)
    indicator = get_object_or_404(PilotIndicator, pk=indicator_id, partnership=partnership)
    indicator.partnership = partnership
    return indicator


@router.get(
    "/partnerships/{partnership_id}/indicators", response={200: list[IndicatorOut], **ERRORS}
)
def list_indicators(request: HttpRequest, partnership_id: int) -> list[dict[str, Any]]:
    """Pilot indicators with their measurements, oldest first (a day not measured is absent)."""
    partnership = _partnership(request, partnership_id)
    out = []
    for indicator in selectors.indicators(partnership):
        measurements = list(indicator.measurements.all())
        out.append(
            {
                **{key: getattr(indicator, key) for key in IndicatorIn.model_fields},
                "id": indicator.pk,
                "latest": measurements[-1].value if measurements else None,
                "measurements": [_measurement_out(m) for m in measurements],
            }
        )
    return out


@router.post("/partnerships/{partnership_id}/indicators", response={201: IndicatorOut, **ERRORS})
def create_indicator(
    request: HttpRequest, partnership_id: int, body: IndicatorIn
) -> Status[dict[str, Any]]:
    partnership = _partnership(request, partnership_id)
    indicator = services.indicator_add(
        by=acting_user(request), partnership=partnership, values=body.model_dump()
    )
    return Status(201, _indicator_out(indicator))


@router.patch(
    "/partnerships/{partnership_id}/indicators/{indicator_id}",
    response={200: IndicatorOut, **ERRORS},
)
def update_indicator(
    request: HttpRequest, partnership_id: int, indicator_id: int, body: IndicatorPatch
) -> dict[str, Any]:
    indicator = _indicator(request, partnership_id, indicator_id)
    indicator = services.indicator_update(
        by=acting_user(request), indicator=indicator, values=body.model_dump(exclude_unset=True)
    )
    return _indicator_out(indicator)


@router.delete(
    "/partnerships/{partnership_id}/indicators/{indicator_id}", response={204: None, **ERRORS}
)
def delete_indicator(request: HttpRequest, partnership_id: int, indicator_id: int) -> Status[None]:
    indicator = _indicator(request, partnership_id, indicator_id)
    services.indicator_delete(by=acting_user(request), indicator=indicator)
    return Status(204, None)


@router.post(
    "/partnerships/{partnership_id}/indicators/{indicator_id}/measurements",
    response={201: MeasurementOut, **ERRORS},
)
def record_measurement(
    request: HttpRequest, partnership_id: int, indicator_id: int, body: MeasurementIn
) -> Status[dict[str, Any]]:
    """One measurement per indicator and day; a second one on the same day is 422."""
    indicator = _indicator(request, partnership_id, indicator_id)
    measurement = services.measurement_record(
        by=acting_user(request),
        indicator=indicator,
        measured_on=body.measured_on,
        value=body.value,
        note=body.note,
    )
    return Status(201, _measurement_out(measurement))


# Decisions


def _decision_out(decision: DecisionEntry) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "decided_on": decision.decided_on,
        "text": decision.text,
        "decided_by": decision.decided_by,
    }


@router.get("/partnerships/{partnership_id}/decisions", response={200: list[DecisionOut], **ERRORS})
def list_decisions(request: HttpRequest, partnership_id: int) -> list[dict[str, Any]]:
    """The decisions log, latest first."""
    partnership = _partnership(request, partnership_id)
    return [_decision_out(decision) for decision in selectors.decisions(partnership)]


@router.post("/partnerships/{partnership_id}/decisions", response={201: DecisionOut, **ERRORS})
def create_decision(
    request: HttpRequest, partnership_id: int, body: DecisionIn
) -> Status[dict[str, Any]]:
    partnership = _partnership(request, partnership_id)
    decision = services.decision_add(
        by=acting_user(request),
        partnership=partnership,
        decided_on=body.decided_on,
        text=body.text,
        decided_by=body.decided_by,
    )
    return Status(201, _decision_out(decision))


# Continuity and outcome


def _continuity_out(plan: ContinuityPlan | None) -> dict[str, Any]:
    if plan is None:
        plan = ContinuityPlan()
    return {
        "funding_after": plan.funding_after,
        "procurement_path": plan.procurement_path,
        "handover_to_id": plan.handover_to_id,
        "handover_to": plan.handover_to.name if plan.handover_to is not None else None,
        "handover_on": plan.handover_on,
        "notes": plan.notes,
    }


@router.get("/partnerships/{partnership_id}/continuity", response={200: ContinuityOut, **ERRORS})
def get_continuity(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    """Who funds what after the pilot, the procurement path, the hand-over."""
    return _continuity_out(selectors.continuity(_partnership(request, partnership_id)))


@router.put("/partnerships/{partnership_id}/continuity", response={200: ContinuityOut, **ERRORS})
def put_continuity(request: HttpRequest, partnership_id: int, body: ContinuityIn) -> dict[str, Any]:
    """Replace the continuity plan; a hand-over date needs `handover_to_id`."""
    partnership = _partnership(request, partnership_id)
    values = body.model_dump()
    owner_id = values.pop("handover_to_id")
    owner = None
    if owner_id is not None:
        owner = Actor.objects.filter(pk=owner_id).first()
        if owner is None:
            raise DomainError({"handover_to_id": _("No such organisation or venture.")})
    values["handover_to"] = owner
    plan = services.continuity_save(by=acting_user(request), partnership=partnership, values=values)
    return _continuity_out(plan)


def _outcome_out(partnership: Partnership) -> dict[str, Any]:
    return {
        "outcome": partnership.outcome,
        "outcome_label": str(partnership.get_outcome_display()),
        "outcome_on": partnership.outcome_on,
        "lessons": partnership.lessons,
        "lessons_item_id": partnership.lessons_item_id,
    }


@router.get("/partnerships/{partnership_id}/outcome", response={200: OutcomeOut, **ERRORS})
def get_outcome(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    return _outcome_out(_partnership(request, partnership_id))


@router.put("/partnerships/{partnership_id}/outcome", response={200: OutcomeOut, **ERRORS})
def put_outcome(request: HttpRequest, partnership_id: int, body: OutcomeIn) -> dict[str, Any]:
    """Record the outcome with its date (and the lessons, if sent); `handed_over` needs the
    continuity plan's hand-over."""
    partnership = _partnership(request, partnership_id)
    updated = services.outcome_set(
        by=acting_user(request),
        partnership=partnership,
        outcome=str(body.outcome),
        outcome_on=body.outcome_on,
        lessons=body.lessons,
    )
    return _outcome_out(updated)


@router.post(
    "/partnerships/{partnership_id}/lessons/publish", response={200: LessonsItemOut, **ERRORS}
)
def publish_lessons(
    request: HttpRequest, partnership_id: int, body: LessonsPublishIn
) -> dict[str, Any]:
    """Publish the lessons as a knowledge item in the partnership's community (once)."""
    partnership = _partnership(request, partnership_id)
    item = services.lessons_publish(
        by=acting_user(request), partnership=partnership, publish=body.publish
    )
    return {
        "id": item.pk,
        "title": item.title,
        "status": item.status,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }
