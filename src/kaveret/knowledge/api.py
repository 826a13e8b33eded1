"""The knowledge API: list, read, write, submit and review items; read and add comments.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call the
same selectors and services; ``kaveret.api`` turns ``PermissionDenied`` (401 for visitors,
403 otherwise) and ``DomainError`` (422) into translated JSON errors. Files are attached on
the item's page, where they are checked; the API lists them with their download links.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Domain

from . import rules, selectors, services
from .models import KnowledgeComment, KnowledgeItem
from .rendering import render_markdown
from .schemas import (
    CommentIn,
    CommentOut,
    KnowledgeItemIn,
    KnowledgeItemOut,
    KnowledgeItemPatch,
    KnowledgePage,
    KnowledgeQuery,
    ReturnIn,
)

router = Router(tags=["Knowledge hub"])


def _domains(item: KnowledgeItem) -> list[dict[str, str]]:
    return [{"slug": d.slug, "name": d.display_name} for d in item.domains.all()]


def _summary_out(request: HttpRequest, item: KnowledgeItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "community": item.community.slug,
        "author": item.author.public_name,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "language": item.language,
        "domains": _domains(item),
        "tags": [tag.name for tag in item.tags.all()],
        "published_at": item.published_at,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def _item_out(request: HttpRequest, item: KnowledgeItem) -> dict[str, Any]:
    item = (
        KnowledgeItem.objects.select_related("community", "author")
        .prefetch_related("domains", "tags", "attachments")
        .get(pk=item.pk)
    )
    return {
        **_summary_out(request, item),
        "kind_label": str(item.get_kind_display()),
        "body": item.body,
        "body_html": str(render_markdown(item.body)),
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "review_note": item.review_note,
        "updated_at": item.updated_at,
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "url": request.build_absolute_uri(attachment.get_absolute_url()),
            }
            for attachment in item.attachments.all()
        ],
    }


def _values(payload: dict[str, Any]) -> dict[str, Any]:
    values = {
        field: getattr(value, "value", value)
        for field, value in payload.items()
        if field in services.ITEM_FIELDS
    }
    if "domains" in values:
        slugs = list(dict.fromkeys(values["domains"]))
        found = {d.slug: d for d in Domain.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise DomainError(
                {"domains": _("Unknown domains: %(slugs)s.") % {"slugs": ", ".join(missing)}},
                code="unknown_slug",
            )
        values["domains"] = [found[slug] for slug in slugs]
    return values


def _require_login(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied


@router.get("/knowledge", response={200: KnowledgePage, **ERRORS})
def list_items(request: HttpRequest, query: Query[KnowledgeQuery]) -> dict[str, Any]:
    """Published items the user may see, filtered and searched like the list page."""
    values = query.model_dump(exclude={"limit", "offset"})
    filters = selectors.KnowledgeFilters(
        **{k: str(getattr(v, "value", v)) for k, v in values.items() if v}
    )
    items = selectors.published_items(acting_user(request), filters)
    rows = list(items[query.offset : query.offset + query.limit])
    return {
        "count": items.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary_out(request, item) for item in rows],
    }


@router.get("/knowledge/{item_id}", response={200: KnowledgeItemOut, **ERRORS})
def get_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    """One item: published, or the user's own, or any of a community the user runs."""
    return _item_out(request, rules.get_item_for_user_or_404(acting_user(request), item_id))


@router.post("/knowledge", response={201: KnowledgeItemOut, **ERRORS})
def create_item(request: HttpRequest, payload: KnowledgeItemIn) -> Status[dict[str, Any]]:
    """Write an item as a draft in a community you belong to; ``submit`` submits it too."""
    user = acting_user(request)
    _require_login(user)
    data = payload.model_dump()
    community = Community.objects.filter(slug=data["community"]).first()
    if community is None or not rules.can_read_community_knowledge(user, community):
        raise DomainError(
            {"community": _("There is no community with this slug.")}, code="unknown_slug"
        )
    item = services.item_create(
        by=user, community=community, values=_values(data), submit=data["submit"]
    )
    return Status(201, _item_out(request, item))


@router.patch("/knowledge/{item_id}", response={200: KnowledgeItemOut, **ERRORS})
def update_item(request: HttpRequest, item_id: int, payload: KnowledgeItemPatch) -> dict[str, Any]:
    """Change an item (its author while a draft or returned; the community's staff)."""
    user = acting_user(request)
    item = rules.get_item_for_user_or_404(user, item_id)
    changes = payload.model_dump(exclude_unset=True)
    nulls = {field: _("This field cannot be null.") for field, v in changes.items() if v is None}
    if nulls:
        raise DomainError(nulls, code="null")
    item = services.item_update(by=user, item=item, values=_values(changes))
    return _item_out(request, item)


@router.post("/knowledge/{item_id}/submit", response={200: KnowledgeItemOut, **ERRORS})
def submit_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    """Submit a draft or returned item: published, or sent to the coordinators."""
    user = acting_user(request)
    item = rules.get_item_for_user_or_404(user, item_id)
    return _item_out(request, services.item_submit(by=user, item=item))


@router.post("/knowledge/{item_id}/approve", response={200: KnowledgeItemOut, **ERRORS})
def approve_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    """Publish an item in review (staff of its community)."""
    user = acting_user(request)
    item = rules.get_item_for_user_or_404(user, item_id)
    return _item_out(request, services.item_approve(by=user, item=item))


@router.post("/knowledge/{item_id}/return", response={200: KnowledgeItemOut, **ERRORS})
def return_item(request: HttpRequest, item_id: int, payload: ReturnIn) -> dict[str, Any]:
    """Send an item in review back to its author with a note (staff of its community)."""
    user = acting_user(request)
    item = rules.get_item_for_user_or_404(user, item_id)
    return _item_out(request, services.item_return(by=user, item=item, note=payload.note))


def _comment_out(comment: KnowledgeComment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": comment.author.public_name,
        "body": comment.body,
        "created_at": comment.created_at,
    }


@router.get("/knowledge/{item_id}/comments", response={200: list[CommentOut], **ERRORS})
def list_comments(request: HttpRequest, item_id: int) -> list[dict[str, Any]]:
    """The item's comments, oldest first."""
    item = rules.get_item_for_user_or_404(acting_user(request), item_id)
    return [_comment_out(comment) for comment in selectors.item_comments(item)]


@router.post("/knowledge/{item_id}/comments", response={201: CommentOut, **ERRORS})
def create_comment(
    request: HttpRequest, item_id: int, payload: CommentIn
) -> Status[dict[str, Any]]:
    """Comment on a published item (members and staff of its community)."""
    user = acting_user(request)
    item = rules.get_item_for_user_or_404(user, item_id)
    comment = services.comment_add(by=user, item=item, body=payload.body)
    return Status(201, _comment_out(comment))
