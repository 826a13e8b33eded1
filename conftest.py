"""Fixtures shared by every app's tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with an empty cache (login rate limits live there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db: Any) -> Any:
    """The three people every permission test walks: a visitor, an entrepreneur, staff."""
    from kaveret.testing.personas import make_personas

    return make_personas()


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts and ends in the site's default language (Hebrew).

    A request to an /en/ or /ar/ page activates its language in the test's thread, and
    Django leaves it active after the response: without this, ``reverse()`` in the next
    test would build /en/ addresses.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
