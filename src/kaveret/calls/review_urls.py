"""Reviews, the review console, decisions, grants and the audit history."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
