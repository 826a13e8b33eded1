"""The network listens to the ecosystem: changed actors or relations make the analytics stale.

The ecosystem's services announce their changes themselves. Rows written elsewhere (the
Django admin, a shell) only send Django's model signals, so the network listens to those
too and turns them into the same announcement, which is sent once per transaction.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from kaveret.communities.models import Community, Membership
from kaveret.ecosystem.models import Actor, Organisation, Relation, Venture
from kaveret.ecosystem.signals import announce_ecosystem_changed, ecosystem_changed

from .tasks import request_analytics_recompute

WATCHED_MODELS: tuple[type[Any], ...] = (
    Actor,
    Organisation,
    Venture,
    Relation,
    Community,
    Membership,
)
"""What the analytics read. Organisation and Venture are listed themselves: saving a child
of a multi-table model sends its signal with the child as sender, not the parent."""


def recompute_when_the_ecosystem_changes(sender: Any, **kwargs: Any) -> None:
    request_analytics_recompute()


def announce_when_a_watched_row_changes(sender: Any, **kwargs: Any) -> None:
    announce_ecosystem_changed()


def connect() -> None:
    ecosystem_changed.connect(
        recompute_when_the_ecosystem_changes, dispatch_uid="network.recompute_analytics"
    )
    for model in WATCHED_MODELS:
        label = model._meta.label_lower
        post_save.connect(
            announce_when_a_watched_row_changes,
            sender=model,
            dispatch_uid=f"network.announce_saved.{label}",
        )
        post_delete.connect(
            announce_when_a_watched_row_changes,
            sender=model,
            dispatch_uid=f"network.announce_deleted.{label}",
        )
