from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("c/<slug:slug>/", views.community_item_list, name="community_list"),
    path("new/", views.item_create, name="create"),
    path("mine/", views.my_items, name="mine"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/submit/", views.item_submit, name="submit"),
    path("<int:pk>/approve/", views.item_approve, name="approve"),
    path("<int:pk>/return/", views.item_return, name="return"),
    path("<int:pk>/comments/", views.comment_create, name="comment"),
    path(
        "<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
