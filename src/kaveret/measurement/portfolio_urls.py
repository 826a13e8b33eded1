"""Pages: portfolio (work plans, areas, programmes, their CSV and edit forms)."""

from django.urls import URLPattern, path

from . import portfolio_views as views

urlpatterns: list[URLPattern] = [
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/data/<slug:chart>.csv", views.plan_csv, name="plan_csv"),
    path("plans/<int:pk>/areas/new/", views.area_edit, name="area_new"),
    path("plans/<int:pk>/areas/<str:slug>/", views.area, name="area"),
    path("plans/<int:pk>/areas/<str:slug>/data.csv", views.area_csv, name="area_csv"),
    path("plans/<int:pk>/areas/<str:slug>/edit/", views.area_edit, name="area_edit"),
    path("plans/<int:pk>/programmes/new/", views.programme_edit, name="programme_new"),
    path("plans/<int:pk>/programmes/<str:slug>/", views.programme, name="programme"),
    path(
        "plans/<int:pk>/programmes/<str:slug>/data.csv",
        views.programme_csv,
        name="programme_csv",
    ),
    path(
        "plans/<int:pk>/programmes/<str:slug>/edit/",
        views.programme_edit,
        name="programme_edit",
    ),
    path(
        "plans/<int:pk>/programmes/<str:slug>/targets/new/",
        views.target_edit,
        name="target_new",
    ),
    path(
        "plans/<int:pk>/programmes/<str:slug>/targets/<int:target_id>/",
        views.target_edit,
        name="target_edit",
    ),
    path(
        "plans/<int:pk>/programmes/<str:slug>/targets/<int:target_id>/delete/",
        views.target_delete,
        name="target_delete",
    ),
    path("plans/<int:pk>/budget/new/", views.line_edit, name="line_new"),
    path("plans/<int:pk>/budget/<int:line_id>/", views.line_edit, name="line_edit"),
]
