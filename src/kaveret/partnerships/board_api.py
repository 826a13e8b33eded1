"""API: the board — partnerships, their stage moves (gates enforced), factors, timeline.

Permissions as on the pages: the parties, the staff of the community and admins see a
partnership in full; everyone sees a published one reduced (``full: false``); anything
else is 404. A move refused by its gate answers 422 with the missing things in
``fields.unmet``; an override by someone who is not an admin answers 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.calls.models import Call
from kaveret.calls.rules import can_view_call
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import can_view_challenge
from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor, Organisation, Venture
from kaveret.matching.models import Meeting

from . import gates, rules, selectors, services
from .board_schemas import (
    FactorsIn,
    FactorsOut,
    MoveIn,
    MoveOut,
    PartnershipIn,
    PartnershipOut,
    PartnershipPage,
    PartnershipPatch,
    PartnershipQuery,
    PartyIn,
    TimelineEventOut,
)
from .models import Partnership, StageMove

router = Router(tags=["Design partnerships"])


def _list_item(request: HttpRequest, partnership: Partnership) -> dict[str, Any]:
    return {
        "id": partnership.pk,
        "title": partnership.title,
        "stage": partnership.stage,
        "stage_label": str(partnership.get_stage_display()),
        "organisation_id": partnership.organisation_id,
        "organisation": partnership.organisation.display_name,
        "venture_id": partnership.venture_id,
        "venture": partnership.venture.display_name,
        "challenge_id": partnership.challenge_id,
        "community_id": partnership.community_id,
        "level": partnership.level,
        "is_published": partnership.is_published,
        "url": request.build_absolute_uri(partnership.get_absolute_url()),
    }


def _partnership_out(request: HttpRequest, partnership: Partnership) -> dict[str, Any]:
    user = acting_user(request)
    out = _list_item(request, partnership)
    out.update(
        {
            "full": False,
            "summary": partnership.summary,
            "outcome": partnership.outcome,
            "lessons": partnership.lessons,
        }
    )
    if not rules.can_view_partnership(user, partnership):
        return out
    out.update(
        {
            "full": True,
            "origin": partnership.origin,
            "parties": [
                {
                    "actor_id": party.actor_id,
                    "name": party.actor.display_name,
                    "role": party.role,
                    "role_label": str(party.get_role_display()),
                }
                for party in partnership.parties.select_related("actor")
            ],
            **{name: getattr(partnership, name) for name in services.FACTOR_FIELDS},
            "ambassador_name": partnership.ambassador_name,
            "agreement_signed_on": partnership.agreement_signed_on,
            "allowed_moves": gates.allowed_targets(partnership.stage)
            if rules.can_edit_partnership(user, partnership)
            else [],
        }
    )
    return out


def _full_or_404(request: HttpRequest, pk: int) -> Partnership:
    from django.http import Http404

    partnership = rules.get_partnership_for_user_or_404(acting_user(request), pk)
    if not rules.can_view_partnership(acting_user(request), partnership):
        raise Http404
    return partnership


def _by_id(model: Any, name: str, pk: int | None, visible: Any = None) -> Any:
    """The row ``pk`` of ``model``; one the caller may not use (``visible`` says no)
    answers exactly like one that does not exist."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None or (visible is not None and not visible(found)):
        raise DomainError({name: _("No such %(field)s: %(id)s.") % {"field": name, "id": pk}})
    return found


def _community_usable(user: Any, meeting: Any) -> Any:
    """A community the caller belongs to or runs, or the one of the matchmaking meeting
    the partnership comes from (when the caller may use that meeting)."""

    def usable(community: Community) -> bool:
        if services.may_attach_community(user, community):
            return True
        return (
            meeting is not None
            and services.may_use_meeting(user, meeting)
            and meeting.pair.matchmaking.event.community_id == community.pk
        )

    return usable


def _parties(rows: list[PartyIn]) -> list[tuple[Any, str]]:
    actors = {actor.pk: actor for actor in Actor.objects.filter(pk__in=[r.actor_id for r in rows])}
    if len(actors) != len({row.actor_id for row in rows}):
        raise DomainError({"parties": _("Unknown party.")})
    return [(actors[row.actor_id], str(row.role)) for row in rows]


@router.get("/partnerships", response={200: PartnershipPage, **ERRORS})
def list_partnerships(request: HttpRequest, query: Query[PartnershipQuery]) -> dict[str, Any]:
    """The partnerships on the caller's board (those they see in full), one page at a time."""
    filters = selectors.BoardFilters(
        community=query.community,
        organisation=query.organisation,
        venture=query.venture,
        challenge=query.challenge,
        stage=str(query.stage or ""),
        q=query.q,
    )
    queryset = selectors.board_queryset(acting_user(request), filters)
    rows = list(queryset[query.offset : query.offset + query.limit])
    return {
        "count": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_list_item(request, row) for row in rows],
    }


@router.post("/partnerships", response={201: PartnershipOut, **ERRORS})
def create_partnership(request: HttpRequest, body: PartnershipIn) -> Status[dict[str, Any]]:
    """Create a partnership with every row of its parts; where it starts follows its origin."""
    user = acting_user(request)
    if not user.is_authenticated:
        raise PermissionDenied
    meeting = _by_id(
        Meeting,
        "origin_meeting_id",
        body.origin_meeting_id,
        lambda found: services.may_use_meeting(user, found),
    )
    partnership = services.create_partnership(
        user=user,
        organisation=_by_id(Organisation, "organisation_id", body.organisation_id),
        venture=_by_id(Venture, "venture_id", body.venture_id),
        title=body.title,
        challenge=_by_id(
            Challenge,
            "challenge_id",
            body.challenge_id,
            lambda found: can_view_challenge(user, found),
        ),
        community=_by_id(
            Community, "community_id", body.community_id, _community_usable(user, meeting)
        ),
        origin=str(body.origin),
        origin_call=_by_id(
            Call, "origin_call_id", body.origin_call_id, lambda found: can_view_call(user, found)
        ),
        origin_meeting=meeting,
        summary=body.summary,
        risks=None if body.risks is None else [str(key) for key in body.risks],
        parties=_parties(body.parties),
    )
    return Status(201, _partnership_out(request, partnership))


@router.get("/partnerships/{pk}", response={200: PartnershipOut, **ERRORS})
def get_partnership(request: HttpRequest, pk: int) -> dict[str, Any]:
    """A partnership: in full for its parties, reduced (``full: false``) when published."""
    partnership = rules.get_partnership_for_user_or_404(acting_user(request), pk)
    return _partnership_out(request, partnership)


@router.patch("/partnerships/{pk}", response={200: PartnershipOut, **ERRORS})
def update_partnership(request: HttpRequest, pk: int, body: PartnershipPatch) -> dict[str, Any]:
    """Change the basics sent: title, summary, sides, challenge, community, level, parties."""
    user = acting_user(request)
    partnership = _full_or_404(request, pk)
    data = body.model_dump(exclude_unset=True)
    parties = data.pop("parties", None)
    lookups = {
        "organisation_id": ("organisation", Organisation),
        "venture_id": ("venture", Venture),
        "challenge_id": ("challenge", Challenge),
        "community_id": ("community", Community),
    }
    visible = {
        "challenge_id": lambda found: (
            found.pk == partnership.challenge_id or can_view_challenge(user, found)
        ),
        "community_id": lambda found: (
            found.pk == partnership.community_id
            or _community_usable(user, partnership.origin_meeting)(found)
        ),
    }
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in lookups:
            name, model = lookups[key]
            if value is None and name in ("organisation", "venture"):
                raise DomainError({key: _("This side cannot be left empty.")})
            values[name] = _by_id(model, key, value, visible.get(key))
        else:
            values[key] = value
    with transaction.atomic():
        partnership = services.update_partnership(
            partnership,
            user=user,
            values=values,
            parties=None if parties is None else _parties(body.parties or []),
        )
    return _partnership_out(request, rules.get_partnership_for_user_or_404(user, pk))


def _move_out(move: StageMove) -> dict[str, Any]:
    return {
        "id": move.pk,
        "from_stage": move.from_stage,
        "to_stage": move.to_stage,
        "moved_by": move.moved_by.public_name if move.moved_by else None,
        "moved_at": move.moved_at,
        "unmet": [str(text) for text in move.unmet],
        "override_reason": move.override_reason,
    }


@router.post("/partnerships/{pk}/moves", response={201: MoveOut, **ERRORS})
def move(request: HttpRequest, pk: int, body: MoveIn) -> Status[dict[str, Any]]:
    """Move to another stage. An unmet gate answers 422 listing what is missing in
    ``fields.unmet``; an admin may send ``override_reason`` to move anyway (recorded);
    anyone else sending a reason for an unmet gate gets 403."""
    user = acting_user(request)
    partnership = _full_or_404(request, pk)
    try:
        made = services.move_stage(
            partnership, str(body.to_stage), user=user, override_reason=body.override_reason
        )
    except DomainError as error:
        missing = [str(message) for message in error.messages]
        raise DomainError(
            {"unmet": [DomainError(text, code="gate_unmet") for text in missing]}
        ) from error
    return Status(201, _move_out(made))


@router.get("/partnerships/{pk}/timeline", response={200: list[TimelineEventOut], **ERRORS})
def timeline(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """What happened, newest first: moves (with overrides), stages, decisions, feedback."""
    partnership = _full_or_404(request, pk)
    return [
        {
            "when": event.when,
            "kind": event.kind,
            "title": str(event.title),
            "detail": event.detail,
            "by": event.by,
            "unmet": event.unmet,
        }
        for event in selectors.timeline(partnership)
    ]


@router.put("/partnerships/{pk}/factors", response={200: FactorsOut, **ERRORS})
def put_factors(request: HttpRequest, pk: int, body: FactorsIn) -> dict[str, Any]:
    """Record the five factors (1-5); answers the suggested level and why. The level
    becomes ``level`` if sent, else the suggestion."""
    partnership = _full_or_404(request, pk)
    data = body.model_dump()
    saved, suggested, reasons = services.set_factors(
        partnership,
        user=acting_user(request),
        factors={name: data[name] for name in services.FACTOR_FIELDS},
        level=data.get("level"),
    )
    return {
        "suggested_level": suggested.value,
        "suggested_level_label": str(suggested.label),
        "reasons": reasons,
        "level": saved.level,
    }
