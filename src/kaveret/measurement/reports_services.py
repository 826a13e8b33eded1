"""Who may produce which report, of what, and the rendering of one report job.

A report's subject comes from its parameters: a work plan (``{"plan": id}``), a community
and a year (``{"community": slug, "year": 2025}``) or a call (``{"call": slug}``). Whoever
may not produce the report is told the subject does not exist (404):

- the work plan: whoever may view the plan (``rules.can_view_plan``);
- a community's yearly report: the community's staff (``communities.rules.runs_community``);
- a call's results: those who run the call (``calls.rules.runs_call``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError
from kaveret.core.uploads import PDF, XLSX

from . import reports
from .models import ReportFormat, ReportJob, ReportKind, WorkPlan
from .rules import can_view_plan

CONTENT_TYPES: dict[str, str] = {ReportFormat.PDF.value: PDF, ReportFormat.XLSX.value: XLSX}
FIRST_YEAR = 2000


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def report_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Subject:
    kind: str
    obj: Any
    year: int | None = None

    @property
    def slug(self) -> str:
        if self.kind == ReportKind.WORK_PLAN:
            return f"workplan-{self.obj.year}"
        if self.kind == ReportKind.COMMUNITY_YEAR:
            return f"community-{self.obj.pk}-{self.year}"
        return f"call-{self.obj.pk}-results"


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def may_produce(user: Any, kind: str, obj: Any) -> bool:
    if kind == ReportKind.WORK_PLAN:
        return can_view_plan(user, obj)
    if kind == ReportKind.COMMUNITY_YEAR:
        from kaveret.communities.rules import runs_community

        return _active(user) and bool(runs_community(user, obj))
    if kind == ReportKind.CALL_RESULTS:
        from kaveret.calls.rules import runs_call

        return _active(user) and bool(runs_call(user, obj))
    return False


def subject_for(user: Any, kind: str, params: dict[str, Any]) -> Subject:
    """The report's subject, if it exists and ``user`` may produce the report; else 404."""
    obj: Any = None
    year: int | None = None
    if kind == ReportKind.WORK_PLAN:
        plans = WorkPlan.objects.select_related("organisation", "community")
        plan_id = _int(params.get("plan"))
        plan_year = _int(params.get("year"))
        if plan_id:
            obj = plans.filter(pk=plan_id).first()
        elif plan_year:
            # By year: the newest plan of that year the user may see.
            obj = next(
                (
                    plan
                    for plan in plans.filter(year=plan_year).order_by("-updated_at")
                    if can_view_plan(user, plan)
                ),
                None,
            )
    elif kind == ReportKind.COMMUNITY_YEAR:
        from kaveret.communities.models import Community

        year = _int(params.get("year"))
        if year is None or not FIRST_YEAR <= year <= datetime.date.today().year + 1:
            raise DomainError(_("Choose a year for the community's report."), code="year")
        obj = Community.objects.filter(slug=str(params.get("community", ""))).first()
    elif kind == ReportKind.CALL_RESULTS:
        from kaveret.calls.models import Call

        obj = (
            Call.objects.select_related("community")
            .filter(slug=str(params.get("call", "")))
            .first()
        )
    else:
        raise DomainError(_("There is no such report."), code="kind")
    if obj is None or not may_produce(user, kind, obj):
        raise Http404
    return Subject(kind=kind, obj=obj, year=year)


def check_choice(language: str, file_format: str) -> None:
    if language not in report_languages():
        raise DomainError(_("Choose one of the platform's languages."), code="language")
    if file_format not in ReportFormat.values:
        raise DomainError(_("Choose PDF or Excel."), code="format")


def render_report(
    subject: Subject,
    language: str,
    file_format: str,
    progress: Callable[[int, int], None] = reports._no_progress,
) -> bytes:
    """The bytes of the report on ``subject`` in ``language`` and ``file_format``."""
    pdf = file_format == ReportFormat.PDF
    if subject.kind == ReportKind.WORK_PLAN:
        make = reports.workplan_pdf if pdf else reports.workplan_xlsx
        return make(subject.obj, language, progress)
    if subject.kind == ReportKind.COMMUNITY_YEAR:
        assert subject.year is not None
        make_year = reports.community_year_pdf if pdf else reports.community_year_xlsx
        return make_year(subject.obj, subject.year, language, progress)
    make_call = reports.call_results_pdf if pdf else reports.call_results_xlsx
    return make_call(subject.obj, language, progress)


def file_name(subject: Subject, language: str, file_format: str) -> str:
    return f"kaveret-{subject.slug}-{language}.{file_format}"


def job_subject(job: ReportJob) -> Subject | None:
    """The subject of ``job`` as its requester may still produce it, or None."""
    try:
        return subject_for(job.requested_by, job.kind, job.params or {})
    except (Http404, DomainError):
        return None


def can_view_job(user: Any, job: ReportJob) -> bool:
    """The requester while they may still produce the report; platform admins."""
    from kaveret.accounts.roles import is_platform_admin

    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if job.requested_by_id != user.pk:
        return False
    try:
        subject_for(user, job.kind, job.params or {})
    except (Http404, DomainError):
        return False
    return True


def get_job_for_user_or_404(user: Any, pk: int) -> ReportJob:
    job = ReportJob.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None or not can_view_job(user, job):
        raise Http404
    return job


def job_file_name(job: ReportJob) -> str:
    subject = job_subject(job)
    if subject is None:
        return f"kaveret-report-{job.pk}.{job.format}"
    return file_name(subject, job.language, job.format)


@dataclass
class Reportable:
    plans: list[WorkPlan]
    communities: list[Any]
    calls: list[Any]

    @property
    def anything(self) -> bool:
        return bool(self.plans or self.communities or self.calls)


def reportable(user: Any) -> Reportable:
    """What ``user`` may produce reports of."""
    from kaveret.calls.models import Call
    from kaveret.communities.models import Community

    plans = [
        plan
        for plan in WorkPlan.objects.select_related("organisation", "community")
        if can_view_plan(user, plan)
    ]
    communities: list[Any] = []
    calls: list[Any] = []
    if _active(user):
        communities = [
            community
            for community in Community.objects.order_by("name")
            if may_produce(user, ReportKind.COMMUNITY_YEAR, community)
        ]
        calls = [
            call
            for call in Call.objects.select_related("community").order_by("-opens_at")
            if may_produce(user, ReportKind.CALL_RESULTS, call)
        ]
    return Reportable(plans=plans, communities=communities, calls=calls)


def published_plan_of_year(year: int, user: Any = None, plan_id: Any = None) -> WorkPlan:
    """The published plan of ``year`` that ``user`` may see: the one numbered ``plan_id``
    when given, else the newest of the visible ones (several organisations may have one).
    404 when there is none."""
    plans = (
        WorkPlan.objects.select_related("organisation", "community")
        .filter(year=year, is_published=True)
        .order_by("-updated_at", "-pk")
    )
    if plan_id not in (None, ""):
        try:
            plans = plans.filter(pk=int(plan_id))
        except (TypeError, ValueError):
            raise Http404 from None
    for plan in plans:
        if can_view_plan(user, plan):
            return plan
    raise Http404
