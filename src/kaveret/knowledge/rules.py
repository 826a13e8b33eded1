"""Who may read, write, review and comment on knowledge items.

- A community's knowledge is readable by everyone when the community is public; in a
  private community only by its members, its staff and platform admins.
- Others see only published items; drafts, items in review and returned items are seen by
  their author and the community's staff (manager, coordinator, tech-arena manager).
- Members and staff of a community write items in it; staff approve or return them.
What a user may not see answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES
from kaveret.accounts.roles import held_roles, is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import is_community_member, member_community_ids, runs_community

from .models import KnowledgeAttachment, KnowledgeItem, KnowledgeStatus

EDITABLE_BY_AUTHOR = frozenset({KnowledgeStatus.DRAFT, KnowledgeStatus.RETURNED})


def _is_active_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_knowledge_staff(user: Any, community: Community) -> bool:
    """The community's staff or a platform admin: they review and see every item."""
    return _is_active_user(user) and bool(runs_community(user, community))


def staff_community_ids(user: Any) -> frozenset[int]:
    """The communities this user runs (platform admins are handled by the callers)."""
    return frozenset(
        held.community_id
        for held in held_roles(user)
        if held.role in COMMUNITY_STAFF_ROLES and held.community_id
    )


def can_read_community_knowledge(user: Any, community: Community) -> bool:
    if community.is_public:
        return True
    return is_community_member(user, community) or is_knowledge_staff(user, community)


def can_view_item(user: Any, item: KnowledgeItem) -> bool:
    if not can_read_community_knowledge(user, item.community):
        return False
    if item.status == KnowledgeStatus.PUBLISHED:
        return True
    return is_author(user, item) or is_knowledge_staff(user, item.community)


def is_author(user: Any, item: KnowledgeItem) -> bool:
    return _is_active_user(user) and item.author_id == user.pk


def can_write_in(user: Any, community: Community) -> bool:
    """Active members of the community and its staff write knowledge items in it."""
    if not _is_active_user(user):
        return False
    return is_community_member(user, community) or is_knowledge_staff(user, community)


def authoring_communities(user: Any) -> Any:
    """The communities this user may write in, as a queryset (empty for visitors)."""
    if not _is_active_user(user):
        return Community.objects.none()
    if is_platform_admin(user):
        return Community.objects.order_by("name")
    ids = member_community_ids(user) | staff_community_ids(user)
    return Community.objects.filter(pk__in=ids).order_by("name")


def readable_communities(user: Any) -> Any:
    """The communities whose knowledge this user may read: the public ones, and the
    private ones they are a member or staff of."""
    if is_platform_admin(user):
        return Community.objects.order_by("name")
    condition = Q(is_public=True)
    if _is_active_user(user):
        condition |= Q(pk__in=member_community_ids(user) | staff_community_ids(user))
    return Community.objects.filter(condition).order_by("name")


def can_edit_item(user: Any, item: KnowledgeItem) -> bool:
    """The author edits drafts and returned items; the community's staff edit any item."""
    if is_knowledge_staff(user, item.community):
        return True
    return (
        is_author(user, item)
        and item.status in EDITABLE_BY_AUTHOR
        and can_write_in(user, item.community)
    )


def can_submit_item(user: Any, item: KnowledgeItem) -> bool:
    return (
        is_author(user, item)
        and item.status in EDITABLE_BY_AUTHOR
        and can_write_in(user, item.community)
    )


def can_review_item(user: Any, item: KnowledgeItem) -> bool:
    """Approve or return: the staff of the item's own community, while it waits in review."""
    return item.status == KnowledgeStatus.IN_REVIEW and is_knowledge_staff(user, item.community)


def can_comment_on(user: Any, item: KnowledgeItem) -> bool:
    return item.status == KnowledgeStatus.PUBLISHED and can_write_in(user, item.community)


def can_manage_attachments(user: Any, item: KnowledgeItem) -> bool:
    return can_edit_item(user, item)


def readable_items_condition(user: Any) -> Q:
    """Rows of items this user may see, as one condition (published or not)."""
    if is_platform_admin(user):
        return Q()
    visible_communities = Q(community__is_public=True)
    published = Q(status=KnowledgeStatus.PUBLISHED)
    if not _is_active_user(user):
        return visible_communities & published
    member_ids = member_community_ids(user)
    staff_ids = staff_community_ids(user)
    visible_communities |= Q(community_id__in=member_ids | staff_ids)
    own_or_staff = Q(author_id=user.pk) | Q(community_id__in=staff_ids)
    return visible_communities & (published | own_or_staff)


def get_item_for_user_or_404(user: Any, pk: int) -> KnowledgeItem:
    """The item if this user may see it; else 404, as if it did not exist."""
    item = (
        KnowledgeItem.objects.select_related("community", "author", "reviewed_by")
        .filter(pk=pk)
        .first()
    )
    if item is None or not can_view_item(user, item):
        raise Http404
    return item


def get_attachment_for_user_or_404(user: Any, item_pk: int, pk: int) -> KnowledgeAttachment:
    item = get_item_for_user_or_404(user, item_pk)
    attachment = item.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment.item = item
    return attachment


def get_knowledge_community_or_404(user: Any, slug: str) -> Community:
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_read_community_knowledge(user, community):
        raise Http404
    return community
