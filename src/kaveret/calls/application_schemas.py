"""The shapes of the applications API."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class EligibilityOut(Schema):
    eligible: bool
    reasons: list[str]
    applicant_kind: str
    applicant_name: str


class ApplicationIn(Schema):
    actor_id: int | None = Field(
        None, description="The venture or organisation applying; none to apply as yourself."
    )


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        description="Answers by question key; null or empty clears one. Files are uploaded "
        "on the application page."
    )


class FileOut(Schema):
    id: int
    question: str
    name: str
    content_type: str
    size: int
    url: str


class DecisionOut(Schema):
    outcome: str
    outcome_label: str
    reason: str
    decided_at: datetime.datetime


class ApplicationOut(Schema):
    id: int
    call: str
    call_title: str
    applicant_kind: str
    applicant_name: str
    status: str
    status_label: str
    form_version: int
    answers: dict[str, Any]
    files: list[FileOut]
    eligibility: dict[str, Any]
    submitted_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    deadline: datetime.datetime
    decision: DecisionOut | None
    url: str


class SavedOut(ApplicationOut):
    saved: list[str] = Field(description="The keys whose answers changed.")
    errors: dict[str, list[str]] = Field(
        description="Answers refused (kept as they were), with the reason, by key."
    )
