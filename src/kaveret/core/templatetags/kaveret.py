from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: dict[str, Any], language: str) -> str:
    """The current page's address in another language."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    return translate_url(path, language)


@register.filter
def choice_label(value: Any, choices: Any) -> Any:
    """The translated label of a value in a TextChoices class."""
    try:
        return choices(value).label
    except ValueError:
        return value
