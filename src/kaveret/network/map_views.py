"""The map page, its data and its downloads: parse the filters, load the graph, serialise.

What a user may see is decided once, in ``load_graph``; every view here goes through it,
so the page, the table, the JSON and the files show the same actors and relations. The
table and the files also follow the actor in focus (``focus`` and ``ego``) and then show
its ego network; the JSON always holds the whole filtered view, for the script to refocus.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import map as network_map
from .forms import MapFilterForm, table_sort
from .graph import EcosystemGraph, load_graph

# Query-string keys that describe how the view is shown, not which data it selects.
VIEW_STATE_KEYS = ("page", "sort", "focus", "ego", "size")


def _filtered_graph(request: HttpRequest) -> tuple[MapFilterForm, EcosystemGraph]:
    form = MapFilterForm(request.GET or None, user=request.user)
    return form, load_graph(request.user, form.filters())


def _focus(request: HttpRequest, graph: EcosystemGraph) -> tuple[int, int] | None:
    """The actor in focus and the steps of its network, when both are valid for this graph."""
    try:
        actor_id, steps = int(request.GET.get("focus", "")), int(request.GET.get("ego", ""))
    except ValueError:
        return None
    if steps not in (1, 2) or actor_id not in graph.nodes:
        return None
    return actor_id, steps


def _viewed_graph(request: HttpRequest) -> tuple[MapFilterForm, EcosystemGraph, Any]:
    """What the table and downloads show: the filtered graph, or its focused ego network."""
    form, graph = _filtered_graph(request)
    focus = _focus(request, graph)
    if focus is None:
        return form, graph, None
    actor_id, steps = focus
    centre = graph.nodes[actor_id]
    view = network_map.ego_network(graph, actor_id, steps)
    name = network_map.display_name(centre.name, centre.name_en, centre.name_ar)
    return form, view, {"id": actor_id, "steps": steps, "name": name}


def _view_query(filter_query: QueryDict, focus: Any) -> QueryDict:
    query = filter_query.copy()
    if focus:
        query["focus"] = str(focus["id"])
        query["ego"] = str(focus["steps"])
    return query


def _filter_query(request: HttpRequest) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept = [value for value in values if value]
        if key not in VIEW_STATE_KEYS and kept:
            query.setlist(key, kept)
    return query


def _with_query(url: str, query: QueryDict) -> str:
    encoded = query.urlencode()
    return f"{url}?{encoded}" if encoded else url


def _sort_links(filter_query: QueryDict, sort: str) -> list[dict[str, Any]]:
    """Each column's header: its link (ascending first, then toggles) and its aria-sort."""
    titles = {
        "name": _("Name"),
        "type": _("Type"),
        "kind": _("Kind"),
        "sector": _("Sector"),
        "degree": _("Relations"),
        "communities": _("Communities"),
    }
    columns = []
    for column in network_map.TABLE_SORTS:
        query = filter_query.copy()
        if sort == column:
            state, next_sort = "ascending", f"-{column}"
        elif sort == f"-{column}":
            state, next_sort = "descending", column
        else:
            state, next_sort = "none", column
        query["sort"] = next_sort
        columns.append(
            {"key": column, "title": titles[column], "aria_sort": state, "query": query.urlencode()}
        )
    return columns


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    form, graph, focus = _viewed_graph(request)
    sort = table_sort(request.GET.get("sort", "name"))
    rows = network_map.table_rows(graph, sort)
    page = Paginator(rows, settings.KAVERET_PAGE_SIZE).get_page(request.GET.get("page"))
    filter_query = _filter_query(request)
    view_query = _view_query(filter_query, focus)
    table_query = view_query.copy()
    table_query["sort"] = sort
    whole_view = filter_query.copy()
    whole_view["sort"] = sort
    config = {
        "dataUrl": _with_query(reverse("network:map_data"), filter_query),
        "legend": network_map.legend(),
    }
    context = {
        "form": form,
        "node_count": len(graph.nodes),
        "edge_count": len(graph.edges),
        "page": page,
        "columns": _sort_links(view_query, sort),
        "querystring": table_query.urlencode(),
        "focus": focus,
        "filter_querystring": filter_query.urlencode(),
        "whole_view_querystring": whole_view.urlencode(),
        "legend": config["legend"],
        "map_config": config,
        "downloads": {
            "nodes_csv": _with_query(reverse("network:map_nodes_csv"), view_query),
            "relations_csv": _with_query(reverse("network:map_relations_csv"), view_query),
            "graphml": _with_query(reverse("network:map_graphml"), view_query),
            "json": config["dataUrl"],
        },
    }
    return render(request, "network/map.html", context)


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    _form, graph = _filtered_graph(request)
    return JsonResponse(network_map.map_document(graph), json_dumps_params={"ensure_ascii": False})


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def map_nodes_csv(request: HttpRequest) -> HttpResponse:
    _form, graph, _focus_actor = _viewed_graph(request)
    return _download(
        network_map.nodes_csv(graph), "text/csv; charset=utf-8", "kaveret-map-actors.csv"
    )


@require_GET
def map_relations_csv(request: HttpRequest) -> HttpResponse:
    _form, graph, _focus_actor = _viewed_graph(request)
    return _download(
        network_map.relations_csv(graph), "text/csv; charset=utf-8", "kaveret-map-relations.csv"
    )


@require_GET
def map_graphml(request: HttpRequest) -> HttpResponse:
    _form, graph, _focus_actor = _viewed_graph(request)
    return _download(
        network_map.graphml(graph), "application/graphml+xml; charset=utf-8", "kaveret-map.graphml"
    )
