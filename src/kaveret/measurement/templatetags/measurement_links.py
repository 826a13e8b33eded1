"""Links from other apps' pages to the assessments, shown only to who may open them."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kaveret.measurement.assessments_rules import can_view_assessments_of, can_view_map_effort

register = template.Library()


def _user(context: Any) -> Any:
    return getattr(context.get("request"), "user", None)


@register.simple_tag(takes_context=True)
def community_assessment_links(context: Any, community: Any, separator: str = " · ") -> SafeString:
    """Collective impact and the MAP view of a community, for its members and staff."""
    user = _user(context)
    links: list[tuple[str, str, str]] = []
    if can_view_assessments_of(user, community):
        links.append(
            (
                separator,
                reverse("measurement:assessment_community", args=[community.slug]),
                _("Collective impact"),
            )
        )
    if can_view_map_effort(user, community):
        links.append(
            (
                separator,
                reverse("measurement:assessment_map", args=[community.slug]),
                _("Where the effort goes (MAP)"),
            )
        )
    if not links:
        return mark_safe("")
    return format_html_join("", '{}<a href="{}">{}</a>', links)


@register.simple_tag(takes_context=True)
def subject_assessment_link(context: Any, subject: Any, url_name: str, label: str) -> SafeString:
    """A link to the assessments of an organisation or a partnership, or nothing."""
    if not can_view_assessments_of(_user(context), subject):
        return mark_safe("")
    return format_html(
        '<p class="actions"><a href="{}">{}</a></p>', reverse(url_name, args=[subject.pk]), label
    )


@register.simple_tag(takes_context=True)
def portfolio_links(context: Any) -> SafeString:
    """The portfolio dashboard (funders, the backbone's staff) and the reports page."""
    from kaveret.measurement.rules import reads_portfolio_dashboard

    user = _user(context)
    links: list[tuple[str, str]] = []
    if reads_portfolio_dashboard(user):
        links.append((reverse("measurement:portfolio_dashboard"), _("Portfolio dashboard")))
    if getattr(user, "is_authenticated", False):
        links.append((reverse("measurement:report_list"), _("Reports")))
    if not links:
        return mark_safe("")
    return format_html(
        '<p class="actions">{}</p>',
        format_html_join(" · ", '<a href="{}">{}</a>', links),
    )
