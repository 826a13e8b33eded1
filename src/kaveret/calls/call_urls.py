"""Calls: the list, a call's page, the feed, and staff's call and form editing."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
