"""Plan, measure and report: the programme portfolio, indicators, assessments, reports.

- **Portfolio** (seed 004, the JDC-Elka work plan for 2021): a ``WorkPlan`` for a year,
  its ``Area`` rows (system challenges such as digitisation, regionality and resource
  use, cross-sector collaboration, quality of services, task forces), ``Programme`` rows
  with background, main goal, partners and MAP tags, yearly ``Target`` rows (optionally
  tied to an indicator with a numeric target), and ``BudgetLine`` rows split into money
  inside and outside the partnership. Totals and percentages are always computed from the
  lines (``measurement.portfolio``), never typed.
- **Indicators**: unit, baseline, target, direction, frequency, data source, owner; they
  belong to a programme, a community, a call or a partnership, or are *shared*: every
  ``IndicatorParty`` reports the same indicator (collective impact's shared measurement).
  ``Measurement`` rows per period carry evidence; a period without one is missing, never 0.
- **Assessments**: a ``Rubric`` of dimensions (the six conditions of collective impact,
  the open-innovation maturity of an organisation, the partnership "flags" rubric of seed
  004) scored for a subject at a date, kept as history.
- **Reports**: ``ReportJob`` rows for long reports made by a background task.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kaveret.core.models import TimeStampedModel, TranslatedNameModel


class WorkPlan(TimeStampedModel):
    """A yearly work plan of a backbone organisation (seed 004)."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title (Hebrew)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        on_delete=models.PROTECT,
        related_name="work_plans",
        verbose_name=_("organisation"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name=_("community"),
    )
    opening_letter = models.TextField(_("opening letter"), blank=True)
    opening_signature = models.CharField(_("signed by"), max_length=200, blank=True)
    background = models.TextField(_("background and organising logic"), blank=True)
    currency = models.CharField(_("budget currency"), max_length=3, default="USD")
    budget_note = models.CharField(_("note on the budget"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ("-year", "organisation")
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Area(TranslatedNameModel):
    """An area of the plan: a system challenge with its programmes."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("work plan")
    )
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ("plan", "order", "pk")
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="area_slug_unique_in_plan")
        ]


class MapTag(models.TextChoices):
    """The MAP road map of seed 004 (the same values as challenges.MapTag)."""

    MINDSET = "mindset", _("Mindset")
    ABILITY = "ability", _("Ability")
    PIPES = "pipes", _("Pipes and mechanisms")


class Programme(TimeStampedModel):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("work plan")
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("area")
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title (Hebrew)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    background = models.TextField(_("background"), blank=True)
    main_goal = models.TextField(_("main goal"), blank=True)
    partners_text = models.TextField(_("partners"), blank=True)
    partners = models.ManyToManyField(
        "ecosystem.Actor",
        blank=True,
        related_name="programmes",
        verbose_name=_("partners in the registry"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("community"),
    )
    map_tags = models.JSONField(_("MAP tags"), default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )

    class Meta:
        ordering = ("plan", "area__order", "order", "pk")
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="programme_slug_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    """Money of an area (or of one of its programmes) inside and outside the partnership."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("work plan")
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("area")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("programme"),
    )
    label = models.CharField(_("line"), max_length=200, blank=True)
    inside = models.DecimalField(
        _("inside the partnership"), max_digits=14, decimal_places=2, default=0
    )
    outside = models.DecimalField(
        _("outside the partnership"), max_digits=14, decimal_places=2, default=0
    )

    class Meta:
        ordering = ("plan", "area", "pk")
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(inside__gte=0) & Q(outside__gte=0), name="budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.label or str(self.programme or self.area)


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every half year")
    YEARLY = "yearly", _("Yearly")


class Indicator(TimeStampedModel):
    name = models.CharField(_("indicator (Hebrew)"), max_length=300)
    name_en = models.CharField(_("indicator (English)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_on = models.DateField(_("baseline measured on"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target_on = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.UP
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    starts_on = models.DateField(_("first period starts on"))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_indicators",
        verbose_name=_("owner"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("programme"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("community"),
    )
    call = models.ForeignKey(
        "calls.Call",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("call"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shared_indicators",
        verbose_name=_("partnership"),
    )
    is_shared = models.BooleanField(
        _("shared measurement"),
        default=False,
        help_text=_(
            "Every party reports the same indicator; the platform shows each and the total."
        ),
    )

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_on__isnull=True) | Q(target_on__gte=F("starts_on")),
                name="indicator_target_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorParty(models.Model):
    """A party that reports a shared indicator, and who reports for it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="parties", verbose_name=_("indicator")
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        related_name="indicator_parties",
        verbose_name=_("party"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_parties",
        verbose_name=_("reports"),
    )

    class Meta:
        ordering = ("indicator", "pk")
        verbose_name = _("reporting party")
        verbose_name_plural = _("reporting parties")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "actor"], name="indicator_party_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.actor}"


def evidence_upload_path(instance: Measurement, filename: str) -> str:
    import uuid

    return f"measurement/evidence/{instance.indicator_id}/{uuid.uuid4().hex}/{filename}"


class Measurement(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    party = models.ForeignKey(
        IndicatorParty,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("party"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    note = models.TextField(_("evidence: note"), blank=True)
    evidence_file = models.FileField(
        _("evidence: file"), upload_to=evidence_upload_path, blank=True
    )
    evidence_link = models.URLField(_("evidence: link"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        ordering = ("indicator", "period_start", "pk")
        verbose_name = pgettext_lazy("indicator", "measurement")
        verbose_name_plural = pgettext_lazy("indicator", "measurements")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="period_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(party__isnull=True),
                name="one_measurement_per_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "party", "period_start"],
                name="one_measurement_per_party_and_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_start})"


class Target(models.Model):
    """A yearly target of a programme, as the plan states it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("programme")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("target"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("indicator"),
    )

    class Meta:
        ordering = ("programme", "order", "pk")
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")

    def __str__(self) -> str:
        return self.text[:80]


class RubricKind(models.TextChoices):
    COLLECTIVE_IMPACT = "collective_impact", _("Conditions of collective impact")
    OI_MATURITY = "oi_maturity", _("Open-innovation maturity")
    PARTNERSHIP_FLAGS = "partnership_flags", _("Partnership flags")


class SubjectKind(models.TextChoices):
    COMMUNITY = "community", _("Community or initiative")
    ORGANISATION = "organisation", _("Organisation")
    PARTNERSHIP = "partnership", _("Partnership")
    PROGRAMME = "programme", _("Programme")


class Rubric(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=30, choices=RubricKind.choices, unique=True)
    name = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    subject_kind = models.CharField(_("assesses"), max_length=20, choices=SubjectKind.choices)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ("kind",)
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="rubric_scale_is_a_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RubricDimension(models.Model):
    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("rubric")
    )
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name (Hebrew)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    description = models.TextField(_("what to look for"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        ordering = ("rubric", "order", "pk")
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "key"], name="dimension_key_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="dimension_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(TimeStampedModel):
    """One scoring of a rubric for one subject at one date (history is every row)."""

    rubric = models.ForeignKey(
        Rubric, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("rubric")
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="impact_assessments",
        verbose_name=_("community"),
    )
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maturity_assessments",
        verbose_name=_("organisation"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flag_assessments",
        verbose_name=_("partnership"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("programme"),
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ("-assessed_on", "-pk")
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        community__isnull=False,
                        organisation__isnull=True,
                        partnership__isnull=True,
                        programme__isnull=True,
                    )
                    | Q(
                        community__isnull=True,
                        organisation__isnull=False,
                        partnership__isnull=True,
                        programme__isnull=True,
                    )
                    | Q(
                        community__isnull=True,
                        organisation__isnull=True,
                        partnership__isnull=False,
                        programme__isnull=True,
                    )
                    | Q(
                        community__isnull=True,
                        organisation__isnull=True,
                        partnership__isnull=True,
                        programme__isnull=False,
                    )
                ),
                name="assessment_has_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rubric} {self.assessed_on}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    dimension = models.ForeignKey(
        RubricDimension, on_delete=models.PROTECT, related_name="+", verbose_name=_("dimension")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("assessment", "dimension__order")
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="one_score_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.score}"


class ReportKind(models.TextChoices):
    WORK_PLAN = "workplan", _("Yearly work plan")
    COMMUNITY_YEAR = "community_year", _("Community's yearly report")
    CALL_RESULTS = "call_results", _("Call results")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(TimeStampedModel):
    kind = models.CharField(_("report"), max_length=30, choices=ReportKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=5, default="he")
    format = models.CharField(
        _("format"), max_length=10, choices=ReportFormat.choices, default=ReportFormat.PDF
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    task_id = models.CharField(_("background task"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to="measurement/reports/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language}, {self.format})"
