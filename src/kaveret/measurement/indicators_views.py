"""Pages of indicators: the list, an indicator with its chart and table, entering a measurement.

Thin, permission first: ``rules`` decides, ``indicators_services`` writes, the status comes
from ``status``. What a user may not see is 404; what they see but may not do is 403.
"""

from __future__ import annotations

import datetime
import mimetypes
import os
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.core.spreadsheets import csv_text, escape_formula
from kaveret.core.uploads import EXTENSIONS, protected_file_response
from kaveret.ecosystem.forms import attach_domain_error

from . import indicators_selectors as selectors
from . import indicators_services as services
from . import rules
from .indicators_forms import IndicatorFilterForm, IndicatorForm, MeasurementForm, period_label
from .indicators_rules import sees_evidence
from .models import Indicator, IndicatorParty, Measurement
from .status import (
    Period,
    StatusResult,
    expected_value,
    indicator_status,
    shared_values,
    tracked_periods,
)

CHART_WIDTH = 640
CHART_HEIGHT = 240
PAD_X = 48
PAD_TOP = 16
PAD_BOTTOM = 28


# The list


def indicator_list(request: HttpRequest) -> HttpResponse:
    form = IndicatorFilterForm(request.GET or None)
    rows = selectors.visible_indicators(request.user, form.filters())
    page = Paginator(rows, settings.KAVERET_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "measurement/indicators/list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "can_define": rules.edits_portfolio(request.user),
        },
    )


# Defining


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    if not rules.edits_portfolio(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, initial={"frequency": "quarterly"})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.create_indicator(by=request.user, values=form.values())
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error(None, _("You may not define indicators there."))
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("measurement:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "measurement/indicators/form.html",
        {"form": form, "indicator": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.get_indicator_for_user_or_404(request.user, pk)
    if not rules.can_edit_indicator(request.user, indicator):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_from(indicator))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(indicator, by=request.user, values=form.values())
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error(None, _("You may not move the indicator there."))
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("measurement:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "measurement/indicators/form.html",
        {"form": form, "indicator": indicator},
        status=400 if request.method == "POST" else 200,
    )


# One indicator


@dataclass
class Row:
    """One period of the data table (and one point of the chart)."""

    period: Period
    label: str
    value: Decimal | None
    expected: Decimal | None
    missing: bool
    measurement: Measurement | None = None
    parties: list[tuple[IndicatorParty, Measurement | None]] = field(default_factory=list)
    reported_count: int = 0
    expected_count: int = 0
    reported_total: Decimal | None = None

    @property
    def partial(self) -> bool:
        return self.expected_count > 0 and self.reported_count < self.expected_count


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: Decimal


@dataclass
class Chart:
    width: int
    height: int
    expected_path: str
    measured_paths: list[str]
    points: list[Point]
    missing_x: list[float]
    ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    target_y: float | None
    axis_y: float


def _rows(indicator: Indicator, today: datetime.date) -> list[Row]:
    measurements = list(indicator.measurements.all())
    begun = tracked_periods(indicator, today)
    ended = {period for period in begun if period.end < today}
    if indicator.is_shared:
        parties = list(indicator.parties.all())
        by_key = {(m.period_start, m.party_id): m for m in measurements}
        rows = []
        for shared in shared_values(indicator, measurements, parties, today):
            period = shared.period
            rows.append(
                Row(
                    period=period,
                    label=period_label(period),
                    value=shared.total if shared.complete else None,
                    expected=expected_value(indicator, period.end),
                    missing=period in ended and not shared.complete,
                    parties=[(party, by_key.get((period.start, party.pk))) for party in parties],
                    reported_count=shared.reported_count,
                    expected_count=shared.expected_count,
                    reported_total=shared.total,
                )
            )
        return rows
    by_start = {m.period_start: m for m in measurements if m.party_id is None}
    all_periods = {period.start: period for period in begun}
    for m in by_start.values():
        all_periods.setdefault(m.period_start, Period(m.period_start, m.period_end))
    rows = []
    for start in sorted(all_periods):
        period = all_periods[start]
        found = by_start.get(start)
        rows.append(
            Row(
                period=period,
                label=period_label(period),
                value=found.value if found else None,
                expected=expected_value(indicator, period.end),
                missing=found is None and period in ended,
                measurement=found,
            )
        )
    return rows


def _chart(indicator: Indicator, rows: list[Row], *, rtl: bool) -> Chart | None:
    if not rows:
        return None
    numbers = [row.value for row in rows if row.value is not None]
    numbers += [row.expected for row in rows if row.expected is not None]
    for extra in (indicator.baseline, indicator.target):
        if extra is not None:
            numbers.append(Decimal(extra))
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    if low > 0 and low < high:
        low = min(low, Decimal(0)) if low < (high - low) else low
    if low == high:
        low, high = low - 1, high + 1
    plot_height = CHART_HEIGHT - PAD_TOP - PAD_BOTTOM
    plot_width = CHART_WIDTH - 2 * PAD_X
    step = plot_width / max(len(rows) - 1, 1)

    def x_of(index: int) -> float:
        offset = index * step if len(rows) > 1 else plot_width / 2
        return CHART_WIDTH - PAD_X - offset if rtl else PAD_X + offset

    def y_of(value: Decimal) -> float:
        share = float((value - low) / (high - low))
        return PAD_TOP + plot_height * (1 - share)

    expected = [
        f"{x_of(i):.1f},{y_of(row.expected):.1f}"
        for i, row in enumerate(rows)
        if row.expected is not None
    ]
    paths: list[str] = []
    current: list[str] = []
    points = []
    missing_x = []
    for i, row in enumerate(rows):
        if row.value is None:
            if current:
                paths.append(" ".join(current))
            current = []
            if row.missing:
                missing_x.append(x_of(i))
            continue
        current.append(f"{x_of(i):.1f},{y_of(row.value):.1f}")
        points.append(Point(x_of(i), y_of(row.value), row.label, row.value))
    if current:
        paths.append(" ".join(current))
    ticks = [
        (y_of(low + (high - low) * k / 4), _number(low + (high - low) * k / 4)) for k in range(5)
    ]
    labels_every = max(1, len(rows) // 6)
    x_labels = [
        (x_of(i), f"{row.period.start:%m/%Y}")
        for i, row in enumerate(rows)
        if i % labels_every == 0
    ]
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        expected_path=" ".join(expected),
        measured_paths=paths,
        points=points,
        missing_x=missing_x,
        ticks=ticks,
        x_labels=x_labels,
        target_y=y_of(Decimal(indicator.target)) if indicator.target is not None else None,
        axis_y=CHART_HEIGHT - PAD_BOTTOM,
    )


def _number(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.01"))
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _belongs_to(indicator: Indicator) -> tuple[str, str] | None:
    """What the indicator belongs to: its name and page (None when it stands alone)."""
    if indicator.programme is not None:
        return indicator.programme.title, ""
    if indicator.community is not None:
        return indicator.community.display_name, indicator.community.get_absolute_url()
    if indicator.call is not None:
        return indicator.call.title, indicator.call.get_absolute_url()
    if indicator.partnership is not None:
        return str(indicator.partnership), ""
    return None


def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.get_indicator_for_user_or_404(request.user, pk)
    today = timezone.localdate()
    result: StatusResult = indicator_status(indicator, today=today)
    rows = _rows(indicator, today)
    rtl = translation.get_language_bidi()
    user = request.user
    return render(
        request,
        "measurement/indicators/detail.html",
        {
            "indicator": indicator,
            "result": result,
            "rows": rows,
            "rows_newest_first": list(reversed(rows)),
            "chart": _chart(indicator, rows, rtl=rtl),
            "parties": list(indicator.parties.all()),
            "belongs_to": _belongs_to(indicator),
            "can_report": rules.can_report(user, indicator),
            "can_edit": rules.can_edit_indicator(user, indicator),
            "sees_evidence": sees_evidence(user, indicator),
            "correctable": {
                m.pk for m in indicator.measurements.all() if services.may_correct(user, m)
            },
        },
    )


def _cell(value: Decimal | None) -> str:
    return "" if value is None else _number(value)


def _status_cell(row: Row) -> str:
    if row.missing:
        return _("missing")
    return _("not yet reported")


def indicator_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The chart's figures as CSV: the same cells as the page's table (evidence columns
    only for those who may see the evidence), oldest period first."""
    indicator = selectors.get_indicator_for_user_or_404(request.user, pk)
    rows = _rows(indicator, timezone.localdate())
    evidence = sees_evidence(request.user, indicator)
    header: list[str] = [_("Period")]
    lines: list[list[str]] = []
    if indicator.is_shared:
        parties = list(indicator.parties.all())
        header += [str(party.actor) for party in parties] + [_("Total")]
        if evidence:
            header.append(_("Evidence"))
        for row in rows:
            cells = [row.label]
            cells += [
                _cell(measurement.value) if measurement else _status_cell(row)
                for _party, measurement in row.parties
            ]
            if row.value is not None:
                cells.append(_cell(row.value))
            elif row.reported_count:
                cells.append(
                    _("%(total)s (partial: %(reported)s of %(expected)s parties)")
                    % {
                        "total": _cell(row.reported_total),
                        "reported": row.reported_count,
                        "expected": row.expected_count,
                    }
                )
            else:
                cells.append(_status_cell(row))
            if evidence:
                cells.append(
                    " | ".join(
                        _evidence_text(measurement)
                        for _party, measurement in row.parties
                        if measurement is not None
                    )
                )
            lines.append([*cells, _cell(row.expected)])
    else:
        header += [_("Value")]
        if evidence:
            header.append(_("Evidence"))
        for row in rows:
            found = row.measurement
            cells = [row.label, _cell(found.value) if found else _status_cell(row)]
            if evidence:
                cells.append(_evidence_text(found) if found else "")
            lines.append([*cells, _cell(row.expected)])
    header.append(_("Expected"))
    safe = [[escape_formula(cell) for cell in line] for line in [header, *lines]]
    response = HttpResponse(csv_text(safe), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{indicator.pk}.csv"'
    return response


def _evidence_text(measurement: Measurement) -> str:
    """A measurement's evidence as one cell: note, link, file, who reported it and when."""
    parts = [measurement.note.strip()] if measurement.note.strip() else []
    if measurement.evidence_link:
        parts.append(measurement.evidence_link)
    if measurement.evidence_file:
        parts.append(os.path.basename(measurement.evidence_file.name or ""))
    if measurement.reported_by is not None:
        parts.append(
            _("Reported by %(name)s on %(date)s")
            % {
                "name": measurement.reported_by.public_name,
                "date": f"{timezone.localtime(measurement.created_at):%d/%m/%Y}",
            }
        )
    return " · ".join(parts)


# Entering and correcting a measurement


def _reportable_or_404(request: HttpRequest, pk: int) -> Indicator:
    indicator = selectors.get_indicator_for_user_or_404(request.user, pk)
    if not rules.can_report(request.user, indicator):
        raise PermissionDenied
    return indicator


def _parties_for(user: Any, indicator: Indicator) -> list[IndicatorParty]:
    parties = list(indicator.parties.all())
    if services.owns_or_administers(user, indicator):
        return parties
    return [party for party in parties if party.reporter_id == user.pk]


@login_required
@require_http_methods(["GET", "POST"])
def indicator_measure(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _reportable_or_404(request, pk)
    parties = _parties_for(request.user, indicator)
    form = MeasurementForm(
        request.POST or None,
        request.FILES or None,
        indicator=indicator,
        parties=parties,
        initial={"period": _default_period(indicator)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party = next((p for p in parties if p.pk == data.get("party")), None)
        try:
            services.record_measurement(
                indicator,
                by=request.user,
                period_start=data["period"],
                value=data["value"],
                party=party,
                note=data["note"],
                evidence_file=data.get("evidence_file"),
                evidence_link=data["evidence_link"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The measurement was recorded."))
            return redirect("measurement:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "measurement/indicators/measure.html",
        {"indicator": indicator, "form": form, "measurement": None},
        status=400 if request.method == "POST" else 200,
    )


def _default_period(indicator: Indicator) -> str:
    """The latest period that has ended (the one usually reported), else the current one."""
    today = timezone.localdate()
    begun = services.reportable_periods(indicator, today)
    ended = [period for period in begun if period.end < today]
    chosen = ended[0] if ended else (begun[0] if begun else None)
    return chosen.start.isoformat() if chosen else ""


def _correctable_or_404(request: HttpRequest, pk: int) -> Measurement:
    measurement = selectors.get_measurement_for_user_or_404(request.user, pk)
    if not services.may_correct(request.user, measurement):
        raise PermissionDenied
    return measurement


@login_required
@require_http_methods(["GET", "POST"])
def indicator_measurement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = _correctable_or_404(request, pk)
    indicator = measurement.indicator
    form = MeasurementForm(
        request.POST or None,
        request.FILES or None,
        indicator=indicator,
        parties=[],
        correcting=True,
        initial={
            "value": _number(measurement.value),
            "note": measurement.note,
            "evidence_link": measurement.evidence_link,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_measurement(
                measurement,
                by=request.user,
                value=data["value"],
                note=data["note"],
                evidence_file=data.get("evidence_file"),
                evidence_link=data["evidence_link"],
                remove_file=data.get("remove_file", False),
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The measurement was corrected."))
            return redirect("measurement:indicator_detail", pk=indicator.pk)
    return render(
        request,
        "measurement/indicators/measure.html",
        {
            "indicator": indicator,
            "form": form,
            "measurement": measurement,
            "period": period_label(Period(measurement.period_start, measurement.period_end)),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def indicator_measurement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = _correctable_or_404(request, pk)
    indicator_id = measurement.indicator_id
    services.delete_measurement(measurement, by=request.user)
    messages.success(request, _("The measurement was deleted; its period is missing again."))
    return redirect("measurement:indicator_detail", pk=indicator_id)


def indicator_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file of a measurement, for those who may see its evidence (else 404)."""
    measurement = selectors.get_measurement_for_user_or_404(request.user, pk)
    if not measurement.evidence_file or not sees_evidence(request.user, measurement.indicator):
        raise Http404
    name = os.path.basename(measurement.evidence_file.name or "")
    extension = os.path.splitext(name)[1].lower()
    content_type = (
        EXTENSIONS.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    stored = SimpleNamespace(
        file=measurement.evidence_file, original_name=name, content_type=content_type
    )
    return protected_file_response(stored)


def evidence_url(measurement: Measurement) -> str:
    return reverse("measurement:indicator_evidence", args=[measurement.pk])
