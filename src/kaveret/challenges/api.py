"""The challenges API: list and read challenges, create and edit them, refine them.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call
the same selectors and services, shape the answer; ``kaveret.api`` turns
``PermissionDenied`` and ``DomainError`` into JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Domain, Organisation, TargetPopulation

from . import rules, selectors, services
from .models import Challenge, ChallengeComment, ChallengeRevision, EditProposal
from .schemas import (
    ChallengeIn,
    ChallengeOut,
    ChallengePage,
    ChallengePatch,
    ChallengeQuery,
    CommentIn,
    CommentOut,
    DecisionIn,
    ProposalIn,
    ProposalOut,
    RevisionOut,
    SupportOut,
)

router = Router(tags=["National and social challenges"])


def _list_item(request: HttpRequest, challenge: Challenge, support_count: int) -> dict[str, Any]:
    return {
        "slug": challenge.slug,
        "title": challenge.title,
        "kind": challenge.kind,
        "kind_label": str(challenge.get_kind_display()),
        "status": challenge.status,
        "status_label": str(challenge.get_status_display()),
        "community": challenge.community.slug if challenge.community else None,
        "domain": challenge.domain.slug if challenge.domain else None,
        "problem": challenge.problem,
        "support_count": support_count,
        "published_at": challenge.published_at,
        "url": request.build_absolute_uri(challenge.get_absolute_url()),
    }


def _challenge_out(request: HttpRequest, challenge: Challenge) -> dict[str, Any]:
    user = acting_user(request)
    out = _list_item(request, challenge, selectors.support_count(challenge))
    out.update(
        {
            "background": challenge.background,
            "evidence": challenge.evidence,
            "success_measures": challenge.success_measures,
            "populations": [p.slug for p in challenge.populations.order_by("name")],
            "owner_kind": challenge.owner_kind,
            "owner_organisation_id": challenge.owner_organisation_id,
            "owner": challenge.owner.public_name,
            "origin": challenge.origin,
            "criteria": {name: getattr(challenge, name) for name in Challenge.SYSTEM_CRITERIA},
            "map_tags": list(challenge.map_tags or []),
            "supported_by_me": selectors.supports(user, challenge),
            "calls": [
                {
                    "slug": call.slug,
                    "title": call.title,
                    "deadline": call.deadline,
                    "url": request.build_absolute_uri(call.get_absolute_url()),
                }
                for call in selectors.serving_calls(user, challenge)
            ],
        }
    )
    return out


def _related(model: Any, field: str, slug: str | None) -> Any:
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise DomainError(
            {field: _("No such %(field)s: %(slug)s.") % {"field": field, "slug": slug}}
        )
    return found


def _values(data: dict[str, Any]) -> dict[str, Any]:
    """The API's slugs and ids as the objects the services take."""
    values = dict(data)
    if "domain" in values:
        values["domain"] = _related(Domain, "domain", values["domain"])
    if "community" in values:
        values["community"] = _related(Community, "community", values["community"])
    if "populations" in values:
        slugs = list(values["populations"] or [])
        found = list(TargetPopulation.objects.filter(slug__in=slugs))
        if len(found) != len(set(slugs)):
            raise DomainError({"populations": _("Unknown target population.")})
        values["populations"] = found
    if "owner_organisation_id" in values:
        organisation_id = values.pop("owner_organisation_id")
        organisation = None
        if organisation_id is not None:
            organisation = Organisation.objects.filter(pk=organisation_id).first()
            if organisation is None:
                raise DomainError({"owner_organisation_id": _("No such organisation.")})
        values["owner_organisation"] = organisation
    if "map_tags" in values:
        values["map_tags"] = [str(tag) for tag in values["map_tags"] or []]
    return values


@router.get("/challenges", response={200: ChallengePage, **ERRORS})
def list_challenges(request: HttpRequest, query: Query[ChallengeQuery]) -> dict[str, Any]:
    """Challenges the user may see, filtered like the list page, one page at a time."""
    values = query.model_dump(exclude={"limit", "offset"})
    filters = selectors.ChallengeFilters(
        **{name: "" if value is None else str(value) for name, value in values.items()}
    )
    queryset = selectors.challenge_list(acting_user(request), filters)
    rows = list(queryset[query.offset : query.offset + query.limit])
    return {
        "count": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_list_item(request, row, row.support_count) for row in rows],  # type: ignore[attr-defined]
    }


@router.post("/challenges", response={201: ChallengeOut, **ERRORS})
def create_challenge(request: HttpRequest, body: ChallengeIn) -> Status[dict[str, Any]]:
    """Create a draft challenge, owned by the caller."""
    user = acting_user(request)
    if not user.is_authenticated:
        raise PermissionDenied
    values = _values(body.model_dump())
    challenge = services.challenge_create(by=user, values=values)
    return Status(201, _challenge_out(request, challenge))


@router.get("/challenges/{slug}", response={200: ChallengeOut, **ERRORS})
def get_challenge(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One challenge with its support count and the calls serving it."""
    challenge = rules.get_challenge_for_user_or_404(acting_user(request), slug)
    return _challenge_out(request, challenge)


@router.patch("/challenges/{slug}", response={200: ChallengeOut, **ERRORS})
def update_challenge(request: HttpRequest, slug: str, body: ChallengePatch) -> dict[str, Any]:
    """Change the fields sent; ``status`` moves it along its lifecycle (publishing included)."""
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    data = body.model_dump(exclude_unset=True)
    status = data.pop("status", None)
    with transaction.atomic():  # the fields and the status change together or not at all
        if data:
            challenge = services.challenge_update(
                by=user, challenge=challenge, values=_values(data)
            )
        if status is not None:
            challenge = services.challenge_set_status(by=user, challenge=challenge, status=status)
    if not data and status is None and not rules.can_edit_challenge(user, challenge):
        raise PermissionDenied
    return _challenge_out(request, rules.get_challenge_for_user_or_404(user, challenge.slug))


def _support_out(user: Any, challenge: Challenge) -> dict[str, Any]:
    return {
        "supported_by_me": selectors.supports(user, challenge),
        "support_count": selectors.support_count(challenge),
    }


@router.post("/challenges/{slug}/support", response={200: SupportOut, **ERRORS})
def support(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Support the challenge (once; supporting again changes nothing)."""
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    services.support_add(by=user, challenge=challenge)
    return _support_out(user, challenge)


@router.delete("/challenges/{slug}/support", response={200: SupportOut, **ERRORS})
def withdraw_support(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Withdraw the caller's support."""
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    services.support_withdraw(by=user, challenge=challenge)
    return _support_out(user, challenge)


def _comment_out(comment: ChallengeComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": comment.author.public_name,
        "body": comment.body,
        "created_at": comment.created_at,
    }


@router.get("/challenges/{slug}/comments", response={200: list[CommentOut], **ERRORS})
def list_comments(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    challenge = rules.get_challenge_for_user_or_404(acting_user(request), slug)
    return [_comment_out(comment) for comment in selectors.challenge_comments(challenge)]


@router.post("/challenges/{slug}/comments", response={201: CommentOut, **ERRORS})
def add_comment(request: HttpRequest, slug: str, body: CommentIn) -> Status[dict[str, Any]]:
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    comment = services.comment_add(by=user, challenge=challenge, body=body.body)
    return Status(201, _comment_out(comment))


def _proposal_out(proposal: EditProposal) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "author": proposal.author.public_name,
        "status": proposal.status,
        "status_label": str(proposal.get_status_display()),
        "changes": proposal.changes,
        "base": proposal.base,
        "note": proposal.note,
        "created_at": proposal.created_at,
        "decided_by": proposal.decided_by.public_name if proposal.decided_by else None,
        "decided_at": proposal.decided_at,
        "decision_message": proposal.decision_message,
    }


@router.get("/challenges/{slug}/proposals", response={200: list[ProposalOut], **ERRORS})
def list_proposals(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    challenge = rules.get_challenge_for_user_or_404(acting_user(request), slug)
    return [_proposal_out(proposal) for proposal in selectors.challenge_proposals(challenge)]


@router.post("/challenges/{slug}/proposals", response={201: ProposalOut, **ERRORS})
def propose(request: HttpRequest, slug: str, body: ProposalIn) -> Status[dict[str, Any]]:
    """Propose new text for one or more refinable fields."""
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    proposal = services.proposal_create(
        by=user, challenge=challenge, changes=body.changes, note=body.note
    )
    return Status(201, _proposal_out(proposal))


@router.post(
    "/challenges/{slug}/proposals/{proposal_id}/decision",
    response={200: ProposalOut, **ERRORS},
)
def decide(request: HttpRequest, slug: str, proposal_id: int, body: DecisionIn) -> dict[str, Any]:
    """Accept (apply) or reject a proposed edit; 422 ``stale_proposal`` if the text moved on."""
    user = acting_user(request)
    challenge = rules.get_challenge_for_user_or_404(user, slug)
    proposal = EditProposal.objects.filter(challenge=challenge, pk=proposal_id).first()
    if proposal is None:
        raise Http404
    decided = services.proposal_decide(
        by=user, proposal=proposal, accept=body.accept, message=body.message
    )
    return _proposal_out(
        EditProposal.objects.select_related("author", "decided_by").get(pk=decided.pk)
    )


def _revision_out(revision: ChallengeRevision) -> dict[str, Any]:
    return {
        "id": revision.pk,
        "author": revision.author.public_name,
        "source": revision.source,
        "source_label": str(revision.get_source_display()),
        "created_at": revision.created_at,
        "changes": revision.changes,
    }


@router.get("/challenges/{slug}/revisions", response={200: list[RevisionOut], **ERRORS})
def list_revisions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """The history of the text, newest first: who changed which fields, before and after."""
    challenge = rules.get_challenge_for_user_or_404(acting_user(request), slug)
    return [_revision_out(revision) for revision in selectors.challenge_revisions(challenge)]
