"""Signals the ecosystem sends so other apps can react without the ecosystem knowing them."""

from __future__ import annotations

import django.dispatch
from django.db import transaction

ecosystem_changed = django.dispatch.Signal()
"""Sent after a transaction that created or changed actors or relations has committed."""


def _send_ecosystem_changed() -> None:
    ecosystem_changed.send(sender=None)


def announce_ecosystem_changed() -> None:
    """Tell listeners, once the current transaction commits, that the network changed.

    Sent once per transaction however many rows it wrote: an import of a thousand
    relations asks for one recomputation, not a thousand.
    """
    connection = transaction.get_connection()
    already = any(
        callback is _send_ecosystem_changed for _, callback, _ in connection.run_on_commit
    )
    if connection.in_atomic_block and already:
        return
    transaction.on_commit(_send_ecosystem_changed)
