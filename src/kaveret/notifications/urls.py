from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("<int:notification_id>/open/", views.open_notification, name="open"),
    path("preferences/", views.preferences, name="preferences"),
]
