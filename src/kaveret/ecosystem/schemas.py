"""The shapes the registry API reads and writes, documented in its OpenAPI schema.

Names come in Hebrew (``name``), English and Arabic, plus ``display_name`` in the
language of the request. Choice fields take and give the stable codes of ``choices.py``;
their ``*_label`` twins are the translated labels.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from .choices import (
    ActorType,
    FactorScore,
    FoundersSociety,
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureOrigin,
    VentureStage,
    VentureType,
)
from .models import Language

Vocabulary = Literal["domains", "populations", "technologies", "regions"]
OrganisationSort = Literal["name", "-name", "newest", "kind"]
VentureSort = Literal["name", "-name", "newest", "stage"]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class ErrorOut(Schema):
    """What every error answer of the API looks like."""

    detail: str = Field(description="A message for people, in the language of the request.")
    code: str | None = Field(None, description="A stable code for programs, where there is one.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages about particular fields of the request, by field name.",
    )


# --- Reading -----------------------------------------------------------------------------


class TaxonomyOut(Schema):
    """A term of a vocabulary (domain, target population, technology, region)."""

    slug: str = Field(description="The stable identifier to filter and write with.")
    name: str = Field(description="The name in the language of the request (Hebrew fallback).")

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.display_name)


class TaxonomyDetailOut(TaxonomyOut):
    name_he: str = Field(description="The name in Hebrew.")
    name_en: str = Field(description="The name in English, or empty.")
    name_ar: str = Field(description="The name in Arabic, or empty.")
    description: str = Field(description="What the term covers.")

    @staticmethod
    def resolve_name_he(obj: Any) -> str:
        return str(obj.name)


class ActorNames(Schema):
    id: int
    name: str = Field(description="The name in Hebrew (always present).")
    name_en: str = Field(description="The name in English, or empty.")
    name_ar: str = Field(description="The name in Arabic, or empty.")
    display_name: str = Field(description="The name in the language of the request.")

    @staticmethod
    def resolve_display_name(obj: Any) -> str:
        return str(obj.display_name)


class ActorRef(Schema):
    """Enough of an actor to name and link it."""

    id: int
    actor_type: ActorType = Field(description="Whether the actor is an organisation or venture.")
    display_name: str = Field(description="The name in the language of the request.")

    @staticmethod
    def resolve_display_name(obj: Any) -> str:
        return str(obj.display_name)


class OrganisationLabels(Schema):
    """An organisation's kind and sector, as codes and translated."""

    kind: OrganisationKind
    kind_label: str = Field(description="The kind, translated.")
    sector: Sector = Field(description="Follows from the kind.")
    sector_label: str = Field(description="The sector, translated.")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_sector_label(obj: Any) -> str:
        return str(obj.get_sector_display())


class VentureLabels(Schema):
    """A venture's type and stage, as codes and translated."""

    venture_type: VentureType
    venture_type_label: str = Field(description="The venture type, translated.")
    stage: VentureStage
    stage_label: str = Field(description="The stage, translated.")

    @staticmethod
    def resolve_venture_type_label(obj: Any) -> str:
        return str(obj.get_venture_type_display())

    @staticmethod
    def resolve_stage_label(obj: Any) -> str:
        return str(obj.get_stage_display())


class OrganisationListItem(ActorNames, OrganisationLabels):
    """An organisation as the directory lists it."""

    website: str
    is_public: bool = Field(description="Whether visitors see it; only staff see the others.")
    domains: list[TaxonomyOut]


class VentureListItem(ActorNames, VentureLabels):
    """A venture as the directory lists it."""

    website: str
    is_public: bool = Field(description="Whether visitors see it; only staff see the others.")
    domains: list[TaxonomyOut]
    target_populations: list[TaxonomyOut]


class OrganisationPage(Schema):
    count: int = Field(description="How many organisations match, on all pages.")
    limit: int
    offset: int
    items: list[OrganisationListItem]


class VenturePage(Schema):
    count: int = Field(description="How many ventures match, on all pages.")
    limit: int
    offset: int
    items: list[VentureListItem]


class RelationOut(Schema):
    """A tie between two actors; a partnership also has its level and five factors."""

    id: int
    source: ActorRef
    target: ActorRef
    kind: RelationKind
    kind_label: str = Field(description="The kind, translated.")
    description: str
    started_on: datetime.date | None
    ended_on: datetime.date | None = Field(description="Empty while the relation is active.")
    is_active: bool
    level: PartnershipLevel | None = Field(
        description="Place on the partnership continuum, 1 (sharing) to 5 (strategic)."
    )
    proximity: FactorScore | None
    contribution: FactorScore | None
    added_value: FactorScore | None
    power_gaps: FactorScore | None
    investment_capacity: FactorScore | None
    is_public: bool

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())


class PersonOut(Schema):
    """Someone affiliated with the actor, with their role there."""

    person_id: int
    full_name: str
    title: str = Field(description="Their role at the actor.")
    is_founder: bool
    email: str | None = Field(
        description="Only for users who may see contact details (staff); otherwise null."
    )
    phone: str | None = Field(
        description="Only for users who may see contact details (staff); otherwise null."
    )


class ActorDetailFields(ActorNames):
    description: str
    website: str
    email: str = Field(description="The actor's public email address.")
    is_public: bool
    domains: list[TaxonomyOut]
    target_populations: list[TaxonomyOut]
    regions: list[TaxonomyOut]
    relations: list[RelationOut] = Field(description="The relations this user may see.")
    people: list[PersonOut] = Field(description="The people this user may see.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class OrganisationOut(ActorDetailFields, OrganisationLabels):
    """An organisation with its taxonomies, relations and people."""

    registration_number: str = Field(description="Nine digits, or empty.")
    languages: list[str] = Field(description="Codes of the languages it works in.")


class VentureOut(ActorDetailFields, VentureLabels):
    """A venture with its taxonomies, relations and people."""

    origin: VentureOrigin = Field(description="Where the venture came from.")
    founded_year: int | None
    founders_society: FoundersSociety = Field(
        description="The founders' part of society; empty when not stated."
    )
    technologies: list[TaxonomyOut]


# --- Filtering ---------------------------------------------------------------------------


class PageQuery(Schema):
    limit: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many rows to return."
    )
    offset: int = Field(0, ge=0, description="How many rows to skip.")


class DirectoryQuery(PageQuery):
    q: str = Field(
        "",
        max_length=200,
        description="Words the name must contain; Hebrew prefixes (ו ה ב ל מ ש כ) are ignored.",
    )
    domain: str = Field("", description="Slug of a domain.")
    population: str = Field("", description="Slug of a target population.")
    region: str = Field("", description="Slug of a region.")


class OrganisationQuery(DirectoryQuery):
    kind: OrganisationKind | None = None
    sector: Sector | None = None
    sort: OrganisationSort = "name"


class VentureQuery(DirectoryQuery):
    venture_type: VentureType | None = None
    stage: VentureStage | None = None
    technology: str = Field("", description="Slug of a technology.")
    sort: VentureSort = "name"


# --- Writing -----------------------------------------------------------------------------

_SLUGS = "Slugs from /taxonomies/{vocabulary}; the list replaces the current one."


class ActorWriteFields(Schema):
    name_en: str = Field("", max_length=200, description="The name in English.")
    name_ar: str = Field("", max_length=200, description="The name in Arabic.")
    description: str = ""
    website: str = Field("", description="A full URL, https://…")
    email: str = Field("", description="A public email address.")
    is_public: bool = Field(True, description="Whether visitors see it.")
    domains: list[str] = Field(default_factory=list, description=_SLUGS)
    target_populations: list[str] = Field(default_factory=list, description=_SLUGS)
    regions: list[str] = Field(default_factory=list, description=_SLUGS)


class OrganisationIn(ActorWriteFields):
    """A new organisation. Its sector follows from its kind."""

    name: str = Field(min_length=1, max_length=200, description="The name in Hebrew.")
    kind: OrganisationKind
    registration_number: str = Field(
        "", max_length=9, description="Nine digits with a valid check digit, or empty."
    )
    languages: list[Language] = Field(default_factory=list)


class VentureIn(ActorWriteFields):
    """A new venture."""

    name: str = Field(min_length=1, max_length=200, description="The name in Hebrew.")
    technologies: list[str] = Field(default_factory=list, description=_SLUGS)
    venture_type: VentureType
    stage: VentureStage
    origin: VentureOrigin = VentureOrigin.DIRECT
    founded_year: int | None = Field(None, ge=1900, le=2100)
    founders_society: FoundersSociety = FoundersSociety.UNSPECIFIED


class ActorPatchFields(Schema):
    name: str | None = Field(None, min_length=1, max_length=200, description="Hebrew name.")
    name_en: str | None = Field(None, max_length=200)
    name_ar: str | None = Field(None, max_length=200)
    description: str | None = None
    website: str | None = None
    email: str | None = None
    is_public: bool | None = None
    domains: list[str] | None = Field(None, description=_SLUGS)
    target_populations: list[str] | None = Field(None, description=_SLUGS)
    regions: list[str] | None = Field(None, description=_SLUGS)


class OrganisationPatch(ActorPatchFields):
    """Changes to an organisation: only the fields sent are changed."""

    kind: OrganisationKind | None = None
    registration_number: str | None = Field(None, max_length=9)
    languages: list[Language] | None = None


class VenturePatch(ActorPatchFields):
    """Changes to a venture: only the fields sent are changed."""

    venture_type: VentureType | None = None
    stage: VentureStage | None = None
    origin: VentureOrigin | None = None
    founded_year: int | None = Field(None, ge=1900, le=2100)
    founders_society: FoundersSociety | None = None
    technologies: list[str] | None = Field(None, description=_SLUGS)


class RelationPatch(Schema):
    """Changes to a relation: only the fields sent are changed; null clears a value."""

    kind: RelationKind | None = None
    description: str | None = None
    started_on: datetime.date | None = None
    ended_on: datetime.date | None = Field(None, description="Set it to end the relation.")
    level: PartnershipLevel | None = Field(
        None, description="Partnerships only: 1 (sharing) to 5 (strategic)."
    )
    proximity: FactorScore | None = None
    contribution: FactorScore | None = None
    added_value: FactorScore | None = None
    power_gaps: FactorScore | None = None
    investment_capacity: FactorScore | None = None
    is_public: bool | None = None


class RelationIn(RelationPatch):
    """A new relation between two actors."""

    source_id: int = Field(description="Id of an organisation or venture.")
    target_id: int = Field(description="Id of another organisation or venture.")
    kind: RelationKind
    description: str = ""
    is_public: bool = True
