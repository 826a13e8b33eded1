from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import PersonalDataAccess


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """The access log is read-only: nobody edits or deletes who read what."""

    list_display = ("accessed_at", "accessed_by", "subject_type", "subject_id", "channel", "path")
    list_filter = ("channel", "subject_type")
    search_fields = ("accessed_by__email", "path")
    date_hierarchy = "accessed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
