"""Calls and what follows them: forms, applications, reviews, decisions and grants.

The path (seed 000, seed 001, seed 004): staff open a **call** (a funding or support
mechanism serving challenges and a community) with eligibility rules, a rubric and an
application **form** built from typed questions. The form is frozen when the call opens;
a change then makes a new **form version**, and each application keeps the version it
answered. Applicants (a venture, an organisation or a person) fill an **application**
as a draft and submit it once, before the deadline (Asia/Jerusalem). Staff assign
**reviewers**, who declare conflicts first and score each rubric criterion; staff
**decide** (accept, reject, waitlist, with a reason) and accepted applications get a
**grant** with milestones, reports and disbursements, never beyond the call's budget.
Every change is written to the call's **audit** history.

Eligibility rules are a JSON object on the call; each key, when present and non-empty,
restricts who may apply (all must hold):

    {
      "applicant_kinds": ["venture", "organisation", "person"],
      "venture_types": [VentureType values], "stages": [VentureStage values],
      "founders_societies": [FoundersSociety values],
      "organisation_kinds": [OrganisationKind values],
      "domains": [Domain slugs], "populations": [TargetPopulation slugs],
      "regions": [Region slugs]          (an actor matches when it has one of them)
    }

A question's ``choices`` is a list of ``{"value", "label", "label_en", "label_ar"}``;
an application's ``answers`` maps a question's ``key`` to its answer (text, number,
ISO date, a choice value or a list of them, true/false; files are
``ApplicationFile`` rows).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel


class Mechanism(models.TextChoices):
    """The funding and support mechanisms of seed 000."""

    CALL_FOR_PROPOSALS = "call_for_proposals", _("Call for proposals")
    RFI = "rfi", _("Request for information (RFI)")
    CHALLENGE_TENDER = "challenge_tender", _("Challenge tender")
    MICRO_GRANT = "micro_grant", _("Micro-grant")
    GRANT_PROGRAMME = "grant_programme", _("Grant programme")
    ACCELERATOR = "accelerator", _("Accelerator intake")
    JOINT_PILOT = "joint_pilot", _("Joint pilot programme")
    SCALE_PROGRAMME = "scale_programme", _("Scale programme")
    HACKATHON = "hackathon", _("Hackathon")


class Offer(models.TextChoices):
    GRANT = "grant", _("A grant")
    MENTORING = "mentoring", _("Mentoring")
    PILOT = "pilot", _("A pilot with a partner")
    NETWORK = "network", _("Network and connections")
    CONSULTING = "consulting", _("Consulting")


class Call(TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    title = models.CharField(_("title (Hebrew)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    mechanism = models.CharField(_("mechanism"), max_length=30, choices=Mechanism.choices)
    offers = models.JSONField(_("what it offers"), default=list, blank=True)
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("community"),
    )
    challenges = models.ManyToManyField(
        "challenges.Challenge", blank=True, related_name="calls", verbose_name=_("challenges")
    )
    eligibility = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"), help_text=_("Israel time."))
    review_ends_on = models.DateField(_("reviews end"), null=True, blank=True)
    decision_on = models.DateField(_("decisions by"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (ILS)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviews per application"), default=2
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="reviewed_calls",
        verbose_name=_("reviewers"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ("deadline", "pk")
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")), name="call_deadline_after_opening"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="call_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:detail", args=[self.slug])


class RubricCriterion(models.Model):
    """One criterion of a call's rubric: a weight and a scale (seed 001's six to start)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion (Hebrew)"), max_length=200)
    name_en = models.CharField(_("criterion (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("criterion (Arabic)"), max_length=200, blank=True)
    description = models.TextField(_("what to look for"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ("call", "order", "pk")
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="criterion_scale_valid"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class FormVersion(models.Model):
    """One version of a call's application form; frozen once the call has opened."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="form_versions", verbose_name=_("call")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)

    class Meta:
        ordering = ("call", "-number")
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_form_version"),
        ]

    def __str__(self) -> str:
        return f"{self.call} v{self.number}"


class FormSection(models.Model):
    version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("form")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title (Hebrew)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)

    class Meta:
        ordering = ("version", "order", "pk")
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    DATE = "date", _("Date")
    FILE = "file", _("File")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="questions", verbose_name=_("form")
    )
    section = models.ForeignKey(
        FormSection,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("section"),
    )
    key = models.SlugField(_("key"), max_length=60, help_text=_("Stable name of the answer."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question (Hebrew)"), max_length=500)
    label_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    label_ar = models.CharField(_("question (Arabic)"), max_length=500, blank=True)
    help_text = models.TextField(_("help text (Hebrew)"), blank=True)
    help_text_en = models.TextField(_("help text (English)"), blank=True)
    help_text_ar = models.TextField(_("help text (Arabic)"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_length = models.PositiveIntegerField(_("length limit"), null=True, blank=True)
    min_value = models.DecimalField(
        _("lowest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    file_types = models.JSONField(
        _("file types"), default=list, blank=True, help_text=_("Extensions, e.g. pdf, docx.")
    )
    max_file_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), null=True, blank=True)

    class Meta:
        ordering = ("version", "order", "pk")
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_question_key"),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class ApplicantKind(models.TextChoices):
    VENTURE = "venture", _("A venture")
    ORGANISATION = "organisation", _("An organisation")
    PERSON = "person", _("A person")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WAITLISTED = "waitlisted", _("Waitlisted")


class Application(TimeStampedModel):
    """One applicant's answer to a call: one per applicant and call."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    form_version = models.ForeignKey(
        FormVersion,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("form version"),
    )
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=20, choices=ApplicantKind.choices
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("venture or organisation"),
    )
    person = models.ForeignKey(
        "ecosystem.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("filled by"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    eligibility_result = models.JSONField(_("eligibility result"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ("call", "-submitted_at", "pk")
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, person__isnull=True)
                | Q(actor__isnull=True, person__isnull=False),
                name="application_of_actor_or_person",
            ),
            models.UniqueConstraint(
                fields=["call", "actor"],
                condition=Q(actor__isnull=False),
                name="one_application_per_actor",
            ),
            models.UniqueConstraint(
                fields=["call", "person"],
                condition=Q(person__isnull=False),
                name="one_application_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.actor or self.person} → {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("calls:application", args=[self.call.slug, self.pk])

    @property
    def applicant_name(self) -> str:
        if self.actor_id:
            return self.actor.display_name  # type: ignore[union-attr]
        return self.person.full_name  # type: ignore[union-attr]


def application_file_path(instance: ApplicationFile, filename: str) -> str:
    return f"calls/{instance.application.call_id}/{instance.application_id}/{filename}"


class ApplicationFile(models.Model):
    """A file answering a file question; stored outside the static root, served only
    through a view that checks who may read the application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="files", verbose_name=_("application")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    file = models.FileField(_("file"), upload_to=application_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ("application", "question", "pk")
        verbose_name = _("application file")
        verbose_name_plural = _("application files")

    def __str__(self) -> str:
        return self.original_name


# Reviews


class ConflictDeclaration(models.Model):
    """A reviewer's declared conflict with one application, made before seeing it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
        verbose_name=_("reviewer"),
    )
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        ordering = ("application", "reviewer")
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_conflict_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ⟂ {self.application}"


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    WAITLIST = "waitlist", _("Waitlist")
    REJECT = "reject", _("Reject")


class Review(models.Model):
    """One reviewer's assignment to an application, and their review of it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )

    class Meta:
        ordering = ("application", "assigned_at", "pk")
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_each"),
        ]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class ReviewScore(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        RubricCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ("review", "criterion")
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


# Decisions and grants


class Outcome(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Reject")
    WAITLIST = "waitlist", _("Waitlist")


class Decision(models.Model):
    """A decision on an application; final unless an admin reverses it with a reason.

    Reversing keeps the row (``reversed_*`` filled) and a new decision may follow; the
    application's current decision is its latest one not reversed.
    """

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reversed by"),
    )
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversal_reason = models.TextField(_("why it was reversed"), blank=True)

    class Meta:
        ordering = ("application", "-decided_at", "-pk")
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(reversed_at__isnull=True),
                name="one_standing_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.application}"


class Grant(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="grant", verbose_name=_("application")
    )
    amount = models.DecimalField(
        _("amount (ILS)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("application",)
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount}"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REPORTED = "reported", _("Reported")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")


class Milestone(models.Model):
    """A step of a grant; outcome-based when it names a measurable target (seed 002)."""

    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("grant")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    amount = models.DecimalField(
        _("amount (ILS)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    outcome_measure = models.CharField(_("measurable outcome"), max_length=300, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )

    class Meta:
        ordering = ("grant", "order", "due_on", "pk")
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class MilestoneReport(models.Model):
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="reports", verbose_name=_("milestone")
    )
    text = models.TextField(_("report"))
    value = models.DecimalField(
        _("value reached"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ("milestone", "-submitted_at")
        verbose_name = _("milestone report")
        verbose_name_plural = _("milestone reports")

    def __str__(self) -> str:
        return f"{self.milestone} ({self.submitted_at:%Y-%m-%d})"


class Disbursement(models.Model):
    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="disbursements", verbose_name=_("grant")
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disbursements",
        verbose_name=_("milestone"),
    )
    amount = models.DecimalField(
        _("amount (ILS)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ("grant", "paid_on", "pk")
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.grant}: {self.amount} ({self.paid_on})"


class AuditEntry(models.Model):
    """One change to a call, form, application, review, decision or grant; never edited.

    ``changes`` maps a field to ``[before, after]`` (JSON-able values) where that helps;
    ``summary`` says what happened in words, in Hebrew, as it read at the time.
    """

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="audit", verbose_name=_("call")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit",
        verbose_name=_("application"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit history")

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"
