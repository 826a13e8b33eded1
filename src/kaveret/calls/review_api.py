from ninja import Router

router = Router(tags=["reviews, decisions and grants"])
