"""Services of a challenge's scouting list (seed 001, step 02 "active search").

Whoever may edit the challenge (``rules.can_scout``) adds ventures, moves them through the
statuses, notes why, and removes them. Adding is idempotent: a venture already on the list
is returned as it is. The recommender's score and reasons are kept as they were when the
venture was added, so the list says why it was put there even after the index changes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from kaveret.challenges.models import Challenge
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Venture

from .models import ScoutingEntry, ScoutingStatus
from .recommend import Recommendation
from .rules import can_scout

NOTE_MAX_LENGTH = 2000


def _check(by: Any, challenge: Challenge) -> None:
    if not can_scout(by, challenge):
        raise PermissionDenied


def snapshot(recommendation: Recommendation | None) -> tuple[float | None, dict[str, Any]]:
    """The score and reasons to keep with an entry (nothing when added by hand)."""
    if recommendation is None:
        return None, {"source": "manual"}
    data = recommendation.as_dict()
    return recommendation.score, {
        "source": "recommender",
        "reasons": data["reasons"],
        "breakdown": data["breakdown"],
    }


@transaction.atomic
def add_to_scouting(
    challenge: Challenge,
    venture: Venture,
    *,
    by: Any,
    recommendation: Recommendation | None = None,
) -> tuple[ScoutingEntry, bool]:
    """Put ``venture`` on ``challenge``'s list; returns the entry and whether it is new."""
    _check(by, challenge)
    existing = ScoutingEntry.objects.filter(challenge=challenge, venture=venture).first()
    if existing is not None:
        return existing, False
    score, reasons = snapshot(recommendation)
    try:
        with transaction.atomic():
            entry = ScoutingEntry.objects.create(
                challenge=challenge, venture=venture, score=score, reasons=reasons, added_by=by
            )
    except IntegrityError:
        # Two clicks at once: the other one won, which is what the user wanted.
        return ScoutingEntry.objects.get(challenge=challenge, venture=venture), False
    return entry, True


@transaction.atomic
def update_scouting_entry(
    entry: ScoutingEntry, *, by: Any, status: str | None = None, note: str | None = None
) -> ScoutingEntry:
    """Change an entry's status and/or note."""
    _check(by, entry.challenge)
    entry = ScoutingEntry.objects.select_for_update().get(pk=entry.pk)
    fields = []
    if status is not None:
        if status not in ScoutingStatus.values:
            raise DomainError(_("Choose one of the listed statuses."), code="status")
        entry.status = status
        fields.append("status")
    if note is not None:
        note = note.strip()
        if len(note) > NOTE_MAX_LENGTH:
            raise DomainError(
                _("The note may be at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH},
                code="note",
            )
        entry.note = note
        fields.append("note")
    if fields:
        entry.save(update_fields=[*fields, "updated_at"])
    return entry


@transaction.atomic
def remove_from_scouting(entry: ScoutingEntry, *, by: Any) -> None:
    _check(by, entry.challenge)
    ScoutingEntry.objects.filter(pk=entry.pk).delete()
