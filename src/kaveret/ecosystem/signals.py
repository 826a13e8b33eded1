"""Signals the ecosystem sends so other apps can react without the ecosystem knowing them."""

from __future__ import annotations

import django.dispatch

relations_changed = django.dispatch.Signal()
"""Sent after a transaction that created or changed relations has committed."""
