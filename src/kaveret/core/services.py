"""Shared use cases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import PersonalDataAccess


def record_personal_data_access(
    *, by: Any, subjects: Iterable[models.Model], channel: str, path: str = ""
) -> int:
    """Log that ``by`` was shown the personal data of each subject; returns rows written.

    Anonymous readers are never shown personal data, so nothing is logged for them.
    """
    if by is None or not by.is_authenticated:
        return 0
    rows = [
        PersonalDataAccess(
            accessed_by=by,
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=subject.pk,
            channel=channel,
            path=path[:500],
        )
        for subject in subjects
    ]
    PersonalDataAccess.objects.bulk_create(rows)
    return len(rows)
