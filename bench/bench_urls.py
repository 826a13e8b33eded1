"""The production URLconf plus ``/bench/baseline``: a minimal page to compare against.

``kaveret.urls`` uses ``i18n_patterns``, which Django allows only in a root URLconf, so its
patterns are appended here rather than included.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kaveret.urls import urlpatterns as kaveret_urlpatterns


def baseline(request: HttpRequest) -> HttpResponse:
    """A small template, no database: what every page pays for Django and its middleware."""
    return render(request, "bench/baseline.html", {"items": range(10)})


urlpatterns = [path("bench/baseline", baseline, name="bench_baseline"), *kaveret_urlpatterns]
