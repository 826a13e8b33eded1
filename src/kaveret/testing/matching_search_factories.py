"""Helpers for search tests: index objects for real and start each test from a fresh index."""

from __future__ import annotations

from typing import Any

from kaveret.matching import engine, index
from kaveret.matching.models import DocumentKind


def kind_of(obj: Any) -> str:
    """The search document kind of a model instance."""
    from kaveret.matching.signals import _kind_of

    kind = _kind_of(obj)
    if kind is None:
        raise ValueError(f"{obj!r} is not searchable")
    return str(kind)


def index_now(*objects: Any) -> None:
    """Write the search documents of ``objects`` (with real e5 vectors) right away."""
    for obj in objects:
        index.index_objects(kind_of(obj), [obj])


def fresh_search_index() -> None:
    """Forget this process's index and say the documents changed (call at a test's start:
    the test database rolls back between tests, the index version in the cache does not)."""
    engine.forget_index()
    engine.bump_index_version()


__all__ = ["DocumentKind", "fresh_search_index", "index_now", "kind_of"]
