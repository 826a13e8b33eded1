"""The shapes of the reports API."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field


class ReportIn(Schema):
    kind: Literal["workplan", "community_year", "call_results"]
    params: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            'workplan: {"plan": id} or {"year": 2021}; '
            'community_year: {"community": slug, "year": 2025}; '
            'call_results: {"call": slug}'
        ),
    )
    language: Literal["he", "en", "ar"] = "he"
    format: Literal["pdf", "xlsx"] = "pdf"


class ReportOut(Schema):
    id: int
    kind: str
    kind_label: str
    params: dict[str, Any]
    language: str
    format: str
    status: str
    status_label: str
    progress: int = Field(description="Percent done, 0 to 100.")
    error: str
    created_at: datetime.datetime
    file_url: str | None = Field(description="Where to download the file once it is ready.")
    page_url: str
