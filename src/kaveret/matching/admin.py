from __future__ import annotations

from django.contrib import admin

from .models import (
    AvailabilitySlot,
    CriterionAssessment,
    Interest,
    MatchmakingEvent,
    MatchPair,
    MatchParticipant,
    Meeting,
    ScoutingEntry,
    SearchDocument,
)


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "object_id", "is_public", "is_active", "updated_at")
    list_filter = ("kind", "is_public", "is_active")
    search_fields = ("title",)
    readonly_fields = ("tokens", "text_hash", "updated_at")
    exclude = ("embedding",)


@admin.register(ScoutingEntry)
class ScoutingEntryAdmin(admin.ModelAdmin):
    list_display = ("challenge", "venture", "status", "score", "added_by", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("challenge", "venture", "added_by")


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(admin.ModelAdmin):
    list_display = ("about", "criterion", "score", "from_actor", "assessed_by", "updated_at")
    list_filter = ("criterion",)
    raw_id_fields = ("about", "from_actor", "assessed_by")


class ParticipantInline(admin.TabularInline):
    model = MatchParticipant
    raw_id_fields = ("actor", "contact")
    extra = 0


@admin.register(MatchmakingEvent)
class MatchmakingEventAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "window_starts_at", "window_ends_at", "status")
    list_filter = ("status", "method")
    raw_id_fields = ("event", "created_by")
    inlines = (ParticipantInline,)


@admin.register(MatchParticipant)
class MatchParticipantAdmin(admin.ModelAdmin):
    list_display = ("actor", "matchmaking", "side", "capacity")
    list_filter = ("side",)
    raw_id_fields = ("matchmaking", "actor", "contact")


@admin.register(AvailabilitySlot)
class AvailabilitySlotAdmin(admin.ModelAdmin):
    list_display = ("participant", "starts_at", "ends_at")
    raw_id_fields = ("participant",)


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("source", "target", "level", "updated_at")
    list_filter = ("level",)
    raw_id_fields = ("source", "target")


@admin.register(MatchPair)
class MatchPairAdmin(admin.ModelAdmin):
    list_display = ("venture", "organisation", "matchmaking", "score", "source")
    list_filter = ("source",)
    raw_id_fields = ("matchmaking", "venture", "organisation")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("pair", "starts_at", "ends_at", "room", "outcome")
    list_filter = ("outcome",)
    raw_id_fields = ("pair", "outcome_recorded_by")
