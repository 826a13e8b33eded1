"""Reviews, the review console, decisions, grants and the audit history."""

from django.urls import path

from . import review_views as views

urlpatterns = [
    path("<str:slug>/reviews/", views.review_home, name="review_home"),
    path(
        "<str:slug>/reviews/conflicts/<int:application_id>/",
        views.conflict_declare,
        name="conflict_declare",
    ),
    path("<str:slug>/reviews/confirm/", views.conflicts_confirm, name="conflicts_confirm"),
    path("<str:slug>/reviews/<int:review_id>/", views.review_detail, name="review"),
    path("<str:slug>/reviews/<int:review_id>/reopen/", views.review_reopen, name="review_reopen"),
    path("<str:slug>/assignments/", views.assignments, name="assignments"),
    path("<str:slug>/assignments/auto/", views.assignments_auto, name="assignments_auto"),
    path("<str:slug>/assignments/add/", views.assignment_add, name="assignment_add"),
    path(
        "<str:slug>/assignments/<int:review_id>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("<str:slug>/console/", views.console, name="console"),
    path("<str:slug>/console/export.xlsx", views.console_export, name="console_export"),
    path("<str:slug>/decisions/<int:application_id>/", views.decision, name="decision"),
    path(
        "<str:slug>/decisions/reverse/<int:decision_id>/",
        views.decision_reverse,
        name="decision_reverse",
    ),
    path("<str:slug>/budget/", views.budget, name="budget"),
    path("<str:slug>/grants/<int:application_id>/", views.grant, name="grant"),
    path(
        "<str:slug>/grants/<int:application_id>/milestones/",
        views.milestone_add,
        name="milestone_add",
    ),
    path(
        "<str:slug>/grants/<int:application_id>/milestones/<int:milestone_id>/report/",
        views.milestone_report,
        name="milestone_report",
    ),
    path(
        "<str:slug>/grants/<int:application_id>/milestones/<int:milestone_id>/mark/",
        views.milestone_mark,
        name="milestone_mark",
    ),
    path(
        "<str:slug>/grants/<int:application_id>/disbursements/",
        views.disbursement_add,
        name="disbursement_add",
    ),
    path("<str:slug>/audit/", views.audit, name="audit"),
]
