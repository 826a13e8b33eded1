"""Design partnerships (שותפויות מעצבות) and their pilots, as seed 001 runs them.

A partnership joins an organisation and a venture (and sometimes a ministry, a local
authority, a funder or a research partner) around a challenge. It moves through the
seven steps an organisation takes (seed 001): identify challenges, active search, call
(optional), choose a partner, define the partnership, launch, implement; then it ends.
Each step is a ``StagePeriod`` with dates and an owner; moving on is refused while the
step's gate is unmet (``partnerships.gates``), unless an admin overrides it with a
written reason, which is kept.

Defining it (step 5): the expectations of each side, the points to settle early, the
legal checklist and the pilot plan, printed as a versioned "partnership definition" PDF.
Running it (steps 6 and 7): the nine success conditions, the seven common challenges as
a risk register, a feedback log fed through a private link, pilot indicators, decisions,
the continuity plan, and the outcome with its lessons.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kaveret.core.models import TimeStampedModel
from kaveret.ecosystem.choices import FactorScore, PartnershipLevel


class Stage(models.TextChoices):
    """The seven steps of seed 001, then ended."""

    IDENTIFY = "identify", _("01 Identify key challenges")
    SEARCH = "search", _("02 Active search")
    CALL = "call", _("03 Call for partnership or solutions")
    CHOOSE = "choose", _("04 Choose a partner")
    DEFINE = "define", _("05 Define the partnership")
    LAUNCH = "launch", _("06 Launch")
    IMPLEMENT = "implement", _("07 Implement")
    ENDED = "ended", _("Ended")


STAGE_ORDER: tuple[str, ...] = tuple(stage.value for stage in Stage)
OPTIONAL_STAGES = frozenset({Stage.CALL.value})


class Origin(models.TextChoices):
    CALL = "call", _("A call")
    MATCHMAKING = "matchmaking", _("A matchmaking meeting")
    SCOUTING = "scouting", _("Active search (scouting)")
    DIRECT = "direct", _("Direct contact")


class Outcome(models.TextChoices):
    NONE = "", _("Not decided yet")
    PURCHASED = "purchased", _("Implemented: purchased")
    SCALED = "scaled", _("Implemented: scaled")
    EXTENDED = "extended", _("Extended")
    HANDED_OVER = "handed_over", _("Handed over")
    ENDED = "ended", _("Ended")


class Partnership(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        on_delete=models.PROTECT,
        related_name="design_partnerships",
        verbose_name=_("organisation"),
    )
    venture = models.ForeignKey(
        "ecosystem.Venture",
        on_delete=models.PROTECT,
        related_name="design_partnerships",
        verbose_name=_("venture"),
    )
    challenge = models.ForeignKey(
        "challenges.Challenge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("challenge"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("community"),
    )
    origin = models.CharField(
        _("came from"), max_length=20, choices=Origin.choices, default=Origin.DIRECT
    )
    origin_call = models.ForeignKey(
        "calls.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("call it came from"),
    )
    origin_meeting = models.ForeignKey(
        "matching.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("matchmaking meeting it came from"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFY
    )
    # The continuum and its five factors (seed 001).
    level = models.PositiveSmallIntegerField(
        _("level on the continuum"), choices=PartnershipLevel.choices, null=True, blank=True
    )
    proximity = models.PositiveSmallIntegerField(
        _("proximity of vision and values"), choices=FactorScore.choices, null=True, blank=True
    )
    contribution = models.PositiveSmallIntegerField(
        _("contribution"), choices=FactorScore.choices, null=True, blank=True
    )
    added_value = models.PositiveSmallIntegerField(
        _("added value"), choices=FactorScore.choices, null=True, blank=True
    )
    power_gaps = models.PositiveSmallIntegerField(
        _("power gaps"), choices=FactorScore.choices, null=True, blank=True
    )
    investment_capacity = models.PositiveSmallIntegerField(
        _("investment capacity"), choices=FactorScore.choices, null=True, blank=True
    )
    # The organisation's internal ambassador (שגריר פנימי).
    ambassador_name = models.CharField(_("internal ambassador"), max_length=200, blank=True)
    ambassador_role = models.CharField(_("ambassador's role"), max_length=200, blank=True)
    ambassador = models.ForeignKey(
        "ecosystem.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ambassador_of",
        verbose_name=_("ambassador in the registry"),
    )
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    lessons_item = models.ForeignKey(
        "knowledge.KnowledgeItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lessons published as"),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published partnerships are visible to everyone; others only to the parties."),
    )
    feedback_token = models.CharField(
        _("feedback link key"), max_length=64, unique=True, editable=False
    )
    feedback_token_expires_at = models.DateTimeField(
        _("feedback link valid until"), null=True, blank=True
    )
    definition_version = models.PositiveIntegerField(
        _("definition version"), default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ("-updated_at", "pk")
        verbose_name = _("design partnership")
        verbose_name_plural = _("design partnerships")
        indexes = [models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.feedback_token:
            self.feedback_token = new_feedback_token()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.pk])


def new_feedback_token() -> str:
    return secrets.token_urlsafe(32)


class PartyRole(models.TextChoices):
    MINISTRY = "ministry", _("Government ministry")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    FUNDER = "funder", _("Funder")
    RESEARCH = "research", _("Research partner")
    OTHER = "other", _("Other")


class PartnershipParty(models.Model):
    """A party beyond the organisation and the venture."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="parties", verbose_name=_("partnership")
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        related_name="partnership_parties",
        verbose_name=_("party"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("partnership", "role", "pk")
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["partnership", "actor"], name="party_once")]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class StagePeriod(models.Model):
    """One stage of one partnership: its dates, its owner, and how it was entered."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stages", verbose_name=_("partnership")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    due_on = models.DateField(_("planned until"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ("partnership", "pk")
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "stage"], name="stage_once"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ended_on__gte=F("starts_on")),
                name="stage_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_stage_display()}"


class StageMove(models.Model):
    """Every move between stages, with the gate that was overridden, if any."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="moves", verbose_name=_("partnership")
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moved by"),
    )
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)
    unmet = models.JSONField(_("unmet conditions overridden"), default=list, blank=True)
    override_reason = models.TextField(_("reason for overriding the gate"), blank=True)

    class Meta:
        ordering = ("partnership", "moved_at", "pk")
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        constraints = [
            models.CheckConstraint(
                condition=Q(unmet=[]) | ~Q(override_reason=""), name="override_needs_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.from_stage} → {self.to_stage}"


class ExpectationSide(models.TextChoices):
    VENTURE = "venture", _("What the entrepreneurs expect")
    ORGANISATION = "organisation", _("What the organisation expects")
    SHARED = "shared", _("To settle early")


class ExpectationKey(models.TextChoices):
    # Entrepreneurs (seed 001).
    ACCESS_TO_USERS = "access_to_users", _("Access to users and beneficiaries")
    ACCESS_TO_DATA = "access_to_data", _("Access to relevant data")
    EXPERT_KNOWLEDGE = "expert_knowledge", _("Expert professional knowledge")
    VENTURE_TRANSPARENCY = "venture_transparency", _("Transparency in the process")
    IP_PROTECTION = "ip_protection", _("Protection of intellectual property")
    COMMERCIAL_PRODUCT = "commercial_product", _("Keeping a general commercial product")
    # Organisations (seed 001).
    UNDERSTANDING = "understanding", _("Deep understanding of the challenge")
    FLEXIBILITY = "flexibility", _("Flexibility and adaptation")
    ORGANISATION_TRANSPARENCY = "organisation_transparency", _("Transparency in development")
    ETHICS = "ethics", _("Sensitivity and ethics")
    COMMITMENT = "commitment", _("Commitment to the process")
    DEEP_KNOWLEDGE = "deep_knowledge", _("Deep knowledge of the problem")
    # To settle early (seed 001, success condition 1).
    RESOURCES = "resources", _("How resources are raised")
    CREDITS = "credits", _("Credits: to whom and how")
    COMMUNICATION = "communication", _("Communication routines")
    DECISIONS = "decisions", _("Decision making")
    INFORMATION_FLOW = "information_flow", _("Information flow")


EXPECTATIONS_BY_SIDE: dict[str, tuple[str, ...]] = {
    ExpectationSide.VENTURE: (
        ExpectationKey.ACCESS_TO_USERS,
        ExpectationKey.ACCESS_TO_DATA,
        ExpectationKey.EXPERT_KNOWLEDGE,
        ExpectationKey.VENTURE_TRANSPARENCY,
        ExpectationKey.IP_PROTECTION,
        ExpectationKey.COMMERCIAL_PRODUCT,
    ),
    ExpectationSide.ORGANISATION: (
        ExpectationKey.UNDERSTANDING,
        ExpectationKey.FLEXIBILITY,
        ExpectationKey.ORGANISATION_TRANSPARENCY,
        ExpectationKey.ETHICS,
        ExpectationKey.COMMITMENT,
        ExpectationKey.DEEP_KNOWLEDGE,
    ),
    ExpectationSide.SHARED: (
        ExpectationKey.RESOURCES,
        ExpectationKey.CREDITS,
        ExpectationKey.COMMUNICATION,
        ExpectationKey.DECISIONS,
        ExpectationKey.INFORMATION_FLOW,
    ),
}


class AgreementStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("agreement status", "Open")
    AGREED = "agreed", _("Agreed")
    AGREED_WITH_NOTE = "agreed_with_note", _("Agreed with a note")


class Expectation(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="expectations",
        verbose_name=_("partnership"),
    )
    side = models.CharField(_("side"), max_length=20, choices=ExpectationSide.choices)
    key = models.CharField(_("expectation"), max_length=40, choices=ExpectationKey.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("partnership", "pk")
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="expectation_once"),
            models.CheckConstraint(
                condition=~Q(status="agreed_with_note") | ~Q(note=""),
                name="agreed_with_note_has_note",
            ),
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class LegalKey(models.TextChoices):
    OWNERSHIP = "ownership", _("Ownership of what is developed")
    USAGE_RIGHTS = "usage_rights", _("Usage rights")
    DATA_PRIVACY = "data_privacy", _("Data access and privacy")
    COSTS = "costs", _("Costs")
    ADAPTATIONS = "adaptations", _("Scope of adaptations")
    EXCLUSIVITY = "exclusivity", _("Exclusivity")
    AFTER_PILOT = "after_pilot", _("What happens after the pilot")


class LegalItem(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="legal_items",
        verbose_name=_("partnership"),
    )
    key = models.CharField(_("subject"), max_length=20, choices=LegalKey.choices)
    agreed_text = models.TextField(_("agreed text"), blank=True)
    is_agreed = models.BooleanField(_("agreed"), default=False)

    class Meta:
        ordering = ("partnership", "pk")
        verbose_name = _("legal checklist item")
        verbose_name_plural = _("legal checklist")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="legal_item_once"),
            models.CheckConstraint(
                condition=Q(is_agreed=False) | ~Q(agreed_text=""), name="agreed_item_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class PilotPlan(models.Model):
    """The pilot plan of step 5."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="pilot_plan",
        verbose_name=_("partnership"),
    )
    scope = models.TextField(_("scope"), blank=True)
    participants_headquarters = models.TextField(
        _("participants at headquarters (both sides)"), blank=True
    )
    participants_field = models.TextField(_("participants in the field (both sides)"), blank=True)
    data_access = models.TextField(_("data access"), blank=True)
    terms_of_use = models.TextField(_("terms of use"), blank=True)
    training_support = models.TextField(_("training and support"), blank=True)
    feedback_collection = models.TextField(_("how feedback is collected"), blank=True)
    adaptation_level = models.TextField(_("level of adaptation to the organisation"), blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    starts_on = models.DateField(_("pilot starts on"), null=True, blank=True)
    ends_on = models.DateField(_("pilot ends on"), null=True, blank=True)
    success_indicators = models.TextField(_("indicators of success"), blank=True)

    class Meta:
        verbose_name = _("pilot plan")
        verbose_name_plural = _("pilot plans")

    def __str__(self) -> str:
        return str(self.partnership)


class DefinitionDocument(models.Model):
    """A generated "partnership definition" PDF, one per version and language."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="definition_documents",
        verbose_name=_("partnership"),
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=5)
    file = models.FileField(_("file"), upload_to="partnerships/definitions/")
    content_hash = models.CharField(_("hash of the content"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("partnership", "-version", "language")
        verbose_name = _("definition document")
        verbose_name_plural = _("definition documents")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "version", "language"], name="definition_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} v{self.version} ({self.language})"


class ConditionKey(models.TextChoices):
    """The nine conditions for success of seed 001."""

    EARLY_EXPECTATIONS = "early_expectations", _("Early and clear alignment of expectations")
    MUTUAL_COMMITMENT = "mutual_commitment", _("Mutual commitment and allocation of resources")
    ORGANISATIONAL_LEAD = "organisational_lead", _("An organisational lead")
    OPENNESS_TRUST = "openness_trust", _("Open minds and trust on both sides")
    GRADUAL_APPROACH = "gradual_approach", _("A gradual, not perfect, approach")
    EARLY_LEGAL = "early_legal", _("Early settlement of legal aspects")
    SUPPORT_LEARNING = "support_learning", _("A frame for problem solving and shared learning")
    MEASUREMENT = "measurement", _("An orderly process of measurement and learning")
    CONTINUITY = "continuity", _("Planning continuity in advance")


class ConditionStatus(models.TextChoices):
    NOT_MET = "not_met", _("Not met")
    PARTLY = "partly", _("Partly met")
    MET = "met", pgettext_lazy("condition status", "Met")


class SuccessCondition(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="conditions",
        verbose_name=_("partnership"),
    )
    key = models.CharField(_("condition"), max_length=30, choices=ConditionKey.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConditionStatus.choices,
        default=ConditionStatus.NOT_MET,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("partnership", "pk")
        verbose_name = _("success condition")
        verbose_name_plural = _("success conditions")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="condition_once")
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class RiskKey(models.TextChoices):
    """The seven common challenges of seed 001, plus any other risk."""

    PARTIAL_PRODUCT = "partial_product", _("Working with a partial product")
    IP_EXCLUSIVITY = "ip_exclusivity", _("Tension over intellectual property or exclusivity")
    PACE_GAPS = "pace_gaps", _("Gaps of pace between the organisation and the venture")
    MANY_STAKEHOLDERS = "many_stakeholders", _("Many parties to enlist")
    UNCERTAIN_RETURN = "uncertain_return", _("Investing resources against an uncertain result")
    FUNDING_CONTINUITY = "funding_continuity", _("Keeping funding and continuity to implementation")
    PRODUCT_VS_CUSTOM = "product_vs_custom", _("Balancing a product approach with customisation")
    OTHER = "other", _("Other")


class RiskLevel(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class RiskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("risk status", "Open")
    MITIGATING = "mitigating", _("Being mitigated")
    CLOSED = "closed", _("Closed")


class Risk(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="risks", verbose_name=_("partnership")
    )
    key = models.CharField(_("challenge"), max_length=30, choices=RiskKey.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    mitigation = models.TextField(_("mitigation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )

    class Meta:
        ordering = ("partnership", "-likelihood", "-impact", "pk")
        verbose_name = _("risk")
        verbose_name_plural = _("risk register")

    def __str__(self) -> str:
        return self.title or self.get_key_display()


class FeedbackRole(models.TextChoices):
    STAFF = "staff", _("Organisation staff")
    USER = "user", _("User or beneficiary")


class Feedback(models.Model):
    """Feedback left through the private link (no account, no personal data needed)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("partnership"),
    )
    role = models.CharField(_("I am"), max_length=20, choices=FeedbackRole.choices)
    rating = models.PositiveSmallIntegerField(_("rating (1-5)"))
    text = models.TextField(_("feedback"))
    created_at = models.DateTimeField(_("given at"), auto_now_add=True, db_index=True)
    response = models.TextField(_("the venture's answer"), blank=True)
    change_made = models.TextField(_("change made"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ("partnership", "-created_at", "pk")
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.rating}"


class PilotIndicator(models.Model):
    """A pilot's indicator (stored here until the measurement module exists)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("partnership"),
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        ordering = ("partnership", "pk")
        verbose_name = _("pilot indicator")
        verbose_name_plural = _("pilot indicators")

    def __str__(self) -> str:
        return self.name


class PilotMeasurement(models.Model):
    indicator = models.ForeignKey(
        PilotIndicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.TextField(_("evidence or note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        ordering = ("indicator", "measured_on", "pk")
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="one_measurement_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class DecisionEntry(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("partnership"),
    )
    decided_on = models.DateField(_("decided on"))
    text = models.TextField(_("decision"))
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ("partnership", "-decided_on", "-pk")
        verbose_name = _("decision")
        verbose_name_plural = _("decisions log")

    def __str__(self) -> str:
        return f"{self.decided_on}: {self.text[:60]}"


class ContinuityPlan(models.Model):
    """Who funds what after the pilot, the procurement path, and the hand-over."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="continuity",
        verbose_name=_("partnership"),
    )
    funding_after = models.TextField(_("who funds what after the pilot"), blank=True)
    procurement_path = models.TextField(_("procurement path"), blank=True)
    handover_to = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over to"),
    )
    handover_on = models.DateField(_("hand-over date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("continuity plan")
        verbose_name_plural = _("continuity plans")

    def __str__(self) -> str:
        return str(self.partnership)
