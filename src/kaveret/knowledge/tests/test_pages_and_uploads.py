"""Writing through the page with files: type by content, size, names, errors keep the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kaveret.core.errors import DomainError
from kaveret.core.uploads import normalise_file_name
from kaveret.knowledge import services
from kaveret.knowledge.models import KnowledgeAttachment, KnowledgeItem, KnowledgeStatus
from kaveret.testing.knowledge_factories import (
    EXE_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    KnowledgeItemFactory,
    office_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def _form(hub: Any, **extra: Any) -> dict[str, Any]:
    return {
        "community": hub.community.pk,
        "kind": "tool_template",
        "title": "תבנית לתיאום ציפיות",
        "summary": "כלי לשותפות מעצבת",
        "body": "## שלבים\n\n1. איתור אתגרים",
        "language": "he",
        "tags": "שותפות מעצבת, כלי עבודה",
        "action": "save",
        **extra,
    }


def test_a_member_saves_a_draft_with_files_and_downloads_them(
    client: Client, hub: Any, media: Any
) -> None:
    client.force_login(hub.member)
    files = [
        upload("הסכם שותפות.pdf", PDF_BYTES),
        upload("plan.DOCX", office_bytes("word")),
        upload("נתונים.csv", "שם,ערך\nא,1\n".encode()),
    ]

    response = client.post("/en/knowledge/new/", _form(hub, attachments=files))

    item = KnowledgeItem.objects.get()
    assert response.status_code == 302
    assert item.status == KnowledgeStatus.DRAFT
    attachments = {a.original_name: a for a in item.attachments.all()}
    assert set(attachments) == {"הסכם_שותפות.pdf", "plan.docx", "נתונים.csv"}
    assert attachments["plan.docx"].content_type.endswith("wordprocessingml.document")
    assert attachments["הסכם_שותפות.pdf"].size == len(PDF_BYTES)
    assert str(media) in attachments["plan.docx"].file.path

    download = client.get(attachments["הסכם_שותפות.pdf"].get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_a_program_renamed_to_pdf_is_refused_and_the_typed_text_stays(
    client: Client, hub: Any, media: Any
) -> None:
    client.force_login(hub.member)

    response = client.post(
        "/en/knowledge/new/", _form(hub, attachments=[upload("report.pdf", EXE_BYTES)])
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "content does not match its name" in page
    assert "תבנית לתיאום ציפיות" in page
    assert "כלי לשותפות מעצבת" in page
    assert "שותפות מעצבת, כלי עבודה" in page
    assert not KnowledgeItem.objects.exists()
    assert not any(media.rglob("*.pdf"))


@pytest.mark.parametrize(
    "name, content",
    [
        ("picture.pdf", PNG_BYTES),  # a real PNG with a PDF's name
        ("notes.txt", EXE_BYTES),  # binary in a text file
        ("script.html", b"<script>alert(1)</script>"),  # a type we do not take
        ("archive.docx", b"PK\x03\x04not really a zip"),
    ],
)
def test_files_whose_content_is_not_what_their_name_says_are_refused(
    hub: Any, media: Any, name: str, content: bytes
) -> None:
    with pytest.raises(DomainError) as caught:
        services.item_create(
            by=hub.member,
            community=hub.community,
            values={"kind": "article", "title": "עם קובץ"},
            uploads=[upload(name, content)],
        )
    assert caught.value.code == "file_type"
    assert not KnowledgeItem.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    client: Client, hub: Any, media: Any, settings: Any
) -> None:
    settings.KAVERET_KNOWLEDGE_MAX_UPLOAD_BYTES = 1024
    client.force_login(hub.member)

    response = client.post(
        "/en/knowledge/new/",
        _form(hub, attachments=[upload("big.pdf", PDF_BYTES + b"0" * 2000)]),
    )

    assert response.status_code == 400
    assert "files may be at most 1.0" in response.content.decode()
    assert not KnowledgeAttachment.objects.exists()


def test_the_default_limit_is_ten_megabytes(hub: Any, media: Any) -> None:
    too_big = upload("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DomainError) as caught:
        services.item_create(
            by=hub.member,
            community=hub.community,
            values={"kind": "article", "title": "גדול"},
            uploads=[too_big],
        )
    assert caught.value.code == "file_too_big"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("../../etc/passwd.TXT", "passwd.txt"),
        ("C:\\Users\\דנה\\דוח שנתי 2025.PDF", "דוח_שנתי_2025.pdf"),
        ("a\x00b<c>|d.png", "ab_c_d.png"),
        ("...", "file"),
        ("ש" * 300 + ".xlsx", "ש" * 115 + ".xlsx"),
    ],
)
def test_file_names_are_normalised(raw: str, expected: str) -> None:
    assert normalise_file_name(raw) == expected


def test_files_of_an_unpublished_item_are_not_served_to_others(
    client: Client, hub: Any, media: Any
) -> None:
    item = services.item_create(
        by=hub.member,
        community=hub.community,
        values={"kind": "report", "title": "דוח פנימי"},
        uploads=[upload("data.xlsx", office_bytes("xl"))],
    )
    url = item.attachments.get().get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(hub.outsider)
    assert client.get(url).status_code == 404
    client.force_login(hub.coordinator)
    assert client.get(url).status_code == 200


def test_the_author_submits_from_the_form_and_the_item_waits_for_review(
    client: Client, hub: Any, media: Any
) -> None:
    client.force_login(hub.member)

    client.post("/en/knowledge/new/", _form(hub, action="submit"))

    assert KnowledgeItem.objects.get().status == KnowledgeStatus.IN_REVIEW


def test_the_author_edits_a_returned_item_and_removes_a_file(
    client: Client, hub: Any, media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = KnowledgeItemFactory(
        community=hub.community, author=hub.member, status=KnowledgeStatus.RETURNED
    )
    attachment = services.attachment_add(by=hub.member, item=item, upload=upload("a.md", b"# hi"))
    stored = Path(attachment.file.path)
    client.force_login(hub.member)

    response = client.post(
        reverse("knowledge:edit", args=[item.pk]),
        {"kind": "article", "title": "כותרת חדשה", "language": "he", "action": "save"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("knowledge:attachment_delete", args=[item.pk, attachment.pk]))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "כותרת חדשה"
    assert not item.attachments.exists()
    assert not stored.exists()


def test_an_outsider_cannot_remove_a_file(client: Client, hub: Any, media: Any) -> None:
    item = KnowledgeItemFactory(community=hub.community, author=hub.member)
    attachment = services.attachment_add(by=hub.coordinator, item=item, upload=upload("a.md", b"x"))
    client.force_login(hub.outsider)

    response = client.post(reverse("knowledge:attachment_delete", args=[item.pk, attachment.pk]))

    assert response.status_code == 403
    assert item.attachments.exists()
