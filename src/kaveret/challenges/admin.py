from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Challenge,
    ChallengeComment,
    ChallengeRevision,
    ChallengeSupport,
    EditProposal,
)


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "community", "owner_kind", "published_at")
    list_filter = ("kind", "status", "community", "owner_kind")
    search_fields = ("title", "problem")
    filter_horizontal = ("populations",)
    raw_id_fields = ("owner", "owner_organisation")
    readonly_fields = ("search_text",)


@admin.register(ChallengeComment)
class ChallengeCommentAdmin(admin.ModelAdmin):
    list_display = ("challenge", "author", "created_at")
    search_fields = ("body", "challenge__title")
    raw_id_fields = ("challenge", "author")


@admin.register(ChallengeSupport)
class ChallengeSupportAdmin(admin.ModelAdmin):
    list_display = ("challenge", "user", "created_at")
    raw_id_fields = ("challenge", "user")


@admin.register(EditProposal)
class EditProposalAdmin(admin.ModelAdmin):
    list_display = ("challenge", "author", "status", "created_at", "decided_by", "decided_at")
    list_filter = ("status",)
    search_fields = ("challenge__title", "note")
    raw_id_fields = ("challenge", "author", "decided_by")


@admin.register(ChallengeRevision)
class ChallengeRevisionAdmin(admin.ModelAdmin):
    """Revisions are the history of the text: read them here, never rewrite them."""

    list_display = ("challenge", "source", "author", "created_at")
    list_filter = ("source",)
    raw_id_fields = ("challenge", "author", "proposal")
    readonly_fields = ("challenge", "author", "source", "proposal", "changes", "created_at")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
