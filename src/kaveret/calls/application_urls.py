"""Applications: eligibility, the draft, files, submitting, withdrawing, the dashboard."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
