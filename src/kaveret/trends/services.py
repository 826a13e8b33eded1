"""Use cases that write trend signals: proposing, adding and curating.

Every service takes the acting user as ``by``, checks the permission itself, and raises
``PermissionDenied`` or a translated ``DomainError``.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Domain

from .models import Horizon, Ring, SignalKind, SignalStatus, TrendSignal
from .rules import can_curate_signals, can_propose_signal

ISRAEL = ZoneInfo("Asia/Jerusalem")
SIGNAL_FIELDS = (
    "title",
    "description",
    "kind",
    "ring",
    "horizon",
    "domain",
    "source",
    "source_url",
    "observed_on",
)

# The longest text each short field holds (as the model's max_length).
TEXT_LIMITS = {"title": 200, "source": 300, "source_url": 200}


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept: put it on the radar")
    DECLINE = "decline", _("Decline")
    ARCHIVE = "archive", _("Archive: take it off the radar")


# From which statuses each decision may be taken, and the status it leads to.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Decision.ACCEPT: (
        frozenset({SignalStatus.PROPOSED, SignalStatus.CURATED, SignalStatus.ARCHIVED}),
        SignalStatus.CURATED,
    ),
    Decision.DECLINE: (frozenset({SignalStatus.PROPOSED}), SignalStatus.DECLINED),
    Decision.ARCHIVE: (
        frozenset({SignalStatus.PROPOSED, SignalStatus.CURATED}),
        SignalStatus.ARCHIVED,
    ),
}


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _field_error(field: str, message: Any, code: str) -> DomainError:
    """An error on one field that keeps its code (the API answers with it)."""
    return DomainError({field: DomainError(message, code=code)})


def israel_today() -> datetime.date:
    return timezone.localtime(timezone.now(), ISRAEL).date()


def _apply_values(signal: TrendSignal, values: dict[str, Any]) -> None:
    unknown = set(values) - set(SIGNAL_FIELDS)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    for field, value in values.items():
        setattr(signal, field, value.strip() if isinstance(value, str) else value)
    _validate(signal)


def _validate(signal: TrendSignal) -> None:
    errors: dict[str, Any] = {}
    if not signal.title:
        errors["title"] = _("A title is required.")
    for field, limit in TEXT_LIMITS.items():
        if len(getattr(signal, field) or "") > limit:
            errors[field] = _("Use at most %(limit)d characters.") % {"limit": limit}
    if signal.kind not in SignalKind.values:
        errors["kind"] = _("Choose one of the kinds of change.")
    if signal.ring not in Ring.values:
        errors["ring"] = _("Choose one of the rings: act, assess or watch.")
    if signal.horizon not in Horizon.values:
        errors["horizon"] = _("Choose one of the horizons.")
    if signal.domain_id is not None and not isinstance(signal.domain, Domain):
        errors["domain"] = _("Choose one of the domains.")
    if not isinstance(signal.observed_on, datetime.date):
        errors["observed_on"] = _("Enter the date the signal was observed.")
    elif signal.observed_on > israel_today():
        errors["observed_on"] = _("A signal cannot be observed in the future.")
    if signal.source_url:
        try:
            URLValidator(schemes=["http", "https"])(signal.source_url)
        except ValidationError:
            errors["source_url"] = _("Enter a full web address, starting with https://.")
    if errors:
        raise DomainError(
            {
                field: DomainError(message, code="invalid_signal")
                for field, message in errors.items()
            }
        )


def propose_signal(*, by: Any, community: Community, values: dict[str, Any]) -> TrendSignal:
    """A member proposes a signal; its ring is the proposer's suggestion to the curators.

    Raises ``PermissionDenied`` (not a member) or ``DomainError``.
    """
    if not can_propose_signal(by, community):
        raise _refuse()
    signal = TrendSignal(community=community, proposed_by=by, status=SignalStatus.PROPOSED)
    _apply_values(signal, values)
    signal.save()
    return signal


def add_curated_signal(
    *, by: Any, community: Community, values: dict[str, Any], note: str = ""
) -> TrendSignal:
    """The community's staff put a signal straight on the radar.

    Raises ``PermissionDenied`` (not the community's staff) or ``DomainError``.
    """
    if not can_curate_signals(by, community):
        raise _refuse()
    signal = TrendSignal(
        community=community,
        proposed_by=by,
        curated_by=by,
        curated_at=timezone.now(),
        curator_note=note.strip(),
        status=SignalStatus.CURATED,
    )
    _apply_values(signal, values)
    signal.save()
    return signal


def curate_signal(
    *,
    by: Any,
    signal: TrendSignal,
    decision: str,
    note: str = "",
    ring: str | None = None,
    horizon: str | None = None,
    kind: str | None = None,
) -> TrendSignal:
    """Accept (optionally moving its ring, horizon or kind), decline with a note, or archive.

    Raises ``PermissionDenied`` (not the community's staff) or ``DomainError`` (a decision
    not open from the signal's status, a decline without a note, an unknown ring...).
    """
    if not can_curate_signals(by, signal.community):
        raise _refuse()
    if decision not in TRANSITIONS:
        raise _field_error("decision", _("Choose accept, decline or archive."), "invalid_decision")
    note = (note or "").strip()
    if decision == Decision.DECLINE and not note:
        raise _field_error(
            "note", _("Tell the proposer why the signal is declined."), "note_required"
        )
    with transaction.atomic():
        locked = TrendSignal.objects.select_for_update().get(pk=signal.pk)
        allowed_from, new_status = TRANSITIONS[decision]
        if locked.status not in allowed_from:
            raise DomainError(
                _("A signal that is “%(status)s” cannot be handled this way.")
                % {"status": locked.get_status_display()},
                code="invalid_transition",
            )
        changes = {
            field: value
            for field, value in (("ring", ring), ("horizon", horizon), ("kind", kind))
            if value and value != getattr(locked, field)
        }
        if changes and decision != Decision.ACCEPT:
            raise DomainError(
                _("The ring, horizon and kind change only when a signal is accepted."),
                code="changes_without_accept",
            )
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.status = new_status
        locked.curated_by = by
        locked.curated_at = timezone.now()
        locked.curator_note = note
        _validate(locked)
        locked.save()
    return locked
