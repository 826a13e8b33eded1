"""The unread count for the header link, counted only when a template reads it."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest

from .selectors import cached_unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """For a logged-in user, ``unread_notifications``: a callable the template calls,
    counted once per request.

    Templates call callables when they resolve a variable, so pages that do not show the
    header (e-mails, partials) never run the query.
    """
    context: dict[str, Any] = {}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["unread_notifications"] = functools.cache(lambda: cached_unread_count(user))
    return context
