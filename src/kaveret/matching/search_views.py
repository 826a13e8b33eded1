"""The search page: one search over every kind, with filters, highlighted snippets and
pages. htmx swaps only the results when the form changes; without script it is a plain
GET form."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .engine import Hit, suggest
from .search_forms import SearchForm
from .selectors import page_hits, ranked_for_user


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    query = form.query()
    filters = form.filters()
    per_page = settings.KAVERET_PAGE_SIZE
    hits: list[Hit] = []
    total = 0
    page: Page[int] | None = None
    suggestion: str | None = None
    if query:
        index, tokens, ranked = ranked_for_user(request.user, query, filters=filters)
        total = len(ranked)
        page = Paginator(range(total), per_page).get_page(request.GET.get("page"))
        start = (page.number - 1) * per_page
        hits = page_hits(index, tokens, ranked[start : start + per_page])
        if not total:
            suggestion = suggest(index, query)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "form": form,
        "query": query,
        "hits": hits,
        "total": total,
        "page": page,
        "querystring": querystring.urlencode(),
        "filtered": form.has_filters(),
        "suggestion": suggestion,
    }
    template = (
        "matching/search_results.html"
        if getattr(request, "htmx", False)
        else "matching/search.html"
    )
    return render(request, template, context)
