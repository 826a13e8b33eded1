"""The shapes the trend-sensing API takes and gives."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from kaveret.ecosystem.schemas import PageQuery

from .models import Horizon, Ring, SignalKind, SignalStatus

Decision = Literal["accept", "decline", "archive"]


class SignalsQuery(PageQuery):
    community: str = Field("", description="A community's slug.")
    ring: Ring | None = None
    kind: SignalKind | None = None
    horizon: Horizon | None = None
    domain: str = Field("", description="A domain's slug.")
    status: SignalStatus | None = Field(
        None,
        description=(
            "Only the community's staff see signals that are not curated; others get only "
            "curated signals and their own proposals whatever they ask."
        ),
    )


class SignalOut(Schema):
    id: int
    community: str = Field(description="The community's slug.")
    title: str
    description: str
    kind: SignalKind
    kind_label: str
    ring: Ring
    ring_label: str
    horizon: Horizon
    horizon_label: str
    status: SignalStatus
    status_label: str
    source: str
    source_url: str
    observed_on: datetime.date
    domain: str | None = Field(description="The domain's slug.")
    curator_note: str
    url: str


class SignalPage(Schema):
    count: int = Field(description="How many signals match, on all pages.")
    limit: int
    offset: int
    items: list[SignalOut]


class SignalIn(Schema):
    community: str = Field(description="The community's slug.")
    title: str = Field(max_length=200)
    description: str = ""
    kind: SignalKind
    ring: Ring = Field(Ring.WATCH, description="For a proposal, the proposer's suggestion.")
    horizon: Horizon = Horizon.SHORT
    source: str = Field("", max_length=300)
    source_url: str = Field("", max_length=200)
    observed_on: datetime.date
    domain: str | None = Field(None, description="A domain's slug.")
    curate: bool = Field(
        False,
        description="Put the signal straight on the radar (the community's staff only).",
    )


class CurateIn(Schema):
    decision: Decision
    ring: Ring | None = None
    horizon: Horizon | None = None
    kind: SignalKind | None = None
    note: str = Field("", description="Required when declining.")
