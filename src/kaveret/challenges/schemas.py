"""The shapes of the challenges API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import ChallengeKind, ChallengeOrigin, ChallengeOwnerKind, ChallengeStatus, MapTag


class ChallengeQuery(PageQuery):
    q: str = Field("", description="Words to find; Hebrew prefixes (ו ה ב ל מ ש כ) are ignored.")
    kind: ChallengeKind | None = None
    status: ChallengeStatus | None = None
    domain: str = Field("", description="Slug of a domain.")
    population: str = Field("", description="Slug of a target population.")
    community: str = Field("", description="Slug of a community.")


class ChallengeListItem(Schema):
    slug: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    community: str | None
    domain: str | None
    problem: str
    support_count: int
    published_at: datetime.datetime | None
    url: str


class ChallengePage(Schema):
    count: int = Field(description="How many challenges match, on all pages.")
    limit: int
    offset: int
    items: list[ChallengeListItem]


class CallRef(Schema):
    slug: str
    title: str
    deadline: datetime.datetime | None
    url: str


class ChallengeOut(ChallengeListItem):
    background: str
    evidence: str
    success_measures: str
    populations: list[str]
    owner_kind: str
    owner_organisation_id: int | None
    owner: str
    origin: str
    criteria: dict[str, bool] = Field(description="The five criteria of a system challenge.")
    map_tags: list[str]
    supported_by_me: bool
    calls: list[CallRef] = Field(description="The calls serving it that you may see.")


class ChallengeIn(Schema):
    title: str
    problem: str
    kind: ChallengeKind = ChallengeKind.SOCIAL
    background: str = ""
    evidence: str = ""
    success_measures: str = ""
    populations: list[str] = Field(default_factory=list, description="Population slugs.")
    domain: str | None = Field(None, description="Slug of a domain.")
    community: str | None = Field(None, description="Slug of a community.")
    owner_kind: ChallengeOwnerKind
    owner_organisation_id: int | None = None
    origin: ChallengeOrigin
    about_interfaces: bool = False
    recurring: bool = False
    structural: bool = False
    affects_implementation: bool = False
    sector_wide: bool = False
    map_tags: list[MapTag] = Field(default_factory=list)


class ChallengePatch(Schema):
    """Only the fields sent change; ``status`` moves the challenge along its lifecycle."""

    title: str | None = None
    problem: str | None = None
    kind: ChallengeKind | None = None
    background: str | None = None
    evidence: str | None = None
    success_measures: str | None = None
    populations: list[str] | None = None
    domain: str | None = None
    community: str | None = None
    owner_kind: ChallengeOwnerKind | None = None
    owner_organisation_id: int | None = None
    origin: ChallengeOrigin | None = None
    about_interfaces: bool | None = None
    recurring: bool | None = None
    structural: bool | None = None
    affects_implementation: bool | None = None
    sector_wide: bool | None = None
    map_tags: list[str] | None = None
    status: ChallengeStatus | None = None


class SupportOut(Schema):
    supported_by_me: bool
    support_count: int


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime.datetime


class ProposalIn(Schema):
    changes: dict[str, str] = Field(description="Refinable field → its proposed text.")
    note: str = ""


class ProposalOut(Schema):
    id: int
    author: str
    status: str
    status_label: str
    changes: dict[str, str]
    base: dict[str, str] = Field(description="Each field's text when the edit was proposed.")
    note: str
    created_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None
    decision_message: str


class DecisionIn(Schema):
    accept: bool
    message: str = ""


class RevisionOut(Schema):
    id: int
    author: str
    source: str
    source_label: str
    created_at: datetime.datetime
    changes: dict[str, dict[str, str]] = Field(description="Field → {before, after}.")
