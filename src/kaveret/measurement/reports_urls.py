"""Pages: reports (the list of what one may produce, a request form, a job's page with its
progress and download, and the published work plan's PDF by year)."""

from django.urls import URLPattern, path

from . import reports_views as views

urlpatterns: list[URLPattern] = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_request, name="report_request"),
    path("reports/<int:pk>/", views.report_job, name="report_job"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
    path("reports/workplan/<int:year>.pdf", views.report_workplan_pdf, name="report_workplan_pdf"),
]
