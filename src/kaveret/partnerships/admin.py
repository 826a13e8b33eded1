from __future__ import annotations

from django.contrib import admin

from .models import (
    ContinuityPlan,
    DecisionEntry,
    DefinitionDocument,
    Expectation,
    Feedback,
    LegalItem,
    Partnership,
    PartnershipParty,
    PilotIndicator,
    PilotMeasurement,
    PilotPlan,
    Risk,
    StageMove,
    StagePeriod,
    SuccessCondition,
)


class PartyInline(admin.TabularInline):
    model = PartnershipParty
    raw_id_fields = ("actor",)
    extra = 0


class StagePeriodInline(admin.TabularInline):
    model = StagePeriod
    raw_id_fields = ("owner",)
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "venture", "stage", "level", "is_published")
    list_filter = ("stage", "origin", "level", "is_published", "community")
    search_fields = ("title", "organisation__name", "venture__name")
    raw_id_fields = (
        "organisation",
        "venture",
        "challenge",
        "community",
        "origin_call",
        "origin_meeting",
        "ambassador",
        "lessons_item",
        "created_by",
    )
    readonly_fields = ("feedback_token", "definition_version")
    inlines = (PartyInline, StagePeriodInline)


@admin.register(PartnershipParty)
class PartnershipPartyAdmin(admin.ModelAdmin):
    list_display = ("partnership", "actor", "role")
    raw_id_fields = ("partnership", "actor")


@admin.register(StagePeriod)
class StagePeriodAdmin(admin.ModelAdmin):
    list_display = ("partnership", "stage", "starts_on", "due_on", "ended_on", "owner")
    list_filter = ("stage",)
    raw_id_fields = ("partnership", "owner")


@admin.register(StageMove)
class StageMoveAdmin(admin.ModelAdmin):
    """Stage moves are the record of gates and overrides: read-only here."""

    list_display = ("partnership", "from_stage", "to_stage", "moved_by", "moved_at")
    list_filter = ("to_stage",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, fields in (
    (Expectation, ("partnership", "side", "key", "status")),
    (LegalItem, ("partnership", "key", "is_agreed")),
    (PilotPlan, ("partnership", "duration", "starts_on", "ends_on")),
    (DefinitionDocument, ("partnership", "version", "language", "created_at")),
    (SuccessCondition, ("partnership", "key", "status", "updated_at")),
    (Risk, ("partnership", "key", "likelihood", "impact", "status")),
    (Feedback, ("partnership", "role", "rating", "created_at", "responded_at")),
    (PilotIndicator, ("partnership", "name", "unit", "baseline", "target")),
    (PilotMeasurement, ("indicator", "measured_on", "value")),
    (DecisionEntry, ("partnership", "decided_on", "decided_by")),
    (ContinuityPlan, ("partnership", "handover_to", "handover_on")),
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "list_display": fields,
                "raw_id_fields": ("partnership",)
                if model not in (PilotMeasurement,)
                else ("indicator",),
            },
        ),
    )
