"""API of the recommenders: routing, a challenge's scouting list, fit lists, assessments.

Thin like the pages: permissions through ``rules`` (what a user may not see is 404), the
recommenders in ``recommend``, the writes in ``scouting`` and ``criteria``;
``kaveret.api`` turns ``PermissionDenied`` and ``DomainError`` into JSON errors in the
request's language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status

from kaveret.challenges.rules import get_challenge_for_user_or_404
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor
from kaveret.ecosystem.rules import (
    get_organisation_for_user_or_404,
    get_venture_for_user_or_404,
)

from . import criteria, recommend, rules, scouting
from .models import ScoutingEntry
from .recommend_schemas import (
    AssessmentsIn,
    AssessmentsOut,
    FitOut,
    RouteIn,
    RouteOut,
    ScoutingAddIn,
    ScoutingEntryOut,
    ScoutingOut,
    ScoutingPatchIn,
)

router = Router(tags=["Recommenders"])

SUGGESTIONS = 20
FIT_LIMIT = 20


def _items(user: Any, items: Any) -> list[dict[str, Any]]:
    return [item.as_dict() for item in recommend.for_user(user, items)]


@router.post("/match/route", response={200: RouteOut, **ERRORS})
def route(request: HttpRequest, body: RouteIn) -> dict[str, Any]:
    """The communities, open calls and challenges that fit a text, ranked, with reasons."""
    user = acting_user(request)
    if not rules.can_route(user):
        raise PermissionDenied
    text, kinds, limit, mode = recommend.validate_route(
        body.text, body.kinds, body.limit, body.mode
    )
    return {"items": _items(user, recommend.route_text(text, kinds=kinds, limit=limit, mode=mode))}


def _entry_out(entry: ScoutingEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "venture_id": entry.venture_id,
        "venture": entry.venture.display_name,
        "status": entry.status,
        "status_label": str(entry.get_status_display()),
        "score": entry.score,
        "reasons": entry.reasons or {},
        "note": entry.note,
        "created_at": entry.created_at,
    }


def _scouting_challenge(request: HttpRequest, slug: str) -> Any:
    user = acting_user(request)
    challenge = get_challenge_for_user_or_404(user, slug)
    if not rules.can_scout(user, challenge):
        raise Http404
    return user, challenge


def _entries(challenge: Any) -> list[ScoutingEntry]:
    return list(challenge.scouting_entries.select_related("venture").order_by("-score", "pk"))


@router.get("/match/scouting/{slug}", response={200: ScoutingOut, **ERRORS})
def get_scouting(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Suggested ventures for the challenge and its scouting list."""
    user, challenge = _scouting_challenge(request, slug)
    return {
        "challenge": challenge.slug,
        "suggestions": _items(user, recommend.scout(challenge, limit=SUGGESTIONS)),
        "entries": [_entry_out(entry) for entry in _entries(challenge)],
    }


@router.post(
    "/match/scouting/{slug}", response={200: ScoutingEntryOut, 201: ScoutingEntryOut, **ERRORS}
)
def add_scouting(request: HttpRequest, slug: str, body: ScoutingAddIn) -> Status[dict[str, Any]]:
    """Add a venture to the list (201), or return it if it is already there (200)."""
    user, challenge = _scouting_challenge(request, slug)
    venture = get_venture_for_user_or_404(user, body.venture_id)
    suggestion = next(
        (r for r in recommend.scout(challenge, limit=100) if r.object_id == venture.pk), None
    )
    entry, created = scouting.add_to_scouting(
        challenge, venture, by=user, recommendation=suggestion
    )
    return Status(201 if created else 200, _entry_out(entry))


def _entry(request: HttpRequest, slug: str, entry_id: int) -> tuple[Any, ScoutingEntry]:
    user, challenge = _scouting_challenge(request, slug)
    entry = (
        challenge.scouting_entries.select_related("venture", "challenge")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    return user, entry


@router.patch("/match/scouting/{slug}/{entry_id}", response={200: ScoutingEntryOut, **ERRORS})
def patch_scouting(
    request: HttpRequest, slug: str, entry_id: int, body: ScoutingPatchIn
) -> dict[str, Any]:
    """Change an entry's status or note."""
    user, entry = _entry(request, slug, entry_id)
    entry = scouting.update_scouting_entry(entry, by=user, status=body.status, note=body.note)
    return _entry_out(entry)


@router.delete("/match/scouting/{slug}/{entry_id}", response={204: None, **ERRORS})
def delete_scouting(request: HttpRequest, slug: str, entry_id: int) -> Status[None]:
    """Take a venture off the list."""
    user, entry = _entry(request, slug, entry_id)
    scouting.remove_from_scouting(entry, by=user)
    return Status(204, None)


def _fit_out(user: Any, fit: recommend.FitList) -> dict[str, Any]:
    return {"items": _items(user, fit.items), "excluded": _items(user, fit.excluded)}


@router.get("/match/fit/organisations/{pk}", response={200: FitOut, **ERRORS})
def fit_organisation(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Ventures that could be this organisation's design partners, ranked."""
    user = acting_user(request)
    organisation = get_organisation_for_user_or_404(user, pk)
    if not rules.can_see_fit(user, organisation.pk):
        raise Http404
    return _fit_out(user, recommend.fit_for_organisation(organisation, FIT_LIMIT))


@router.get("/match/fit/ventures/{pk}", response={200: FitOut, **ERRORS})
def fit_venture(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Organisations that could be this venture's design partners, ranked."""
    user = acting_user(request)
    venture = get_venture_for_user_or_404(user, pk)
    if not rules.can_see_fit(user, venture.pk):
        raise Http404
    return _fit_out(user, recommend.fit_for_venture(venture, FIT_LIMIT))


def _assessed_actor(request: HttpRequest, actor_id: int) -> tuple[Any, Actor]:
    user = acting_user(request)
    if not rules.can_assess_criteria(user):
        raise Http404
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        raise Http404
    return user, actor


def _assessments_out(actor: Actor) -> dict[str, Any]:
    return {
        "actor_id": actor.pk,
        "actor": actor.display_name,
        "criteria": [
            {
                "criterion": s.criterion,
                "label": s.label,
                "score": s.score,
                "note": s.note,
                "assessed": s.assessed,
            }
            for s in criteria.assessments_of(actor)
        ],
    }


@router.get("/match/assessments/{actor_id}", response={200: AssessmentsOut, **ERRORS})
def get_assessments(request: HttpRequest, actor_id: int) -> dict[str, Any]:
    """The seed 001 criteria of a venture or an organisation (staff only)."""
    _user, actor = _assessed_actor(request, actor_id)
    return _assessments_out(actor)


@router.put("/match/assessments/{actor_id}", response={200: AssessmentsOut, **ERRORS})
def put_assessments(request: HttpRequest, actor_id: int, body: AssessmentsIn) -> dict[str, Any]:
    """Set the scores sent (1-5, or null to clear); the others stay as they are."""
    from django.db import transaction

    user, actor = _assessed_actor(request, actor_id)
    with transaction.atomic():
        for item in body.assessments:
            criteria.set_assessment(actor, item.criterion, item.score, by=user, note=item.note)
    return _assessments_out(actor)
