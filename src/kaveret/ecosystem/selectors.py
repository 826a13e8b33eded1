"""Reads of the ecosystem registry, each with a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kaveret.accounts.roles import is_ecosystem_staff
from kaveret.core.text import query_alternatives

from .models import Actor, Affiliation, Organisation, Person, Relation, Venture

ORGANISATION_SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-created_at", "-pk"),
    "kind": ("kind", "name", "pk"),
}
VENTURE_SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-created_at", "-pk"),
    "stage": ("stage", "name", "pk"),
}


@dataclass(frozen=True)
class DirectoryFilters:
    """What a directory page or API list was asked for; empty values filter nothing."""

    q: str = ""
    kind: str = ""
    sector: str = ""
    venture_type: str = ""
    stage: str = ""
    domain: str = ""
    population: str = ""
    region: str = ""
    technology: str = ""
    sort: str = "name"


def search_names(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """Keep rows whose name has, for every word of the query, a word starting with it.

    Hebrew prefixes are stripped on both sides (see ``kaveret.core.text``), so מוגבלות
    finds במוגבלות and ובמוגבלות finds מוגבלות.
    """
    for alternatives in query_alternatives(query):
        condition = Q()
        for form in alternatives:
            condition |= Q(search_text__contains=f" {form}")
        queryset = queryset.filter(condition)
    return queryset


def visible_actors(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Staff see every actor; everyone else only public ones."""
    return queryset if is_ecosystem_staff(user) else queryset.filter(is_public=True)


def _filter_common(queryset: QuerySet[Any], filters: DirectoryFilters) -> QuerySet[Any]:
    if filters.q:
        queryset = search_names(queryset, filters.q)
    if filters.domain:
        queryset = queryset.filter(domains__slug=filters.domain)
    if filters.population:
        queryset = queryset.filter(target_populations__slug=filters.population)
    if filters.region:
        queryset = queryset.filter(regions__slug=filters.region)
    return queryset


def organisation_directory(user: Any, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Organisations the user may see, filtered and sorted for the directory."""
    queryset = visible_actors(user, Organisation.objects.all())
    queryset = _filter_common(queryset, filters)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    order = ORGANISATION_SORTS.get(filters.sort, ORGANISATION_SORTS["name"])
    return queryset.order_by(*order).prefetch_related("domains")


def venture_directory(user: Any, filters: DirectoryFilters) -> QuerySet[Venture]:
    """Ventures the user may see, filtered and sorted for the directory."""
    queryset = visible_actors(user, Venture.objects.all())
    queryset = _filter_common(queryset, filters)
    if filters.venture_type:
        queryset = queryset.filter(venture_type=filters.venture_type)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.technology:
        queryset = queryset.filter(technologies__slug=filters.technology)
    order = VENTURE_SORTS.get(filters.sort, VENTURE_SORTS["name"])
    return queryset.order_by(*order).prefetch_related("domains", "target_populations")


def actor_relations(user: Any, actor: Actor) -> list[Relation]:
    """The relations of an actor that the user may see, newest first (one query)."""
    relations = Relation.objects.involving(actor).select_related("source", "target")
    if not is_ecosystem_staff(user):
        relations = relations.filter(is_public=True, source__is_public=True, target__is_public=True)
    return list(relations.order_by("ended_on", "-started_on", "pk"))


def actor_people(user: Any, actor: Actor) -> list[Affiliation]:
    """The people affiliated with an actor. Visitors see only those who agreed to appear."""
    affiliations = Affiliation.objects.filter(actor=actor).select_related("person")
    if not is_ecosystem_staff(user):
        affiliations = affiliations.filter(person__consent_directory=True)
    return list(affiliations)


def people_with_contact_details(affiliations: list[Affiliation]) -> list[Person]:
    """The people among these affiliations who have an email or phone to show."""
    return [a.person for a in affiliations if a.person.email or a.person.phone]


def organisation_for_page(pk: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk=pk).prefetch_related(
        "domains", "target_populations", "regions"
    )


def venture_for_page(pk: int) -> QuerySet[Venture]:
    return Venture.objects.filter(pk=pk).prefetch_related(
        "domains", "target_populations", "regions", "technologies"
    )


def ecosystem_counts(user: Any) -> dict[str, int]:
    """How many ventures and organisations the user can see."""
    return {
        "ventures": visible_actors(user, Venture.objects.all()).count(),
        "organisations": visible_actors(user, Organisation.objects.all()).count(),
    }


__all__ = [
    "DirectoryFilters",
    "actor_people",
    "actor_relations",
    "ecosystem_counts",
    "organisation_directory",
    "venture_directory",
]
