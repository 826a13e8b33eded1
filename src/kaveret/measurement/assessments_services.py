"""Writing assessments and MAP tags; reading where a community's effort goes.

Each write is one transaction, checks who may do it (``PermissionDenied``) and what is
written (``DomainError`` with translated messages, by field where there is one):

- every score is a whole number within the rubric's scale and belongs to one of its
  dimensions; a dimension may be left unscored, but not all of them;
- the subject is of the kind the rubric assesses (a community for collective impact, an
  organisation for maturity, a partnership for the flags);
- the date is not in the future.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import visible_challenges_condition
from kaveret.communities.models import Community, WorkActivity
from kaveret.communities.work_selectors import can_read_work
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Organisation
from kaveret.partnerships.models import Partnership

from . import assessments_rules as arules
from . import rules
from .models import Assessment, AssessmentScore, MapTag, Programme, Rubric, SubjectKind, WorkPlan

MAX_NOTE_LENGTH = 4000

SUBJECT_FIELDS: dict[str, tuple[str, type[Any]]] = {
    SubjectKind.COMMUNITY: ("community", Community),
    SubjectKind.ORGANISATION: ("organisation", Organisation),
    SubjectKind.PARTNERSHIP: ("partnership", Partnership),
    SubjectKind.PROGRAMME: ("programme", Programme),
}


class ScoreInput(NamedTuple):
    score: int | None
    note: str = ""


def subject_field(rubric: Rubric, subject: Any) -> str:
    """The assessment's field that holds ``subject``; refuses a subject of another kind."""
    name, model = SUBJECT_FIELDS[rubric.subject_kind]
    if not isinstance(subject, model):
        raise DomainError(
            _("This rubric assesses a %(kind)s; the subject given is not one.")
            % {"kind": SubjectKind(rubric.subject_kind).label.lower()},
            code="wrong_subject",
        )
    return name


def _clean_scores(rubric: Rubric, scores: Mapping[str, ScoreInput]) -> dict[str, ScoreInput]:
    dimensions = {dimension.key for dimension in rubric.dimensions.all()}
    unknown = sorted(set(scores) - dimensions)
    if unknown:
        raise DomainError(
            {
                "scores": [
                    _("Not a dimension of this rubric: %(keys)s.") % {"keys": ", ".join(unknown)}
                ]
            },
            code="unknown_dimension",
        )
    cleaned: dict[str, ScoreInput] = {}
    errors: dict[str, list[str]] = {}
    for key, given in scores.items():
        score, note = given
        if len(note or "") > MAX_NOTE_LENGTH:
            errors.setdefault(key, []).append(
                _("Keep the note under %(limit)s characters.") % {"limit": MAX_NOTE_LENGTH}
            )
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, int):
            errors.setdefault(key, []).append(_("Enter a whole number."))
            continue
        if not rubric.scale_min <= score <= rubric.scale_max:
            errors.setdefault(key, []).append(
                _("Give a score from %(low)s to %(high)s.")
                % {"low": rubric.scale_min, "high": rubric.scale_max}
            )
            continue
        cleaned[key] = ScoreInput(score, (note or "").strip())
    if errors:
        raise DomainError(errors, code="invalid_score")
    if not cleaned:
        raise DomainError({"scores": [_("Score at least one dimension.")]}, code="no_scores")
    return cleaned


def _check_date(assessed_on: datetime.date) -> None:
    if assessed_on > timezone.localdate():
        raise DomainError(
            {"assessed_on": [_("The date of an assessment cannot be in the future.")]},
            code="future_date",
        )


def _write_scores(assessment: Assessment, scores: dict[str, ScoreInput]) -> None:
    dimensions = {dimension.key: dimension for dimension in assessment.rubric.dimensions.all()}
    assessment.scores.all().delete()
    AssessmentScore.objects.bulk_create(
        AssessmentScore(
            assessment=assessment, dimension=dimensions[key], score=given.score, note=given.note
        )
        for key, given in scores.items()
        if given.score is not None
    )


@transaction.atomic
def record_assessment(
    user: Any,
    rubric: Rubric,
    subject: Any,
    *,
    assessed_on: datetime.date,
    scores: Mapping[str, ScoreInput],
    notes: str = "",
) -> Assessment:
    """Record one scoring of ``rubric`` for ``subject`` (history keeps every one)."""
    name = subject_field(rubric, subject)
    if not arules.can_assess(user, subject):
        raise PermissionDenied(_("You may not assess this."))
    _check_date(assessed_on)
    cleaned = _clean_scores(rubric, scores)
    if len(notes) > MAX_NOTE_LENGTH:
        raise DomainError(
            {"notes": [_("Keep the note under %(limit)s characters.") % {"limit": MAX_NOTE_LENGTH}]}
        )
    assessment = Assessment.objects.create(
        rubric=rubric,
        assessed_on=assessed_on,
        assessed_by=user,
        notes=notes.strip(),
        **{name: subject},
    )
    _write_scores(assessment, cleaned)
    return assessment


@transaction.atomic
def update_assessment(
    user: Any,
    assessment: Assessment,
    *,
    assessed_on: datetime.date,
    scores: Mapping[str, ScoreInput],
    notes: str = "",
) -> Assessment:
    """Correct an assessment: its author or the subject's assessors, within the window."""
    if not arules.can_edit_assessment(user, assessment):
        raise PermissionDenied(
            _("Only its author or the assessors may correct an assessment, within %(days)s days.")
            % {"days": arules.EDIT_DAYS}
        )
    _check_date(assessed_on)
    cleaned = _clean_scores(assessment.rubric, scores)
    if len(notes) > MAX_NOTE_LENGTH:
        raise DomainError(
            {"notes": [_("Keep the note under %(limit)s characters.") % {"limit": MAX_NOTE_LENGTH}]}
        )
    assessment.assessed_on = assessed_on
    assessment.notes = notes.strip()
    assessment.save(update_fields=["assessed_on", "notes", "updated_at"])
    _write_scores(assessment, cleaned)
    return assessment


@transaction.atomic
def delete_assessment(user: Any, assessment: Assessment) -> None:
    if not arules.can_delete_assessment(user, assessment):
        raise PermissionDenied(_("Only platform admins may delete an assessment."))
    assessment.delete()


# --- MAP tags ------------------------------------------------------------------------------


def clean_map_tags(tags: Iterable[Any]) -> list[str]:
    """The tags in MAP order without repeats; refuses anything that is not a MAP tag."""
    given = list(tags)
    wrong = [str(tag) for tag in given if tag not in MapTag.values]
    if wrong:
        raise DomainError(
            {
                "tags": [
                    _("Not a MAP tag: %(tags)s. The tags are: %(choices)s.")
                    % {"tags": ", ".join(wrong), "choices": ", ".join(MapTag.values)}
                ]
            },
            code="invalid_map_tag",
        )
    return [tag for tag in MapTag.values if tag in given]


@transaction.atomic
def set_map_tags(
    user: Any, item: Programme | Challenge | WorkActivity, tags: Iterable[Any]
) -> list[str]:
    """Set the MAP tags of a programme, a challenge or a work activity."""
    if not arules.can_tag(user, item):
        raise PermissionDenied(_("You may not tag this."))
    cleaned = clean_map_tags(tags)
    item.map_tags = cleaned
    item.save(update_fields=["map_tags", "updated_at"])
    return cleaned


UNTAGGED = "untagged"


@dataclass
class EffortItem:
    kind: str  # programme, challenge, activity
    pk: int
    title: str
    url: str
    tags: list[str]


@dataclass
class EffortRow:
    tag: str
    label: str
    programmes: int = 0
    challenges: int = 0
    activities: int = 0

    @property
    def total(self) -> int:
        return self.programmes + self.challenges + self.activities


@dataclass
class MapEffort:
    """Counts of a community's programmes, challenges and activities per MAP tag.

    An item with two tags counts under both; an item without tags counts as untagged
    (the last row), so the rows may add up to more than ``items``.
    """

    rows: list[EffortRow]
    items: list[EffortItem] = field(default_factory=list)

    @property
    def max_total(self) -> int:
        return max((row.total for row in self.rows), default=0)


def _programme_url(programme: Programme) -> str:
    try:
        return reverse("measurement:programme", args=[programme.plan_id, programme.slug])
    except NoReverseMatch:  # the portfolio pages are not there
        return ""


def map_effort(community: Community, user: Any = None) -> MapEffort:
    """Where ``community``'s effort goes. With ``user``, only what that user may see;
    without, everything (for reports). Three queries."""
    programmes = Programme.objects.filter(community=community).select_related("plan")
    challenges = Challenge.objects.filter(community=community)
    activities = WorkActivity.objects.filter(cycle__community=community)
    if user is not None:
        programmes = programmes.filter(
            plan__in=WorkPlan.objects.filter(rules.visible_plans_condition(user))
        )
        challenges = challenges.filter(visible_challenges_condition(user)).distinct()
        if not can_read_work(user, community):
            activities = activities.none()
    rows = {tag.value: EffortRow(tag.value, str(tag.label)) for tag in MapTag}
    rows[UNTAGGED] = EffortRow(UNTAGGED, _("Not tagged"))
    items: list[EffortItem] = []
    activity_url = reverse("communities:work_board", args=[community.slug])

    def count(kind: str, tags: list[str]) -> None:
        known = [tag for tag in tags if tag in MapTag.values] or [UNTAGGED]
        for tag in known:
            setattr(rows[tag], kind, getattr(rows[tag], kind) + 1)

    for programme in programmes.order_by("plan__year", "order", "pk"):
        count("programmes", programme.map_tags or [])
        items.append(
            EffortItem(
                "programme",
                programme.pk,
                programme.title,
                _programme_url(programme),
                programme.map_tags or [],
            )
        )
    for challenge in challenges.order_by("title", "pk"):
        count("challenges", challenge.map_tags or [])
        items.append(
            EffortItem(
                "challenge",
                challenge.pk,
                challenge.title,
                challenge.get_absolute_url(),
                challenge.map_tags or [],
            )
        )
    for activity in activities.order_by("cycle__number", "pk"):
        count("activities", activity.map_tags or [])
        items.append(
            EffortItem(
                "activity", activity.pk, activity.title, activity_url, activity.map_tags or []
            )
        )
    return MapEffort(list(rows.values()), items)
