from typing import Any, ClassVar

from django.contrib import admin

from .models import (
    Affiliation,
    Domain,
    Organisation,
    Person,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "name_ar", "slug")
    search_fields = ("name", "name_en", "name_ar", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


for taxonomy in (Domain, TargetPopulation, Technology, Region):
    admin.site.register(taxonomy, TaxonomyAdmin)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("person",)


class ActorAdmin(admin.ModelAdmin):
    search_fields: ClassVar[Any] = ("name", "name_en", "name_ar")
    list_filter: ClassVar[Any] = ("is_public", "domains")
    filter_horizontal: ClassVar[Any] = ("domains", "target_populations", "regions")
    inlines = (AffiliationInline,)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.refresh_search_text()
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(ActorAdmin):
    list_display = ("name", "kind", "sector", "registration_number", "is_public")
    list_filter = ("kind", "sector", *ActorAdmin.list_filter)
    readonly_fields = ("sector",)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        from .choices import sector_for_kind

        obj.actor_type = "organisation"
        obj.sector = sector_for_kind(obj.kind)
        super().save_model(request, obj, form, change)


@admin.register(Venture)
class VentureAdmin(ActorAdmin):
    list_display = ("name", "venture_type", "stage", "origin", "is_public")
    list_filter = ("venture_type", "stage", "origin", *ActorAdmin.list_filter)
    filter_horizontal = (*ActorAdmin.filter_horizontal, "technologies")

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.actor_type = "venture"
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "language", "consent_contact", "consent_directory")
    search_fields = ("full_name", "full_name_en", "email")
    inlines = (AffiliationInline,)
    raw_id_fields = ("user",)


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "target", "level", "started_on", "ended_on", "is_public")
    list_filter = ("kind", "level", "is_public")
    search_fields = ("source__name", "target__name")
    raw_id_fields = ("source", "target")
