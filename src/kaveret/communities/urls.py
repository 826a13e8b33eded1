from django.urls import include, path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="list"),
    path(
        "feeds/<int:user_id>/<str:token>.ics",
        views.personal_events_ics,
        name="personal_events_ics",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("<slug:slug>/", views.community_detail, name="detail"),
    path("<slug:slug>/join/", views.membership_request, name="join"),
    path("<slug:slug>/manage/", views.community_manage, name="manage"),
    path("<slug:slug>/roles/", views.community_roles, name="roles"),
    path("<slug:slug>/roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("<slug:slug>/history/", views.community_history_page, name="history"),
    path("<slug:slug>/settings/", views.community_settings, name="settings"),
    path("<slug:slug>/members/<int:pk>/", views.member_detail, name="member"),
    path("<slug:slug>/members/<int:pk>/decide/", views.membership_decide, name="member_decide"),
    path("<slug:slug>/members/<int:pk>/leave/", views.membership_leave, name="member_leave"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/work/", include("kaveret.communities.work_urls")),
    path("<slug:slug>/events/", views.event_list, name="event_list"),
    path("<slug:slug>/events.ics", views.community_events_ics, name="community_events_ics"),
    path("<slug:slug>/events/new/", views.event_create, name="event_create"),
    path("<slug:slug>/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("<slug:slug>/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<slug:slug>/events/<int:pk>/register/", views.event_register, name="event_register"),
    path("<slug:slug>/events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path(
        "<slug:slug>/events/<int:pk>/attendance/",
        views.event_attendance,
        name="event_attendance",
    ),
    path("<slug:slug>/events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
]
