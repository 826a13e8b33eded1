from django.contrib import admin

from .models import Community, Event, EventRegistration, Membership


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
    raw_id_fields = ("actor", "person")


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
