"""Pages: board."""

from django.urls import URLPattern, path

from . import board_views

urlpatterns: list[URLPattern] = [
    path("", board_views.board, name="board"),
    path("new/", board_views.create, name="create"),
    path("<int:pk>/", board_views.detail, name="detail"),
    path("<int:pk>/edit/", board_views.edit, name="edit"),
    path("<int:pk>/move/", board_views.move, name="move"),
    path("<int:pk>/factors/", board_views.factors, name="factors"),
    path("<int:pk>/timeline/", board_views.timeline, name="timeline"),
    path("<int:pk>/stages/<str:stage>/", board_views.stage_period, name="stage_period"),
]
