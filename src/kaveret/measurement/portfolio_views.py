"""Pages of the portfolio: the plans, a plan's portfolio, an area, a programme, CSV of the
charts, and the edit forms. Thin: ``portfolio`` computes, ``portfolio_services`` writes,
``rules`` decides; a plan the user may not see is 404."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.core.spreadsheets import csv_text, escape_formula
from kaveret.ecosystem.forms import attach_domain_error

from . import portfolio, rules
from . import portfolio_services as services
from .models import Area, BudgetLine, Indicator, MapTag, Programme, Target, WorkPlan
from .portfolio_forms import AreaForm, BudgetLineForm, PlanForm, ProgrammeForm, TargetForm

PAGE_SIZE = 20
CHART_WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 130
BAR_HEIGHT = 22
ROW_HEIGHT = 34
CURRENCY_SIGNS = {"USD": "$", "ILS": "₪", "EUR": "€", "GBP": "£"}
STATUS_COLOURS = {
    portfolio.ON_TRACK: "#1a7f37",
    portfolio.AT_RISK: "#9a6700",
    portfolio.OFF_TRACK: "#b42318",
    portfolio.NO_DATA: "#57606a",
    portfolio.NOT_MEASURED: "#8c959f",
}


def money(amount: Decimal, currency: str) -> str:
    """``1,258,015 $``-like text: thousands separators, cents only when there are some."""
    amount = Decimal(amount)
    whole = amount == amount.to_integral_value()
    number = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    sign = CURRENCY_SIGNS.get(currency.upper())
    return f"{sign}{number}" if sign else f"{number} {currency.upper()}"


def one_decimal(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# --- access -----------------------------------------------------------------------------


def visible_plans(user: Any) -> Any:
    """The plans ``user`` may read (``rules.can_view_plan``): published plans of public
    communities (or of none) and of hidden communities the user belongs to, the plans of
    the communities the user runs; every plan for funders and platform admins."""
    plans = WorkPlan.objects.select_related("organisation", "community")
    return plans.filter(rules.visible_plans_condition(user))


def get_plan_or_404(user: Any, pk: int) -> WorkPlan:
    plan = get_object_or_404(WorkPlan.objects.select_related("organisation", "community"), pk=pk)
    if not rules.can_view_plan(user, plan):
        raise Http404
    return plan


def _editable_plan(request: HttpRequest, pk: int) -> WorkPlan:
    plan = get_plan_or_404(request.user, pk)
    if not rules.edits_portfolio(request.user, plan):
        raise PermissionDenied
    return plan


# --- charts -----------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: str
    y: int
    segments: list[dict[str, Any]]


def _bars(rows: list[tuple[str, str, list[tuple[Decimal, str, str]]]]) -> dict[str, Any]:
    """Horizontal bars; each row is (label, value text, [(amount, colour, name), ...])."""
    biggest = max((sum(part[0] for part in parts) for _l, _v, parts in rows), default=Decimal(0))
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value, parts) in enumerate(rows):
        x = Decimal(LABEL_WIDTH)
        segments = []
        for amount, colour, name in parts:
            width = Decimal(amount) * span / biggest if biggest else Decimal(0)
            segments.append(
                {"x": f"{x:.1f}", "width": f"{width:.1f}", "fill": colour, "name": name}
            )
            x += width
        bars.append(Bar(label=label, value=value, y=index * ROW_HEIGHT + 6, segments=segments))
    return {
        "width": CHART_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT + 12,
        "bars": bars,
        "label_x": LABEL_WIDTH - 8,
        "value_x": CHART_WIDTH - VALUE_WIDTH + 8,
        "bar_height": BAR_HEIGHT,
        "text_dy": BAR_HEIGHT // 2 + 1,
    }


INSIDE_COLOUR = "#0b5cad"
OUTSIDE_COLOUR = "#e8a33d"


def _budget_chart(totals: portfolio.PlanTotals) -> dict[str, Any]:
    inside, outside = _("Inside the partnership"), _("Outside the partnership")
    return _bars(
        [
            (
                row.area.display_name,
                f"{money(row.total, totals.currency)} · {row.share_display}%",
                [(row.inside, INSIDE_COLOUR, inside), (row.outside, OUTSIDE_COLOUR, outside)],
            )
            for row in totals.areas
        ]
    )


def _split_chart(inside: Decimal, outside: Decimal, currency: str) -> dict[str, Any]:
    shares = portfolio.largest_remainder(
        [portfolio.percent(inside, inside + outside), portfolio.percent(outside, inside + outside)]
    )
    return _bars(
        [
            (
                _("Inside the partnership"),
                f"{money(inside, currency)} · {shares[0]}%",
                [(inside, INSIDE_COLOUR, "")],
            ),
            (
                _("Outside the partnership"),
                f"{money(outside, currency)} · {shares[1]}%",
                [(outside, OUTSIDE_COLOUR, "")],
            ),
        ]
    )


def _status_chart(counts: list[portfolio.StatusCount]) -> dict[str, Any]:
    return _bars(
        [
            (
                str(row.label),
                str(row.count),
                [(Decimal(row.count), STATUS_COLOURS[row.status], "")],
            )
            for row in counts
        ]
    )


def _area_rows(totals: portfolio.PlanTotals) -> list[dict[str, Any]]:
    currency = totals.currency
    return [
        {
            "row": row,
            "inside": money(row.inside, currency),
            "outside": money(row.outside, currency),
            "total": money(row.total, currency),
            "share": row.share_display,
            "exact": one_decimal(row.share_of_plan),
        }
        for row in totals.areas
    ]


# --- pages ------------------------------------------------------------------------------


@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    page = Paginator(visible_plans(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "measurement/portfolio/plans.html",
        {"page": page, "can_create": rules.offers_new_plan(request.user)},
    )


@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    work_plan = get_plan_or_404(request.user, pk)
    totals = portfolio.plan_totals(work_plan)
    statuses = portfolio.targets_by_status(work_plan)
    currency = totals.currency
    return render(
        request,
        "measurement/portfolio/plan.html",
        {
            "plan": work_plan,
            "totals": totals,
            "area_rows": _area_rows(totals),
            "grand": {
                "inside": money(totals.inside, currency),
                "outside": money(totals.outside, currency),
                "total": money(totals.total, currency),
            },
            "budget_chart": _budget_chart(totals),
            "split_chart": _split_chart(totals.inside, totals.outside, currency),
            "status_chart": _status_chart(statuses),
            "statuses": statuses,
            "targets_total": sum(row.count for row in statuses),
            "map_counts": portfolio.map_tag_counts(work_plan),
            "can_edit": rules.edits_portfolio(request.user, work_plan),
            "inside_colour": INSIDE_COLOUR,
            "outside_colour": OUTSIDE_COLOUR,
        },
    )


def _area_or_404(work_plan: WorkPlan, slug: str) -> Area:
    return get_object_or_404(Area, plan=work_plan, slug=slug)


@require_GET
def area(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    work_plan = get_plan_or_404(request.user, pk)
    area_obj = _area_or_404(work_plan, slug)
    totals = portfolio.plan_totals(work_plan)
    row = totals.area(area_obj)
    assert row is not None
    currency = totals.currency
    programmes = [
        {
            "row": programme_row,
            "inside": money(programme_row.inside, currency),
            "outside": money(programme_row.outside, currency),
            "total": money(programme_row.total, currency),
        }
        for programme_row in row.programmes
    ]
    return render(
        request,
        "measurement/portfolio/area.html",
        {
            "plan": work_plan,
            "area": area_obj,
            "row": row,
            "programmes": programmes,
            "figures": {
                "inside": money(row.inside, currency),
                "outside": money(row.outside, currency),
                "total": money(row.total, currency),
                "area_inside": money(row.area_inside, currency),
                "area_outside": money(row.area_outside, currency),
            },
            "split_chart": _split_chart(row.inside, row.outside, currency),
            "area_lines": [
                {
                    "line": line,
                    "inside": money(line.inside, currency),
                    "outside": money(line.outside, currency),
                }
                for line in BudgetLine.objects.filter(
                    area=area_obj, programme__isnull=True
                ).order_by("pk")
            ],
            "can_edit": rules.edits_portfolio(request.user, work_plan),
        },
    )


@require_GET
def programme(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    work_plan = get_plan_or_404(request.user, pk)
    programme_obj = get_object_or_404(
        Programme.objects.select_related("area", "community", "owner").prefetch_related("partners"),
        plan=work_plan,
        slug=slug,
    )
    targets = list(
        Target.objects.filter(programme=programme_obj)
        .select_related("indicator")
        .prefetch_related("indicator__measurements", "indicator__parties")
    )
    statuses = portfolio.target_statuses(targets)
    status_counts = portfolio.count_statuses(statuses.values())
    lines = list(BudgetLine.objects.filter(programme=programme_obj).order_by("pk"))
    inside = sum((line.inside for line in lines), Decimal(0))
    outside = sum((line.outside for line in lines), Decimal(0))
    currency = work_plan.currency
    indicators = [
        {
            "indicator": indicator,
            "status": (key := portfolio.indicator_status_key(indicator)),
            "status_label": portfolio.STATUS_LABELS[key],
        }
        for indicator in Indicator.objects.filter(programme=programme_obj)
        .select_related("programme__plan")
        .prefetch_related("measurements", "parties")
        if rules.can_view_indicator(request.user, indicator)
    ]
    tags = [MapTag(tag).label for tag in MapTag.values if tag in (programme_obj.map_tags or [])]
    return render(
        request,
        "measurement/portfolio/programme.html",
        {
            "plan": work_plan,
            "programme": programme_obj,
            "targets": [
                {
                    "target": target,
                    "status": statuses[target.pk],
                    "status_label": portfolio.STATUS_LABELS[statuses[target.pk]],
                }
                for target in targets
            ],
            "lines": [
                {
                    "line": line,
                    "inside": money(line.inside, currency),
                    "outside": money(line.outside, currency),
                    "total": money(line.inside + line.outside, currency),
                }
                for line in lines
            ],
            "figures": {
                "inside": money(inside, currency),
                "outside": money(outside, currency),
                "total": money(inside + outside, currency),
            },
            "tags": tags,
            "indicators": indicators,
            "status_chart": _status_chart(status_counts),
            "status_counts": status_counts,
            "can_edit": rules.edits_portfolio(request.user, work_plan),
        },
    )


# --- CSV --------------------------------------------------------------------------------

CSV_CHARTS = ("budget", "split", "targets")


def _csv_response(rows: list[list[Any]], name: str) -> HttpResponse:
    response = HttpResponse(
        csv_text(rows).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _status_rows(counts: list[portfolio.StatusCount]) -> list[list[Any]]:
    return [[_("Status"), _("Targets")]] + [[str(row.label), row.count] for row in counts]


def _split_rows(totals: portfolio.PlanTotals | portfolio.AreaTotals) -> list[list[Any]]:
    return [
        [_("Budget"), _("Amount"), _("Share (%)"), _("Share, exact (%)")],
        [
            _("Inside the partnership"),
            totals.inside,
            totals.inside_share_display,
            one_decimal(totals.inside_share),
        ],
        [
            _("Outside the partnership"),
            totals.outside,
            totals.outside_share_display,
            one_decimal(totals.outside_share),
        ],
    ]


@require_GET
def plan_csv(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """The data table of one chart of the portfolio page, as CSV (UTF-8 with BOM)."""
    if chart not in CSV_CHARTS:
        raise Http404
    work_plan = get_plan_or_404(request.user, pk)
    rows: list[list[Any]]
    if chart == "targets":
        rows = _status_rows(portfolio.targets_by_status(work_plan))
    else:
        totals = portfolio.plan_totals(work_plan)
        if chart == "budget":
            rows = [
                [
                    _("Area"),
                    _("Inside the partnership"),
                    _("Outside the partnership"),
                    _("Total"),
                    _("Share of the plan (%)"),
                    _("Share of the plan, exact (%)"),
                ]
            ]
            rows += [
                [
                    escape_formula(row.area.display_name),
                    row.inside,
                    row.outside,
                    row.total,
                    row.share_display,
                    one_decimal(row.share_of_plan),
                ]
                for row in totals.areas
            ]
            rows.append(
                [
                    _("Total"),
                    totals.inside,
                    totals.outside,
                    totals.total,
                    100 if totals.total else 0,
                    "",
                ]
            )
        else:
            rows = _split_rows(totals)
    return _csv_response(rows, f"plan-{work_plan.year}-{work_plan.pk}-{chart}")


@require_GET
def area_csv(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The data table of the area page's chart (inside and outside the partnership)."""
    work_plan = get_plan_or_404(request.user, pk)
    area_obj = _area_or_404(work_plan, slug)
    row = portfolio.plan_totals(work_plan).area(area_obj)
    assert row is not None
    return _csv_response(
        _split_rows(row), f"plan-{work_plan.year}-{work_plan.pk}-area-{area_obj.pk}"
    )


@require_GET
def programme_csv(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The data table of the programme page's chart (its yearly targets by status)."""
    work_plan = get_plan_or_404(request.user, pk)
    programme_obj = get_object_or_404(Programme, plan=work_plan, slug=slug)
    targets = (
        Target.objects.filter(programme=programme_obj)
        .select_related("indicator")
        .prefetch_related("indicator__measurements", "indicator__parties")
    )
    counts = portfolio.count_statuses(portfolio.target_statuses(targets).values())
    return _csv_response(
        _status_rows(counts), f"plan-{work_plan.year}-{work_plan.pk}-programme-{programme_obj.pk}"
    )


# --- edit forms -------------------------------------------------------------------------


def _form_page(
    request: HttpRequest, form: Any, *, title: str, plan: WorkPlan | None, back: str
) -> HttpResponse:
    return render(
        request,
        "measurement/portfolio/form.html",
        {"form": form, "title": title, "plan": plan, "back": back},
    )


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    if not rules.offers_new_plan(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.save_plan(by=request.user, values=form.cleaned_data)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:plan", pk=created.pk)
    return _form_page(
        request, form, title=_("New work plan"), plan=None, back=reverse("measurement:plans")
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    form = PlanForm(request.POST or None, instance=work_plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan(by=request.user, values=form.cleaned_data, plan=work_plan)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:plan", pk=work_plan.pk)
    back = reverse("measurement:plan", kwargs={"pk": pk})
    return _form_page(request, form, title=_("Edit the work plan"), plan=work_plan, back=back)


@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    instance = _area_or_404(work_plan, slug) if slug else None
    form = AreaForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_area(
                by=request.user, plan=work_plan, values=form.cleaned_data, area=instance
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:area", pk=work_plan.pk, slug=saved.slug)
    title = _("Edit the area") if instance else _("New area")
    back = reverse("measurement:plan", kwargs={"pk": pk})
    return _form_page(request, form, title=title, plan=work_plan, back=back)


@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    instance = get_object_or_404(Programme, plan=work_plan, slug=slug) if slug else None
    initial = {"area": request.GET.get("area")} if instance is None else None
    form = ProgrammeForm(request.POST or None, instance=instance, plan=work_plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        partners = values.pop("partners")
        if instance is None:
            values["owner"] = request.user
        try:
            saved = services.save_programme(
                by=request.user,
                plan=work_plan,
                values=values,
                programme=instance,
                partners=partners,
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:programme", pk=work_plan.pk, slug=saved.slug)
    title = _("Edit the programme") if instance else _("New programme")
    back = reverse("measurement:plan", kwargs={"pk": pk})
    return _form_page(request, form, title=title, plan=work_plan, back=back)


@require_http_methods(["GET", "POST"])
def target_edit(
    request: HttpRequest, pk: int, slug: str, target_id: int | None = None
) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    programme_obj = get_object_or_404(Programme, plan=work_plan, slug=slug)
    instance = (
        get_object_or_404(Target, pk=target_id, programme=programme_obj) if target_id else None
    )
    form = TargetForm(request.POST or None, instance=instance, programme=programme_obj)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if values.get("order") is None:
            values.pop("order")
        try:
            services.save_target(
                by=request.user, programme=programme_obj, values=values, target=instance
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:programme", pk=work_plan.pk, slug=slug)
    title = _("Edit the target") if instance else _("New yearly target")
    back = reverse("measurement:programme", kwargs={"pk": pk, "slug": slug})
    return _form_page(request, form, title=title, plan=work_plan, back=back)


@require_POST
def target_delete(request: HttpRequest, pk: int, slug: str, target_id: int) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    target = get_object_or_404(
        Target, pk=target_id, programme__plan=work_plan, programme__slug=slug
    )
    services.delete_target(by=request.user, target=target)
    return redirect("measurement:programme", pk=work_plan.pk, slug=slug)


@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, pk: int, line_id: int | None = None) -> HttpResponse:
    work_plan = _editable_plan(request, pk)
    instance = get_object_or_404(BudgetLine, pk=line_id, plan=work_plan) if line_id else None
    form = BudgetLineForm(request.POST or None, instance=instance, plan=work_plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(
                by=request.user, plan=work_plan, values=form.cleaned_data, line=instance
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect("measurement:plan", pk=work_plan.pk)
    title = _("Edit the budget line") if instance else _("New budget line")
    back = reverse("measurement:plan", kwargs={"pk": pk})
    return _form_page(request, form, title=title, plan=work_plan, back=back)
