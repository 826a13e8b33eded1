"""Reading search results as a given user may see them.

The engine ranks every document; here the ones a visitor may not see are dropped by the
object's own rules (ecosystem permissions for actors, ``can_view_challenge``,
``can_view_call``, ``can_view_event``, ``can_view_community``, ``can_view_item``). Public
documents pass without a query; the others are loaded with one query per kind.

A challenge's, call's, event's or knowledge item's stored ``is_public`` also depends on its
community, which may have been made private since the document was written (the re-index
that follows runs in the background). So those kinds are checked against the live
communities: one query for the ids of private communities (ranked candidates) or one query
per kind (hits); a document whose community is private now counts as not public and goes
through the object's rules like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from django.db import models
from django.utils import translation

from .engine import (
    Fusion,
    Hit,
    Ranked,
    SearchFilters,
    SearchIndex,
    fetch_texts,
    rank_query,
)
from .models import DocumentKind


def _is_anonymous(user: Any) -> bool:
    return user is None or not getattr(user, "is_authenticated", False)


def _loaders() -> dict[str, tuple[Callable[[], models.QuerySet[Any]], Callable[[Any, Any], bool]]]:
    from kaveret.calls.models import Call
    from kaveret.calls.rules import can_view_call
    from kaveret.challenges.models import Challenge
    from kaveret.challenges.rules import can_view_challenge
    from kaveret.communities.models import Community, Event
    from kaveret.communities.rules import can_view_community, can_view_event
    from kaveret.ecosystem.models import Organisation, Venture
    from kaveret.knowledge.models import KnowledgeItem
    from kaveret.knowledge.rules import can_view_item

    return {
        DocumentKind.VENTURE: (
            lambda: Venture.objects.all(),
            lambda user, obj: bool(user.has_perm("ecosystem.view_venture", obj)),
        ),
        DocumentKind.ORGANISATION: (
            lambda: Organisation.objects.all(),
            lambda user, obj: bool(user.has_perm("ecosystem.view_organisation", obj)),
        ),
        DocumentKind.CHALLENGE: (
            lambda: Challenge.objects.select_related("community", "owner_organisation"),
            can_view_challenge,
        ),
        DocumentKind.CALL: (lambda: Call.objects.select_related("community"), can_view_call),
        DocumentKind.EVENT: (lambda: Event.objects.select_related("community"), can_view_event),
        DocumentKind.KNOWLEDGE: (
            lambda: KnowledgeItem.objects.select_related("community"),
            can_view_item,
        ),
        DocumentKind.COMMUNITY: (lambda: Community.objects.all(), can_view_community),
    }


# The kinds whose visibility follows their community's.
COMMUNITY_SCOPED_KINDS = (
    DocumentKind.CHALLENGE,
    DocumentKind.CALL,
    DocumentKind.EVENT,
    DocumentKind.KNOWLEDGE,
)


def _private_community_ids() -> list[int]:
    from kaveret.communities.models import Community

    return list(Community.objects.filter(is_public=False).values_list("pk", flat=True))


def public_rows(index: SearchIndex) -> np.ndarray:
    """Which rows of ``index`` are public now: stored as public, and not in a community that
    has been made private since (one query)."""
    public = index.is_public.copy()
    if not index.size:
        return public
    in_private = np.zeros(index.size, dtype=bool)
    community_rows = index.facets.get("community_ids", {})
    for community_id in _private_community_ids():
        rows = community_rows.get(int(community_id))
        if rows is not None:
            in_private[rows] = True
    scoped = np.isin(index.kinds, list(COMMUNITY_SCOPED_KINDS))
    public[in_private & scoped] = False
    return public


def _now_private(keys: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of the community-scoped (kind, object id) pairs now sit in a private
    community; one query per kind."""
    from django.apps import apps

    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in keys:
        if kind in COMMUNITY_SCOPED_KINDS:
            by_kind[kind].add(int(object_id))
    models_of: dict[str, str] = {
        DocumentKind.CHALLENGE: "challenges.Challenge",
        DocumentKind.CALL: "calls.Call",
        DocumentKind.EVENT: "communities.Event",
        DocumentKind.KNOWLEDGE: "knowledge.KnowledgeItem",
    }
    found: set[tuple[str, int]] = set()
    for kind, ids in by_kind.items():
        model = apps.get_model(models_of[kind])
        for pk in model.objects.filter(pk__in=ids, community__is_public=False).values_list(
            "pk", flat=True
        ):
            found.add((kind, pk))
    return found


def allowed_objects(user: Any, keys: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of the (kind, object id) pairs ``user`` may see; one query per kind."""
    if _is_anonymous(user):
        return set()
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in keys:
        by_kind[kind].add(int(object_id))
    loaders = _loaders()
    allowed: set[tuple[str, int]] = set()
    for kind, ids in by_kind.items():
        if kind not in loaders:
            continue
        queryset, may_view = loaders[kind]
        for obj in queryset().filter(pk__in=ids):
            if may_view(user, obj):
                allowed.add((kind, obj.pk))
    return allowed


def visible_hits(user: Any, hits: Sequence[Hit]) -> list[Hit]:
    """The hits ``user`` may see, in order: public ones, and the others the rules allow."""
    demoted = _now_private((hit.kind, hit.object_id) for hit in hits if hit.is_public)

    def public(hit: Hit) -> bool:
        return hit.is_public and (hit.kind, hit.object_id) not in demoted

    private = [(hit.kind, hit.object_id) for hit in hits if not public(hit)]
    allowed = allowed_objects(user, private) if private else set()
    return [hit for hit in hits if public(hit) or (hit.kind, hit.object_id) in allowed]


def visible_ranked(user: Any, index: SearchIndex, ranked: Sequence[Ranked]) -> list[Ranked]:
    """The ranked candidates ``user`` may see, before hits (snippets) are built."""
    if not ranked:
        return []
    public = public_rows(index)
    private = [
        (str(index.kinds[item.row]), int(index.object_ids[item.row]))
        for item in ranked
        if not public[item.row]
    ]
    if not private:
        return list(ranked)
    allowed = allowed_objects(user, private)
    return [
        item
        for item in ranked
        if public[item.row]
        or (str(index.kinds[item.row]), int(index.object_ids[item.row])) in allowed
    ]


def ranked_for_user(
    user: Any,
    query: str,
    *,
    filters: SearchFilters | None = None,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> tuple[SearchIndex, list[str], list[Ranked]]:
    """Every candidate ``user`` may see, ranked; hits are built per page (``page_hits``)."""
    filters = filters or SearchFilters()
    if _is_anonymous(user):
        filters = replace(filters, public_only=True)
    index, tokens, ranked = rank_query(query, filters=filters, mode=mode, fusion=fusion)
    ranked = visible_ranked(user, index, ranked)
    return index, tokens, ranked


def page_hits(index: SearchIndex, tokens: Sequence[str], ranked: Sequence[Ranked]) -> list[Hit]:
    """Hits, with snippets, for one page of ranked candidates, in the request language."""
    return localised(index.hits(ranked, tokens, fetch_texts))


def search_for_user(
    user: Any,
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    mode: str = "hybrid",
    fusion: Fusion | None = None,
) -> tuple[list[Hit], int]:
    """One page of the hits ``user`` may see and how many they may see in all."""
    index, tokens, ranked = ranked_for_user(user, query, filters=filters, mode=mode, fusion=fusion)
    return page_hits(index, tokens, ranked[offset : offset + limit]), len(ranked)


# --- The request language ----------------------------------------------------------------

_TRANSLATED_TITLES: dict[str, tuple[str, str, str]] = {
    # kind: (model path, English field, Arabic field)
    DocumentKind.VENTURE: ("ecosystem.Actor", "name_en", "name_ar"),
    DocumentKind.ORGANISATION: ("ecosystem.Actor", "name_en", "name_ar"),
    DocumentKind.COMMUNITY: ("communities.Community", "name_en", "name_ar"),
    DocumentKind.CALL: ("calls.Call", "title_en", "title_ar"),
}


def localised_url(url: str, language: str | None = None) -> str:
    """A stored (Hebrew, unprefixed) address in ``language``: /en/..., /ar/..."""
    language = (language or translation.get_language() or "he")[:2]
    if language == "he" or not url.startswith("/"):
        return url
    return f"/{language}{url}"


def localised(hits: Sequence[Hit], language: str | None = None) -> list[Hit]:
    """The hits with titles and addresses in ``language`` (one query per translated kind)."""
    from django.apps import apps

    language = (language or translation.get_language() or "he")[:2]
    if language == "he":
        return list(hits)
    titles: dict[tuple[str, int], str] = {}
    by_kind: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        if hit.kind in _TRANSLATED_TITLES:
            by_kind[hit.kind].append(hit.object_id)
    for kind, ids in by_kind.items():
        model_path, english, arabic = _TRANSLATED_TITLES[kind]
        field = english if language == "en" else arabic
        model = apps.get_model(model_path)
        for pk, title in model.objects.filter(pk__in=ids).values_list("pk", field):
            if title:
                titles[(kind, pk)] = title
    return [
        replace(
            hit,
            title=titles.get((hit.kind, hit.object_id), hit.title),
            url=localised_url(hit.url, language),
        )
        for hit in hits
    ]
