"""Pages: dashboards (a community's, the portfolio's) and each chart's CSV."""

from django.urls import URLPattern, path

from . import dashboards_views as views

urlpatterns: list[URLPattern] = [
    path(
        "dashboards/communities/<slug:slug>/",
        views.community_dashboard,
        name="community_dashboard",
    ),
    path(
        "dashboards/communities/<slug:slug>/<slug:chart>.csv",
        views.community_dashboard_csv,
        name="community_dashboard_csv",
    ),
    path("dashboards/portfolio/", views.portfolio_dashboard, name="portfolio_dashboard"),
    path(
        "dashboards/portfolio/<slug:chart>.csv",
        views.portfolio_dashboard_csv,
        name="portfolio_dashboard_csv",
    ),
]
