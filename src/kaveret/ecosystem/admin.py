from typing import Any, ClassVar

from django.contrib import admin, messages
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .models import (
    Actor,
    Affiliation,
    Domain,
    ImportJob,
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


@admin.action(description=_("Rebuild the search text of every actor (in the background)"))
def rebuild_search_text_action(modeladmin: Any, request: HttpRequest, queryset: Any) -> Any:
    from .tasks import rebuild_search_text

    result = rebuild_search_text.delay()
    messages.info(request, _("The search text is being rebuilt in the background."))
    return redirect("task_status", task_id=result.id)


class ActorAdmin(admin.ModelAdmin):
    actions = (rebuild_search_text_action,)
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


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "status", "created_by", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("original_name", "created_by__email")
    readonly_fields = ("report", "result", "error", "task_id", "encoding")
    raw_id_fields = ("created_by",)

    def delete_model(self, request: HttpRequest, obj: ImportJob) -> None:
        obj.file.delete(save=False)  # an uploaded file may hold personal data
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for job in queryset:
            job.file.delete(save=False)
        super().delete_queryset(request, queryset)


@admin.register(Actor)
class AllActorsAdmin(admin.ModelAdmin):
    """Every organisation and venture in one searchable list; edit them in their own admin."""

    list_display = ("name", "actor_type", "is_public", "created_at")
    list_filter = ("actor_type", "is_public")
    search_fields = ("name", "name_en", "name_ar")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ("person", "actor", "title", "is_founder", "started_on", "ended_on")
    list_filter = ("is_founder",)
    search_fields = ("person__full_name", "actor__name", "title")
    raw_id_fields = ("person", "actor")
