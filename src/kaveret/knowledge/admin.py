from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import KnowledgeAttachment, KnowledgeComment, KnowledgeItem, Tag
from .services import refresh_search_text


class AttachmentInline(admin.TabularInline):
    model = KnowledgeAttachment
    extra = 0
    fields = ("original_name", "content_type", "size", "uploaded_by", "created_at")
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Files come in through the item's page, where their type and size are checked.
        return False


class CommentInline(admin.TabularInline):
    model = KnowledgeComment
    extra = 0
    raw_id_fields = ("author",)


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "kind", "status", "author", "language", "published_at")
    list_filter = ("status", "kind", "language", "community")
    list_select_related = ("community", "author")
    search_fields = ("title", "summary")
    raw_id_fields = ("author", "reviewed_by")
    filter_horizontal = ("domains", "tags")
    readonly_fields = ("submitted_at", "reviewed_at", "created_at", "updated_at")
    inlines = (AttachmentInline, CommentInline)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)


@admin.register(KnowledgeAttachment)
class KnowledgeAttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "item", "content_type", "size", "created_at")
    list_select_related = ("item",)
    search_fields = ("original_name",)
    readonly_fields = ("original_name", "content_type", "size", "file", "uploaded_by")
    raw_id_fields = ("item",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(KnowledgeComment)
class KnowledgeCommentAdmin(admin.ModelAdmin):
    list_display = ("item", "author", "created_at")
    list_select_related = ("item", "author")
    search_fields = ("body",)
    raw_id_fields = ("item", "author")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
