from django.contrib import admin

from .models import Community, Membership


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
