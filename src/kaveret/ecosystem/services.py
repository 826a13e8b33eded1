"""Use cases that write to the ecosystem registry. Each runs in one transaction.

Every service takes the acting user as ``by``, checks the permission itself, and raises
``PermissionDenied`` or a translated ``DomainError`` that forms and the API show as is.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

from .choices import (
    PARTNERSHIP_FACTOR_FIELDS,
    OrganisationKind,
    RelationKind,
    VentureStage,
    VentureType,
    sector_for_kind,
)
from .models import (
    Actor,
    Domain,
    Organisation,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)
from .signals import announce_ecosystem_changed
from .validators import validate_registration_number

ACTOR_FIELDS = ("name", "name_en", "name_ar", "description", "website", "email", "is_public")
ORGANISATION_FIELDS = (*ACTOR_FIELDS, "kind", "registration_number", "languages")
VENTURE_FIELDS = (
    *ACTOR_FIELDS,
    "venture_type",
    "stage",
    "origin",
    "founded_year",
    "founders_society",
)
ACTOR_M2M = {"domains": Domain, "target_populations": TargetPopulation, "regions": Region}
VENTURE_M2M = {**ACTOR_M2M, "technologies": Technology}


def _require(user: Any, permission: str, obj: Any = None) -> None:
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def _check_choice(value: str, choices: Any, message: str) -> None:
    if value not in choices.values:
        raise DomainError(message % {"value": value}, code="invalid_choice")


def _reject_unknown(values: dict[str, Any], allowed: set[str]) -> None:
    """Refuse fields a service does not know, rather than silently ignoring them."""
    unknown = set(values) - allowed
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


def _apply(
    instance: Actor,
    fields: tuple[str, ...],
    m2m: dict[str, Any],
    values: dict[str, Any],
) -> dict[str, Iterable[Any]]:
    _reject_unknown(values, {*fields, *m2m})
    for field in fields:
        if field in values:
            value = values[field]
            setattr(instance, field, value.strip() if isinstance(value, str) else value)
    if not (instance.name or "").strip():
        raise DomainError(_("A name in Hebrew is required."), code="name_required")
    return {name: values[name] for name in m2m if name in values}


def _save_actor(instance: Actor, relations: dict[str, Iterable[Any]]) -> None:
    instance.refresh_search_text()
    try:
        instance.full_clean(exclude=["search_text"])
    except ValidationError as error:
        raise DomainError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from error
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise DomainError(
            _("This record conflicts with an existing one (for example its registration number)."),
            code="conflict",
        ) from error
    for name, items in relations.items():
        getattr(instance, name).set(list(items))
    announce_ecosystem_changed()


def _prepare_organisation(organisation: Organisation) -> None:
    _check_choice(
        organisation.kind, OrganisationKind, str(_("“%(value)s” is not a kind of organisation."))
    )
    organisation.sector = sector_for_kind(organisation.kind)
    try:
        validate_registration_number(organisation.registration_number)
    except ValidationError as error:
        raise DomainError({"registration_number": error.messages}) from error
    duplicate = (
        Organisation.objects.filter(registration_number=organisation.registration_number)
        .exclude(pk=organisation.pk)
        .first()
        if organisation.registration_number
        else None
    )
    if duplicate is not None:
        raise DomainError(
            {
                "registration_number": _(
                    "Registration number %(number)s already belongs to “%(name)s”."
                )
                % {"number": organisation.registration_number, "name": duplicate.name}
            }
        )


def _prepare_venture(venture: Venture) -> None:
    _check_choice(venture.venture_type, VentureType, str(_("“%(value)s” is not a venture type.")))
    _check_choice(venture.stage, VentureStage, str(_("“%(value)s” is not a venture stage.")))


@transaction.atomic
def create_organisation(*, by: Any, **values: Any) -> Organisation:
    """Register an organisation; its sector follows from its kind.

    Raises ``PermissionDenied`` unless ``by`` is ecosystem staff, and ``DomainError`` for
    an unknown kind, a malformed or already registered registration number.
    """
    _require(by, "ecosystem.add_organisation")
    organisation = Organisation(actor_type="organisation")
    relations = _apply(organisation, ORGANISATION_FIELDS, ACTOR_M2M, values)
    _prepare_organisation(organisation)
    _save_actor(organisation, relations)
    return organisation


@transaction.atomic
def update_organisation(*, by: Any, organisation: Organisation, **values: Any) -> Organisation:
    """Change an organisation's details (staff, or its own representatives)."""
    _require(by, "ecosystem.change_organisation", organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    relations = _apply(organisation, ORGANISATION_FIELDS, ACTOR_M2M, values)
    _prepare_organisation(organisation)
    _save_actor(organisation, relations)
    return organisation


@transaction.atomic
def create_venture(*, by: Any, **values: Any) -> Venture:
    """Register a venture of one of the four types, at one of the stages.

    Raises ``PermissionDenied`` unless ``by`` is ecosystem staff, and ``DomainError``
    for a type or stage outside the fixed lists.
    """
    _require(by, "ecosystem.add_venture")
    venture = Venture(actor_type="venture")
    relations = _apply(venture, VENTURE_FIELDS, VENTURE_M2M, values)
    _prepare_venture(venture)
    _save_actor(venture, relations)
    return venture


@transaction.atomic
def update_venture(*, by: Any, venture: Venture, **values: Any) -> Venture:
    """Change a venture's profile (staff, or the venture's own entrepreneurs)."""
    _require(by, "ecosystem.change_venture", venture)
    venture = Venture.objects.select_for_update().get(pk=venture.pk)
    relations = _apply(venture, VENTURE_FIELDS, VENTURE_M2M, values)
    _prepare_venture(venture)
    _save_actor(venture, relations)
    return venture


def _check_relation(relation: Relation) -> None:
    if relation.source_id == relation.target_id:
        raise DomainError(_("An actor cannot be in a relation with itself."), code="self_relation")
    _check_choice(relation.kind, RelationKind, str(_("“%(value)s” is not a kind of relation.")))
    if relation.kind != RelationKind.PARTNERSHIP and (
        relation.level is not None
        or any(getattr(relation, field) is not None for field in PARTNERSHIP_FACTOR_FIELDS)
    ):
        raise DomainError(
            _("Only a partnership has a level on the continuum and the five factors."),
            code="level_without_partnership",
        )
    if relation.started_on and relation.ended_on and relation.ended_on < relation.started_on:
        raise DomainError(
            {"ended_on": _("A relation cannot end before it starts.")}, code="ends_before_start"
        )
    if relation.ended_on is None:
        pair = Q(source_id=relation.source_id, target_id=relation.target_id) | Q(
            source_id=relation.target_id, target_id=relation.source_id
        )
        duplicate = (
            Relation.objects.active().filter(pair, kind=relation.kind).exclude(pk=relation.pk)
        )
        if duplicate.exists():
            raise DomainError(
                _("These two already have an active relation of this kind."),
                code="duplicate_relation",
            )


RELATION_FIELDS = (
    "kind",
    "description",
    "started_on",
    "ended_on",
    "level",
    *PARTNERSHIP_FACTOR_FIELDS,
    "is_public",
)


@transaction.atomic
def create_relation(*, by: Any, source: Actor, target: Actor, kind: str, **values: Any) -> Relation:
    """Tie two actors. A partnership may carry its continuum level and five factors.

    Raises ``DomainError`` for a relation of an actor with itself, a level on anything
    but a partnership, an end before the start, or a duplicate active relation of the
    same kind between the same two actors (in either direction).
    """
    _require(by, "ecosystem.add_relation")
    _reject_unknown(values, set(RELATION_FIELDS))
    # Lock both actors in a fixed order so two concurrent requests cannot both pass the
    # duplicate check.
    list(Actor.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk"))
    relation = Relation(source=source, target=target, kind=kind, **values)
    _check_relation(relation)
    relation.save()
    announce_ecosystem_changed()
    return relation


@transaction.atomic
def update_relation(*, by: Any, relation: Relation, **values: Any) -> Relation:
    """Change a relation's dates, level, factors or description (staff only)."""
    _require(by, "ecosystem.change_relation", relation)
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    _reject_unknown(values, set(RELATION_FIELDS))
    for field, value in values.items():
        setattr(relation, field, value)
    _check_relation(relation)
    relation.save()
    announce_ecosystem_changed()
    return relation


@transaction.atomic
def end_relation(*, by: Any, relation: Relation, ended_on: datetime.date) -> Relation:
    """Mark a relation as ended on the given date."""
    return update_relation(by=by, relation=relation, ended_on=ended_on)
