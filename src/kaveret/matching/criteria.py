"""Services of the seed 001 criteria: staff score an actor 1-5 on each, with a note.

``VENTURE_CRITERIA`` are assessed about ventures and ``ORGANISATION_CRITERIA`` about
organisations; ``from_actor`` (optional) records whose view a score is (an organisation's
view of a venture's team, say). Only ecosystem staff and platform admins assess
(``rules.can_assess_criteria``). Clearing a score deletes it: the fit then shows the
criterion as "not assessed" and leaves it out, rather than counting it as zero.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import ActorType
from kaveret.ecosystem.models import Actor

from .models import ORGANISATION_CRITERIA, VENTURE_CRITERIA, CriterionAssessment
from .recommend import CriterionScore, criteria_scores, criteria_view
from .rules import can_assess_criteria

NOTE_MAX_LENGTH = 2000


def criteria_for(actor: Actor) -> tuple[str, ...]:
    """The criteria that apply to ``actor``: a venture's or an organisation's."""
    return VENTURE_CRITERIA if actor.actor_type == ActorType.VENTURE else ORGANISATION_CRITERIA


def assessments_of(actor: Actor, *, view: Actor | None = None) -> list[CriterionScore]:
    """Every criterion of ``actor`` with its score (``view``'s own first), or not assessed."""
    criteria = criteria_for(actor)
    found = criteria_scores([actor.pk], criteria, views=[view.pk] if view else [])
    return criteria_view(found, actor.pk, criteria, view=view.pk if view else None)


@transaction.atomic
def set_assessment(
    actor: Actor,
    criterion: str,
    score: int | None,
    *,
    by: Any,
    note: str = "",
    from_actor: Actor | None = None,
) -> CriterionAssessment | None:
    """Score ``criterion`` of ``actor`` 1-5 with a note; ``None`` clears the score."""
    if not can_assess_criteria(by):
        raise PermissionDenied
    if criterion not in criteria_for(actor):
        raise DomainError(
            _("This criterion does not apply to this kind of actor."), code="criterion"
        )
    if from_actor is not None and from_actor.pk == actor.pk:
        raise DomainError(_("An actor cannot assess itself."), code="from_actor")
    lookup: dict[str, Any] = {"about": actor, "criterion": criterion, "from_actor": from_actor}
    if score is None:
        CriterionAssessment.objects.filter(**lookup).delete()
        return None
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise DomainError(_("A score is a whole number from 1 to 5."), code="score")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(
            _("The note may be at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH},
            code="note",
        )
    assessment, _created = CriterionAssessment.objects.update_or_create(
        **lookup, defaults={"score": score, "note": note, "assessed_by": by}
    )
    return assessment
