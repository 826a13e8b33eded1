"""Pages: running a partnership (steps 6 and 7), and the public feedback link."""

from django.urls import URLPattern, path

from . import running_views as views

RUNNING = "<int:pk>/running/"

urlpatterns: list[URLPattern] = [
    path(RUNNING, views.running_page, name="running_page"),
    path(f"{RUNNING}conditions/<str:key>/", views.condition_edit, name="running_condition"),
    path(f"{RUNNING}risks/new/", views.risk_add, name="running_risk_add"),
    path(f"{RUNNING}risks/<int:risk_id>/", views.risk_edit, name="running_risk_edit"),
    path(f"{RUNNING}risks/<int:risk_id>/close/", views.risk_close, name="running_risk_close"),
    path(f"{RUNNING}feedback/", views.feedback_list, name="running_feedback"),
    path(
        f"{RUNNING}feedback/<int:feedback_id>/answer/",
        views.feedback_answer,
        name="running_feedback_answer",
    ),
    path(f"{RUNNING}feedback-link/", views.feedback_link, name="running_feedback_link"),
    path(f"{RUNNING}indicators/new/", views.indicator_add, name="running_indicator_add"),
    path(
        f"{RUNNING}indicators/<int:indicator_id>/",
        views.indicator_edit,
        name="running_indicator_edit",
    ),
    path(
        f"{RUNNING}indicators/<int:indicator_id>/measurements/new/",
        views.measurement_add,
        name="running_measurement_add",
    ),
    path(f"{RUNNING}decisions/new/", views.decision_add, name="running_decision_add"),
    path(f"{RUNNING}continuity/", views.continuity_edit, name="running_continuity"),
    path(f"{RUNNING}outcome/", views.outcome_edit, name="running_outcome"),
    path(f"{RUNNING}lessons/publish/", views.lessons_publish, name="running_lessons_publish"),
    path("feedback/<str:token>/", views.feedback_form, name="feedback_form"),
    path("feedback/<str:token>/thanks/", views.feedback_thanks, name="feedback_thanks"),
]
