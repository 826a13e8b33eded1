from django.urls import path

from . import views

app_name = "trends"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/", views.community_radar, name="radar"),
    path("<slug:slug>/new/", views.propose, name="propose"),
    path("<slug:slug>/queue/", views.curation_queue, name="queue"),
    path("<slug:slug>/<int:pk>/", views.signal_detail, name="detail"),
    path("<slug:slug>/<int:pk>/curate/", views.curate, name="curate"),
]
