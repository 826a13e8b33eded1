"""``{% running_summary partnership as summary %}``: the figures of the running section.

Gives ``None`` to whoever may not see the partnership in full (a published partnership's
visitors do not see its feedback or risks).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from kaveret.partnerships import rules
from kaveret.partnerships.models import Partnership
from kaveret.partnerships.running_selectors import RunningSummary, running_summary

register = template.Library()


@register.simple_tag(takes_context=True, name="running_summary")
def running_summary_tag(context: template.Context, partnership: Partnership) -> Any:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not rules.can_view_partnership(user, partnership):
        return None
    summary: RunningSummary = running_summary(partnership)
    feedback_path = reverse("partnerships:feedback_form", args=[partnership.feedback_token])
    return {
        "figures": summary,
        "feedback_url": request.build_absolute_uri(feedback_path) if request else feedback_path,
    }
