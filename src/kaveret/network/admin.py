from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AnalyticsSnapshot


@admin.register(AnalyticsSnapshot)
class AnalyticsSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the recompute task only."""

    list_display = (
        "visibility",
        "computed_at",
        "requested_at",
        "duration_seconds",
        "node_count",
        "edge_count",
    )
    readonly_fields = list_display

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
