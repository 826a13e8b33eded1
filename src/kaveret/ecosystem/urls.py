from django.urls import include, path

from . import views

app_name = "ecosystem"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("ventures/", views.venture_list, name="venture_list"),
    path("ventures/new/", views.venture_create, name="venture_create"),
    path("ventures/<int:pk>/", views.venture_detail, name="venture_detail"),
    path("ventures/<int:pk>/edit/", views.venture_edit, name="venture_edit"),
    path("actors/<int:pk>/relations/new/", views.relation_create, name="relation_create"),
    path("", include("kaveret.ecosystem.io_urls")),
]
