"""Calls: the list, a call's page, the feed, and staff's call and form editing."""

from django.urls import path, register_converter

from . import call_views as views
from .call_services import RESERVED_SLUGS
from .feeds import NewCallsFeed


class CallSlugConverter:
    """A call's slug, never one of the addresses that name pages under /calls/ (such as
    the applicants' ``mine/``, which another URL module of this namespace serves)."""

    regex = "(?!(?:" + "|".join(sorted(RESERVED_SLUGS)) + ")/)[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CallSlugConverter, "call_slug")

urlpatterns = [
    path("", views.call_list, name="list"),
    path("feed/", NewCallsFeed(), name="feed"),
    path("new/", views.call_create, name="create"),
    path("<call_slug:slug>/", views.call_detail, name="detail"),
    path("<call_slug:slug>/edit/", views.call_edit, name="edit"),
    path("<call_slug:slug>/publish/", views.call_publish, name="publish"),
    path("<call_slug:slug>/rubric/", views.call_rubric, name="rubric"),
    path("<call_slug:slug>/rubric/seed/", views.call_rubric_seed, name="rubric_seed"),
    path("<call_slug:slug>/rubric/<int:pk>/", views.call_criterion_edit, name="criterion_edit"),
    path(
        "<call_slug:slug>/rubric/<int:pk>/change/",
        views.call_criterion_change,
        name="criterion_change",
    ),
    path("<call_slug:slug>/form/", views.form_builder_page, name="form_builder"),
    path("<call_slug:slug>/form/preview/", views.form_preview, name="form_preview"),
    path("<call_slug:slug>/form/questions/new/", views.form_question_add, name="form_question_add"),
    path(
        "<call_slug:slug>/form/questions/<slug:key>/",
        views.form_question_edit,
        name="form_question_edit",
    ),
    path(
        "<call_slug:slug>/form/questions/<slug:key>/change/",
        views.form_question_change,
        name="form_question_change",
    ),
    path("<call_slug:slug>/form/sections/new/", views.form_section_add, name="form_section_add"),
    path(
        "<call_slug:slug>/form/sections/<int:position>/",
        views.form_section_edit,
        name="form_section_edit",
    ),
    path(
        "<call_slug:slug>/form/sections/<int:position>/change/",
        views.form_section_change,
        name="form_section_change",
    ),
]
