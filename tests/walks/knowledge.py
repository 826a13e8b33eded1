"""The knowledge hub's pages in the permission walk (see README.md here).

The item walked is published in ``personas.community`` and written by its manager (the
``staff`` persona); the entrepreneur is not a member of that community, so may read but
not write, edit, comment or review.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

READ = {
    "knowledge:list": "all",
    "knowledge:community_list": "all",
    "knowledge:create": "staff",
    "knowledge:mine": "user",
    "knowledge:review_queue": "staff",
    "knowledge:detail": "all",
    "knowledge:edit": "staff",
    "knowledge:submit": "none",
    "knowledge:approve": "none",
    "knowledge:return": "none",
    "knowledge:comment": "none",
    "knowledge:attachment": "all",
    "knowledge:attachment_delete": "none",
}

WRITE_REFUSED = [
    "knowledge:create",
    "knowledge:edit",
    "knowledge:submit",
    "knowledge:approve",
    "knowledge:return",
    "knowledge:comment",
    "knowledge:attachment_delete",
]

WALK_FILE = "knowledge/walk/notes.txt"


def urls(personas: Any) -> dict[str, str]:
    from kaveret.knowledge.models import KnowledgeAttachment, KnowledgeStatus
    from kaveret.testing.knowledge_factories import KnowledgeItemFactory

    item = KnowledgeItemFactory(community=personas.community, author=personas.staff)
    waiting = KnowledgeItemFactory(
        community=personas.community, author=personas.staff, status=KnowledgeStatus.IN_REVIEW
    )
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(b"walk"))
    attachment = KnowledgeAttachment.objects.create(
        item=item, file=WALK_FILE, original_name="notes.txt", content_type="text/plain", size=4
    )
    files = f"/knowledge/{item.pk}/files/{attachment.pk}/"
    return {
        "knowledge:list": "/knowledge/",
        "knowledge:community_list": f"/knowledge/c/{personas.community.slug}/",
        "knowledge:create": "/knowledge/new/",
        "knowledge:mine": "/knowledge/mine/",
        "knowledge:review_queue": "/knowledge/review/",
        "knowledge:detail": f"/knowledge/{item.pk}/",
        "knowledge:edit": f"/knowledge/{item.pk}/edit/",
        "knowledge:submit": f"/knowledge/{item.pk}/submit/",
        "knowledge:approve": f"/knowledge/{waiting.pk}/approve/",
        "knowledge:return": f"/knowledge/{waiting.pk}/return/",
        "knowledge:comment": f"/knowledge/{item.pk}/comments/",
        "knowledge:attachment": files,
        "knowledge:attachment_delete": f"{files}delete/",
    }
