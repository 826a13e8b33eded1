"""Reads of the knowledge hub, each with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.models import Community
from kaveret.ecosystem.selectors import search_names

from .models import KnowledgeComment, KnowledgeItem, KnowledgeStatus, Tag
from .rules import readable_items_condition, staff_community_ids
from .services import tag_slug


@dataclass(frozen=True)
class KnowledgeFilters:
    """What a list page or the API was asked for; empty values filter nothing."""

    q: str = ""
    kind: str = ""
    community: str = ""
    domain: str = ""
    language: str = ""
    tag: str = ""


def _for_lists(items: QuerySet[KnowledgeItem]) -> QuerySet[KnowledgeItem]:
    return items.select_related("community", "author").prefetch_related(
        "domains", Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )


def readable_items(user: Any) -> QuerySet[KnowledgeItem]:
    """Every item this user may open: published ones they may see, their own, their
    community's when they are its staff."""
    return KnowledgeItem.objects.filter(readable_items_condition(user))


def published_items(
    user: Any, filters: KnowledgeFilters, community: Community | None = None
) -> QuerySet[KnowledgeItem]:
    """Published items the user may see, filtered and searched, newest first.

    The search finds, for every word of ``q``, a word of the title, summary, text or tags
    starting with it, Hebrew prefixes stripped on both sides (``kaveret.core.text``).
    """
    items = readable_items(user).filter(status=KnowledgeStatus.PUBLISHED)
    if community is not None:
        items = items.filter(community=community)
    elif filters.community:
        items = items.filter(community__slug=filters.community)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.domain:
        items = items.filter(domains__slug=filters.domain)
    if filters.tag:
        items = items.filter(tags__slug=tag_slug(filters.tag))
    if filters.q:
        items = search_names(items, filters.q)
    return _for_lists(items).distinct().order_by("-published_at", "-pk")


def latest_published_items(user: Any, community: Community, limit: int = 5) -> list[KnowledgeItem]:
    """The community's newest published items, for its page."""
    return list(published_items(user, KnowledgeFilters(), community)[:limit])


def items_by_author(user: Any) -> QuerySet[KnowledgeItem]:
    """The user's own items in every status, most recently changed first."""
    if not getattr(user, "is_authenticated", False):
        return KnowledgeItem.objects.none()
    return _for_lists(KnowledgeItem.objects.filter(author=user)).order_by("-updated_at", "-pk")


def review_queue(user: Any) -> QuerySet[KnowledgeItem]:
    """Items waiting for review in the communities this user runs, oldest first."""
    items = KnowledgeItem.objects.filter(status=KnowledgeStatus.IN_REVIEW)
    if not is_platform_admin(user):
        items = items.filter(community_id__in=staff_community_ids(user))
    return _for_lists(items).order_by("submitted_at", "pk")


def item_comments(item: KnowledgeItem) -> QuerySet[KnowledgeComment]:
    return item.comments.select_related("author").order_by("created_at", "pk")


def tags_in_use(user: Any) -> QuerySet[Tag]:
    """Tags of the published items the user may see, for the filter."""
    visible = readable_items(user).filter(status=KnowledgeStatus.PUBLISHED)
    return Tag.objects.filter(knowledge_items__in=visible).distinct().order_by("name")
