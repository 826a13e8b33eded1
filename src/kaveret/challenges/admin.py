from django.contrib import admin

from .models import Challenge


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "community", "owner_kind", "published_at")
    list_filter = ("kind", "status", "community", "owner_kind")
    search_fields = ("title", "problem")
    filter_horizontal = ("populations",)
    raw_id_fields = ("owner", "owner_organisation")
    readonly_fields = ("search_text",)
