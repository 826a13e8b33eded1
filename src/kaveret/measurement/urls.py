"""Pages of measurement, one module per part."""

from django.urls import include, path

app_name = "measurement"

urlpatterns = [
    path("", include("kaveret.measurement.portfolio_urls")),
    path("", include("kaveret.measurement.indicators_urls")),
    path("", include("kaveret.measurement.assessments_urls")),
    path("", include("kaveret.measurement.dashboards_urls")),
    path("", include("kaveret.measurement.reports_urls")),
]
