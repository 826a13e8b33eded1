"""Applications: eligibility, the draft, files, submitting, withdrawing, the dashboard."""

from django.urls import path

from . import application_views as views

urlpatterns: list = [
    path("mine/", views.dashboard, name="dashboard"),
    path("<str:slug>/apply/", views.apply, name="apply"),
    path("<str:slug>/applications/<int:pk>/", views.application_detail, name="application"),
    path("<str:slug>/applications/<int:pk>/save/", views.application_save, name="application_save"),
    path(
        "<str:slug>/applications/<int:pk>/submit/",
        views.application_submit,
        name="application_submit",
    ),
    path(
        "<str:slug>/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "<str:slug>/applications/<int:pk>/copy.pdf",
        views.application_pdf_copy,
        name="application_pdf",
    ),
    path(
        "<str:slug>/applications/<int:pk>/files/<int:file_pk>/",
        views.application_file,
        name="application_file",
    ),
    path(
        "<str:slug>/applications/<int:pk>/files/<int:file_pk>/delete/",
        views.application_file_delete,
        name="application_file_delete",
    ),
]
