"""Django test clients for the tests of the API and the pages."""

from __future__ import annotations

from typing import Any

from django.test import Client


def client_as(user: Any | None = None) -> Client:
    """A fresh test client, logged in as ``user`` when one is given (a visitor otherwise)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
