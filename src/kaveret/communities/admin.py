from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Community,
    CommunityHistory,
    Event,
    EventRegistration,
    Invitation,
    Membership,
    PrincipleAssessment,
    PrincipleScore,
    WorkActivity,
    WorkCycle,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("actor", "person")


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "slug", "domain", "phase", "is_public")
    search_fields = ("name", "name_en", "slug")
    filter_horizontal = ("founders",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("community", "actor", "person", "member_type", "status", "joined_on")
    list_filter = ("community", "member_type", "status")
    raw_id_fields = ("actor", "person", "requested_by", "decided_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "community", "member_type", "created_at", "accepted_at", "revoked_at")
    list_filter = ("community", "member_type")
    search_fields = ("email",)
    raw_id_fields = ("invited_by", "accepted_by")
    readonly_fields = ("token",)


@admin.register(CommunityHistory)
class CommunityHistoryAdmin(admin.ModelAdmin):
    """The history is a record: it is read here, never written or changed."""

    list_display = ("at", "community", "kind", "subject", "role", "by")
    list_filter = ("community", "kind")
    search_fields = ("subject", "note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class WorkActivityInline(admin.TabularInline):
    model = WorkActivity
    extra = 0
    fields = ("move", "kind", "title", "status", "starts_on", "ends_on", "owner")
    raw_id_fields = ("owner",)


@admin.register(WorkCycle)
class WorkCycleAdmin(admin.ModelAdmin):
    list_display = ("community", "number", "started_on", "ended_on")
    list_filter = ("community",)
    inlines = (WorkActivityInline,)


@admin.register(WorkActivity)
class WorkActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "cycle", "move", "kind", "status", "starts_on")
    list_filter = ("move", "kind", "status")
    search_fields = ("title",)
    raw_id_fields = ("owner",)


class PrincipleScoreInline(admin.TabularInline):
    model = PrincipleScore
    extra = 0


@admin.register(PrincipleAssessment)
class PrincipleAssessmentAdmin(admin.ModelAdmin):
    list_display = ("community", "assessed_on", "assessed_by")
    list_filter = ("community",)
    inlines = (PrincipleScoreInline,)
    raw_id_fields = ("assessed_by",)


@admin.register(PrincipleScore)
class PrincipleScoreAdmin(admin.ModelAdmin):
    list_display = ("assessment", "principle", "score")
    list_filter = ("principle",)


class EventRegistrationInline(admin.TabularInline):
    model = EventRegistration
    extra = 0
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "kind", "starts_at", "capacity", "is_published")
    list_filter = ("community", "kind", "is_published")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    inlines = (EventRegistrationInline,)


@admin.register(EventRegistration)
class EventRegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "user")
