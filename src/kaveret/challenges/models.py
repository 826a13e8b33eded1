"""National and social challenges (אתגרים), and how members refine them.

A challenge is defined by a ministry, the founders, a steering committee or a community
(seed 000) and refined by members: comments, support, and proposed edits the owner
accepts or rejects. Every accepted change of the text is kept as a revision, so the
history stays readable with who changed what. A *system challenge* (seed 004) also
records its five criteria and its MAP tags.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel


class ChallengeKind(models.TextChoices):
    NATIONAL = "national", _("National challenge")
    SOCIAL = "social", _("Social challenge")
    SYSTEM = "system", _("System challenge")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REFINEMENT = "refinement", _("In refinement")
    OPEN = "open", _("Open")
    ADDRESSED = "addressed", _("Addressed")
    CLOSED = "closed", _("Closed")


class ChallengeOwnerKind(models.TextChoices):
    """Who defined the challenge (seed 000)."""

    MINISTRY = "ministry", _("A government ministry")
    FOUNDERS = "founders", _("The founders")
    STEERING_COMMITTEE = "steering_committee", _("The steering committee")
    COMMUNITY = "community", _("The community")


class ChallengeOrigin(models.TextChoices):
    """Where the challenge came from."""

    MAPPING = "mapping", _("Ecosystem mapping")
    LEARNING = "learning", _("A learning meeting or roundtable")
    STEERING_COMMITTEE = "steering_committee", _("A steering-committee decision")
    MINISTRY_REQUEST = "ministry_request", _("A ministry's request")
    FIELD = "field", _("The field: organisations and service users")
    TREND = "trend", _("Trend sensing")
    WORK_PLAN = "work_plan", _("A work plan")


class MapTag(models.TextChoices):
    """The MAP road map of seed 004: Mindset, Ability, Pipes and mechanisms."""

    MINDSET = "mindset", _("Mindset")
    ABILITY = "ability", _("Ability")
    PIPES = "pipes", _("Pipes and mechanisms")


class Challenge(TimeStampedModel):
    """A challenge; its text fields are the ones members refine (``REFINABLE_FIELDS``)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ChallengeKind.choices, default=ChallengeKind.SOCIAL
    )
    problem = models.TextField(_("problem statement"))
    background = models.TextField(_("background"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    success_measures = models.TextField(_("success measures"), blank=True)
    populations = models.ManyToManyField(
        "ecosystem.TargetPopulation", blank=True, verbose_name=_("target populations")
    )
    domain = models.ForeignKey(
        "ecosystem.Domain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("domain"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("community"),
    )
    owner_kind = models.CharField(
        _("defined by"), max_length=30, choices=ChallengeOwnerKind.choices
    )
    owner_organisation = models.ForeignKey(
        "ecosystem.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_challenges",
        verbose_name=_("owning organisation"),
        help_text=_("The ministry or organisation that owns the challenge, if any."),
    )
    owner = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="owned_challenges",
        verbose_name=_("owner"),
        help_text=_("The person who accepts or rejects proposed edits."),
    )
    origin = models.CharField(_("came from"), max_length=30, choices=ChallengeOrigin.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    # The five criteria of a system challenge (seed 004).
    about_interfaces = models.BooleanField(
        _("about the interfaces between services, not the services themselves"), default=False
    )
    recurring = models.BooleanField(
        _("recurs across many content worlds or target groups"), default=False
    )
    structural = models.BooleanField(
        _("stems from structural causes: the sectors' roles and power relations"), default=False
    )
    affects_implementation = models.BooleanField(
        _("directly affects how social-service policy is implemented"), default=False
    )
    sector_wide = models.BooleanField(
        _("almost every organisation in the sector affects it or is affected"), default=False
    )
    map_tags = models.JSONField(
        _("MAP tags"), default=list, blank=True, help_text=_("Mindset, Ability, Pipes.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    REFINABLE_FIELDS = ("title", "problem", "background", "evidence", "success_measures")
    SYSTEM_CRITERIA = (
        "about_interfaces",
        "recurring",
        "structural",
        "affects_implementation",
        "sector_wide",
    )

    class Meta:
        ordering = ("-published_at", "-pk")
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ChallengeStatus.values), name="challenge_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        """Visitors see a challenge once it leaves draft (in refinement, open or after)."""
        return self.status != ChallengeStatus.DRAFT


class ChallengeComment(models.Model):
    """A member's comment on a challenge, part of its refinement."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="comments", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="challenge_comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("comment on a challenge")
        verbose_name_plural = _("comments on challenges")

    def __str__(self) -> str:
        return f"{self.author_id} → {self.challenge_id}"


class ChallengeSupport(models.Model):
    """One member's support for a challenge; a member supports a challenge at most once."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="supports", verbose_name=_("challenge")
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="challenge_supports",
        verbose_name=_("supporter"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("support for a challenge")
        verbose_name_plural = _("supports for challenges")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="challenge_support_once_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.challenge_id}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the owner")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class EditProposal(models.Model):
    """A member's proposed change to one or more refinable fields of a challenge.

    ``changes`` maps each field to its proposed text; ``base`` keeps each field's text as
    it was when the proposal was made, so accepting it over a text that changed since is
    refused instead of silently overwriting someone else's edit.
    """

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="challenge_proposals",
        verbose_name=_("author"),
    )
    changes = models.JSONField(_("proposed text"), default=dict)
    base = models.JSONField(_("text it was proposed against"), default=dict)
    note = models.TextField(_("why this change"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_message = models.TextField(_("message to the author"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="edit_proposal_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.PROPOSED


class RevisionSource(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited directly")
    PROPOSAL = "proposal", _("Accepted proposed edit")


class ChallengeRevision(models.Model):
    """One change of a challenge's text: who, when, and each field's text before and after.

    ``changes`` maps each changed field to ``{"before": ..., "after": ...}``.
    """

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="challenge_revisions",
        verbose_name=_("changed by"),
    )
    source = models.CharField(_("how"), max_length=20, choices=RevisionSource.choices)
    proposal = models.ForeignKey(
        EditProposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("proposed edit"),
    )
    changes = models.JSONField(_("changes"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("revision of a challenge")
        verbose_name_plural = _("revisions of challenges")

    def __str__(self) -> str:
        return f"{self.challenge_id} @ {self.created_at:%Y-%m-%d %H:%M}"


def field_label(name: str) -> str:
    """The translated label of a field of ``Challenge``, e.g. for a diff's heading."""
    return str(getattr(Challenge._meta.get_field(name), "verbose_name", name))
