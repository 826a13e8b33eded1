"""Use cases that write knowledge items: write, submit, review, attach files, comment.

Every service takes the acting user as ``by``, checks the permission itself and raises
``PermissionDenied`` or a translated ``DomainError``. Status changes lock the item's row,
so two coordinators deciding at once cannot both decide.

The lifecycle (``TRANSITIONS``):

=========  ==========================  ==========================================
action     from                        to
=========  ==========================  ==========================================
submit     draft, returned             published (no review needed, or the author
                                       is the community's staff) or in_review
approve    in_review                   published
return     in_review                   returned, with a note to the author
=========  ==========================  ==========================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, RoleAssignment, User
from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.core.text import normalise, search_document, words
from kaveret.core.uploads import check_upload, max_upload_bytes
from kaveret.ecosystem.models import Domain

from . import rules
from .models import (
    KnowledgeAttachment,
    KnowledgeComment,
    KnowledgeItem,
    KnowledgeKind,
    KnowledgeLanguage,
    KnowledgeStatus,
    Tag,
)

ITEM_FIELDS = ("kind", "title", "summary", "body", "language", "domains", "tags")
TEXT_FIELDS = ("kind", "title", "summary", "body", "language")
MAX_TAGS = 12
MAX_TAG_LENGTH = 60
MAX_COMMENT_LENGTH = 5000

S = KnowledgeStatus
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT, S.RETURNED}), S.IN_REVIEW),
    "approve": (frozenset({S.IN_REVIEW}), S.PUBLISHED),
    "return": (frozenset({S.IN_REVIEW}), S.RETURNED),
}

KIND_REVIEW = "knowledge_review"
KIND_DECIDED = "knowledge_decided"


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _notify(recipient: User, kind: str, *, url: str, params: dict[str, str]) -> None:
    from kaveret.notifications.services import notify

    notify(recipient, kind, url=url, params=params)


# Writing


def parse_tags(text: str | Iterable[str]) -> list[str]:
    """Tag names from a comma-separated text (or a list), trimmed, first spelling kept."""
    raw = text.split(",") if isinstance(text, str) else list(text)
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        name = " ".join(str(value).split())
        key = tag_slug(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def tag_slug(name: str) -> str:
    """A tag's normalised key: its normalised words joined by hyphens."""
    return "-".join(words(name))[:MAX_TAG_LENGTH]


def _validate(item: KnowledgeItem, tags: Sequence[str]) -> None:
    errors: dict[str, Any] = {}
    if not (item.title or "").strip():
        errors["title"] = _("A title is required.")
    if item.kind not in KnowledgeKind.values:
        errors["kind"] = _("Choose one of the kinds of knowledge item.")
    if item.language not in KnowledgeLanguage.values:
        errors["language"] = _("Choose Hebrew, English or Arabic.")
    if len(tags) > MAX_TAGS:
        errors["tags"] = _("Give at most %(count)d tags.") % {"count": MAX_TAGS}
    elif any(len(name) > MAX_TAG_LENGTH for name in tags):
        errors["tags"] = _("A tag may be at most %(count)d characters long.") % {
            "count": MAX_TAG_LENGTH
        }
    if errors:
        raise DomainError(errors, code="invalid_knowledge_item")


def _apply(item: KnowledgeItem, values: dict[str, Any]) -> tuple[list[Domain] | None, list[str]]:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    for field in TEXT_FIELDS:
        if field in values:
            value = values[field]
            setattr(item, field, value.strip() if isinstance(value, str) else value)
    domains = list(values["domains"]) if "domains" in values else None
    if "tags" in values:
        tags = parse_tags(values["tags"])
    elif item.pk:
        tags = list(item.tags.values_list("name", flat=True))
    else:
        tags = []
    _validate(item, tags)
    return domains, tags


def refresh_search_text(item: KnowledgeItem) -> None:
    """Recompute the item's search text from its saved text and tags (after admin edits)."""
    tags = " ".join(item.tags.values_list("name", flat=True))
    item.search_text = search_document(item.title, item.summary, item.body, tags)
    KnowledgeItem.objects.filter(pk=item.pk).update(search_text=item.search_text)


def save_item_and_relations(
    item: KnowledgeItem, domains: list[Domain] | None, tags: list[str]
) -> None:
    item.search_text = search_document(item.title, item.summary, item.body, " ".join(tags))
    item.save()
    if domains is not None:
        item.domains.set(domains)
    tag_objects = []
    for name in tags:
        tag, _created = Tag.objects.get_or_create(slug=tag_slug(name), defaults={"name": name})
        tag_objects.append(tag)
    item.tags.set(tag_objects)


MAX_UPLOAD_SETTING = "KAVERET_KNOWLEDGE_MAX_UPLOAD_BYTES"


def attachment_max_bytes() -> int:
    """The largest attachment an item may have (``KAVERET_KNOWLEDGE_MAX_UPLOAD_BYTES``)."""
    return max_upload_bytes(MAX_UPLOAD_SETTING)


def item_create(
    *,
    by: Any,
    community: Community,
    values: dict[str, Any],
    uploads: Sequence[Any] = (),
    submit: bool = False,
) -> KnowledgeItem:
    """Write a new item (a draft) in ``community``, with its files; submit it if asked.

    Raises ``PermissionDenied`` when ``by`` is not a member or staff of the community, and
    ``DomainError`` for invalid values or a refused file (then nothing is saved).
    """
    if not rules.can_write_in(by, community):
        raise _refuse()
    checked = [check_upload(upload, max_bytes=attachment_max_bytes()) for upload in uploads]
    with transaction.atomic():
        item = KnowledgeItem(community=community, author=by)
        domains, tags = _apply(item, values)
        save_item_and_relations(item, domains, tags)
        for upload, check in zip(uploads, checked, strict=True):
            _store_attachment(item, upload, check, by)
        if submit:
            item = _submit_locked(by, item)
    return item


def item_update(
    *, by: Any, item: KnowledgeItem, values: dict[str, Any], uploads: Sequence[Any] = ()
) -> KnowledgeItem:
    """Change an item's text, domains and tags and add files; the status is not changed.

    Raises ``PermissionDenied`` or ``DomainError`` (nothing is saved then).
    """
    if not rules.can_edit_item(by, item):
        raise _refuse()
    checked = [check_upload(upload, max_bytes=attachment_max_bytes()) for upload in uploads]
    with transaction.atomic():
        locked = (
            KnowledgeItem.objects.select_for_update().select_related("community").get(pk=item.pk)
        )
        if not rules.can_edit_item(by, locked):
            raise _refuse()
        domains, tags = _apply(locked, values)
        save_item_and_relations(locked, domains, tags)
        for upload, check in zip(uploads, checked, strict=True):
            _store_attachment(locked, upload, check, by)
    return locked


# The lifecycle


def _lock(item: KnowledgeItem, action: str) -> KnowledgeItem:
    locked = (
        KnowledgeItem.objects.select_for_update()
        .select_related("community", "author")
        .get(pk=item.pk)
    )
    allowed_from, _target = TRANSITIONS[action]
    if locked.status not in allowed_from:
        raise DomainError(
            _("This item is “%(status)s” now; reload the page to see what changed.")
            % {"status": locked.get_status_display()},
            code="wrong_status",
        )
    return locked


def needs_review(item: KnowledgeItem, by: Any) -> bool:
    """Review applies when the community asks for it and the author is not its staff."""
    return item.community.knowledge_needs_review and not rules.is_knowledge_staff(
        by, item.community
    )


def community_reviewers(community: Community) -> list[User]:
    """The active managers, coordinators and tech-arena managers of the community."""
    assignments = (
        RoleAssignment.objects.filter(
            community=community, role__in=sorted(COMMUNITY_STAFF_ROLES), user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    reviewers: dict[int, User] = {}
    for assignment in assignments:
        reviewers.setdefault(assignment.user_id, assignment.user)
    return list(reviewers.values())


def _publish(item: KnowledgeItem) -> None:
    item.status = KnowledgeStatus.PUBLISHED
    item.published_at = item.published_at or timezone.now()


def _submit_locked(by: Any, item: KnowledgeItem) -> KnowledgeItem:
    locked = _lock(item, "submit")
    now = timezone.now()
    locked.submitted_at = now
    locked.review_note = ""
    if needs_review(locked, by):
        locked.status = KnowledgeStatus.IN_REVIEW
    else:
        _publish(locked)
    locked.save(
        update_fields=["status", "submitted_at", "review_note", "published_at", "updated_at"]
    )
    if locked.status == KnowledgeStatus.IN_REVIEW:
        params = {
            "item": locked.title,
            "community": locked.community.name,
            "author": str(locked.author),
        }
        for reviewer in community_reviewers(locked.community):
            if reviewer.pk != locked.author_id:
                _notify(reviewer, KIND_REVIEW, url=locked.get_absolute_url(), params=params)
    return locked


def item_submit(*, by: Any, item: KnowledgeItem) -> KnowledgeItem:
    """Submit a draft or a returned item: it is published, or waits for a coordinator.

    Waiting items notify every manager and coordinator of the community. Raises
    ``PermissionDenied`` (not the author, or no longer a member) or ``DomainError`` (the
    item is not a draft or returned).
    """
    if not rules.can_submit_item(by, item):
        raise _refuse()
    with transaction.atomic():
        return _submit_locked(by, item)


def _decide(by: Any, item: KnowledgeItem, action: str, note: str) -> KnowledgeItem:
    if not rules.is_knowledge_staff(by, item.community):
        raise _refuse()
    with transaction.atomic():
        locked = _lock(item, action)
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.review_note = note
        if action == "approve":
            _publish(locked)
        else:
            locked.status = KnowledgeStatus.RETURNED
        locked.save(
            update_fields=[
                "status",
                "reviewed_by",
                "reviewed_at",
                "review_note",
                "published_at",
                "updated_at",
            ]
        )
        _notify(
            locked.author,
            KIND_DECIDED,
            url=locked.get_absolute_url(),
            params={
                "item": locked.title,
                "published": "yes" if action == "approve" else "no",
                "note": note,
            },
        )
    return locked


def item_approve(*, by: Any, item: KnowledgeItem, note: str = "") -> KnowledgeItem:
    """Publish an item waiting for review; the author is notified.

    Only the staff of the item's own community (or a platform admin) may; raises
    ``PermissionDenied`` or ``DomainError`` (not in review any more).
    """
    return _decide(by, item, "approve", (note or "").strip())


def item_return(*, by: Any, item: KnowledgeItem, note: str) -> KnowledgeItem:
    """Send an item back to its author with a note saying what to change.

    Raises ``PermissionDenied``, or ``DomainError`` without a note or when the item is not
    in review any more.
    """
    note = (note or "").strip()
    if not note:
        raise DomainError({"note": _("Tell the author what to change.")}, code="note_required")
    return _decide(by, item, "return", note)


# Attachments


def _store_attachment(item: KnowledgeItem, upload: Any, check: Any, by: Any) -> KnowledgeAttachment:
    upload.seek(0)
    attachment = KnowledgeAttachment(
        item=item,
        original_name=check.name,
        content_type=check.content_type,
        size=check.size,
        uploaded_by=by,
    )
    attachment.file.save(check.name, upload, save=False)
    attachment.save()
    return attachment


def attachment_add(*, by: Any, item: KnowledgeItem, upload: Any) -> KnowledgeAttachment:
    """Attach a file to an item, after checking its type by content and its size.

    Raises ``PermissionDenied`` or ``DomainError``.
    """
    if not rules.can_manage_attachments(by, item):
        raise _refuse()
    check = check_upload(upload)
    with transaction.atomic():
        return _store_attachment(item, upload, check, by)


def attachment_remove(*, by: Any, attachment: KnowledgeAttachment) -> None:
    """Remove a file from an item and from the disk. Raises ``PermissionDenied``."""
    if not rules.can_manage_attachments(by, attachment.item):
        raise _refuse()
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Comments


def comment_add(*, by: Any, item: KnowledgeItem, body: str) -> KnowledgeComment:
    """A member's or staff member's comment on a published item.

    Raises ``PermissionDenied`` (not a member, or the item is not published) or
    ``DomainError`` (empty or too long).
    """
    if not rules.can_comment_on(by, item):
        raise _refuse()
    body = (body or "").strip()
    if not body:
        raise DomainError({"body": _("Write a comment first.")}, code="comment_empty")
    if len(body) > MAX_COMMENT_LENGTH:
        raise DomainError(
            {
                "body": _("A comment may be at most %(count)d characters long.")
                % {"count": MAX_COMMENT_LENGTH}
            },
            code="comment_too_long",
        )
    return KnowledgeComment.objects.create(item=item, author=by, body=body)


def normalised_tag_query(text: str) -> str:
    """The key of the tag a filter names, whichever spelling it came in."""
    return tag_slug(normalise(text))
