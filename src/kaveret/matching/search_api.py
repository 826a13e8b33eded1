"""API: search.

``GET /api/v1/search?q=...``: the same search as the page, over every kind, filtered by
what the caller may see, paginated, titles and addresses in the request language.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from kaveret.communities.models import Community
from kaveret.communities.rules import visible_community_condition
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Domain, TargetPopulation

from .engine import SearchFilters
from .search_schemas import SearchPage, SearchQuery
from .selectors import search_for_user
from .templatetags.matching_search import kind_label

router = Router(tags=["matching"])

_NOTHING = -1  # an unknown slug filters everything out rather than being ignored


def _id_of(queryset: Any, slug: str) -> tuple[int, ...]:
    if not slug:
        return ()
    found = queryset.filter(slug=slug).values_list("pk", flat=True).first()
    return (found if found is not None else _NOTHING,)


@router.get("/search", response={200: SearchPage, **ERRORS})
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    """Search ventures, organisations, challenges, calls, events, knowledge and communities."""
    user = acting_user(request)
    filters = SearchFilters(
        kinds=(query.kind.value,) if query.kind else (),
        domain_ids=_id_of(Domain.objects.all(), query.domain),
        population_ids=_id_of(TargetPopulation.objects.all(), query.population),
        community_ids=_id_of(
            Community.objects.filter(visible_community_condition(user)), query.community
        ),
        stages=(query.stage,) if query.stage else (),
    )
    hits, total = search_for_user(
        user,
        query.q,
        filters=filters,
        limit=query.limit,
        offset=query.offset,
        mode=query.mode,
    )
    return {
        "count": total,
        "limit": query.limit,
        "offset": query.offset,
        "items": [
            {
                "kind": hit.kind,
                "kind_label": kind_label(hit.kind),
                "object_id": hit.object_id,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "score": hit.score,
                "lexical_score": hit.lexical_score,
                "semantic_score": hit.semantic_score,
                "lexical_rank": hit.lexical_rank,
                "semantic_rank": hit.semantic_rank,
                "matched_terms": list(hit.matched_terms),
                "snippet": hit.snippet,
            }
            for hit in hits
        ],
    }
