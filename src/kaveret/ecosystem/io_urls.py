"""Import and export pages, included into the ecosystem's URLs (namespace ``ecosystem``)."""

from django.urls import path

from . import io_views

urlpatterns = [
    path(
        "organisations/export.<str:file_format>",
        io_views.organisation_export,
        name="organisation_export",
    ),
    path("ventures/export.<str:file_format>", io_views.venture_export, name="venture_export"),
    path("import/", io_views.import_start, name="import_start"),
    path("import/<int:pk>/", io_views.import_job, name="import_job"),
    path("import/<int:pk>/confirm/", io_views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/progress/", io_views.import_progress, name="import_progress"),
    path(
        "import/templates/<str:kind>.<str:file_format>",
        io_views.import_template,
        name="import_template",
    ),
]
