"""Pages: matchmaking (under /matchmaking/)."""

from django.urls import URLPattern, path

from . import matchmaking_views as views

urlpatterns: list[URLPattern] = [
    path("matchmaking/", views.matchmaking_list, name="matchmaking_list"),
    path("matchmaking/new/", views.matchmaking_create, name="matchmaking_create"),
    path("matchmaking/<int:pk>/", views.matchmaking_detail, name="matchmaking_detail"),
    path("matchmaking/<int:pk>/settings/", views.matchmaking_settings, name="matchmaking_settings"),
    path(
        "matchmaking/<int:pk>/participants/add/",
        views.participant_add,
        name="matchmaking_participant_add",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/",
        views.participant_detail,
        name="matchmaking_participant",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/capacity/",
        views.participant_capacity,
        name="matchmaking_participant_capacity",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/remove/",
        views.participant_remove,
        name="matchmaking_participant_remove",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/interests/",
        views.participant_interests,
        name="matchmaking_interests",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/availability/",
        views.participant_availability,
        name="matchmaking_availability",
    ),
    path(
        "matchmaking/<int:pk>/participants/<int:participant_pk>/schedule.ics",
        views.participant_ics,
        name="matchmaking_ics",
    ),
    path("matchmaking/<int:pk>/pairing/", views.pairing_run, name="matchmaking_pairing"),
    path("matchmaking/<int:pk>/schedule/", views.schedule_build, name="matchmaking_schedule"),
    path("matchmaking/<int:pk>/send/", views.schedules_send, name="matchmaking_send"),
    path("matchmaking/<int:pk>/pairs/add/", views.pair_add, name="matchmaking_pair_add"),
    path(
        "matchmaking/<int:pk>/pairs/<int:pair_pk>/remove/",
        views.pair_remove,
        name="matchmaking_pair_remove",
    ),
    path(
        "matchmaking/<int:pk>/pairs/<int:pair_pk>/meeting/",
        views.meeting_set,
        name="matchmaking_meeting",
    ),
    path(
        "matchmaking/<int:pk>/meetings/<int:meeting_pk>/outcome/",
        views.outcome_record,
        name="matchmaking_outcome",
    ),
    path(
        "matchmaking/<int:pk>/meetings/<int:meeting_pk>/partnership/",
        views.partnership_create,
        name="matchmaking_partnership",
    ),
]
