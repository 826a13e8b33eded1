"""The reports of measurement: the yearly work plan, a community's year, a call's results.

Each report is gathered from the data (nothing typed twice), laid out as HTML and then
as a PDF by WeasyPrint (right to left in Hebrew and Arabic, left to right in English),
or written as an Excel workbook:

- **Work plan** (seed 004): cover, opening letter with its signature, contents with page
  numbers (``target-counter``), background and organising logic, the MAP road map, then
  each area with its description and budget (inside / outside the partnership, computed
  from the budget lines) and each programme's background, main goal and yearly targets,
  and the budget table (areas x inside / outside / total / share, with totals).
- **Community's year**: members and their mix, events and attendance, challenges, calls
  with their funnel, partnerships by stage and the community's indicators.
- **Call results**: the call, its funnel, the decisions and grants with their amounts.
  Only what the call's staff see; no reviewer is named.

Made like the other documents of the platform (``kaveret.calls.pdf``,
``kaveret.partnerships.pdf``): system fonts with Hebrew glyphs, no external resources,
a URL fetcher that refuses everything.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kaveret.calls.pdf import no_fetching
from kaveret.core.spreadsheets import escape_formula

from .models import Area, MapTag, Programme, Target, WorkPlan
from .portfolio import AreaTotals, plan_totals
from .status import indicator_status

Progress = Callable[[int, int], None]

CURRENCY_SYMBOLS = {"USD": "$", "ILS": "₪", "EUR": "€", "GBP": "£"}
ZERO = Decimal(0)


def _no_progress(current: int, total: int) -> None:
    return None


# --- Money -----------------------------------------------------------------------------


def currency_symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())


def format_amount(value: Decimal | int | float | None) -> str:
    """``15112050`` as ``15,112,050``; cents only when there are some; ``-`` for none."""
    if value is None:
        return "-"
    amount = Decimal(value)
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


def format_money(value: Decimal | int | float | None, currency: str) -> str:
    """An amount with its currency: ``$15,112,050`` in English, ``15,112,050 $`` otherwise."""
    symbol = currency_symbol(currency)
    if (translation.get_language() or "he")[:2] == "en":
        return f"{symbol}{format_amount(value)}"
    return f"{format_amount(value)} {symbol}"


# --- The work plan ---------------------------------------------------------------------


def plan_title(plan: WorkPlan) -> str:
    if (translation.get_language() or "he")[:2] == "en" and plan.title_en:
        return plan.title_en
    return plan.title


def programme_title(programme: Programme) -> str:
    if (translation.get_language() or "he")[:2] == "en" and programme.title_en:
        return programme.title_en
    return programme.title


# The road map's letters stay Latin in every language: M, A, P (seed 004).
MAP_LETTERS = {MapTag.MINDSET: "M", MapTag.ABILITY: "A", MapTag.PIPES: "P"}

# What each letter of the road map covers (seed 004), translated when shown.
MAP_POINTS: dict[str, list[str]] = {
    MapTag.MINDSET: [gettext_noop("Mental models"), gettext_noop("Values and motivation")],
    MapTag.ABILITY: [gettext_noop("Personal abilities"), gettext_noop("Relationships")],
    MapTag.PIPES: [
        gettext_noop("Policy"),
        gettext_noop("Roles"),
        gettext_noop("Infrastructure and resources"),
        gettext_noop("Procedures and standards"),
    ],
}


def _map_road(programmes: list[Programme]) -> list[dict[str, Any]]:
    """The three letters of the road map, what each covers and the programmes tagged with it."""
    kinds = {MapTag.MINDSET: _("(People)"), MapTag.ABILITY: _("(People)")}
    return [
        {
            "letter": MAP_LETTERS[tag],
            "label": tag.label,
            "kind": kinds.get(tag, _("(Structures)")),
            "points": [_(point) for point in MAP_POINTS[tag]],
            "programmes": [
                programme_title(programme)
                for programme in programmes
                if tag.value in (programme.map_tags or [])
            ],
        }
        for tag in MapTag
    ]


def workplan_context(plan: WorkPlan, language: str) -> dict[str, Any]:
    """Everything the work plan's template shows, in ``language`` (active while called)."""
    areas = list(
        Area.objects.filter(plan=plan).prefetch_related(
            Prefetch(
                "programmes",
                queryset=Programme.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("order", "pk"))
                ),
            )
        )
    )
    budget = plan_totals(plan)
    currency = plan.currency
    area_rows = []
    programmes: list[Programme] = []
    for number, area in enumerate(areas, start=1):
        row = budget.area(area) or AreaTotals(area=area)
        area_programmes = list(area.programmes.all())
        programmes += area_programmes
        area_rows.append(
            {
                "anchor": f"area-{number}",
                "area": area,
                "name": area.display_name,
                "inside": format_money(row.inside, currency),
                "outside": format_money(row.outside, currency),
                "total": format_money(row.total, currency),
                "inside_amount": format_amount(row.inside),
                "outside_amount": format_amount(row.outside) if row.outside else "-",
                "total_amount": format_amount(row.total),
                "share": row.share_display,
                "programmes": [
                    {
                        "anchor": f"programme-{programme.pk}",
                        "title": programme_title(programme),
                        "programme": programme,
                        "targets": list(programme.targets.all()),
                    }
                    for programme in area_programmes
                ],
            }
        )
    return {
        "plan": plan,
        "title": plan_title(plan),
        "organisation": plan.organisation.display_name,
        "language": language,
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        "areas": area_rows,
        "road_map": _map_road(programmes),
        "currency_symbol": currency_symbol(currency),
        "budget": {
            "inside": format_amount(budget.inside),
            "outside": format_amount(budget.outside),
            "total": format_amount(budget.total),
            "inside_share": budget.inside_share_display,
            "outside_share": budget.outside_share_display,
        },
        "made_at": timezone.localtime(),
    }


def workplan_html(plan: WorkPlan, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "measurement/reports/pdf/workplan.html", workplan_context(plan, language)
        )


def lay_out(html: str) -> Any:
    """The WeasyPrint document of ``html`` (nothing fetched; pages readable in tests)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=no_fetching).render()


def workplan_document(plan: WorkPlan, language: str) -> Any:
    """The laid-out WeasyPrint document (its pages can be read back in tests)."""
    return lay_out(workplan_html(plan, language))


def workplan_pdf(plan: WorkPlan, language: str, progress: Progress = _no_progress) -> bytes:
    """The PDF bytes of ``plan`` in ``language``; ``progress(current, total)`` of 3 steps."""
    progress(0, 3)
    html = workplan_html(plan, language)
    progress(1, 3)
    document = lay_out(html)
    progress(2, 3)
    pdf: bytes = document.write_pdf()
    progress(3, 3)
    return pdf


PDF_CACHE_SECONDS = 24 * 60 * 60


def cached_workplan_pdf(plan: WorkPlan, language: str) -> bytes:
    """The plan's PDF, laid out again only when its HTML changed (the layout takes seconds;
    the HTML a fraction of one): kept in the cache under the hash of the HTML."""
    html = workplan_html(plan, language)
    key = "measurement:workplan-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf: bytes | None = cache.get(key)
    if pdf is None:
        pdf = lay_out(html).write_pdf()
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def workplan_xlsx(plan: WorkPlan, language: str, progress: Progress = _no_progress) -> bytes:
    """The plan as a workbook: the budget table, and every programme with its targets."""
    with translation.override(language):
        context = workplan_context(plan, language)
        budget = plan_totals(plan)
        book = _workbook()
        sheet = book.active
        sheet.title = _("Budget")[:31]
        sheet.append(
            [
                _("Area"),
                _("Inside the partnership"),
                _("Outside the partnership"),
                _("Total"),
                _("Share (%)"),
            ]
        )
        for row in budget.areas:
            sheet.append(
                _cells(
                    [
                        row.area.display_name,
                        row.inside,
                        row.outside,
                        row.total,
                        row.share_display,
                    ]
                )
            )
        sheet.append(_cells([_("Total"), budget.inside, budget.outside, budget.total, 100]))
        programmes = book.create_sheet(_("Programmes")[:31])
        programmes.append([_("Area"), _("Programme"), _("Main goal"), _("Yearly targets")])
        for area in context["areas"]:
            for item in area["programmes"]:
                programmes.append(
                    _cells(
                        [
                            area["name"],
                            item["title"],
                            item["programme"].main_goal,
                            "\n".join(target.text for target in item["targets"]),
                        ]
                    )
                )
        progress(1, 1)
        return _saved(book, language)


# --- A community's year ------------------------------------------------------------------


@dataclass
class Funnel:
    applications: int = 0
    eligible: int = 0
    reviewed: int = 0
    accepted: int = 0
    granted: int = 0
    granted_amount: Decimal = ZERO

    def steps(self) -> list[tuple[str, int]]:
        return [
            (_("Applications"), self.applications),
            (_("Eligible"), self.eligible),
            (_("Reviewed"), self.reviewed),
            (_("Accepted"), self.accepted),
            (_("Granted"), self.granted),
        ]


def call_funnel(call: Any) -> Funnel:
    """Submitted applications, those found eligible, reviewed (a review submitted),
    accepted and granted, with the granted amount, counted as the community dashboard
    counts them. Drafts are not applications yet."""
    from kaveret.calls.models import Application, ApplicationStatus, ReviewStatus

    applications = list(
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .annotate(
            reviews_done=Count("reviews", filter=Q(reviews__status=ReviewStatus.SUBMITTED)),
        )
        .select_related("grant")
    )
    funnel = Funnel(applications=len(applications))
    for application in applications:
        result = (
            application.eligibility_result
            if isinstance(application.eligibility_result, dict)
            else {}
        )
        if result.get("eligible") is True:
            funnel.eligible += 1
        if application.reviews_done:
            funnel.reviewed += 1
        if application.status == ApplicationStatus.ACCEPTED:
            funnel.accepted += 1
        grant = getattr(application, "grant", None)
        if grant is not None:
            funnel.granted += 1
            funnel.granted_amount += grant.amount
    return funnel


def _of_year(indicator: Any, year: int) -> list[Any]:
    return [m for m in indicator.until_year_end if m.period_start.year == year]


def _last(items: list[Any]) -> Any:
    return items[-1] if items else None


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def community_year_context(community: Any, year: int, language: str) -> dict[str, Any]:
    """The figures of ``community``'s year ``year``."""
    from kaveret.calls.models import Call
    from kaveret.challenges.models import Challenge, ChallengeStatus
    from kaveret.communities.models import (
        Event,
        MembershipStatus,
        MemberType,
        RegistrationStatus,
    )
    from kaveret.partnerships.models import Partnership, Stage

    from .models import Indicator, Measurement

    start, end = _year_bounds(year)
    year_end = datetime.date(year, 12, 31)
    memberships = community.memberships.filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=year_end),
        status__in=[MembershipStatus.ACTIVE, MembershipStatus.LEFT],
    ).exclude(Q(left_on__isnull=False) & Q(left_on__lt=datetime.date(year, 1, 1)))
    types = Counter(memberships.values_list("member_type", flat=True))
    joined = memberships.filter(joined_on__year=year).count()
    events = list(
        Event.objects.filter(community=community, starts_at__gte=start, starts_at__lt=end)
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(
                    registrations__status__in=[
                        RegistrationStatus.REGISTERED,
                        RegistrationStatus.ATTENDED,
                    ]
                ),
            ),
            attended=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)
            ),
        )
        .order_by("starts_at")
    )
    challenges = Counter(
        Challenge.objects.filter(community=community).values_list("status", flat=True)
    )
    calls = list(
        Call.objects.filter(community=community, opens_at__gte=start, opens_at__lt=end).order_by(
            "opens_at"
        )
    )
    partnerships = Counter(
        Partnership.objects.filter(community=community).values_list("stage", flat=True)
    )
    indicators = list(
        Indicator.objects.filter(community=community).prefetch_related(
            "parties",
            Prefetch(
                "measurements",
                queryset=Measurement.objects.filter(period_start__lte=year_end).order_by(
                    "period_start"
                ),
                to_attr="until_year_end",
            ),
        )
    )
    judged_on = min(year_end, timezone.localdate())
    call_rows = []
    for call in calls:
        funnel = call_funnel(call)
        call_rows.append(
            {"call": call, "funnel": funnel, "granted": format_amount(funnel.granted_amount)}
        )
    return {
        "community": community,
        "year": year,
        "language": language,
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        "members_total": sum(types.values()),
        "members_joined": joined,
        "member_types": [(label, types.get(value, 0)) for value, label in MemberType.choices],
        "events": events,
        "events_registered": sum(event.registered for event in events),
        "events_attended": sum(event.attended for event in events),
        "challenges": [
            (label, challenges.get(value, 0)) for value, label in ChallengeStatus.choices
        ],
        "calls": call_rows,
        "partnerships": [(label, partnerships.get(value, 0)) for value, label in Stage.choices],
        "indicators": [
            {
                "indicator": indicator,
                "name": indicator.name_en
                if (language == "en" and indicator.name_en)
                else indicator.name,
                "latest": _last(_of_year(indicator, year)),
                "count": len(_of_year(indicator, year)),
                "status": indicator_status(
                    indicator,
                    measurements=indicator.until_year_end,
                    today=judged_on,
                    parties=list(indicator.parties.all()),
                ),
            }
            for indicator in indicators
        ],
        "made_at": timezone.localtime(),
    }


def community_year_html(community: Any, year: int, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "measurement/reports/pdf/community_year.html",
            community_year_context(community, year, language),
        )


def community_year_pdf(
    community: Any, year: int, language: str, progress: Progress = _no_progress
) -> bytes:
    progress(0, 2)
    html = community_year_html(community, year, language)
    progress(1, 2)
    pdf: bytes = lay_out(html).write_pdf()
    progress(2, 2)
    return pdf


def community_year_xlsx(
    community: Any, year: int, language: str, progress: Progress = _no_progress
) -> bytes:
    with translation.override(language):
        context = community_year_context(community, year, language)
        book = _workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        summary.append([_("Figure"), _("Value")])
        for label, value in [
            (_("Community"), community.display_name),
            (_("Year"), year),
            (_("Members"), context["members_total"]),
            (_("Joined this year"), context["members_joined"]),
            (_("Events"), len(context["events"])),
            (_("Registered"), context["events_registered"]),
            (_("Attended"), context["events_attended"]),
        ]:
            summary.append(_cells([label, value]))
        for title, rows in [
            (_("Members by type"), context["member_types"]),
            (_("Challenges by status"), context["challenges"]),
            (_("Partnerships by stage"), context["partnerships"]),
        ]:
            sheet = book.create_sheet(title[:31])
            sheet.append([title, _("Count")])
            for label, count in rows:
                sheet.append(_cells([str(label), count]))
        sheet = book.create_sheet(_("Events")[:31])
        sheet.append([_("Event"), _("Date"), _("Registered"), _("Attended")])
        for event in context["events"]:
            sheet.append(
                _cells(
                    [
                        event.title,
                        timezone.localtime(event.starts_at).date(),
                        event.registered,
                        event.attended,
                    ]
                )
            )
        sheet = book.create_sheet(_("Calls")[:31])
        sheet.append(
            [_("Call"), *(label for label, _count in Funnel().steps()), _("Granted amount")]
        )
        for row in context["calls"]:
            sheet.append(
                _cells(
                    [
                        row["call"].title,
                        *(count for _label, count in row["funnel"].steps()),
                        row["funnel"].granted_amount,
                    ]
                )
            )
        sheet = book.create_sheet(_("Indicators")[:31])
        sheet.append(
            [_("Indicator"), _("Unit"), _("Target"), _("Latest value"), _("Period"), _("Status")]
        )
        for item in context["indicators"]:
            latest = item["latest"]
            sheet.append(
                _cells(
                    [
                        item["name"],
                        item["indicator"].unit,
                        item["indicator"].target,
                        latest.value if latest else None,
                        latest.period_start if latest else None,
                        item["status"].label,
                    ]
                )
            )
        progress(1, 1)
        return _saved(book, language)


# --- A call's results --------------------------------------------------------------------


@dataclass
class ResultRow:
    applicant: str
    status: str
    outcome: str
    reason: str
    amount: Decimal | None
    amount_text: str


@dataclass
class CallResults:
    funnel: Funnel
    rows: list[ResultRow] = field(default_factory=list)


def call_results(call: Any) -> CallResults:
    """The decisions standing on the call's applications and the grants made; no reviewer."""
    from kaveret.calls.models import Application, ApplicationStatus, Decision

    applications = (
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("actor", "person", "grant")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(reversed_at__isnull=True),
                to_attr="standing",
            )
        )
        .order_by("pk")
    )
    rows = []
    for application in applications:
        standing: list[Any] = getattr(application, "standing", [])
        decision = standing[0] if standing else None
        grant = getattr(application, "grant", None)
        rows.append(
            ResultRow(
                applicant=application.applicant_name,
                status=str(application.get_status_display()),
                outcome=str(decision.get_outcome_display()) if decision else "",
                reason=decision.reason if decision else "",
                amount=grant.amount if grant else None,
                amount_text=format_amount(grant.amount) if grant else "",
            )
        )
    return CallResults(funnel=call_funnel(call), rows=rows)


def call_results_context(call: Any, language: str) -> dict[str, Any]:
    results = call_results(call)
    return {
        "call": call,
        "title": (call.title_en if language == "en" and call.title_en else call.title),
        "results": results,
        "granted_amount": format_amount(results.funnel.granted_amount),
        "budget": format_amount(call.budget) if call.budget else "",
        "language": language,
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        "made_at": timezone.localtime(),
    }


def call_results_html(call: Any, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "measurement/reports/pdf/call_results.html", call_results_context(call, language)
        )


def call_results_pdf(call: Any, language: str, progress: Progress = _no_progress) -> bytes:
    progress(0, 2)
    html = call_results_html(call, language)
    progress(1, 2)
    pdf: bytes = lay_out(html).write_pdf()
    progress(2, 2)
    return pdf


def call_results_xlsx(call: Any, language: str, progress: Progress = _no_progress) -> bytes:
    with translation.override(language):
        results = call_results(call)
        book = _workbook()
        funnel = book.active
        funnel.title = _("Funnel")[:31]
        funnel.append([_("Step"), _("Applications")])
        for label, count in results.funnel.steps():
            funnel.append(_cells([label, count]))
        funnel.append(_cells([_("Granted amount"), results.funnel.granted_amount]))
        decisions = book.create_sheet(_("Decisions")[:31])
        decisions.append(
            [_("Applicant"), _("Status"), _("Decision"), _("Reason"), _("Grant amount")]
        )
        for row in results.rows:
            decisions.append(
                _cells([row.applicant, row.status, row.outcome, row.reason, row.amount])
            )
        progress(1, 1)
        return _saved(book, language)


# --- Workbooks -----------------------------------------------------------------------------


def _workbook() -> Any:
    from openpyxl import Workbook

    return Workbook()


def _cells(values: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cells.append(escape_formula(value))
        elif isinstance(value, Decimal):
            cells.append(int(value) if value == value.to_integral_value() else float(value))
        else:
            cells.append(value)
    return cells


def _saved(book: Any, language: str) -> bytes:
    right_to_left = language in {"he", "ar"}
    for sheet in book.worksheets:
        sheet.sheet_view.rightToLeft = right_to_left
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
