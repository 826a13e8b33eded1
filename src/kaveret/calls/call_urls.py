"""Calls: the list, a call's page, the feed, and staff's call and form editing."""

from django.urls import path

from . import call_views as views
from .feeds import NewCallsFeed

urlpatterns = [
    path("", views.call_list, name="list"),
    path("feed/", NewCallsFeed(), name="feed"),
    path("new/", views.call_create, name="create"),
    path("<slug:slug>/", views.call_detail, name="detail"),
    path("<slug:slug>/edit/", views.call_edit, name="edit"),
    path("<slug:slug>/publish/", views.call_publish, name="publish"),
    path("<slug:slug>/changes/", views.call_history, name="call_history"),
    path("<slug:slug>/rubric/", views.call_rubric, name="rubric"),
    path("<slug:slug>/rubric/seed/", views.call_rubric_seed, name="rubric_seed"),
    path("<slug:slug>/rubric/<int:pk>/", views.call_criterion_edit, name="criterion_edit"),
    path(
        "<slug:slug>/rubric/<int:pk>/change/",
        views.call_criterion_change,
        name="criterion_change",
    ),
    path("<slug:slug>/form/", views.form_builder_page, name="form_builder"),
    path("<slug:slug>/form/preview/", views.form_preview, name="form_preview"),
    path("<slug:slug>/form/questions/new/", views.form_question_add, name="form_question_add"),
    path(
        "<slug:slug>/form/questions/<slug:key>/",
        views.form_question_edit,
        name="form_question_edit",
    ),
    path(
        "<slug:slug>/form/questions/<slug:key>/change/",
        views.form_question_change,
        name="form_question_change",
    ),
    path("<slug:slug>/form/sections/new/", views.form_section_add, name="form_section_add"),
    path(
        "<slug:slug>/form/sections/<int:position>/",
        views.form_section_edit,
        name="form_section_edit",
    ),
    path(
        "<slug:slug>/form/sections/<int:position>/change/",
        views.form_section_change,
        name="form_section_change",
    ),
]
