"""The measurement API: one router per part, mounted by ``kaveret.api``."""

from __future__ import annotations

from ninja import Router

from .assessments_api import router as assessments_router
from .dashboards_api import router as dashboards_router
from .indicators_api import router as indicators_router
from .portfolio_api import router as portfolio_router
from .reports_api import router as reports_router

router = Router(tags=["measurement"])
router.add_router("/", portfolio_router)
router.add_router("/", indicators_router)
router.add_router("/", assessments_router)
router.add_router("/", dashboards_router)
router.add_router("/", reports_router)
