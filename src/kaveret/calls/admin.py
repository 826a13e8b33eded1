"""The calls in the admin. Writes belong in the services (they check the rules, keep the
audit and the budget); the admin is for looking, and the audit is read-only."""

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Application,
    ApplicationFile,
    AuditEntry,
    Call,
    ConflictDeclaration,
    Decision,
    Disbursement,
    FormSection,
    FormVersion,
    Grant,
    Milestone,
    MilestoneReport,
    Question,
    Review,
    ReviewScore,
    RubricCriterion,
)


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "mechanism", "community", "opens_at", "deadline", "is_published")
    list_filter = ("mechanism", "community", "is_published")
    search_fields = ("title", "title_en", "slug")
    filter_horizontal = ("challenges", "reviewers")
    inlines = (RubricCriterionInline,)


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "call", "weight", "scale_min", "scale_max")
    list_filter = ("call",)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("order", "key", "kind", "label", "required", "section")


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ("call", "number", "created_at", "frozen_at")
    list_filter = ("call",)
    inlines = (QuestionInline,)


@admin.register(FormSection)
class FormSectionAdmin(admin.ModelAdmin):
    list_display = ("title", "version", "order")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("label", "key", "kind", "version", "required")
    list_filter = ("kind",)
    search_fields = ("label", "key")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("call", "actor", "person", "status", "submitted_at")
    list_filter = ("call", "status")
    raw_id_fields = ("actor", "person", "created_by", "form_version")
    readonly_fields = ("submitted_at", "withdrawn_at")


@admin.register(ApplicationFile)
class ApplicationFileAdmin(admin.ModelAdmin):
    list_display = ("original_name", "application", "content_type", "size", "uploaded_at")
    raw_id_fields = ("application", "uploaded_by")


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "declared_at")
    raw_id_fields = ("application", "reviewer")


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "status", "recommendation", "submitted_at")
    list_filter = ("status", "recommendation")
    raw_id_fields = ("application", "reviewer", "assigned_by", "reopened_by")
    inlines = (ReviewScoreInline,)


@admin.register(ReviewScore)
class ReviewScoreAdmin(admin.ModelAdmin):
    list_display = ("review", "criterion", "score")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("application", "outcome", "decided_by", "decided_at", "reversed_at")
    list_filter = ("outcome",)
    raw_id_fields = ("application", "decided_by", "reversed_by")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ("application", "amount", "created_at")
    raw_id_fields = ("application", "created_by")
    inlines = (MilestoneInline,)


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "grant", "due_on", "amount", "status")
    list_filter = ("status",)


@admin.register(MilestoneReport)
class MilestoneReportAdmin(admin.ModelAdmin):
    list_display = ("milestone", "submitted_by", "submitted_at", "value")
    raw_id_fields = ("milestone", "submitted_by")


@admin.register(Disbursement)
class DisbursementAdmin(admin.ModelAdmin):
    list_display = ("grant", "amount", "paid_on", "recorded_by")
    raw_id_fields = ("grant", "milestone", "recorded_by")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit is a record: read here, never written or changed."""

    list_display = ("at", "call", "action", "object_type", "object_id", "by")
    list_filter = ("call", "action", "object_type")
    search_fields = ("summary",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
