"""Template helpers of the recommenders' panels: who may see which panel."""

from __future__ import annotations

from typing import Any

from django import template

from kaveret.matching import rules

register = template.Library()


@register.simple_tag
def can_scout_challenge(user: Any, challenge: Any) -> bool:
    return rules.can_scout(user, challenge)


@register.simple_tag
def can_route_venture(user: Any) -> bool:
    return rules.can_route(user)


@register.simple_tag
def can_see_fit_of(user: Any, actor: Any) -> bool:
    return rules.can_see_fit(user, actor.pk)
