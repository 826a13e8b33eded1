"""Pages: defining a partnership (step 05)."""

from django.urls import URLPattern, path

from . import definition_views as views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/definition/", views.definition, name="definition_page"),
    path(
        "<int:pk>/definition/expectations/<str:key>/",
        views.expectation,
        name="definition_expectation",
    ),
    path("<int:pk>/definition/legal/<str:key>/", views.legal_item, name="definition_legal"),
    path("<int:pk>/definition/pilot-plan/", views.pilot_plan, name="definition_pilot_plan"),
    path("<int:pk>/definition/ambassador/", views.ambassador, name="definition_ambassador"),
    path("<int:pk>/definition/agreement/", views.agreement, name="definition_agreement"),
    path(
        "<int:pk>/definition/documents/make/",
        views.make_document,
        name="definition_make_document",
    ),
    path(
        "<int:pk>/definition/documents/<int:document_pk>/",
        views.document,
        name="definition_document",
    ),
]
