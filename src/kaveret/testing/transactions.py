"""Helpers for tests that act on what happens when a transaction commits."""

from __future__ import annotations

from django.db import transaction


def forget_arranged_commit_callbacks() -> None:
    """Drop the on-commit callbacks queued while arranging a test, as a commit would.

    A test runs inside one transaction that never commits. Rows saved by factories queue
    the ecosystem's "changed" announcement, which is sent once per transaction, so an
    announcement the test then waits for (with ``django_capture_on_commit_callbacks``)
    would be folded into the pending one and never captured. Call this between arranging
    and acting.
    """
    transaction.get_connection().run_on_commit.clear()
