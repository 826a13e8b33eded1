from ninja import Router

router = Router(tags=["Calls and grants"])
