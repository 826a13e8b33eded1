"""The partnerships API: one router per part, mounted by ``kaveret.api``."""

from __future__ import annotations

from ninja import Router

from .board_api import router as board_router
from .definition_api import router as definition_router
from .running_api import router as running_router

router = Router(tags=["partnerships"])
router.add_router("/", board_router)
router.add_router("/", definition_router)
router.add_router("/", running_router)
