from __future__ import annotations

from django.contrib import admin

from .models import (
    Area,
    Assessment,
    AssessmentScore,
    BudgetLine,
    Indicator,
    IndicatorParty,
    Measurement,
    Programme,
    ReportJob,
    Rubric,
    RubricDimension,
    Target,
    WorkPlan,
)


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "organisation", "is_published")
    list_filter = ("year", "is_published")
    raw_id_fields = ("organisation", "community")
    inlines = (AreaInline,)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "order")
    list_filter = ("plan",)


class TargetInline(admin.TabularInline):
    model = Target
    raw_id_fields = ("indicator",)
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "plan", "community")
    list_filter = ("plan", "area")
    search_fields = ("title", "main_goal")
    raw_id_fields = ("community", "owner")
    filter_horizontal = ("partners",)
    inlines = (TargetInline,)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("__str__", "area", "programme", "inside", "outside")
    list_filter = ("plan", "area")
    raw_id_fields = ("programme",)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("__str__", "programme", "indicator")
    raw_id_fields = ("programme", "indicator")


class PartyInline(admin.TabularInline):
    model = IndicatorParty
    raw_id_fields = ("actor", "reporter")
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "baseline", "target", "direction", "frequency", "is_shared")
    list_filter = ("direction", "frequency", "is_shared")
    search_fields = ("name",)
    raw_id_fields = ("owner", "programme", "community", "call", "partnership")
    inlines = (PartyInline,)


@admin.register(IndicatorParty)
class IndicatorPartyAdmin(admin.ModelAdmin):
    list_display = ("indicator", "actor", "reporter")
    raw_id_fields = ("indicator", "actor", "reporter")


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("indicator", "party", "period_start", "period_end", "value", "reported_by")
    list_filter = ("indicator",)
    raw_id_fields = ("indicator", "party", "reported_by")


class DimensionInline(admin.TabularInline):
    model = RubricDimension
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "subject_kind", "scale_min", "scale_max")
    inlines = (DimensionInline,)


@admin.register(RubricDimension)
class RubricDimensionAdmin(admin.ModelAdmin):
    list_display = ("name", "rubric", "key", "weight", "order")
    list_filter = ("rubric",)


class ScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("rubric", "assessed_on", "community", "organisation", "partnership")
    list_filter = ("rubric",)
    raw_id_fields = ("community", "organisation", "partnership", "programme", "assessed_by")
    inlines = (ScoreInline,)


@admin.register(AssessmentScore)
class AssessmentScoreAdmin(admin.ModelAdmin):
    list_display = ("assessment", "dimension", "score")
    raw_id_fields = ("assessment",)


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "language", "format", "status", "requested_by", "created_at")
    list_filter = ("kind", "status", "format")
    readonly_fields = ("task_id", "error")
