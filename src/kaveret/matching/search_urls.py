"""Pages: search."""

from django.urls import URLPattern, path

from . import search_views

urlpatterns: list[URLPattern] = [
    path("search/", search_views.search_page, name="search"),
]
