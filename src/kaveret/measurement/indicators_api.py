"""API: indicators and their measurements, with the computed status.

Thin like the pages: ``indicators_selectors`` finds what the user may see (404 otherwise),
``indicators_services`` writes and checks permissions (403), ``kaveret.api`` turns
``DomainError`` into 422 with messages in the request's language. Evidence files are
uploaded on the indicator's page; the API takes a note or a link.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.accounts.models import User
from kaveret.calls.models import Call
from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor
from kaveret.partnerships.models import Partnership

from . import indicators_selectors as selectors
from . import indicators_services as services
from . import rules
from .indicators_rules import sees_evidence
from .indicators_schemas import (
    IndicatorIn,
    IndicatorOut,
    IndicatorPage,
    IndicatorPatch,
    IndicatorQuery,
    MeasurementIn,
    MeasurementOut,
    MeasurementPage,
    MeasurementPatch,
)
from .models import Indicator, IndicatorParty, Measurement, Programme
from .status import Period, StatusResult, indicator_status, shared_values

router = Router(tags=["Indicators and measurements"])

RELATED: dict[str, Any] = {
    "programme_id": ("programme", Programme),
    "community_id": ("community", Community),
    "call_id": ("call", Call),
    "partnership_id": ("partnership", Partnership),
    "owner_id": ("owner", User),
}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _period(period: Period | None) -> dict[str, Any] | None:
    return None if period is None else {"start": period.start, "end": period.end}


def _status_out(result: StatusResult) -> dict[str, Any]:
    return {
        "status": result.status.value,
        "label": str(result.status.label),
        "reason": result.reason,
        "latest_value": _float(result.latest_value),
        "expected_value": _float(result.expected_value),
        "progress": _float(result.progress),
        "latest_period": _period(result.latest_period),
        "missing_periods": [_period(period) for period in result.missing_periods],
        "partial": result.partial,
    }


def _list_item(request: HttpRequest, indicator: Indicator, result: StatusResult) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "baseline": _float(indicator.baseline),
        "target": _float(indicator.target),
        "target_on": indicator.target_on,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "starts_on": indicator.starts_on,
        "is_shared": indicator.is_shared,
        "programme_id": indicator.programme_id,
        "community_id": indicator.community_id,
        "call_id": indicator.call_id,
        "partnership_id": indicator.partnership_id,
        "owner_id": indicator.owner_id,
        "status": _status_out(result),
        "url": request.build_absolute_uri(
            reverse("measurement:indicator_detail", args=[indicator.pk])
        ),
    }


def _indicator_out(request: HttpRequest, indicator: Indicator) -> dict[str, Any]:
    user = acting_user(request)
    today = timezone.localdate()
    out = _list_item(request, indicator, indicator_status(indicator, today=today))
    parties = list(indicator.parties.all())
    out.update(
        {
            "description": indicator.description,
            "baseline_on": indicator.baseline_on,
            "data_source": indicator.data_source,
            "parties": [
                {
                    "id": party.pk,
                    "actor_id": party.actor_id,
                    "actor": str(party.actor),
                    "reporter_id": party.reporter_id,
                }
                for party in parties
            ],
            "shared": [
                {
                    "period": _period(row.period),
                    "values": {str(party.pk): _float(value) for party, value in row.values.items()},
                    "total": float(row.total),
                    "reported_count": row.reported_count,
                    "expected_count": row.expected_count,
                }
                for row in shared_values(indicator, today=today)
            ]
            if indicator.is_shared
            else None,
            "can_edit": rules.can_edit_indicator(user, indicator),
            "can_report": rules.can_report(user, indicator),
        }
    )
    return out


def _measurement_out(
    request: HttpRequest, measurement: Measurement, *, evidence: bool = True
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": measurement.pk,
        "indicator_id": measurement.indicator_id,
        "party_id": measurement.party_id,
        "period": {"start": measurement.period_start, "end": measurement.period_end},
        "value": float(measurement.value),
        "created_at": measurement.created_at,
        "updated_at": measurement.updated_at,
    }
    if not evidence:
        # Values and periods for everyone who sees the indicator; the evidence and who
        # reported it only for editors, reporters, funders and admins.
        return out
    return out | {
        "note": measurement.note,
        "evidence_link": measurement.evidence_link,
        "evidence_file_url": request.build_absolute_uri(
            reverse("measurement:indicator_evidence", args=[measurement.pk])
        )
        if measurement.evidence_file
        else None,
        "reported_by_id": measurement.reported_by_id,
    }


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """The API's ids as the objects the services take."""
    values = dict(data)
    values.pop("parties", None)
    for key, (field, model) in RELATED.items():
        if key not in values:
            continue
        pk = values.pop(key)
        found = None
        if pk is not None:
            found = model._default_manager.filter(pk=pk).first()
            if found is None:
                raise DomainError(
                    {field: _("No such %(field)s: %(id)s.") % {"field": field, "id": pk}}
                )
        values[field] = found
    return values


def _parties(data: list[dict[str, Any]] | None) -> list[tuple[Any, Any]] | None:
    if data is None:
        return None
    actors = Actor.objects.in_bulk([row["actor_id"] for row in data])
    users = User.objects.in_bulk([row["reporter_id"] for row in data if row.get("reporter_id")])
    pairs = []
    for row in data:
        actor = actors.get(row["actor_id"])
        if actor is None:
            raise DomainError({"parties": _("No such party: %(id)s.") % {"id": row["actor_id"]}})
        reporter = None
        if row.get("reporter_id"):
            reporter = users.get(row["reporter_id"])
            if reporter is None:
                raise DomainError(
                    {"parties": _("No such user: %(id)s.") % {"id": row["reporter_id"]}}
                )
        pairs.append((actor, reporter))
    return pairs


def _require_login(user: Any) -> None:
    if not user.is_authenticated:
        raise PermissionDenied


@router.get("/indicators", response={200: IndicatorPage, **ERRORS})
def list_indicators(request: HttpRequest, query: Query[IndicatorQuery]) -> dict[str, Any]:
    """Indicators the user may see, with their status; filter by parent or status."""
    filters = selectors.IndicatorFilters(
        programme=query.programme,
        community=query.community,
        call=query.call,
        partnership=query.partnership,
        status=query.status.value if query.status else "",
        q=query.q.strip(),
    )
    rows = selectors.visible_indicators(acting_user(request), filters)
    window = rows[query.offset : query.offset + query.limit]
    return {
        "count": len(rows),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_list_item(request, indicator, result) for indicator, result in window],
    }


@router.post("/indicators", response={201: IndicatorOut, **ERRORS})
def create_indicator(request: HttpRequest, body: IndicatorIn) -> Status[dict[str, Any]]:
    """Define an indicator (for a programme, a community, a call or a partnership)."""
    user = acting_user(request)
    _require_login(user)
    data = body.model_dump()
    indicator = services.create_indicator(
        by=user, values=_values(data), parties=_parties(data.get("parties"))
    )
    return Status(
        201, _indicator_out(request, selectors.get_indicator_for_user_or_404(user, indicator.pk))
    )


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **ERRORS})
def get_indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    """One indicator with its status and, when shared, each party's figure and the total."""
    user = acting_user(request)
    return _indicator_out(request, selectors.get_indicator_for_user_or_404(user, indicator_id))


@router.patch("/indicators/{indicator_id}", response={200: IndicatorOut, **ERRORS})
def update_indicator(
    request: HttpRequest, indicator_id: int, body: IndicatorPatch
) -> dict[str, Any]:
    """Change the fields sent; ``parties``, when sent, replace the list."""
    user = acting_user(request)
    indicator = selectors.get_indicator_for_user_or_404(user, indicator_id)
    data = body.model_dump(exclude_unset=True)
    parties = _parties(data.get("parties")) if "parties" in data else None
    services.update_indicator(indicator, by=user, values=_values(data), parties=parties)
    return _indicator_out(request, selectors.get_indicator_for_user_or_404(user, indicator_id))


@router.get("/indicators/{indicator_id}/measurements", response={200: MeasurementPage, **ERRORS})
def list_measurements(
    request: HttpRequest, indicator_id: int, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """The indicator's measurements, oldest period first."""
    indicator = selectors.get_indicator_for_user_or_404(acting_user(request), indicator_id)
    limit = max(1, min(limit, 200))
    offset = max(0, offset)
    measurements = list(indicator.measurements.all())
    evidence = sees_evidence(acting_user(request), indicator)
    return {
        "count": len(measurements),
        "limit": limit,
        "offset": offset,
        "items": [
            _measurement_out(request, m, evidence=evidence)
            for m in measurements[offset : offset + limit]
        ],
    }


@router.post("/indicators/{indicator_id}/measurements", response={201: MeasurementOut, **ERRORS})
def create_measurement(
    request: HttpRequest, indicator_id: int, body: MeasurementIn
) -> Status[dict[str, Any]]:
    """Record a period's value with evidence (a note or a link): owners and reporters only."""
    user = acting_user(request)
    indicator = selectors.get_indicator_for_user_or_404(user, indicator_id)
    _require_login(user)
    party = None
    if body.party_id is not None:
        party = IndicatorParty.objects.filter(pk=body.party_id, indicator=indicator).first()
        if party is None:
            if not rules.can_report(user, indicator):
                raise PermissionDenied
            raise DomainError({"party": _("Choose one of the options.")})
    measurement = services.record_measurement(
        indicator,
        by=user,
        period_start=body.period_start,
        value=body.value,
        party=party,
        note=body.note,
        evidence_link=body.evidence_link,
    )
    return Status(201, _measurement_out(request, measurement))


@router.patch("/measurements/{measurement_id}", response={200: MeasurementOut, **ERRORS})
def update_measurement(
    request: HttpRequest, measurement_id: int, body: MeasurementPatch
) -> dict[str, Any]:
    """Correct a measurement; who first reported it, and when, stay."""
    user = acting_user(request)
    measurement = selectors.get_measurement_for_user_or_404(user, measurement_id)
    _require_login(user)
    data = body.model_dump(exclude_unset=True)
    measurement = services.update_measurement(
        measurement,
        by=user,
        value=data.get("value"),
        note=data.get("note"),
        evidence_link=data.get("evidence_link"),
    )
    return _measurement_out(request, measurement)


@router.delete("/measurements/{measurement_id}", response={204: None, **ERRORS})
def delete_measurement(request: HttpRequest, measurement_id: int) -> Status[None]:
    """Delete a measurement: its period is missing again."""
    user = acting_user(request)
    measurement = selectors.get_measurement_for_user_or_404(user, measurement_id)
    _require_login(user)
    services.delete_measurement(measurement, by=user)
    return Status(204, None)
