"""The calls API: one router, made of the routers of each part of the path."""

from ninja import Router

from .application_api import router as application_router
from .call_api import router as call_router
from .review_api import router as review_router

router = Router()
router.add_router("", call_router)
router.add_router("", application_router)
router.add_router("", review_router)
