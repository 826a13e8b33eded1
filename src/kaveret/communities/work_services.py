"""Use cases that write a community's ecosystem work: the board, the phase, the principles.

The four moves of seed 000 (exploration, deepening, response, evaluation) return as a
cycle: moving a community on from evaluation to exploration closes its cycle and opens
the next. Only the community's staff (``runs_community``) write here; every service
takes the acting user as ``by`` and raises ``PermissionDenied`` or a translated
``DomainError``. Activities of a closed cycle are kept as they were: they cannot change.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import User
from kaveret.core.errors import DomainError

from .models import (
    ActivityKind,
    ActivityStatus,
    Community,
    CommunityHistory,
    EcosystemPhase,
    HistoryKind,
    Principle,
    PrincipleAssessment,
    PrincipleScore,
    WorkActivity,
    WorkCycle,
)
from .rules import can_set_phase, runs_community
from .services import lock_community

ACTIVITY_FIELDS = (
    "move",
    "kind",
    "title",
    "description",
    "owner",
    "starts_on",
    "ends_on",
    "status",
    "outputs",
    "links",
)
MOVES = tuple(EcosystemPhase.values)
_http_url = URLValidator(schemes=["http", "https"])


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _check_runs(by: Any, community: Community) -> None:
    if not runs_community(by, community):
        raise _refuse()


def _log(community: Community, by: Any, kind: str, subject: str, note: str = "") -> None:
    CommunityHistory.objects.create(
        community=community,
        by=by if getattr(by, "is_authenticated", False) else None,
        kind=kind,
        subject=subject[:300],
        note=note,
    )


# Cycles


def _open_cycle_locked(community: Community, by: Any) -> WorkCycle:
    """The community's open cycle; the first one is opened here when there is none.

    The caller holds the community's row lock, so two first writes cannot both open one.
    """
    cycle = community.work_cycles.filter(ended_on__isnull=True).first()
    if cycle is not None:
        return cycle
    last = community.work_cycles.order_by("-number").first()
    number = last.number + 1 if last else 1
    cycle = WorkCycle.objects.create(
        community=community, number=number, started_on=timezone.localdate()
    )
    _log(community, by, HistoryKind.CYCLE_STARTED, f"#{number}")
    return cycle


def open_cycle(*, by: Any, community: Community) -> WorkCycle:
    """The open cycle of ``community``, opening the first one if it has none.

    Raises ``PermissionDenied`` when ``by`` does not run the community.
    """
    _check_runs(by, community)
    with transaction.atomic():
        return _open_cycle_locked(lock_community(community), by)


def set_phase(by: Any, community: Community, phase: str, *, summary: str = "") -> Community:
    """Set the community's current move of ecosystem work; history keeps every change.

    Only the community's manager (or a platform admin) sets it. Moving on from evaluation
    closes the open cycle (today, with the optional ``summary``) and opens the next one,
    numbered one more. Setting the phase it
    already has changes nothing. Raises ``PermissionDenied`` or ``DomainError`` (an
    unknown phase).
    """
    if not can_set_phase(by, community):
        raise _refuse()
    if phase not in MOVES:
        raise DomainError({"phase": _("Choose one of the four moves.")}, code="invalid_phase")
    with transaction.atomic():
        locked = lock_community(community)
        old = locked.phase
        if old == phase:
            return locked
        cycle = _open_cycle_locked(locked, by)
        if old == EcosystemPhase.EVALUATION:
            cycle.ended_on = timezone.localdate()
            cycle.summary = summary.strip()
            cycle.save(update_fields=["ended_on", "summary"])
            _open_cycle_locked(locked, by)
        locked.phase = phase
        locked.save(update_fields=["phase", "updated_at"])
        # The history reads as it did at the time, in the first language (Hebrew).
        with translation.override("he"):
            subject = f"{EcosystemPhase(old).label} → {EcosystemPhase(phase).label}"
        _log(locked, by, HistoryKind.PHASE_CHANGED, subject)
    community.phase = phase
    return locked


# Activities


def _clean_links(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    lines = value.splitlines() if isinstance(value, str) else list(value)
    links = [str(line).strip() for line in lines if str(line).strip()]
    for link in links:
        try:
            _http_url(link)
        except ValidationError:
            raise DomainError(
                {
                    "links": _(
                        "“%(link)s” is not a web address. Give one http:// or https:// "
                        "address per line."
                    )
                    % {"link": link[:200]}
                },
                code="invalid_link",
            ) from None
    return links


def _validate_activity(activity: WorkActivity) -> None:
    errors: dict[str, Any] = {}
    if not (activity.title or "").strip():
        errors["title"] = _("A title is required.")
    if activity.move not in MOVES:
        errors["move"] = _("Choose one of the four moves.")
    if activity.kind not in ActivityKind.values:
        errors["kind"] = _("Choose one of the kinds of activity.")
    if activity.status not in ActivityStatus.values:
        errors["status"] = _("Choose a status.")
    starts, ends = activity.starts_on, activity.ends_on
    if isinstance(starts, datetime.date) and isinstance(ends, datetime.date) and ends < starts:
        errors["ends_on"] = _("The activity cannot end before it starts.")
    if activity.owner is not None and not isinstance(activity.owner, User):
        errors["owner"] = _("Choose an owner from the list.")
    if errors:
        raise DomainError(errors, code="invalid_activity")


def _apply_activity_values(activity: WorkActivity, values: dict[str, Any]) -> None:
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    for name, value in values.items():
        if name == "links":
            value = _clean_links(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(activity, name, value)
    _validate_activity(activity)


def _refuse_if_closed(cycle: WorkCycle) -> None:
    if cycle.ended_on is not None:
        raise DomainError(
            _("Cycle %(number)d is closed; its activities are kept as they were.")
            % {"number": cycle.number},
            code="cycle_closed",
        )


def activity_create(*, by: Any, community: Community, values: dict[str, Any]) -> WorkActivity:
    """Add an activity to the community's open cycle (opening the first cycle if needed).

    Raises ``PermissionDenied`` or ``DomainError`` (invalid values).
    """
    _check_runs(by, community)
    activity = WorkActivity(status=ActivityStatus.PLANNED)
    _apply_activity_values(activity, values)
    with transaction.atomic():
        activity.cycle = _open_cycle_locked(lock_community(community), by)
        activity.save()
    return activity


def _locked_activity(activity: WorkActivity) -> WorkActivity:
    locked = WorkActivity.objects.select_for_update().select_related("cycle").get(pk=activity.pk)
    _refuse_if_closed(locked.cycle)
    return locked


def activity_update(*, by: Any, activity: WorkActivity, values: dict[str, Any]) -> WorkActivity:
    """Change an activity of the open cycle.

    Raises ``PermissionDenied``, or ``DomainError`` (invalid values, a closed cycle).
    """
    _check_runs(by, activity.cycle.community)
    with transaction.atomic():
        locked = _locked_activity(activity)
        _apply_activity_values(locked, values)
        locked.save()
    return locked


def activity_move(*, by: Any, activity: WorkActivity, move: str) -> WorkActivity:
    """Put an activity of the open cycle under another of the four moves.

    Raises ``PermissionDenied``, or ``DomainError`` (an unknown move, a closed cycle).
    """
    _check_runs(by, activity.cycle.community)
    if move not in MOVES:
        raise DomainError({"move": _("Choose one of the four moves.")}, code="invalid_move")
    with transaction.atomic():
        locked = _locked_activity(activity)
        locked.move = move
        locked.save(update_fields=["move", "updated_at"])
    return locked


def activity_delete(*, by: Any, activity: WorkActivity) -> None:
    """Delete an activity of the open cycle.

    Raises ``PermissionDenied``, or ``DomainError`` (a closed cycle).
    """
    _check_runs(by, activity.cycle.community)
    with transaction.atomic():
        _locked_activity(activity).delete()


# The six principles


def record_assessment(
    *,
    by: Any,
    community: Community,
    assessed_on: datetime.date | None,
    scores: dict[str, tuple[int | None, str]],
    note: str = "",
) -> PrincipleAssessment:
    """Record a self-assessment of the six principles: a 1-5 score and a note for each.

    ``scores`` maps each principle to ``(score, note)``; all six are required. The date
    may not be in the future (Israel time). Raises ``PermissionDenied`` or ``DomainError``.
    """
    _check_runs(by, community)
    errors: dict[str, Any] = {}
    if assessed_on is None:
        errors["assessed_on"] = _("Give the date of the assessment.")
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The assessment date cannot be in the future.")
    for principle in Principle:
        score = scores.get(principle.value, (None, ""))[0]
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            errors[f"score_{principle.value}"] = _("Give “%(principle)s” a score from 1 to 5.") % {
                "principle": principle.label
            }
    unknown = set(scores) - set(Principle.values)
    if unknown:
        errors["__all__"] = _("Unknown principles: %(names)s.") % {
            "names": ", ".join(sorted(unknown))
        }
    if errors:
        raise DomainError(errors, code="invalid_assessment")
    assert assessed_on is not None
    with transaction.atomic():
        assessment = PrincipleAssessment.objects.create(
            community=community, assessed_on=assessed_on, assessed_by=by, note=note.strip()
        )
        PrincipleScore.objects.bulk_create(
            PrincipleScore(
                assessment=assessment,
                principle=principle,
                score=int(scores[principle][0] or 0),
                note=(scores[principle][1] or "").strip(),
            )
            for principle in Principle.values
        )
    return assessment
