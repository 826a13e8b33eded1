"""Pages: the recommenders (scouting, routing, fit lists, assessments)."""

from django.urls import URLPattern, path

from . import recommend_views as views

urlpatterns: list[URLPattern] = [
    path("match/route/", views.route_page, name="route"),
    path("match/scouting/<str:slug>/", views.scouting_panel, name="scouting_panel"),
    path("match/scouting/<str:slug>/add/", views.scouting_add, name="scouting_add"),
    path(
        "match/scouting/<str:slug>/entries/<int:pk>/",
        views.scouting_update,
        name="scouting_update",
    ),
    path(
        "match/scouting/<str:slug>/entries/<int:pk>/remove/",
        views.scouting_remove,
        name="scouting_remove",
    ),
    path("match/ventures/<int:pk>/routes/", views.routing_panel, name="routing_panel"),
    path(
        "match/ventures/<int:pk>/fit/",
        views.fit_panel,
        {"side": "venture"},
        name="venture_fit",
    ),
    path(
        "match/organisations/<int:pk>/fit/",
        views.fit_panel,
        {"side": "organisation"},
        name="organisation_fit",
    ),
    path("match/assess/<int:pk>/", views.assess, name="assess"),
]
