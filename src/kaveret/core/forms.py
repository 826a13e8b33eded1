"""Form pieces shared by the apps' filter forms."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def with_all(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """``choices`` with an empty "All" first: a filter that is not applied."""
    return [("", _("All")), *choices]
