"""Pages of a community's ecosystem work: the board of the four moves and the principles."""

from django.urls import path

from . import work_views

urlpatterns = [
    path("", work_views.work_board, name="work_board"),
    path("cycles/<int:number>/", work_views.work_cycle, name="work_cycle"),
    path("activities/new/", work_views.work_activity_create, name="work_activity_create"),
    path("activities/<int:pk>/edit/", work_views.work_activity_edit, name="work_activity_edit"),
    path(
        "activities/<int:pk>/delete/",
        work_views.work_activity_delete,
        name="work_activity_delete",
    ),
    path("activities/<int:pk>/move/", work_views.work_activity_move, name="work_activity_move"),
    path("phase/", work_views.work_phase, name="work_phase"),
    path("principles/", work_views.principles, name="principles"),
    path(
        "principles/new/",
        work_views.principle_assessment_create,
        name="principle_assessment_create",
    ),
]
