"""Pages of a community's ecosystem work: the board of the four moves and the principles."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
