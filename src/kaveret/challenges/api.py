from ninja import Router

router = Router(tags=["National and social challenges"])
