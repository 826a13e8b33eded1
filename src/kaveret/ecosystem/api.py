"""The registry API: organisations, ventures, relations, taxonomies.

Thin like the pages: parse, look up through ``rules`` (what a user may not see is 404),
call the same selectors and services, shape the answer. Services check permissions
themselves and raise ``PermissionDenied`` or ``DomainError``; ``kaveret.api`` turns those
into JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.core.errors import DomainError
from kaveret.core.models import PersonalDataAccess
from kaveret.core.services import record_personal_data_access

from . import selectors, services
from .models import (
    Actor,
    Affiliation,
    Domain,
    Organisation,
    Region,
    Relation,
    TargetPopulation,
    Technology,
)
from .rules import get_organisation_for_user_or_404, get_venture_for_user_or_404
from .schemas import (
    ErrorOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    OrganisationPatch,
    OrganisationQuery,
    RelationIn,
    RelationOut,
    RelationPatch,
    TaxonomyDetailOut,
    VentureIn,
    VentureOut,
    VenturePage,
    VenturePatch,
    VentureQuery,
    Vocabulary,
)

router = Router(tags=["ecosystem"])

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

TAXONOMY_FIELDS: dict[str, type[Model]] = {
    "domains": Domain,
    "target_populations": TargetPopulation,
    "regions": Region,
    "technologies": Technology,
}
VOCABULARIES: dict[str, type[Model]] = {
    "domains": Domain,
    "populations": TargetPopulation,
    "technologies": Technology,
    "regions": Region,
}
# Fields a PATCH may clear by sending null; for the others null is refused.
NULLABLE_FIELDS = frozenset(
    {
        "founded_year",
        "started_on",
        "ended_on",
        "level",
        "proximity",
        "contribution",
        "added_value",
        "power_gaps",
        "investment_capacity",
    }
)
ORGANISATION_TAXONOMIES = ("domains", "target_populations", "regions")
VENTURE_TAXONOMIES = (*ORGANISATION_TAXONOMIES, "technologies")


def acting_user(request: HttpRequest) -> Any:
    """Who makes the request: the token's or session's user, or an anonymous visitor."""
    return request.auth  # type: ignore[attr-defined]


# --- Reading -----------------------------------------------------------------------------


def _page(queryset: QuerySet[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": list(queryset[offset : offset + limit]),
    }


def _filters(query: OrganisationQuery | VentureQuery) -> selectors.DirectoryFilters:
    values = query.model_dump(exclude={"limit", "offset"})
    return selectors.DirectoryFilters(
        **{name: "" if value is None else str(value) for name, value in values.items()}
    )


@router.get("/organisations", response={200: OrganisationPage, **ERRORS})
def list_organisations(request: HttpRequest, query: Query[OrganisationQuery]) -> dict[str, Any]:
    """Organisations the user may see, filtered like the directory page, one page at a time."""
    queryset = selectors.organisation_directory(acting_user(request), _filters(query))
    return _page(queryset, query.limit, query.offset)


@router.get("/ventures", response={200: VenturePage, **ERRORS})
def list_ventures(request: HttpRequest, query: Query[VentureQuery]) -> dict[str, Any]:
    """Ventures the user may see, filtered like the directory page, one page at a time."""
    queryset = selectors.venture_directory(acting_user(request), _filters(query))
    return _page(queryset, query.limit, query.offset)


def _with_people_and_relations(
    request: HttpRequest, user: Any, actor: Actor, taxonomies: tuple[str, ...]
) -> Actor:
    prefetch_related_objects([actor], *taxonomies)
    may_see_contacts = user.has_perm("ecosystem.view_contact_details")
    affiliations = selectors.actor_people(user, actor)
    if may_see_contacts:
        record_personal_data_access(
            by=user,
            subjects=selectors.people_with_contact_details(affiliations),
            channel=PersonalDataAccess.Channel.API,
            path=request.get_full_path(),
        )
    actor.relations = selectors.actor_relations(user, actor)  # type: ignore[attr-defined]
    actor.people = [  # type: ignore[attr-defined]
        _person(affiliation, may_see_contacts) for affiliation in affiliations
    ]
    return actor


def _person(affiliation: Affiliation, may_see_contacts: bool) -> dict[str, Any]:
    person = affiliation.person
    return {
        "person_id": person.pk,
        "full_name": person.full_name,
        "title": affiliation.title,
        "is_founder": affiliation.is_founder,
        "email": person.email if may_see_contacts else None,
        "phone": person.phone if may_see_contacts else None,
    }


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **ERRORS})
def get_organisation(request: HttpRequest, organisation_id: int) -> Actor:
    """One organisation with its taxonomies, the relations and people the user may see."""
    user = acting_user(request)
    organisation = get_organisation_for_user_or_404(user, organisation_id)
    return _with_people_and_relations(request, user, organisation, ORGANISATION_TAXONOMIES)


@router.get("/ventures/{venture_id}", response={200: VentureOut, **ERRORS})
def get_venture(request: HttpRequest, venture_id: int) -> Actor:
    """One venture with its taxonomies, the relations and people the user may see."""
    user = acting_user(request)
    venture = get_venture_for_user_or_404(user, venture_id)
    return _with_people_and_relations(request, user, venture, VENTURE_TAXONOMIES)


@router.get("/taxonomies/{vocabulary}", response={200: list[TaxonomyDetailOut], **ERRORS})
def list_taxonomy(request: HttpRequest, vocabulary: Vocabulary) -> QuerySet[Any]:
    """Every term of a vocabulary, by name; filter and write actors with their slugs."""
    return VOCABULARIES[vocabulary]._default_manager.order_by("name", "pk")


# --- Writing -----------------------------------------------------------------------------


def _resolve_taxonomies(values: dict[str, Any]) -> dict[str, Any]:
    """Replace lists of slugs by the terms they name; unknown slugs are a 422 per field."""
    unknown: dict[str, str] = {}
    for field, model in TAXONOMY_FIELDS.items():
        slugs = values.get(field)
        if slugs is None:
            continue
        terms = list(model._default_manager.filter(slug__in=set(slugs)))
        missing = sorted(set(slugs) - {term.slug for term in terms})  # type: ignore[attr-defined]
        if missing:
            unknown[field] = _("There is no term with the slug %(slugs)s in this list.") % {
                "slugs": ", ".join(f"“{slug}”" for slug in missing)
            }
        values[field] = terms
    if unknown:
        raise DomainError(unknown, code="unknown_slug")
    return values


def _changes(payload: Any) -> dict[str, Any]:
    """The fields a PATCH sent, with nulls refused where a value cannot be empty."""
    values = payload.model_dump(exclude_unset=True)
    refused = {
        field: _("This field cannot be null.")
        for field, value in values.items()
        if value is None and field not in NULLABLE_FIELDS
    }
    if refused:
        raise DomainError(refused, code="null")
    return values


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members to their stored codes, as the services and models expect."""
    return {
        field: [getattr(item, "value", item) for item in value]
        if isinstance(value, list)
        else getattr(value, "value", value)
        for field, value in values.items()
    }


def _organisation_out(request: HttpRequest, user: Any, organisation: Organisation) -> Actor:
    return _with_people_and_relations(request, user, organisation, ORGANISATION_TAXONOMIES)


@router.post("/organisations", response={201: OrganisationOut, **ERRORS})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Actor]:
    """Register an organisation (ecosystem staff). Its sector follows from its kind."""
    user = acting_user(request)
    values = _resolve_taxonomies(_plain(payload.model_dump()))
    organisation = services.create_organisation(by=user, **values)
    return Status(201, _organisation_out(request, user, organisation))


@router.patch("/organisations/{organisation_id}", response={200: OrganisationOut, **ERRORS})
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Actor:
    """Change an organisation (staff, or its representatives); only the fields sent change."""
    user = acting_user(request)
    organisation = get_organisation_for_user_or_404(user, organisation_id)
    values = _resolve_taxonomies(_plain(_changes(payload)))
    organisation = services.update_organisation(by=user, organisation=organisation, **values)
    return _organisation_out(request, user, organisation)


@router.post("/ventures", response={201: VentureOut, **ERRORS})
def create_venture(request: HttpRequest, payload: VentureIn) -> Status[Actor]:
    """Register a venture (ecosystem staff)."""
    user = acting_user(request)
    values = _resolve_taxonomies(_plain(payload.model_dump()))
    venture = services.create_venture(by=user, **values)
    return Status(201, _with_people_and_relations(request, user, venture, VENTURE_TAXONOMIES))


@router.patch("/ventures/{venture_id}", response={200: VentureOut, **ERRORS})
def update_venture(request: HttpRequest, venture_id: int, payload: VenturePatch) -> Actor:
    """Change a venture (staff, or its own entrepreneurs); only the fields sent change."""
    user = acting_user(request)
    venture = get_venture_for_user_or_404(user, venture_id)
    values = _resolve_taxonomies(_plain(_changes(payload)))
    venture = services.update_venture(by=user, venture=venture, **values)
    return _with_people_and_relations(request, user, venture, VENTURE_TAXONOMIES)


def _actor_for_relation(user: Any, actor_id: int, field: str) -> Actor:
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None or not user.has_perm("ecosystem.view_actor", actor):
        raise DomainError(
            {
                field: _("There is no organisation or venture with the id %(id)s.")
                % {"id": actor_id}
            },
            code="unknown_actor",
        )
    return actor


def _relation_for_user_or_404(user: Any, relation_id: int) -> Relation:
    relation = Relation.objects.select_related("source", "target").filter(pk=relation_id).first()
    if relation is None or not user.has_perm("ecosystem.view_relation", relation):
        raise Http404
    return relation


@router.get("/relations/{relation_id}", response={200: RelationOut, **ERRORS})
def get_relation(request: HttpRequest, relation_id: int) -> Relation:
    """One relation, if the user may see it."""
    return _relation_for_user_or_404(acting_user(request), relation_id)


@router.post("/relations", response={201: RelationOut, **ERRORS})
def create_relation(request: HttpRequest, payload: RelationIn) -> Status[Relation]:
    """Tie two actors (ecosystem staff). Partnerships may carry a level and five factors.

    Refused (422): an actor with itself, a level on anything but a partnership, an end
    before the start, a second active relation of the same kind between the same two.
    """
    user = acting_user(request)
    values = _plain(payload.model_dump(exclude_unset=True))
    source = _actor_for_relation(user, values.pop("source_id"), "source_id")
    target = _actor_for_relation(user, values.pop("target_id"), "target_id")
    relation = services.create_relation(by=user, source=source, target=target, **values)
    return Status(201, _relation_for_user_or_404(user, relation.pk))


@router.patch("/relations/{relation_id}", response={200: RelationOut, **ERRORS})
def update_relation(request: HttpRequest, relation_id: int, payload: RelationPatch) -> Relation:
    """Change a relation's kind, dates, level, factors or description (ecosystem staff)."""
    user = acting_user(request)
    relation = _relation_for_user_or_404(user, relation_id)
    relation = services.update_relation(by=user, relation=relation, **_plain(_changes(payload)))
    return _relation_for_user_or_404(user, relation.pk)
