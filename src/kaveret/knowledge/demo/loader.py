"""Load the demo knowledge items, idempotently: each is found again by community and title."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, RoleAssignment, User
from kaveret.communities.models import Community
from kaveret.ecosystem.models import Domain

from ..models import KnowledgeItem, KnowledgeLanguage, KnowledgeStatus
from ..services import save_item_and_relations
from .content import DEMO_ITEMS, DemoItem

EDITOR_EMAIL = "knowledge@demo.kaveret.local"
EDITOR_NAME = "מרכז הידע של הכוורת (הדגמה)"


def _author_for(community: Community) -> User:
    """The community's first staff member; else the demo's knowledge editor."""
    assignment = (
        RoleAssignment.objects.filter(community=community, role__in=sorted(COMMUNITY_STAFF_ROLES))
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is not None:
        return assignment.user
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if editor is None:
        editor = User(email=EDITOR_EMAIL, full_name=EDITOR_NAME)
        editor.set_unusable_password()
        editor.save()
    return editor


def _load_item(spec: DemoItem, community: Community) -> KnowledgeItem:
    item = KnowledgeItem.objects.filter(community=community, title=spec.title).first()
    if item is None:
        item = KnowledgeItem(community=community, title=spec.title, author=_author_for(community))
    item.kind = spec.kind
    item.summary = spec.summary
    item.body = spec.body
    item.language = KnowledgeLanguage.HEBREW
    item.status = KnowledgeStatus.PUBLISHED
    item.published_at = item.published_at or timezone.now()
    domains = list(Domain.objects.filter(slug__in=spec.domains).order_by("pk"))
    save_item_and_relations(item, domains, list(spec.tags))
    return item


def load_knowledge_demo(communities: dict[str, Community]) -> int:
    """Load the seeds' knowledge items as published items; return how many were loaded.

    ``communities`` maps slugs (techability, employtech, agingil) to the loaded communities;
    items of a community not given are skipped. Safe to run again: items are updated in
    place, found by community and title.
    """
    loaded = 0
    with transaction.atomic():
        for spec in DEMO_ITEMS:
            community = communities.get(spec.community)
            if community is None:
                continue
            _load_item(spec, community)
            loaded += 1
    return loaded
