from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "created_at", "read_at", "email_status", "emailed_at")
    list_filter = ("kind", "email_status")
    search_fields = ("recipient__email", "recipient__full_name")
    raw_id_fields = ("recipient",)
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "default_delivery", "last_digest_at")
    list_filter = ("default_delivery",)
    search_fields = ("user__email", "user__full_name")
    raw_id_fields = ("user",)
    list_select_related = ("user",)
