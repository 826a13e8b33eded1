"""Pages of partnerships, one module per part."""

from django.urls import include, path

app_name = "partnerships"

urlpatterns = [
    path("", include("kaveret.partnerships.board_urls")),
    path("", include("kaveret.partnerships.definition_urls")),
    path("", include("kaveret.partnerships.running_urls")),
]
