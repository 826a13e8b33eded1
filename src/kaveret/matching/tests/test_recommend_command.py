"""``manage.py route``: JSON with scores, breakdowns and reasons; bad input refused."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kaveret.matching import engine, index
from kaveret.testing.factories import CommunityFactory, DomainFactory

pytestmark = pytest.mark.django_db


def test_route_prints_ranked_json() -> None:
    domain = DomainFactory(name="תעסוקה", slug="employment")
    fitting = CommunityFactory(
        name="קהילת תעסוקה", tagline="תעסוקה לאנשים עם מוגבלות", domain=domain
    )
    CommunityFactory(name="קהילת גינון", tagline="גינות קהילתיות בשכונות")
    index.rebuild()
    engine.forget_index()
    out = StringIO()

    call_command(
        "route", "--text", "תעסוקה לאנשים עם מוגבלות", "--json", "--kinds", "community", stdout=out
    )

    items = json.loads(out.getvalue())["items"]
    assert items[0]["id"] == fitting.pk
    assert items[0]["reasons"] and items[0]["breakdown"]["components"]


def test_route_refuses_unknown_kinds_and_an_empty_text() -> None:
    with pytest.raises(CommandError):
        call_command("route", "--text", "  ", "--kinds", "planet")
