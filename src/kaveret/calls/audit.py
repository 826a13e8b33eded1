"""Writing the calls' audit history: one row per change, in the change's transaction."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import Application, AuditEntry, Call


def _plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values differ, as ``{field: [before, after]}``."""
    return {
        field: [_plain(before.get(field)), _plain(after.get(field))]
        for field in sorted(set(before) | set(after))
        if _plain(before.get(field)) != _plain(after.get(field))
    }


def record(
    *,
    call: Call,
    by: Any,
    action: str,
    obj: models.Model | None = None,
    application: Application | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the service's transaction, after the change."""
    return AuditEntry.objects.create(
        call=call,
        application=application,
        by=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=(obj._meta.model_name or "") if obj is not None else "call",
        object_id=obj.pk if obj is not None else call.pk,
        summary=summary[:300],
        changes=_plain(changes or {}),
    )
