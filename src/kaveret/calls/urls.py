"""The calls' pages: each part of the path has its own URL module, all in this namespace."""

from django.urls import include, path

app_name = "calls"

urlpatterns = [
    path("", include("kaveret.calls.call_urls")),
    path("", include("kaveret.calls.application_urls")),
    path("", include("kaveret.calls.review_urls")),
]
