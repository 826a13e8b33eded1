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
    path("<slug:slug>/", views.community_detail, name="detail"),
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
