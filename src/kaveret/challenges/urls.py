from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("new/", views.challenge_create, name="create"),
    path("<str:slug>/", views.challenge_detail, name="detail"),
    path("<str:slug>/edit/", views.challenge_edit, name="edit"),
    path("<str:slug>/status/", views.challenge_status, name="status"),
    path("<str:slug>/comments/", views.challenge_comment, name="comment"),
    path("<str:slug>/support/", views.challenge_support, name="support"),
    path("<str:slug>/propose/", views.challenge_propose, name="propose"),
    path("<str:slug>/proposals/<int:pk>/decide/", views.proposal_decide, name="decide"),
]
