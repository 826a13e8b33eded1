"""Keeping the search index fresh: saving or deleting a searchable object (or changing its
domains, populations, regions or memberships) queues a background re-index of its document
once the transaction commits. Off when ``settings.SEARCH_INDEX_ON_SAVE`` is False (the test
suite, bulk imports that end with ``rebuild_index``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DocumentKind

_paused = threading.local()


def _enabled() -> bool:
    if getattr(_paused, "depth", 0):
        return False
    return bool(getattr(settings, "SEARCH_INDEX_ON_SAVE", True))


@contextmanager
def indexing_paused() -> Iterator[None]:
    """Write many objects without queueing one re-index each (bulk loads, the demo);
    end with ``rebuild_index``, which re-describes everything at once."""
    _paused.depth = getattr(_paused, "depth", 0) + 1
    try:
        yield
    finally:
        _paused.depth -= 1


def queue_index(kind: str, object_id: int) -> None:
    """Re-index ``kind``/``object_id`` after the current transaction commits."""
    from .tasks import index_object_task

    transaction.on_commit(lambda: index_object_task.delay(kind, object_id))


def queue_community_contents(community_id: int) -> None:
    """Re-index a community's challenges, calls, events and knowledge items after the
    current transaction commits: their visibility (and domain) follow the community's."""
    from .tasks import index_community_contents_task

    transaction.on_commit(lambda: index_community_contents_task.delay(community_id))


def queue_delete(kind: str, object_id: int) -> None:
    from .tasks import delete_document_task

    transaction.on_commit(lambda: delete_document_task.delay(kind, object_id))


def _kind_of(instance: Any) -> str | None:
    from kaveret.calls.models import Call
    from kaveret.challenges.models import Challenge
    from kaveret.communities.models import Community, Event
    from kaveret.ecosystem.models import Actor, Organisation, Venture
    from kaveret.knowledge.models import KnowledgeItem

    if isinstance(instance, Venture):
        return DocumentKind.VENTURE
    if isinstance(instance, Organisation):
        return DocumentKind.ORGANISATION
    if isinstance(instance, Actor):
        return (
            DocumentKind.VENTURE if instance.actor_type == "venture" else DocumentKind.ORGANISATION
        )
    for model, kind in (
        (Challenge, DocumentKind.CHALLENGE),
        (Call, DocumentKind.CALL),
        (Event, DocumentKind.EVENT),
        (KnowledgeItem, DocumentKind.KNOWLEDGE),
        (Community, DocumentKind.COMMUNITY),
    ):
        if isinstance(instance, model):
            return kind
    return None


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _enabled():
        return
    kind = _kind_of(instance)
    if kind is not None and instance.pk is not None:
        queue_index(kind, instance.pk)
        if kind == DocumentKind.COMMUNITY:
            queue_community_contents(instance.pk)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _enabled():
        return
    kind = _kind_of(instance)
    if kind is not None and instance.pk is not None:
        queue_delete(kind, instance.pk)


def _m2m_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _saved(sender, instance)


def _membership_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _enabled() or not instance.actor_id:
        return
    from kaveret.ecosystem.models import Actor

    actor = Actor.objects.filter(pk=instance.actor_id).only("pk", "actor_type").first()
    if actor is not None:
        _saved(sender, actor)


def connect() -> None:
    from kaveret.calls.models import Call
    from kaveret.challenges.models import Challenge
    from kaveret.communities.models import Community, Event, Membership
    from kaveret.ecosystem.models import Actor, Organisation, Venture
    from kaveret.knowledge.models import KnowledgeItem

    uid = "matching.search"
    for model in (Venture, Organisation, Challenge, Call, Event, KnowledgeItem, Community):
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    for through in (
        Actor.domains.through,
        Actor.target_populations.through,
        Actor.regions.through,
        Challenge.populations.through,
        Call.challenges.through,
        KnowledgeItem.domains.through,
        KnowledgeItem.tags.through,
    ):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through}")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid=f"{uid}.membership")
