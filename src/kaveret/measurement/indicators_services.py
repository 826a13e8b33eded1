"""Use cases that write indicators and their measurements, and the reminders.

Every service takes the acting user as ``by``, checks the permission with ``rules`` and
raises ``PermissionDenied`` or a translated ``DomainError`` (with the field it concerns).
One transaction each.

- An indicator belongs to at most one of a programme, a community, a call or a
  partnership. A shared indicator lists its parties, each with the user who reports for it.
- A measurement is recorded for one of the indicator's periods (one per period; for a
  shared indicator one per party and period) with at least one piece of evidence: a note,
  a file (PDF, images or Office documents, 10 MB at most, checked by its content) or a
  link. Correcting one keeps who first reported it and when (``reported_by``,
  ``created_at``); ``updated_at`` tells when it was corrected.
- ``send_measurement_reminders(today)`` tells each owner or party reporter, once per
  period, that a period ended ``REMINDER_GRACE_DAYS`` ago without a measurement.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import User
from kaveret.core.errors import DomainError
from kaveret.core.uploads import check_upload
from kaveret.notifications.models import Notification, NotificationKind
from kaveret.notifications.services import notify

from . import rules
from .models import Direction, Frequency, Indicator, IndicatorParty, Measurement
from .status import Period, ended_periods, period_for, periods

EVIDENCE_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
#: A period's measurement is due this many days after the period ends.
REMINDER_GRACE_DAYS = 14
PARENTS = ("programme", "community", "call", "partnership")
INDICATOR_FIELDS = frozenset(
    {
        "name",
        "name_en",
        "description",
        "unit",
        "baseline",
        "baseline_on",
        "target",
        "target_on",
        "direction",
        "frequency",
        "starts_on",
        "data_source",
        "owner",
        "is_shared",
        *PARENTS,
    }
)
MAX_VALUE = Decimal("99999999999999.99")


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _clean_text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_number(value: Any, field: str, *, required: bool = False) -> Decimal | None:
    """A number with at most two decimals, or None; a translated error on ``field``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DomainError({field: _("This field is required.")}, code="required")
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as error:
        raise DomainError({field: _("Enter a number.")}, code="invalid_number") from error
    if not number.is_finite() or abs(number) > MAX_VALUE:
        raise DomainError({field: _("Enter a number.")}, code="invalid_number")
    if number != number.quantize(Decimal("0.01")):
        raise DomainError(
            {field: _("Use at most two digits after the decimal point.")}, code="invalid_number"
        )
    return number.quantize(Decimal("0.01"))


# Indicators


def _apply(indicator: Indicator, values: Mapping[str, Any]) -> None:
    unknown = set(values) - INDICATOR_FIELDS
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    for field, value in values.items():
        if field in {"baseline", "target"}:
            setattr(indicator, field, clean_number(value, field))
        elif field in {"name", "name_en", "description", "unit", "data_source"}:
            setattr(indicator, field, _clean_text(value))
        elif field == "is_shared":
            indicator.is_shared = bool(value)
        else:
            setattr(indicator, field, value)


def _validate(indicator: Indicator) -> None:
    errors: dict[str, Any] = {}
    if not indicator.name:
        errors["name"] = _("This field is required.")
    for field, limit in (("name", 300), ("name_en", 300), ("unit", 50), ("data_source", 300)):
        if len(getattr(indicator, field) or "") > limit:
            errors[field] = _("Keep this under %(limit)s characters.") % {"limit": limit}
    if indicator.direction not in Direction.values:
        errors["direction"] = _("Choose one of the options.")
    if indicator.frequency not in Frequency.values:
        errors["frequency"] = _("Choose one of the options.")
    if not isinstance(indicator.starts_on, datetime.date):
        errors["starts_on"] = _("Enter the date the first period starts.")
    elif indicator.target_on is not None and indicator.target_on < indicator.starts_on:
        errors["target_on"] = _("The target date must not be before the first period starts.")
    parents = [field for field in PARENTS if getattr(indicator, f"{field}_id", None)]
    if len(parents) > 1:
        errors["__all__"] = _(
            "An indicator belongs to one programme, community, call or partnership at most."
        )
    baseline, target = indicator.baseline, indicator.target
    if baseline is not None and target is not None:
        if indicator.direction == Direction.UP and target < baseline:
            errors["target"] = _(
                "Higher is better, so the target must not be lower than the baseline."
            )
        if indicator.direction == Direction.DOWN and target > baseline:
            errors["target"] = _(
                "Lower is better, so the target must not be higher than the baseline."
            )
    if errors:
        raise DomainError(errors, code="invalid_indicator")


def _parties_in(parties: Iterable[Any] | None) -> list[tuple[Any, Any]] | None:
    """``(actor, reporter)`` pairs; an actor listed twice is an error."""
    if parties is None:
        return None
    pairs = [(actor, reporter) for actor, reporter in parties]
    actor_ids = [actor.pk for actor, _reporter in pairs]
    if len(actor_ids) != len(set(actor_ids)):
        raise DomainError({"parties": _("List each party once.")}, code="duplicate_party")
    return pairs


def _set_parties(indicator: Indicator, pairs: Sequence[tuple[Any, Any]]) -> None:
    current = {party.actor_id: party for party in indicator.parties.all()}
    wanted = {actor.pk: (actor, reporter) for actor, reporter in pairs}
    for actor_id, party in current.items():
        if actor_id not in wanted:
            if party.measurements.exists():
                raise DomainError(
                    {
                        "parties": _("%(party)s has reported measurements and cannot be removed.")
                        % {"party": party.actor}
                    },
                    code="party_has_measurements",
                )
            party.delete()
    for actor_id, (actor, reporter) in wanted.items():
        existing = current.get(actor_id)
        if existing is None:
            IndicatorParty.objects.create(indicator=indicator, actor=actor, reporter=reporter)
        elif existing.reporter_id != (reporter.pk if reporter else None):
            existing.reporter = reporter
            existing.save(update_fields=["reporter"])


def create_indicator(
    *, by: Any, values: Mapping[str, Any], parties: Iterable[Any] | None = None
) -> Indicator:
    """Define an indicator; ``parties`` are ``(actor, reporter user or None)`` pairs."""
    indicator = Indicator()
    _apply(indicator, values)
    if not rules.can_edit_indicator(by, indicator):
        raise _refuse()
    _validate(indicator)
    pairs = _parties_in(parties) or []
    if pairs and not indicator.is_shared:
        raise DomainError(
            {"parties": _("Only a shared indicator has reporting parties.")},
            code="parties_not_shared",
        )
    with transaction.atomic():
        indicator.save()
        _set_parties(indicator, pairs)
    return indicator


def update_indicator(
    indicator: Indicator,
    *,
    by: Any,
    values: Mapping[str, Any],
    parties: Iterable[Any] | None = None,
) -> Indicator:
    """Change an indicator's definition (``parties``, when given, replace the list)."""
    if not rules.can_edit_indicator(by, indicator):
        raise _refuse()
    pairs = _parties_in(parties)
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        _apply(locked, values)
        # Moving it elsewhere needs the right to edit there too.
        if not rules.can_edit_indicator(by, locked):
            raise _refuse()
        _validate(locked)
        if ("starts_on" in values or "frequency" in values) and _periods_changed(indicator, locked):
            raise DomainError(
                {
                    "starts_on": _(
                        "Measurements were recorded for the present periods; the start and "
                        "the frequency can no longer change."
                    )
                },
                code="periods_fixed",
            )
        if not locked.is_shared and locked.parties.exists() and pairs is None:
            pairs = []
        if pairs is not None:
            if pairs and not locked.is_shared:
                raise DomainError(
                    {"parties": _("Only a shared indicator has reporting parties.")},
                    code="parties_not_shared",
                )
            _set_parties(locked, pairs)
        locked.save()
    return locked


def _periods_changed(before: Indicator, after: Indicator) -> bool:
    if before.starts_on == after.starts_on and before.frequency == after.frequency:
        return False
    return Measurement.objects.filter(indicator=before).exists()


def delete_indicator(indicator: Indicator, *, by: Any) -> None:
    if not rules.can_edit_indicator(by, indicator):
        raise _refuse()
    indicator.delete()


# Measurements


def _party_for(
    indicator: Indicator, by: Any, party: IndicatorParty | None
) -> IndicatorParty | None:
    if not indicator.is_shared:
        if party is not None:
            raise DomainError(
                {"party": _("This indicator is not shared; report it without a party.")},
                code="not_shared",
            )
        if not rules.can_report(by, indicator):
            raise _refuse()
        return None
    if party is None:
        own = rules.reporting_parties(by, indicator)
        if len(own) == 1:
            party = own[0]
        else:
            if not rules.can_report(by, indicator):
                raise _refuse()
            raise DomainError(
                {"party": _("Choose the party this figure is reported for.")},
                code="party_required",
            )
    if party.indicator_id != indicator.pk:
        raise DomainError({"party": _("Choose one of the options.")}, code="invalid_party")
    if not (rules.can_report(by, indicator, party) or owns_or_administers(by, indicator)):
        raise _refuse()
    return party


def owns_or_administers(user: Any, indicator: Indicator) -> bool:
    from kaveret.accounts.roles import is_platform_admin

    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return indicator.owner_id == user.pk or is_platform_admin(user)


def reportable_periods(indicator: Indicator, today: datetime.date | None = None) -> list[Period]:
    """The periods a measurement may be entered for: those begun by ``today``, newest first."""
    today = today or timezone.localdate()
    return list(reversed(periods(indicator, today)))


def _period(indicator: Indicator, start: Any, today: datetime.date) -> Period:
    period = period_for(indicator, start) if isinstance(start, datetime.date) else None
    if period is None or period.start > today:
        raise DomainError(
            {"period": _("Choose one of the indicator's periods that has begun.")},
            code="invalid_period",
        )
    return period


def _evidence(
    *, note: str, evidence_file: Any, evidence_link: str, keep_file: bool = False
) -> tuple[str, Any, str]:
    note = _clean_text(note)
    link = _clean_text(evidence_link)
    errors: dict[str, Any] = {}
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except Exception:
            errors["evidence_link"] = _("Enter a full address, starting with https://.")
        if len(link) > 200:
            errors["evidence_link"] = _("Keep this under %(limit)s characters.") % {"limit": 200}
    if evidence_file:
        try:
            checked = check_upload(
                evidence_file, max_bytes=EVIDENCE_MAX_BYTES, extensions=EVIDENCE_EXTENSIONS
            )
        except DomainError as error:
            errors["evidence_file"] = error.messages
        else:
            evidence_file.name = checked.name
    if not errors and not (note or link or evidence_file or keep_file):
        errors["__all__"] = _("Give at least one piece of evidence: a note, a file or a link.")
    if errors:
        raise DomainError(errors, code="invalid_evidence")
    return note, evidence_file, link


def record_measurement(
    indicator: Indicator,
    *,
    by: Any,
    period_start: Any,
    value: Any,
    party: IndicatorParty | None = None,
    note: str = "",
    evidence_file: Any = None,
    evidence_link: str = "",
    today: datetime.date | None = None,
) -> Measurement:
    """Record the value of one period (one per period, per party when shared)."""
    today = today or timezone.localdate()
    party = _party_for(indicator, by, party)
    errors: dict[str, Any] = {}
    number = None
    try:
        number = clean_number(value, "value", required=True)
    except DomainError as error:
        errors.update(error.message_dict)
    try:
        period = _period(indicator, period_start, today)
    except DomainError as error:
        errors.update(error.message_dict)
    try:
        note, evidence_file, evidence_link = _evidence(
            note=note, evidence_file=evidence_file, evidence_link=evidence_link
        )
    except DomainError as error:
        errors.update(error.message_dict)
    if errors:
        raise DomainError(errors, code="invalid_measurement")
    assert number is not None
    duplicate = _already_measured()
    try:
        with transaction.atomic():
            if Measurement.objects.filter(
                indicator=indicator, party=party, period_start=period.start
            ).exists():
                raise duplicate
            measurement = Measurement(
                indicator=indicator,
                party=party,
                period_start=period.start,
                period_end=period.end,
                value=number,
                note=note,
                evidence_link=evidence_link,
                reported_by=by,
            )
            if evidence_file:
                measurement.evidence_file = evidence_file
            measurement.save()
    except IntegrityError as race:
        raise duplicate from race
    return measurement


def _already_measured() -> DomainError:
    return DomainError(
        {"period": _("A measurement was already recorded for this period; correct it instead.")},
        code="already_measured",
    )


def update_measurement(
    measurement: Measurement,
    *,
    by: Any,
    value: Any = None,
    note: str | None = None,
    evidence_file: Any = None,
    evidence_link: str | None = None,
    remove_file: bool = False,
) -> Measurement:
    """Correct a measurement; who first reported it, and when, stay as they were."""
    indicator = measurement.indicator
    if not _may_correct(by, measurement):
        raise _refuse()
    errors: dict[str, Any] = {}
    number = measurement.value
    if value is not None:
        try:
            number = clean_number(value, "value", required=True) or Decimal(0)
        except DomainError as error:
            errors.update(error.message_dict)
    keep_file = bool(measurement.evidence_file) and not remove_file and not evidence_file
    try:
        new_note, new_file, new_link = _evidence(
            note=measurement.note if note is None else note,
            evidence_file=evidence_file,
            evidence_link=measurement.evidence_link if evidence_link is None else evidence_link,
            keep_file=keep_file,
        )
    except DomainError as error:
        errors.update(error.message_dict)
    if errors:
        raise DomainError(errors, code="invalid_measurement")
    with transaction.atomic():
        locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
        locked.value = number
        locked.note = new_note
        locked.evidence_link = new_link
        old_file = locked.evidence_file.name if locked.evidence_file else ""
        if new_file:
            locked.evidence_file = new_file
        elif remove_file:
            locked.evidence_file = ""
        locked.save()
        if old_file and (new_file or remove_file):
            storage = locked.evidence_file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    locked.indicator = indicator
    return locked


def _may_correct(user: Any, measurement: Measurement) -> bool:
    indicator = measurement.indicator
    if measurement.party_id is not None:
        party = measurement.party
        return rules.can_report(user, indicator, party) or owns_or_administers(user, indicator)
    return rules.can_report(user, indicator) and (
        not indicator.is_shared or owns_or_administers(user, indicator)
    )


def may_correct(user: Any, measurement: Measurement) -> bool:
    return _may_correct(user, measurement)


def delete_measurement(measurement: Measurement, *, by: Any) -> None:
    if not _may_correct(by, measurement):
        raise _refuse()
    name = measurement.evidence_file.name if measurement.evidence_file else ""
    storage = measurement.evidence_file.storage
    with transaction.atomic():
        measurement.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# Reminders


def _reminder_key(indicator_id: int, period: Period, party_id: int | None) -> str:
    return f"{indicator_id}:{period.start.isoformat()}:{party_id or 0}"


def due_period(indicator: Indicator, today: datetime.date) -> Period | None:
    """The latest period whose measurement is due by ``today`` (ended, grace passed)."""
    due = [
        period
        for period in ended_periods(indicator, today)
        if period.end + datetime.timedelta(days=REMINDER_GRACE_DAYS) <= today
        and (indicator.target_on is None or period.start <= indicator.target_on)
    ]
    return due[-1] if due else None


def send_measurement_reminders(today: datetime.date | None = None) -> int:
    """Remind owners (and the parties' reporters) of a due period; once per period.

    Returns how many reminders were sent.
    """
    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.filter(starts_on__lte=today)
        .select_related("owner")
        .prefetch_related("measurements", "parties__reporter", "parties__actor")
    )
    wanted: list[tuple[User, Indicator, Period, IndicatorParty | None]] = []
    for indicator in indicators:
        period = due_period(indicator, today)
        if period is None:
            continue
        reported = {
            m.party_id for m in indicator.measurements.all() if m.period_start == period.start
        }
        if not indicator.is_shared:
            if None not in reported and indicator.owner is not None:
                wanted.append((indicator.owner, indicator, period, None))
            continue
        for party in indicator.parties.all():
            if party.pk in reported:
                continue
            recipient = party.reporter or indicator.owner
            if recipient is not None:
                wanted.append((recipient, indicator, period, party))
    if not wanted:
        return 0
    keys = {_reminder_key(i.pk, period, p.pk if p else None) for _u, i, period, p in wanted}
    sent = set(
        Notification.objects.filter(
            kind=NotificationKind.MEASUREMENT_DUE, params__key__in=sorted(keys)
        ).values_list("recipient_id", "params__key")
    )
    count = 0
    with translation.override(None):
        for recipient, indicator, period, for_party in wanted:
            key = _reminder_key(indicator.pk, period, for_party.pk if for_party else None)
            if (recipient.pk, key) in sent:
                continue
            sent.add((recipient.pk, key))
            with transaction.atomic():
                made = notify(
                    recipient,
                    NotificationKind.MEASUREMENT_DUE,
                    url=reverse("measurement:indicator_measure", args=[indicator.pk]),
                    params={
                        "key": key,
                        "indicator": indicator.name,
                        "indicator_id": str(indicator.pk),
                        "period": f"{period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}",
                        "party": str(for_party.actor) if for_party else "",
                    },
                )
            count += made is not None
    return count
