"""Domain errors raised by services and turned into messages by forms and the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain was broken; the message is translated for the user.

    It is a ``ValidationError`` so a form can attach it to a field as is.
    """
