"""The API at /api/v1/: django-ninja, session or token authentication."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kaveret API",
    version="1",
    description="The ecosystem registry of Kaveret: organisations, ventures, relations.",
    urls_namespace="api",
)
