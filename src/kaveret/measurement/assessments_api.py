"""API: rubrics, assessments, an organisation's maturity, a community's MAP effort, MAP tags.

Reads show only what the caller may read (404 otherwise, as if it did not exist); writes
go through ``assessments_services``, which check who may write (403, 401 when anonymous)
and what is written (422).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.accounts.roles import is_ecosystem_staff, is_platform_admin
from kaveret.challenges.models import Challenge
from kaveret.communities.models import Community, WorkActivity
from kaveret.communities.rules import member_community_ids, represented_actor_ids
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Organisation
from kaveret.partnerships.models import Partnership
from kaveret.partnerships.rules import staff_community_ids

from . import assessments as calc
from . import assessments_rules as arules
from . import assessments_services as services
from . import rules
from .assessments_schemas import (
    MapEffortOut,
    MapTagsIn,
    MapTagsOut,
    MaturityOut,
    RubricAssessmentIn,
    RubricAssessmentOut,
    RubricAssessmentPage,
    RubricAssessmentQuery,
    RubricOut,
)
from .models import Assessment, Programme, Rubric, RubricKind

router = Router(tags=["Measurement: assessments"])


def _assessment_out(assessment: Assessment) -> dict[str, Any]:
    keys = {dimension.pk: dimension.key for dimension in assessment.rubric.dimensions.all()}
    index = calc.assessment_index_detail(assessment)
    return {
        "id": assessment.pk,
        "rubric": assessment.rubric.kind,
        "subject_kind": assessment.rubric.subject_kind,
        "community": assessment.community.slug if assessment.community else None,
        "organisation": assessment.organisation_id,
        "partnership": assessment.partnership_id,
        "assessed_on": assessment.assessed_on,
        "assessed_by": str(assessment.assessed_by) if assessment.assessed_by else None,
        "notes": assessment.notes,
        "scores": [
            {
                "dimension": keys.get(score.dimension_id, ""),
                "score": score.score,
                "note": score.note,
            }
            for score in assessment.scores.all()
        ],
        "index": index._asdict(),
    }


def _rubric_out(rubric: Rubric) -> dict[str, Any]:
    return {
        "kind": rubric.kind,
        "name": rubric.name,
        "name_en": rubric.name_en,
        "name_ar": rubric.name_ar,
        "description": rubric.description,
        "subject_kind": rubric.subject_kind,
        "scale_min": rubric.scale_min,
        "scale_max": rubric.scale_max,
        "dimensions": [
            {
                "key": d.key,
                "order": d.order,
                "name": d.name,
                "name_en": d.name_en,
                "name_ar": d.name_ar,
                "description": d.description,
                "weight": float(d.weight),
            }
            for d in rubric.dimensions.all()
        ],
    }


@router.get("/rubrics", response={200: list[RubricOut], **ERRORS})
def list_rubrics(request: HttpRequest) -> list[dict[str, Any]]:
    """The three rubrics with their dimensions, scales and weights (public)."""
    return [_rubric_out(rubric) for rubric in Rubric.objects.prefetch_related("dimensions")]


def visible_assessments_condition(user: Any) -> Q:
    """The assessments ``user`` may read, as a filter (``assessments_rules``, for lists)."""
    if is_platform_admin(user):
        return Q()
    nothing = Q(pk__in=[])
    if not (user is not None and getattr(user, "is_authenticated", False) and user.is_active):
        return nothing
    condition = Q(community_id__in=member_community_ids(user))
    if is_ecosystem_staff(user) or rules.is_funder(user):
        condition |= Q(organisation__isnull=False)
    else:
        condition |= Q(organisation_id__in=represented_actor_ids(user))
    # The partnership's editors (``can_edit_partnership``): its two sides and its
    # community's staff.
    actors = represented_actor_ids(user)
    condition |= Q(partnership__organisation_id__in=actors) | Q(partnership__venture_id__in=actors)
    condition |= Q(partnership__community_id__in=staff_community_ids(user))
    return condition


def _visible(user: Any) -> QuerySet[Assessment]:
    return calc.with_scores(
        Assessment.objects.filter(visible_assessments_condition(user)).select_related("community")
    )


@router.get("/assessments", response={200: RubricAssessmentPage, **ERRORS})
def list_assessments(request: HttpRequest, query: Query[RubricAssessmentQuery]) -> dict[str, Any]:
    """Assessments the caller may read, latest first; filter by rubric and subject."""
    queryset = _visible(acting_user(request))
    if query.rubric:
        queryset = queryset.filter(rubric__kind=query.rubric)
    if query.community:
        queryset = queryset.filter(community__slug=query.community)
    if query.organisation:
        queryset = queryset.filter(organisation_id=query.organisation)
    if query.partnership:
        queryset = queryset.filter(partnership_id=query.partnership)
    queryset = queryset.order_by("-assessed_on", "-pk").distinct()
    rows = list(queryset[query.offset : query.offset + query.limit])
    items = [_assessment_out(assessment) for assessment in rows]
    return {
        "count": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": items,
    }


def _subject(body: RubricAssessmentIn) -> Any:
    given = {
        "community": body.community,
        "organisation": body.organisation,
        "partnership": body.partnership,
    }
    named = [name for name, value in given.items() if value is not None]
    if len(named) != 1:
        raise DomainError(
            {
                "__all__": [
                    _("Give exactly one subject: a community, an organisation or a partnership.")
                ]
            },
            code="one_subject",
        )
    if body.community is not None:
        subject: Any = Community.objects.filter(slug=body.community).first()
    elif body.organisation is not None:
        subject = Organisation.objects.filter(pk=body.organisation).first()
    else:
        subject = Partnership.objects.filter(pk=body.partnership or 0).first()
    return subject


@router.post("/assessments", response={201: RubricAssessmentOut, **ERRORS})
def create_assessment(request: HttpRequest, body: RubricAssessmentIn) -> Status[dict[str, Any]]:
    """Record an assessment of one subject (community, organisation or partnership)."""
    user = acting_user(request)
    rubric = Rubric.objects.prefetch_related("dimensions").filter(kind=body.rubric).first()
    if rubric is None:
        raise Http404
    subject = _subject(body)
    if subject is None:
        raise Http404
    authenticated = bool(getattr(user, "is_authenticated", False))
    if authenticated and not (
        arules.can_view_assessments_of(user, subject) or arules.can_assess(user, subject)
    ):
        raise Http404
    scores = {
        given.dimension: services.ScoreInput(given.score, given.note) for given in body.scores
    }
    assessment = services.record_assessment(
        user, rubric, subject, assessed_on=body.assessed_on, scores=scores, notes=body.notes
    )
    fresh = _visible_one(assessment.pk)
    return Status(201, _assessment_out(fresh))


def _visible_one(pk: int) -> Assessment:
    return calc.with_scores(
        Assessment.objects.filter(pk=pk).select_related(
            "community", "organisation", "partnership", "programme"
        )
    ).get()


@router.get("/assessments/{assessment_id}", response={200: RubricAssessmentOut, **ERRORS})
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """One assessment with its scores and index."""
    try:
        assessment = _visible_one(assessment_id)
    except Assessment.DoesNotExist as error:
        raise Http404 from error
    if not arules.can_view_assessment(acting_user(request), assessment):
        raise Http404
    return _assessment_out(assessment)


@router.get("/organisations/{organisation_id}/maturity", response={200: MaturityOut, **ERRORS})
def organisation_maturity(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    """The organisation's maturity index, its rank and the median of its sector."""
    user = acting_user(request)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not rules.can_view_maturity(user, organisation.pk):
        raise Http404
    standing = calc.maturity_standing(organisation)
    latest = calc.subject_assessments(RubricKind.OI_MATURITY, organisation=organisation)
    detail = calc.assessment_index_detail(latest[0]) if latest else None
    return {
        "organisation": organisation.pk,
        "sector": organisation.sector,
        "index": standing.value,
        "complete": bool(detail and detail.complete),
        "rank": standing.rank,
        "of_count": standing.of_count,
        "sector_median": standing.sector_median,
        "latest": _assessment_out(latest[0]) if latest else None,
        "others": [
            {
                "organisation": point.organisation_id if named else None,
                "name": point.name if named else None,
                "index": point.value,
                "assessed_on": point.assessed_on,
            }
            for point in standing.points
            for named in [
                point.organisation_id == organisation.pk
                or rules.can_view_maturity(user, point.organisation_id)
            ]
        ],
    }


@router.get("/communities/{slug}/map-effort", response={200: MapEffortOut, **ERRORS})
def community_map_effort(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Counts of the community's programmes, challenges and activities per MAP tag."""
    user = acting_user(request)
    community = Community.objects.filter(slug=slug).first()
    if community is None or not arules.can_view_map_effort(user, community):
        raise Http404
    effort = services.map_effort(community, user)
    return {
        "community": community.slug,
        "rows": [
            {
                "tag": row.tag,
                "label": row.label,
                "programmes": row.programmes,
                "challenges": row.challenges,
                "activities": row.activities,
                "total": row.total,
            }
            for row in effort.rows
        ],
        "items": [
            {"kind": i.kind, "id": i.pk, "title": i.title, "url": i.url, "tags": i.tags}
            for i in effort.items
        ],
    }


TAGGABLE: dict[str, Any] = {
    "programme": Programme,
    "challenge": Challenge,
    "activity": WorkActivity,
}


def _taggable(user: Any, kind: str, item_id: int) -> Any:
    model = TAGGABLE.get(kind)
    if model is None:
        raise Http404
    queryset = model.objects.filter(pk=item_id)
    if model is WorkActivity:
        queryset = queryset.select_related("cycle__community")
    elif model is Programme:
        queryset = queryset.select_related("plan")
    else:
        queryset = queryset.select_related("community")
    item = queryset.first()
    if item is None:
        raise Http404
    if isinstance(item, Programme):
        visible = rules.can_view_plan(user, item.plan)
    elif isinstance(item, Challenge):
        from kaveret.challenges.rules import can_view_challenge

        visible = can_view_challenge(user, item)
    else:
        from kaveret.communities.work_selectors import can_read_work

        visible = can_read_work(user, item.cycle.community)
    if not visible:
        raise Http404
    return item


@router.put("/map-tags/{kind}/{item_id}", response={200: MapTagsOut, **ERRORS})
def put_map_tags(request: HttpRequest, kind: str, item_id: int, body: MapTagsIn) -> dict[str, Any]:
    """Set the MAP tags of a programme, a challenge or an activity (kind: programme,
    challenge, activity)."""
    user = acting_user(request)
    item = _taggable(user, kind, item_id)
    tags = services.set_map_tags(user, item, [tag.value for tag in body.tags])
    return {"kind": kind, "id": item.pk, "tags": tags}
