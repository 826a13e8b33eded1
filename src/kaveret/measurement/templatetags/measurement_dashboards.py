"""Links to the dashboards from other apps' pages, shown only to who may open them."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kaveret.communities.models import Community
from kaveret.measurement.rules import can_view_community_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def community_dashboard_link(
    context: Any, community: Community, separator: str = " · "
) -> SafeString:
    """A link to the community's dashboard, or nothing when the viewer may not see it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can_view_community_dashboard(user, community):
        return mark_safe("")
    return format_html(
        '{}<a href="{}">{}</a>',
        separator,
        reverse("measurement:community_dashboard", args=[community.slug]),
        _("Dashboard"),
    )
