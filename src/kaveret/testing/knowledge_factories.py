"""Factories of the knowledge hub, and small in-memory files for upload tests."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from kaveret.core.text import search_document
from kaveret.knowledge.models import (
    KnowledgeComment,
    KnowledgeItem,
    KnowledgeKind,
    KnowledgeStatus,
    Tag,
)

from .factories import CommunityFactory, UserFactory


class KnowledgeItemFactory(DjangoModelFactory):
    """A published article; pass ``status=KnowledgeStatus.DRAFT`` for a draft."""

    class Meta:
        model = KnowledgeItem
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    author = factory.SubFactory(UserFactory)
    kind = KnowledgeKind.ARTICLE
    title = factory.Sequence(lambda n: f"פריט ידע {n}")
    summary = "תקציר קצר."
    body = "## כותרת\n\nטקסט **מודגש**."
    language = "he"
    status = KnowledgeStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == KnowledgeStatus.PUBLISHED else None
    )
    search_text = factory.LazyAttribute(lambda o: search_document(o.title, o.summary, o.body))

    @factory.post_generation
    def tags(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            from kaveret.knowledge.services import refresh_search_text, tag_slug

            obj.tags.set(
                Tag.objects.get_or_create(slug=tag_slug(name), defaults={"name": name})[0]
                for name in extracted
            )
            refresh_search_text(obj)

    @factory.post_generation
    def domains(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.domains.set(extracted)


class KnowledgeCommentFactory(DjangoModelFactory):
    class Meta:
        model = KnowledgeComment

    item = factory.SubFactory(KnowledgeItemFactory)
    author = factory.SubFactory(UserFactory)
    body = "תגובה מועילה."


# Files, built in memory: the first bytes of each type, and real Office packages.

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def office_bytes(folder: str = "word") -> bytes:
    """A minimal Office Open XML package (word, xl or ppt)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)
