"""Defining a partnership (step 05 of seed 001): its expectations, the legal checklist, the
pilot plan, the internal ambassador and the signed agreement.

Each service is one transaction on the locked partnership row. A change that alters the
definition bumps ``Partnership.definition_version`` and, once committed, queues the
"partnership definition" PDFs of that version (``definition_tasks``); a call that changes
nothing bumps nothing. The rows of older partnerships that ``create_partnership`` did not
make are created on first use (``ensure_definition_rows``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Person

from .models import (
    EXPECTATIONS_BY_SIDE,
    AgreementStatus,
    Expectation,
    ExpectationKey,
    LegalItem,
    LegalKey,
    Partnership,
    PilotPlan,
)
from .rules import can_edit_partnership

PILOT_PLAN_TEXT_FIELDS: tuple[str, ...] = (
    "scope",
    "participants_headquarters",
    "participants_field",
    "data_access",
    "terms_of_use",
    "training_support",
    "feedback_collection",
    "adaptation_level",
    "duration",
    "success_indicators",
)
PILOT_PLAN_DATE_FIELDS: tuple[str, ...] = ("starts_on", "ends_on")
PILOT_PLAN_FIELDS = PILOT_PLAN_TEXT_FIELDS + PILOT_PLAN_DATE_FIELDS
SHORT_TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 5000

SIDE_OF_KEY: dict[str, str] = {
    str(key): str(side) for side, keys in EXPECTATIONS_BY_SIDE.items() for key in keys
}


def ensure_definition_rows(partnership: Partnership) -> None:
    """Create the expectations, legal items and pilot plan the partnership lacks.

    ``create_partnership`` makes them; partnerships created before it did get them here.
    Safe to call again: existing rows are left as they are.
    """
    have = set(partnership.expectations.values_list("key", flat=True))
    Expectation.objects.bulk_create(
        [
            Expectation(partnership=partnership, side=side, key=key)
            for key, side in SIDE_OF_KEY.items()
            if key not in have
        ],
        ignore_conflicts=True,
    )
    have_legal = set(partnership.legal_items.values_list("key", flat=True))
    LegalItem.objects.bulk_create(
        [
            LegalItem(partnership=partnership, key=key)
            for key in LegalKey.values
            if key not in have_legal
        ],
        ignore_conflicts=True,
    )
    PilotPlan.objects.get_or_create(partnership=partnership)


def _locked(by: Any, partnership: Partnership) -> Partnership:
    if not can_edit_partnership(by, partnership):
        raise PermissionDenied
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    ensure_definition_rows(locked)
    return locked


def _definition_changed(partnership: Partnership, locked: Partnership) -> None:
    """Bump the version and queue its PDFs once the change is committed."""
    Partnership.objects.filter(pk=locked.pk).update(definition_version=F("definition_version") + 1)
    locked.refresh_from_db(fields=["definition_version", "updated_at"])
    partnership.definition_version = locked.definition_version
    partnership_id = locked.pk

    def queue() -> None:
        from .definition_tasks import queue_definition_documents

        queue_definition_documents(partnership_id)

    transaction.on_commit(queue)


def _text(value: Any, field: str, limit: int = LONG_TEXT_LIMIT) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise DomainError(
            {
                field: [
                    _("Keep this to at most %(limit)d characters (it has %(count)d).")
                    % {"limit": limit, "count": len(text)}
                ]
            },
            code="too_long",
        )
    return text


def set_expectation(
    *, by: Any, partnership: Partnership, key: str, status: str, note: str = ""
) -> bool:
    """Set one expectation's status and note; returns whether anything changed.

    Raises DomainError for an unknown expectation or status, or "agreed with a note"
    without a note; PermissionDenied unless ``by`` may edit the partnership.
    """
    if key not in ExpectationKey.values:
        raise DomainError({"key": [_("There is no such expectation.")]}, code="unknown_key")
    if status not in AgreementStatus.values:
        raise DomainError({"status": [_("Choose open, agreed or agreed with a note.")]})
    note = _text(note, "note")
    if status == AgreementStatus.AGREED_WITH_NOTE and not note:
        raise DomainError(
            {"note": [_("Write the note that goes with the agreement.")]}, code="note_required"
        )
    with transaction.atomic():
        locked = _locked(by, partnership)
        expectation = Expectation.objects.select_for_update().get(partnership=locked, key=key)
        if expectation.status == status and expectation.note == note:
            return False
        expectation.status = status
        expectation.note = note
        expectation.save(update_fields=["status", "note"])
        _definition_changed(partnership, locked)
    return True


def set_legal_item(
    *, by: Any, partnership: Partnership, key: str, agreed_text: str, is_agreed: bool
) -> bool:
    """Set one legal checklist item's agreed text and whether it is agreed.

    Raises DomainError for an unknown item or an item marked agreed without its text;
    PermissionDenied unless ``by`` may edit the partnership. Returns whether it changed.
    """
    if key not in LegalKey.values:
        raise DomainError({"key": [_("There is no such legal item.")]}, code="unknown_key")
    agreed_text = _text(agreed_text, "agreed_text")
    if is_agreed and not agreed_text:
        raise DomainError(
            {"agreed_text": [_("Write the agreed text before marking this item agreed.")]},
            code="text_required",
        )
    with transaction.atomic():
        locked = _locked(by, partnership)
        item = LegalItem.objects.select_for_update().get(partnership=locked, key=key)
        if item.agreed_text == agreed_text and item.is_agreed == bool(is_agreed):
            return False
        item.agreed_text = agreed_text
        item.is_agreed = bool(is_agreed)
        item.save(update_fields=["agreed_text", "is_agreed"])
        _definition_changed(partnership, locked)
    return True


def update_pilot_plan(*, by: Any, partnership: Partnership, **values: Any) -> bool:
    """Write the pilot plan fields given (others stay); returns whether anything changed.

    Raises DomainError for an unknown field, a text too long, or a pilot that ends before
    it starts; PermissionDenied unless ``by`` may edit the partnership.
    """
    unknown = set(values) - set(PILOT_PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unknown pilot plan fields: {sorted(unknown)}")
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field in PILOT_PLAN_DATE_FIELDS:
            cleaned[field] = value or None
        else:
            limit = SHORT_TEXT_LIMIT if field == "duration" else LONG_TEXT_LIMIT
            cleaned[field] = _text(value, field, limit)
    with transaction.atomic():
        locked = _locked(by, partnership)
        plan = PilotPlan.objects.select_for_update().get(partnership=locked)
        starts_on = cleaned.get("starts_on", plan.starts_on)
        ends_on = cleaned.get("ends_on", plan.ends_on)
        if starts_on and ends_on and ends_on < starts_on:
            raise DomainError(
                {"ends_on": [_("The pilot cannot end before it starts.")]}, code="ends_before"
            )
        changed = [field for field, value in cleaned.items() if getattr(plan, field) != value]
        if not changed:
            return False
        for field in changed:
            setattr(plan, field, cleaned[field])
        plan.save(update_fields=changed)
        _definition_changed(partnership, locked)
    return True


def name_ambassador(
    *,
    by: Any,
    partnership: Partnership,
    name: str,
    role: str = "",
    person: Person | None = None,
) -> bool:
    """Name the organisation's internal ambassador (or clear it with empty values).

    ``person``, when given, must be affiliated with the partnership's organisation; its
    name is used when ``name`` is empty. Raises DomainError otherwise, or for a role
    without a name; PermissionDenied unless ``by`` may edit. Returns whether it changed.
    """
    name = _text(name, "name", SHORT_TEXT_LIMIT)
    role = _text(role, "role", SHORT_TEXT_LIMIT)
    if person is not None:
        if not person.affiliations.filter(actor_id=partnership.organisation_id).exists():
            raise DomainError(
                {"person": [_("The ambassador must be someone of the organisation.")]},
                code="not_of_organisation",
            )
        name = name or person.full_name
    if not name and role:
        raise DomainError({"name": [_("Write the ambassador's name.")]}, code="name_required")
    with transaction.atomic():
        locked = _locked(by, partnership)
        person_id = person.pk if person is not None else None
        if (locked.ambassador_name, locked.ambassador_role, locked.ambassador_id) == (
            name,
            role,
            person_id,
        ):
            return False
        locked.ambassador_name = name
        locked.ambassador_role = role
        locked.ambassador_id = person_id
        locked.save(
            update_fields=["ambassador_name", "ambassador_role", "ambassador", "updated_at"]
        )
        partnership.ambassador_name, partnership.ambassador_role = name, role
        partnership.ambassador_id = person_id
        _definition_changed(partnership, locked)
    return True


def set_agreement_signed(
    *, by: Any, partnership: Partnership, signed_on: datetime.date | None
) -> bool:
    """Mark the agreement signed on ``signed_on`` (Israel's today or earlier), or unsigned
    with None. Raises DomainError for a future date; PermissionDenied unless ``by`` may
    edit. Returns whether it changed."""
    if signed_on is not None and signed_on > timezone.localdate():
        raise DomainError(
            {"signed_on": [_("The agreement cannot be signed on a date still to come.")]},
            code="future_date",
        )
    with transaction.atomic():
        locked = _locked(by, partnership)
        if locked.agreement_signed_on == signed_on:
            return False
        locked.agreement_signed_on = signed_on
        locked.save(update_fields=["agreement_signed_on", "updated_at"])
        partnership.agreement_signed_on = signed_on
        _definition_changed(partnership, locked)
    return True


def request_definition_document(*, by: Any, partnership: Partnership) -> None:
    """Ask for the document of the current version (the first one makes version 1).

    For a definition whose document is missing (its task could not be queued, or nothing
    was changed yet). Raises PermissionDenied unless ``by`` may edit the partnership.
    """
    with transaction.atomic():
        locked = _locked(by, partnership)
        if locked.definition_version < 1:
            _definition_changed(partnership, locked)
            return
        partnership_id = locked.pk

        def queue() -> None:
            from .definition_tasks import queue_definition_documents

            queue_definition_documents(partnership_id)

        transaction.on_commit(queue)
