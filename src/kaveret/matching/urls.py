"""Pages of matching, one module per part."""

from django.urls import include, path

app_name = "matching"

urlpatterns = [
    path("", include("kaveret.matching.search_urls")),
    path("", include("kaveret.matching.recommend_urls")),
    path("", include("kaveret.matching.matchmaking_urls")),
]
