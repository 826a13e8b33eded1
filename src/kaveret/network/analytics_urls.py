from django.urls import URLPattern, path

from . import analytics_views

urlpatterns: list[URLPattern] = [
    path("analytics/", analytics_views.analytics, name="analytics"),
    path("analytics/recompute/", analytics_views.analytics_recompute, name="analytics_recompute"),
]
