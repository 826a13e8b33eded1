"""Pages: indicators (under /measurement/indicators/)."""

from django.urls import URLPattern, path

from . import indicators_views as views

urlpatterns: list[URLPattern] = [
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/data.csv", views.indicator_csv, name="indicator_csv"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/measure/", views.indicator_measure, name="indicator_measure"),
    path(
        "indicators/measurements/<int:pk>/edit/",
        views.indicator_measurement_edit,
        name="indicator_measurement_edit",
    ),
    path(
        "indicators/measurements/<int:pk>/delete/",
        views.indicator_measurement_delete,
        name="indicator_measurement_delete",
    ),
    path(
        "indicators/measurements/<int:pk>/evidence/",
        views.indicator_evidence,
        name="indicator_evidence",
    ),
]
