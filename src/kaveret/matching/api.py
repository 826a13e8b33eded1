"""The matching API: one router per part, mounted by ``kaveret.api``."""

from __future__ import annotations

from ninja import Router

from .matchmaking_api import router as matchmaking_router
from .recommend_api import router as recommend_router
from .search_api import router as search_router

router = Router(tags=["matching"])
router.add_router("/", search_router)
router.add_router("/", recommend_router)
router.add_router("/", matchmaking_router)
