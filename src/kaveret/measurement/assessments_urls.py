"""Pages: rubric assessments and the MAP view (see ``assessments_views``)."""

from django.urls import URLPattern, path

from . import assessments_views as views

urlpatterns: list[URLPattern] = [
    path(
        "assessments/communities/<slug:slug>/",
        views.community_assessments,
        name="assessment_community",
    ),
    path(
        "assessments/communities/<slug:slug>/new/",
        views.community_assessment_new,
        name="assessment_community_new",
    ),
    path("assessments/communities/<slug:slug>/map/", views.map_view, name="assessment_map"),
    path(
        "assessments/organisations/<int:pk>/",
        views.organisation_assessments,
        name="assessment_organisation",
    ),
    path(
        "assessments/organisations/<int:pk>/new/",
        views.organisation_assessment_new,
        name="assessment_organisation_new",
    ),
    path(
        "assessments/partnerships/<int:pk>/",
        views.partnership_assessments,
        name="assessment_partnership",
    ),
    path(
        "assessments/partnerships/<int:pk>/new/",
        views.partnership_assessment_new,
        name="assessment_partnership_new",
    ),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/delete/", views.assessment_delete, name="assessment_delete"),
    path(
        "assessments/map/activities/<int:pk>/",
        views.map_activity,
        name="assessment_map_activity",
    ),
]
