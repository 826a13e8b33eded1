"""Kaveret loads nothing from outside: no CDN for scripts, styles or fonts."""

from __future__ import annotations

import re

import pytest
from django.test import Client

EXTERNAL_ASSET = re.compile(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/ventures/", "/organisations/", "/accounts/login/", "/admin/login/", "/api/v1/docs"],
)
def test_pages_load_their_scripts_and_styles_from_the_app_itself(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script" in body or "<link" in body
    assert EXTERNAL_ASSET.findall(body) == []
