"""The shapes the knowledge API reads and gives."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from kaveret.ecosystem.schemas import PageQuery

from .models import KnowledgeKind, KnowledgeLanguage, KnowledgeStatus


class KnowledgeQuery(PageQuery):
    q: str = Field(
        "",
        max_length=200,
        description="Words the title, summary, text or tags must contain; Hebrew prefixes "
        "(ו ה ב ל מ ש כ) are ignored.",
    )
    kind: KnowledgeKind | None = None
    community: str = Field("", description="Slug of a community.")
    domain: str = Field("", description="Slug of a domain.")
    language: KnowledgeLanguage | None = None
    tag: str = Field("", description="A tag, as written or normalised.")


class TermOut(Schema):
    slug: str
    name: str


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class KnowledgeItemOut(Schema):
    id: int
    community: str = Field(description="The community's slug.")
    author: str
    kind: KnowledgeKind
    kind_label: str
    title: str
    summary: str
    body: str = Field(description="Markdown, as the author wrote it.")
    body_html: str = Field(description="The body rendered and sanitised.")
    language: KnowledgeLanguage
    domains: list[TermOut]
    tags: list[str]
    status: KnowledgeStatus
    status_label: str
    review_note: str
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    attachments: list[AttachmentOut]
    url: str


class KnowledgeItemSummaryOut(Schema):
    id: int
    community: str
    author: str
    kind: KnowledgeKind
    title: str
    summary: str
    language: KnowledgeLanguage
    domains: list[TermOut]
    tags: list[str]
    published_at: datetime.datetime | None
    url: str


class KnowledgePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[KnowledgeItemSummaryOut]


class KnowledgeItemIn(Schema):
    community: str = Field(description="Slug of a community you are a member or staff of.")
    kind: KnowledgeKind
    title: str = Field(max_length=200)
    summary: str = ""
    body: str = Field("", description="Markdown.")
    language: KnowledgeLanguage = KnowledgeLanguage.HEBREW
    domains: list[str] = Field(default_factory=list, description="Slugs of domains.")
    tags: list[str] = Field(default_factory=list)
    submit: bool = Field(
        False, description="Submit at once: published, or sent for review when needed."
    )


class KnowledgeItemPatch(Schema):
    kind: KnowledgeKind | None = None
    title: str | None = Field(None, max_length=200)
    summary: str | None = None
    body: str | None = None
    language: KnowledgeLanguage | None = None
    domains: list[str] | None = None
    tags: list[str] | None = None


class ReturnIn(Schema):
    note: str = Field(description="What the author should change.")


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime.datetime
