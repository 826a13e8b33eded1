"""``{% partnership_definition_summary partnership as summary %}``: the figures of the
definition that the partnership page shows (its section is ``_definition_section.html``);
None for a visitor who sees only the published view."""

from __future__ import annotations

from typing import Any

from django import template

from kaveret.partnerships.definition_selectors import DefinitionSummary, definition_summary
from kaveret.partnerships.models import Partnership
from kaveret.partnerships.rules import can_view_partnership

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_definition_summary(
    context: dict[str, Any], partnership: Partnership
) -> DefinitionSummary | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can_view_partnership(user, partnership):
        return None
    return definition_summary(partnership)
