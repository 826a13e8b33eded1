from django.urls import URLPattern

from .analytics_urls import urlpatterns as analytics_patterns
from .map_urls import urlpatterns as map_patterns

app_name = "network"

urlpatterns: list[URLPattern] = [*map_patterns, *analytics_patterns]
