"""Pages of rubric assessments and of the MAP view of a community.

- ``assessments/communities/<slug>/``: the collective impact of a community (its members
  read, its staff assess);
- ``assessments/organisations/<pk>/``: an organisation's open-innovation maturity, its
  index and where it stands in its sector (ecosystem staff assess; its representatives and
  funders read);
- ``assessments/partnerships/<pk>/``: the flags of a partnership (its editors);
- ``assessments/communities/<slug>/map/``: where the community's effort goes by MAP tag;
- ``assessments/map/activities/<pk>/``: tag a work activity (the community's staff).

Whoever may not read a page gets 404, as if the subject did not exist; whoever may read
but not write gets 403 on a form.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.communities.models import Community, WorkActivity
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Organisation
from kaveret.partnerships.models import Partnership

from . import assessments as calc
from . import assessments_rules as arules
from . import assessments_services as services
from . import rules
from .assessments_forms import MapTagsForm, RubricAssessmentForm
from .models import Assessment, MapTag, Rubric, RubricKind

HISTORY_PAGE_SIZE = getattr(settings, "KAVERET_PAGE_SIZE", 20)


def _community(request: HttpRequest, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not arules.can_view_assessments_of(request.user, community):
        raise Http404
    return community


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not arules.can_view_assessments_of(request.user, organisation):
        raise Http404
    return organisation


def _partnership(request: HttpRequest, pk: int) -> Partnership:
    partnership = (
        Partnership.objects.select_related("community", "organisation", "venture")
        .filter(pk=pk)
        .first()
    )
    if partnership is None or not arules.can_view_assessments_of(request.user, partnership):
        raise Http404
    return partnership


def _rubric(kind: str) -> Rubric:
    rubric = Rubric.objects.prefetch_related("dimensions").filter(kind=kind).first()
    if rubric is None:
        rubric = calc.ensure_rubrics()[kind]
    return rubric


def subject_url(assessment_or_subject: Any) -> str:
    subject = (
        arules.subject_of(assessment_or_subject)
        if isinstance(assessment_or_subject, Assessment)
        else assessment_or_subject
    )
    if isinstance(subject, Community):
        return reverse("measurement:assessment_community", args=[subject.slug])
    if isinstance(subject, Organisation):
        return reverse("measurement:assessment_organisation", args=[subject.pk])
    if isinstance(subject, Partnership):
        return reverse("measurement:assessment_partnership", args=[subject.pk])
    return ""


def _new_url(subject: Any) -> str:
    if isinstance(subject, Community):
        return reverse("measurement:assessment_community_new", args=[subject.slug])
    if isinstance(subject, Organisation):
        return reverse("measurement:assessment_organisation_new", args=[subject.pk])
    return reverse("measurement:assessment_partnership_new", args=[subject.pk])


def _subject_page(
    request: HttpRequest, kind: str, subject: Any, extra: dict[str, Any] | None = None
) -> HttpResponse:
    rubric = _rubric(kind)
    field = services.subject_field(rubric, subject)
    assessments = calc.subject_assessments(kind, **{field: subject})
    latest = assessments[0] if assessments else None
    latest_scores = calc.latest_scores(latest)
    rows = [
        {
            "dimension": dimension,
            "label": calc.localised_name(dimension),
            "score": latest_scores.get(dimension.pk),
        }
        for dimension in rubric.dimensions.all()
    ]
    page = Paginator(assessments, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    history = [
        {
            "assessment": assessment,
            "index": calc.assessment_index_detail(assessment),
            "can_edit": arules.can_edit_assessment(request.user, assessment),
            "can_delete": arules.can_delete_assessment(request.user, assessment),
        }
        for assessment in page
    ]
    context = {
        "rubric": rubric,
        "rubric_name": calc.localised_name(rubric),
        "subject": subject,
        "subject_name": getattr(subject, "display_name", None) or str(subject),
        "subject_link": subject.get_absolute_url(),
        "latest": latest,
        "latest_index": calc.assessment_index_detail(latest) if latest else None,
        "rows": rows,
        "chart": calc.history_chart(rubric, assessments),
        "history": history,
        "page": page,
        "can_assess": arules.can_assess(request.user, subject),
        "new_url": _new_url(subject),
    } | (extra or {})
    return render(request, "measurement/assessments/subject.html", context)


def community_assessments(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    return _subject_page(request, RubricKind.COLLECTIVE_IMPACT, community)


def organisation_assessments(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    standing = calc.maturity_standing(organisation)
    others = [
        {
            "point": point,
            "is_own": point.organisation_id == organisation.pk,
            "named": point.organisation_id == organisation.pk
            or rules.can_view_maturity(request.user, point.organisation_id),
        }
        for point in standing.points
    ]
    return _subject_page(
        request,
        RubricKind.OI_MATURITY,
        organisation,
        {
            "standing": standing,
            "sector_label": organisation.get_sector_display(),
            "strip": calc.strip_chart(standing, organisation.pk),
            "sector_rows": others,
        },
    )


def partnership_assessments(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    return _subject_page(request, RubricKind.PARTNERSHIP_FLAGS, partnership)


def _form_page(
    request: HttpRequest,
    *,
    rubric: Rubric,
    subject: Any,
    assessment: Assessment | None = None,
) -> HttpResponse:
    form = RubricAssessmentForm(
        request.POST or None,
        user=request.user,
        rubric=rubric,
        subject=subject,
        assessment=assessment,
        initial={"assessed_on": timezone.localdate()} if assessment is None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except DomainError:
            pass
        else:
            messages.success(
                request,
                _("The assessment is recorded.")
                if assessment is None
                else _("The assessment is corrected."),
            )
            return redirect(subject_url(subject))
    return render(
        request,
        "measurement/assessments/form.html",
        {
            "form": form,
            "rubric": rubric,
            "rubric_name": calc.localised_name(rubric),
            "subject": subject,
            "subject_name": getattr(subject, "display_name", None) or str(subject),
            "back_url": subject_url(subject),
            "assessment": assessment,
        },
        status=400 if request.method == "POST" else 200,
    )


def _new(request: HttpRequest, kind: str, subject: Any) -> HttpResponse:
    if not arules.can_assess(request.user, subject):
        raise PermissionDenied
    return _form_page(request, rubric=_rubric(kind), subject=subject)


@login_required
@require_http_methods(["GET", "POST"])
def community_assessment_new(request: HttpRequest, slug: str) -> HttpResponse:
    return _new(request, RubricKind.COLLECTIVE_IMPACT, _community(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _new(request, RubricKind.OI_MATURITY, _organisation(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def partnership_assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _new(request, RubricKind.PARTNERSHIP_FLAGS, _partnership(request, pk))


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    assessment = (
        calc.with_scores(Assessment.objects.filter(pk=pk))
        .select_related("community", "organisation", "partnership", "programme")
        .first()
    )
    if assessment is None or not arules.can_view_assessment(request.user, assessment):
        raise Http404
    return assessment


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if not arules.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    return _form_page(
        request,
        rubric=assessment.rubric,
        subject=arules.subject_of(assessment),
        assessment=assessment,
    )


@login_required
@require_POST
def assessment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    back = subject_url(assessment)
    services.delete_assessment(request.user, assessment)
    messages.success(request, _("The assessment is deleted."))
    return redirect(back)


# --- MAP ------------------------------------------------------------------------------------


def map_view(request: HttpRequest, slug: str) -> HttpResponse:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not arules.can_view_map_effort(request.user, community):
        raise Http404
    effort = services.map_effort(community, request.user)
    labels = dict(MapTag.choices)
    items_by_kind: dict[str, list[Any]] = {"programme": [], "challenge": [], "activity": []}
    for item in effort.items:
        items_by_kind[item.kind].append(
            {"item": item, "labels": [str(labels[tag]) for tag in item.tags if tag in labels]}
        )
    bar_scale = 400 / effort.max_total if effort.max_total else 0
    bars = []
    for index, row in enumerate(effort.rows):
        y = 10 + index * 44
        x = 170.0
        segments = []
        for kind, value, colour in (
            ("programmes", row.programmes, "#0b5cab"),
            ("challenges", row.challenges, "#b45309"),
            ("activities", row.activities, "#1e6b2e"),
        ):
            width = value * bar_scale
            segments.append(
                {"kind": kind, "x": x, "width": width, "colour": colour, "value": value}
            )
            x += width
        bars.append({"row": row, "y": y, "segments": segments, "end": x})
    can_tag_activities = bool(rules.can_assess_community(request.user, community))
    return render(
        request,
        "measurement/assessments/map.html",
        {
            "community": community,
            "effort": effort,
            "bars": bars,
            "chart_height": 20 + len(bars) * 44,
            "programmes": items_by_kind["programme"],
            "challenges": items_by_kind["challenge"],
            "activities": items_by_kind["activity"],
            "can_tag_activities": can_tag_activities,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def map_activity(request: HttpRequest, pk: int) -> HttpResponse:
    activity = (
        WorkActivity.objects.select_related("cycle", "cycle__community").filter(pk=pk).first()
    )
    if activity is None or not arules.can_view_map_effort(request.user, activity.cycle.community):
        raise Http404
    if not arules.can_tag(request.user, activity):
        raise PermissionDenied
    community = activity.cycle.community
    form = MapTagsForm(request.POST or None, initial={"tags": activity.map_tags})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_map_tags(request.user, activity, form.cleaned_data["tags"])
        except DomainError as error:
            form.add_error("tags", error)
        else:
            messages.success(request, _("The MAP tags are saved."))
            return redirect(reverse("measurement:assessment_map", args=[community.slug]))
    return render(
        request,
        "measurement/assessments/map_activity.html",
        {"activity": activity, "community": community, "form": form},
        status=400 if request.method == "POST" else 200,
    )
