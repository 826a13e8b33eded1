"""The figures of the dashboards: a community's and the portfolio's (funders').

Every figure is aggregated in the database with one query (a few for the portfolio's,
which reuses ``measurement.portfolio``), never one query per row. A figure whose data
does not exist is ``None`` and its section is hidden, never drawn as zeros.
docs/dashboards.md tells what each figure means. The definitions:

- **Members over time**: each membership that was approved (active, or active once and
  left since) counts from the month of its approval date (``joined_on``; without one the
  decision date, then the date the row was made) until the month it was left
  (``left_on``). Each month's figure is the number of members at its end (cumulative).
  Sector: the organisation's sector; ventures and individuals are groups of their own.
- **Events and attendance**: published events that have begun; *registered* are the
  registrations holding a seat (registered or attended), *attended* those marked so.
- **Challenges by status**: the community's challenges, counted by current status.
- **The calls' funnel** (applications to the community's calls; each application counts
  in every stage it reached, withdrawn ones included in the stages they reached):
  *submitted*: submitted at some time (``submitted_at`` set);
  *eligible*: submitted and the eligibility check stored at submission passed;
  *reviewed*: at least one reviewer submitted a review;
  *accepted*: its status is accepted (the standing decision accepted it);
  *granted*: a grant was recorded for it.
- **Partnerships by stage** and **pilots reaching implementation**: a *pilot* is a
  partnership that reached step 06 (launch): its stage is launch or implement, a stage
  move to launch or implement was recorded, or it has an implemented outcome. It *reached
  implementation* when its outcome is "implemented: purchased" or "implemented: scaled",
  or its stage is 07 (implement). The share is implemented pilots / pilots.
- **Indicators' status**: the community's indicators (its own and those of programmes of
  the community), each with ``measurement.status.indicator_status``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaveret.calls.models import Application, ApplicationStatus, Call, Review, ReviewStatus
from kaveret.challenges.models import Challenge, ChallengeStatus
from kaveret.communities.models import (
    Community,
    Event,
    Membership,
    MembershipStatus,
    MemberType,
    RegistrationStatus,
)
from kaveret.communities.rules import runs_community
from kaveret.core.spreadsheets import csv_text, escape_formula
from kaveret.ecosystem.choices import ActorType, Sector
from kaveret.partnerships.models import Outcome, Partnership, Stage, StageMove

from . import portfolio
from .indicators_rules import visible_indicators_condition
from .models import Indicator, WorkPlan
from .rules import can_view_indicator, can_view_plan, is_funder
from .status import IndicatorStatus, indicator_status, shared_values

JERUSALEM = ZoneInfo("Asia/Jerusalem")

VENTURES = "ventures"
INDIVIDUALS = "individuals"
SECTOR_LABELS: dict[str, Any] = {
    **dict(Sector.choices),
    VENTURES: gettext_lazy("Ventures"),
    INDIVIDUALS: gettext_lazy("Individuals"),
}
SECTOR_ORDER = [*Sector.values, VENTURES, INDIVIDUALS]

FUNNEL_STAGES: tuple[tuple[str, Any], ...] = (
    ("submitted", gettext_lazy("Applications submitted")),
    ("eligible", gettext_lazy("Eligible")),
    ("reviewed", gettext_lazy("Reviewed")),
    ("accepted", gettext_lazy("Accepted")),
    ("granted", gettext_lazy("Granted")),
)
PILOT_STAGES = (Stage.LAUNCH, Stage.IMPLEMENT)
IMPLEMENTED_OUTCOMES = (Outcome.PURCHASED, Outcome.SCALED)
SEATED = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


@dataclass
class CountRow:
    key: str
    label: str
    count: int


@dataclass
class Table:
    """A chart's data as the page shows it and as its CSV gives it (the same cells)."""

    key: str
    caption: str
    headers: list[str]
    rows: list[list[Any]]

    def csv(self) -> str:
        def cell(value: Any) -> Any:
            return escape_formula(value) if isinstance(value, str) else value

        return csv_text([self.headers, *([cell(value) for value in row] for row in self.rows)])


# --- months -------------------------------------------------------------------------


def _month(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, JERUSALEM).date() if timezone.is_aware(value) else value
    return datetime.date(value.year, value.month, 1)


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    current = datetime.date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = datetime.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def month_label(month: datetime.date) -> str:
    return f"{month.month:02d}/{month.year}"


def _today() -> datetime.date:
    return timezone.localtime(timezone.now(), JERUSALEM).date()


# --- members over time --------------------------------------------------------------


@dataclass
class MembersOverTime:
    months: list[datetime.date]
    by_type: list[tuple[str, str, list[int]]]  # (key, label, count at each month's end)
    by_sector: list[tuple[str, str, list[int]]]
    totals: list[int]


def members_over_time(
    community: Community, today: datetime.date | None = None
) -> MembersOverTime | None:
    """Members at the end of each month by member type and by sector (one query)."""
    approved = Coalesce(
        F("joined_on"), TruncDate("decided_at"), TruncDate("created_at"), output_field=None
    )
    sector = Case(
        When(person__isnull=False, then=Value(INDIVIDUALS)),
        When(actor__actor_type=ActorType.VENTURE, then=Value(VENTURES)),
        default=F("actor__organisation__sector"),
        output_field=CharField(),
    )
    rows = list(
        Membership.objects.filter(
            community=community, status__in=(MembershipStatus.ACTIVE, MembershipStatus.LEFT)
        )
        .annotate(
            joined_month=TruncMonth(approved), left_month=TruncMonth("left_on"), sector=sector
        )
        .values("joined_month", "left_month", "member_type", "sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [row for row in rows if row["joined_month"] is not None]
    if not rows:
        return None
    today = today or _today()
    first = min(_month(row["joined_month"]) for row in rows)
    months = month_range(first, max(_month(today), first))
    index = {month: position for position, month in enumerate(months)}
    change_type: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    change_sector: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    for row in rows:
        start = index.get(_month(row["joined_month"]))
        if start is None:  # joined after the last month shown
            continue
        for changes, key in ((change_type, row["member_type"]), (change_sector, row["sector"])):
            changes[key or ""][start] += row["n"]
            if row["left_month"] is not None:
                end = index.get(_month(row["left_month"]))
                if end is not None:
                    changes[key or ""][end] -= row["n"]

    def cumulative(changes: dict[str, list[int]], order: Sequence[str], labels: dict[str, Any]):
        result = []
        for key in [*order, *sorted(set(changes) - set(order))]:
            if key not in changes:
                continue
            running, values = 0, []
            for change in changes[key]:
                running += change
                values.append(running)
            result.append((key, str(labels.get(key, key or _("Not stated"))), values))
        return result

    by_type = cumulative(change_type, MemberType.values, dict(MemberType.choices))
    by_sector = cumulative(change_sector, SECTOR_ORDER, SECTOR_LABELS)
    totals = [sum(values[i] for _k, _l, values in by_type) for i in range(len(months))]
    return MembersOverTime(months, by_type, by_sector, totals)


# --- events -------------------------------------------------------------------------


@dataclass
class EventMonth:
    month: datetime.date
    events: int
    registered: int
    attended: int


@dataclass
class EventRow:
    title: str
    starts_at: datetime.datetime
    registered: int
    attended: int
    url: str


@dataclass
class EventFigures:
    months: list[EventMonth]
    recent: list[EventRow]  # the latest events, newest first (at most RECENT_EVENTS)


RECENT_EVENTS = 12


def _held_events(community: Community) -> Any:
    return Event.objects.filter(
        community=community, is_published=True, starts_at__lte=timezone.now()
    )


def event_figures(community: Community) -> EventFigures | None:
    """Registrations and attendance per month, and for the latest events (two queries)."""
    seated = Count("registrations", filter=Q(registrations__status__in=SEATED))
    attended = Count("registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED))
    monthly = list(
        _held_events(community)
        .annotate(month=TruncMonth("starts_at", tzinfo=JERUSALEM))
        .values("month")
        .annotate(events=Count("pk", distinct=True), registered=seated, attended=attended)
        .order_by("month")
    )
    if not monthly:
        return None
    recent = (
        _held_events(community)
        .annotate(registered=seated, attended_count=attended)
        .order_by("-starts_at", "-pk")[:RECENT_EVENTS]
    )
    return EventFigures(
        months=[
            EventMonth(_month(row["month"]), row["events"], row["registered"], row["attended"])
            for row in monthly
        ],
        recent=[
            EventRow(
                event.title,
                event.starts_at,
                event.registered,
                event.attended_count,
                reverse("communities:event_detail", args=[community.slug, event.pk]),
            )
            for event in recent
        ],
    )


# --- challenges ---------------------------------------------------------------------


def challenges_by_status(community: Community) -> list[CountRow] | None:
    counts = dict(
        Challenge.objects.filter(community=community)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    if not counts:
        return None
    return [
        CountRow(status.value, str(status.label), counts.get(status.value, 0))
        for status in ChallengeStatus
    ]


# --- calls --------------------------------------------------------------------------


@dataclass
class CallFunnel:
    title: str
    url: str
    counts: dict[str, int]


@dataclass
class Funnel:
    stages: list[CountRow]
    calls: list[CallFunnel]


def _funnel_counts() -> dict[str, Any]:
    return {
        "submitted": Count("pk", filter=Q(submitted_at__isnull=False)),
        "eligible": Count(
            "pk", filter=Q(submitted_at__isnull=False, eligibility_result__eligible=True)
        ),
        "reviewed": Count("pk", filter=Q(has_review=True)),
        "accepted": Count("pk", filter=Q(status=ApplicationStatus.ACCEPTED)),
        "granted": Count("pk", filter=Q(grant__isnull=False)),
    }


def call_funnel(community: Community, user: Any) -> Funnel | None:
    """The funnel of the community's calls, in total and per call (two queries).

    The community's staff see every call of the community; members the published ones.
    """
    calls = Call.objects.filter(community=community)
    if not runs_community(user, community):
        calls = calls.filter(is_published=True)
    call_list = list(
        calls.order_by("-deadline", "pk").values("pk", "title", "title_en", "title_ar", "slug")
    )
    if not call_list:
        return None
    reviewed = Review.objects.filter(application=OuterRef("pk"), status=ReviewStatus.SUBMITTED)
    per_call = {
        row["call_id"]: row
        for row in Application.objects.filter(call_id__in=[row["pk"] for row in call_list])
        .annotate(has_review=Exists(reviewed))
        .values("call_id")
        .annotate(**_funnel_counts())
        .order_by()
    }
    language = (translation.get_language() or "he")[:2]
    calls_out = []
    for row in call_list:
        counts: Any = per_call.get(row["pk"], {})
        title = row.get(f"title_{language}") if language in ("en", "ar") else None
        calls_out.append(
            CallFunnel(
                title=str(title or row["title"]),
                url=reverse("calls:detail", args=[row["slug"]]),
                counts={key: int(counts.get(key, 0)) for key, _label in FUNNEL_STAGES},
            )
        )
    stages = [
        CountRow(key, str(label), sum(call.counts[key] for call in calls_out))
        for key, label in FUNNEL_STAGES
    ]
    return Funnel(stages=stages, calls=calls_out)


# --- partnerships -------------------------------------------------------------------


@dataclass
class PartnershipFigures:
    by_stage: list[CountRow]
    pilots: int
    implemented: int

    @property
    def implemented_share(self) -> Decimal | None:
        """Implemented pilots as a percentage of pilots (None without pilots)."""
        if not self.pilots:
            return None
        return Decimal(self.implemented) * 100 / Decimal(self.pilots)

    @property
    def implemented_percent(self) -> int | None:
        share = self.implemented_share
        return None if share is None else portfolio.round_half_up(share)


def partnership_figures(community: Community) -> PartnershipFigures | None:
    """Partnerships by stage, pilots and those that reached implementation (one query)."""
    launched = StageMove.objects.filter(partnership=OuterRef("pk"), to_stage__in=PILOT_STAGES)
    is_pilot = (
        Q(stage__in=PILOT_STAGES) | Q(was_launched=True) | Q(outcome__in=IMPLEMENTED_OUTCOMES)
    )
    is_implemented = Q(outcome__in=IMPLEMENTED_OUTCOMES) | Q(stage=Stage.IMPLEMENT)
    rows = list(
        Partnership.objects.filter(community=community)
        .annotate(was_launched=Exists(launched))
        .values("stage")
        .annotate(
            n=Count("pk"),
            pilots=Count("pk", filter=is_pilot),
            implemented=Count("pk", filter=is_pilot & is_implemented),
        )
        .order_by()
    )
    if not rows:
        return None
    counts = {row["stage"]: row["n"] for row in rows}
    return PartnershipFigures(
        by_stage=[
            CountRow(stage.value, str(stage.label), counts.get(stage.value, 0)) for stage in Stage
        ],
        pilots=sum(row["pilots"] for row in rows),
        implemented=sum(row["implemented"] for row in rows),
    )


# --- indicators ---------------------------------------------------------------------


@dataclass
class IndicatorItem:
    pk: int
    name: str
    status: str
    status_label: str
    reason: str
    url: str
    programme: str = ""


@dataclass
class IndicatorFigures:
    counts: list[CountRow]
    items: list[IndicatorItem]

    def by_status(self) -> list[tuple[CountRow, list[IndicatorItem]]]:
        return [
            (row, [item for item in self.items if item.status == row.key]) for row in self.counts
        ]


def indicator_url(indicator: Indicator) -> str:
    """The indicator's page, once the indicators' pages exist ("" before)."""
    for name in ("measurement:indicator_detail", "measurement:indicator"):
        try:
            return reverse(name, args=[indicator.pk])
        except NoReverseMatch:
            continue
    return ""


def _indicator_name(indicator: Indicator) -> str:
    language = (translation.get_language() or "he")[:2]
    return (indicator.name_en if language != "he" and indicator.name_en else "") or indicator.name


def _indicators_queryset() -> Any:
    return Indicator.objects.select_related(
        "programme", "programme__plan", "programme__plan__community"
    ).prefetch_related("measurements", "parties")


def indicator_figures(
    indicators: Iterable[Indicator], today: datetime.date | None = None
) -> IndicatorFigures | None:
    indicators = list(indicators)
    if not indicators:
        return None
    today = today or _today()
    items = []
    for indicator in indicators:
        result = indicator_status(indicator, today=today)
        items.append(
            IndicatorItem(
                pk=indicator.pk,
                name=_indicator_name(indicator),
                status=result.status.value,
                status_label=str(result.status.label),
                reason=result.reason,
                url=indicator_url(indicator),
                programme=indicator.programme.title if indicator.programme else "",
            )
        )
    counts = [
        CountRow(status.value, str(status.label), sum(1 for i in items if i.status == status))
        for status in IndicatorStatus
    ]
    return IndicatorFigures(counts=counts, items=items)


def community_indicators(community: Community, user: Any) -> list[Indicator]:
    """The community's own indicators and those of its programmes the user may read."""
    indicators = _indicators_queryset().filter(
        Q(community=community) | Q(programme__community=community)
    )
    return [
        indicator
        for indicator in indicators.order_by("name", "pk")
        if indicator.programme is None or can_view_plan(user, indicator.programme.plan)
    ]


# --- the community dashboard --------------------------------------------------------


@dataclass
class CommunityDashboard:
    community: Community
    members: MembersOverTime | None
    events: EventFigures | None
    challenges: list[CountRow] | None
    funnel: Funnel | None
    partnerships: PartnershipFigures | None
    indicators: IndicatorFigures | None
    tables: dict[str, Table] = field(default_factory=dict)


def community_dashboard(
    community: Community, user: Any, today: datetime.date | None = None
) -> CommunityDashboard:
    dashboard = CommunityDashboard(
        community=community,
        members=members_over_time(community, today),
        events=event_figures(community),
        challenges=challenges_by_status(community),
        funnel=call_funnel(community, user),
        partnerships=partnership_figures(community),
        indicators=indicator_figures(community_indicators(community, user), today),
    )
    dashboard.tables = community_tables(dashboard)
    return dashboard


def _count_table(key: str, caption: str, heading: str, rows: list[CountRow]) -> Table:
    return Table(
        key,
        caption,
        [heading, _("Number")],
        [[row.label, row.count] for row in rows],
    )


def community_tables(dashboard: CommunityDashboard) -> dict[str, Table]:
    """Every chart's table, by the chart's key (the CSV's name)."""
    tables: dict[str, Table] = {}
    members = dashboard.members
    if members is not None:
        for key, caption, series in (
            (
                "members-by-type",
                _("Members at the end of each month, by member type"),
                members.by_type,
            ),
            (
                "members-by-sector",
                _("Members at the end of each month, by sector"),
                members.by_sector,
            ),
        ):
            tables[key] = Table(
                key,
                caption,
                [_("Month"), *(label for _k, label, _v in series), _("Total")],
                [
                    [
                        month_label(month),
                        *(values[i] for _k, _l, values in series),
                        members.totals[i],
                    ]
                    for i, month in enumerate(members.months)
                ],
            )
    if dashboard.events is not None:
        tables["events"] = Table(
            "events",
            _("Events, registrations and attendance per month"),
            [_("Month"), _("Events"), _("Registered"), _("Attended")],
            [
                [month_label(row.month), row.events, row.registered, row.attended]
                for row in dashboard.events.months
            ],
        )
    if dashboard.challenges is not None:
        tables["challenges"] = _count_table(
            "challenges", _("Challenges by status"), _("Status"), dashboard.challenges
        )
    if dashboard.funnel is not None:
        tables["funnel"] = Table(
            "funnel",
            _("Applications to the community's calls at each stage"),
            [_("Call"), *(str(label) for _key, label in FUNNEL_STAGES)],
            [
                *([call.title, *call.counts.values()] for call in dashboard.funnel.calls),
                [_("All calls"), *(row.count for row in dashboard.funnel.stages)],
            ],
        )
    if dashboard.partnerships is not None:
        tables["partnerships"] = _count_table(
            "partnerships",
            _("Design partnerships by stage"),
            _("Stage"),
            dashboard.partnerships.by_stage,
        )
    if dashboard.indicators is not None:
        tables["indicators"] = _count_table(
            "indicators", _("Indicators by status"), _("Status"), dashboard.indicators.counts
        )
    return tables


# --- the portfolio dashboard --------------------------------------------------------


@dataclass
class SharedParty:
    name: str
    value: Decimal | None


@dataclass
class SharedFigure:
    pk: int
    name: str
    unit: str
    url: str
    period_start: datetime.date | None
    period_end: datetime.date | None
    parties: list[SharedParty]
    total: Decimal | None
    complete: bool
    partial: SharedPartial | None = None


@dataclass
class SharedPartial:
    """A period after the latest complete one that only some parties reported: never a
    total, always "k of n reported"."""

    period_start: datetime.date
    period_end: datetime.date
    parties: list[SharedParty]
    reported_total: Decimal
    reported_count: int
    expected_count: int


@dataclass
class PortfolioDashboard:
    plans: list[WorkPlan]
    plan: WorkPlan | None
    totals: portfolio.PlanTotals | None
    targets: list[portfolio.StatusCount]
    indicators: IndicatorFigures | None
    programme_statuses: list[tuple[str, dict[str, int]]]
    shared: list[SharedFigure]
    tables: dict[str, Table] = field(default_factory=dict)


def visible_plans(user: Any) -> list[WorkPlan]:
    plans = WorkPlan.objects.select_related("organisation", "community").order_by("-year", "pk")
    if is_funder(user):
        return list(plans)
    return [plan for plan in plans if can_view_plan(user, plan)]


def shared_figures(
    indicators: Iterable[Indicator], today: datetime.date | None = None
) -> list[SharedFigure]:
    """Each shared indicator's latest complete period (every party reported): each party's
    figure and the total; and a later period only some parties reported, marked partial."""
    today = today or _today()
    result = []
    for indicator in indicators:
        rows = shared_values(indicator, today=today)
        parties = list(indicator.parties.all())
        complete = [row for row in rows if row.complete]
        latest = complete[-1] if complete else None
        later = [
            row
            for row in rows
            if row.reported_count
            and not row.complete
            and (latest is None or row.period > latest.period)
        ]
        partial = later[-1] if later else None
        result.append(
            SharedFigure(
                pk=indicator.pk,
                name=_indicator_name(indicator),
                unit=indicator.unit,
                url=indicator_url(indicator),
                period_start=latest.period.start if latest else None,
                period_end=latest.period.end if latest else None,
                parties=[
                    SharedParty(
                        party.actor.display_name, latest.values.get(party) if latest else None
                    )
                    for party in parties
                ],
                total=latest.total if latest else None,
                complete=latest is not None,
                partial=SharedPartial(
                    period_start=partial.period.start,
                    period_end=partial.period.end,
                    parties=[
                        SharedParty(party.actor.display_name, partial.values.get(party))
                        for party in parties
                    ],
                    reported_total=partial.total,
                    reported_count=partial.reported_count,
                    expected_count=partial.expected_count,
                )
                if partial
                else None,
            )
        )
    return result


def _visible_shared(user: Any) -> list[Indicator]:
    """The shared indicators ``user`` may see, in a fixed number of queries."""
    queryset = (
        Indicator.objects.filter(is_shared=True)
        .filter(visible_indicators_condition(user))
        .select_related(
            "owner",
            "programme__plan__community",
            "community",
            "call__community",
            "partnership",
        )
        .prefetch_related("measurements", "parties", "parties__actor")
        .order_by("name", "pk")
    )
    return [indicator for indicator in queryset if can_view_indicator(user, indicator)]


def portfolio_dashboard(
    user: Any, plan_id: int | None = None, today: datetime.date | None = None
) -> PortfolioDashboard:
    """The portfolio of one plan (the latest by default) and the shared indicators."""
    plans = visible_plans(user)
    plan = next((p for p in plans if p.pk == plan_id), None) if plan_id else None
    plan = plan or (plans[0] if plans else None)
    totals = portfolio.plan_totals(plan) if plan else None
    targets = portfolio.targets_by_status(plan) if plan else []
    programme_indicators: list[Indicator] = (
        list(
            _indicators_queryset()
            .filter(programme__plan=plan)
            .order_by("programme__area__order", "programme__order", "programme_id", "name", "pk")
        )
        if plan
        else []
    )
    figures = indicator_figures(programme_indicators, today)
    per_programme: dict[str, dict[str, int]] = {}
    for item in figures.items if figures else []:
        row = per_programme.setdefault(item.programme, {s.value: 0 for s in IndicatorStatus})
        row[item.status] += 1
    shared = shared_figures(_visible_shared(user), today)
    dashboard = PortfolioDashboard(
        plans=plans,
        plan=plan,
        totals=totals,
        targets=targets,
        indicators=figures,
        programme_statuses=list(per_programme.items()),
        shared=shared,
    )
    dashboard.tables = portfolio_tables(dashboard)
    return dashboard


def money(value: Decimal) -> str:
    return f"{value:,.0f}"


def portfolio_tables(dashboard: PortfolioDashboard) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    totals = dashboard.totals
    if totals is not None and totals.areas:
        currency = totals.currency
        tables["budget"] = Table(
            "budget",
            _("Budget by area (%(currency)s)") % {"currency": currency},
            [
                _("Area"),
                _("Inside the partnership"),
                _("Outside the partnership"),
                _("Total"),
                _("Share of the plan (%)"),
            ],
            [
                *(
                    [
                        str(area.area.display_name),
                        money(area.inside),
                        money(area.outside),
                        money(area.total),
                        area.share_display,
                    ]
                    for area in totals.areas
                ),
                [
                    _("Total"),
                    money(totals.inside),
                    money(totals.outside),
                    money(totals.total),
                    100 if totals.total else 0,
                ],
            ],
        )
    if totals is not None and totals.areas:
        tables["split"] = Table(
            "split",
            _("Inside and outside the partnership (%(currency)s)") % {"currency": totals.currency},
            [_("Budget"), _("Amount"), _("Share (%)")],
            [
                [_("Inside the partnership"), money(totals.inside), totals.inside_share_display],
                [_("Outside the partnership"), money(totals.outside), totals.outside_share_display],
            ],
        )
    if dashboard.plan is not None and any(row.count for row in dashboard.targets):
        tables["targets"] = Table(
            "targets",
            _("Yearly targets by status"),
            [_("Status"), _("Number")],
            [[str(row.label), row.count] for row in dashboard.targets],
        )
    if dashboard.indicators is not None:
        tables["indicators"] = Table(
            "indicators",
            _("Programmes' indicators by status"),
            [_("Programme"), *(str(status.label) for status in IndicatorStatus)],
            [
                [programme or _("No programme"), *counts.values()]
                for programme, counts in dashboard.programme_statuses
            ],
        )
    if dashboard.shared:
        tables["shared"] = Table(
            "shared",
            _("Shared indicators: each party's figure and the total (latest period)"),
            [_("Indicator"), _("Period"), _("Party"), _("Figure")],
            [
                [
                    figure.name,
                    period,
                    party.name,
                    "—" if party.value is None else _number(party.value),
                ]
                for figure in dashboard.shared
                for period, party in _shared_cells(figure)
            ],
        )
    return tables


def _shared_cells(figure: SharedFigure) -> list[tuple[str, SharedParty]]:
    """The table's rows of one shared indicator: the latest complete period with its total
    (or "—" when none is complete), then a later partial period, marked "k of n reported"."""
    cells: list[tuple[str, SharedParty]] = []
    if figure.complete or figure.partial is None:
        period = _period(figure.period_start, figure.period_end)
        cells += [(period, party) for party in figure.parties]
        cells.append((period, SharedParty(str(_("Total")), figure.total)))
    partial = figure.partial
    if partial is not None:
        period = _period(partial.period_start, partial.period_end)
        cells += [(period, party) for party in partial.parties]
        label = _("Reported so far: %(reported)s of %(expected)s parties (no total yet)") % {
            "reported": partial.reported_count,
            "expected": partial.expected_count,
        }
        cells.append((period, SharedParty(label, partial.reported_total)))
    return cells


def _period(start: datetime.date | None, end: datetime.date | None) -> str:
    if start is None or end is None:
        return "—"
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"


def _number(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
