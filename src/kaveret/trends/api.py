from ninja import Router

router = Router(tags=["Trend sensing"])
