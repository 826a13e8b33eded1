"""Innovation communities: members, history, ecosystem work, principles and events."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kaveret.core.models import TimeStampedModel, TranslatedNameModel


class EcosystemPhase(models.TextChoices):
    """The four moves of ecosystem work (seed 000), which return as a cycle."""

    EXPLORATION = "exploration", _("Exploration")
    DEEPENING = "deepening", _("Deepening")
    RESPONSE = "response", _("Response")
    EVALUATION = "evaluation", _("Evaluation")


class Community(TranslatedNameModel, TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    domain = models.ForeignKey(
        "ecosystem.Domain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("domain"),
    )
    founders = models.ManyToManyField(
        "ecosystem.Actor",
        blank=True,
        related_name="founded_communities",
        verbose_name=_("founders and government partners"),
    )
    phase = models.CharField(
        _("ecosystem-work phase"),
        max_length=20,
        choices=EcosystemPhase.choices,
        default=EcosystemPhase.EXPLORATION,
    )
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    knowledge_needs_review = models.BooleanField(
        _("knowledge items need a coordinator's review"),
        default=True,
        help_text=_(
            "When on, members' knowledge items are published after a coordinator approves "
            "them; when off, authors publish them themselves."
        ),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", args=[self.slug])


class MemberType(models.TextChoices):
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    NEED_EXPERT = "need_expert", _("Need expert")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
    BUSINESS = "business", _("Business")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    ACADEMIA = "academia", _("Academia")
    FUNDER = "funder", _("Funder")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PENDING = "pending", _("Pending")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class Membership(TimeStampedModel):
    """A person, organisation or venture taking part in a community."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("community")
    )
    actor = models.ForeignKey(
        "ecosystem.Actor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation or venture"),
    )
    person = models.ForeignKey(
        "ecosystem.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("person"),
    )
    member_type = models.CharField(_("member type"), max_length=30, choices=MemberType.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)
    # The request and the decision on it; a member who left or was declined may ask again,
    # which reuses this row (one row per member and community) and keeps the history.
    requested_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_requests",
        verbose_name=_("requested by"),
    )
    request_note = models.TextField(_("why they want to join"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_decisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        ordering = ("community", "-joined_on", "pk")
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, person__isnull=True)
                | Q(actor__isnull=True, person__isnull=False),
                name="membership_of_actor_or_person",
            ),
            models.UniqueConstraint(
                fields=["community", "actor"],
                condition=Q(actor__isnull=False),
                name="unique_actor_membership",
            ),
            models.UniqueConstraint(
                fields=["community", "person"],
                condition=Q(person__isnull=False),
                name="unique_person_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor or self.person} @ {self.community}"


class Invitation(TimeStampedModel):
    """A manager's invitation by e-mail; the link in it lets the invitee join at once."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("community")
    )
    email = models.EmailField(_("email"))
    member_type = models.CharField(_("member type"), max_length=30, choices=MemberType.choices)
    message = models.TextField(_("message"), blank=True)
    invited_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="sent_invitations",
        verbose_name=_("invited by"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "pk")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.community}"


class HistoryKind(models.TextChoices):
    MEMBERSHIP_REQUESTED = "membership_requested", _("Asked to join")
    MEMBERSHIP_APPROVED = "membership_approved", _("Membership approved")
    MEMBERSHIP_DECLINED = "membership_declined", _("Membership declined")
    MEMBERSHIP_LEFT = "membership_left", _("Left the community")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    PHASE_CHANGED = "phase_changed", _("Phase changed")
    CYCLE_STARTED = "cycle_started", _("New cycle started")
    SETTINGS_CHANGED = "settings_changed", _("Settings changed")


class CommunityHistory(models.Model):
    """One change to a community's members, roles, seats or phase; never edited or deleted.

    ``subject`` is the member or user the change concerns, as it read at the time, so the
    history stays readable after the member or the user is gone.
    """

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="history", verbose_name=_("community")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("change"), max_length=30, choices=HistoryKind.choices)
    subject = models.CharField(_("concerning"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="history",
        verbose_name=_("membership"),
    )

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("community history entry")
        verbose_name_plural = _("community history")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def role_label(self) -> str:
        from kaveret.accounts.models import Role

        return str(Role(self.role).label) if self.role in Role.values else self.role


# Ecosystem work (seed 000): four moves that return as a cycle.


class WorkCycle(models.Model):
    """One turn of the four moves; a new one starts when a manager moves on from evaluation."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="work_cycles", verbose_name=_("community")
    )
    number = models.PositiveSmallIntegerField(_("cycle"))
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ("community", "-number")
        verbose_name = _("ecosystem-work cycle")
        verbose_name_plural = _("ecosystem-work cycles")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="unique_work_cycle"),
            models.UniqueConstraint(
                fields=["community"],
                condition=Q(ended_on__isnull=True),
                name="one_open_work_cycle",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} #{self.number}"


class ActivityKind(models.TextChoices):
    MAPPING = "mapping", _("Mapping")
    LEARNING_MEETING = "learning_meeting", _("Learning meeting")
    STEERING_MEETING = "steering_meeting", _("Steering-committee meeting")
    ROUNDTABLE = "roundtable", _("Roundtable")
    CALL = "call", _("Call")
    CHALLENGE_TENDER = "challenge_tender", _("Challenge tender")
    LAB = "lab", _("Lab")
    TRAINING = "training", _("Training")
    PILOT = "pilot", _("Pilot")
    EVALUATION = "evaluation", _("Evaluation")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class WorkActivity(TimeStampedModel):
    """An activity of ecosystem work, under one of the four moves of a cycle."""

    cycle = models.ForeignKey(
        WorkCycle, on_delete=models.CASCADE, related_name="activities", verbose_name=_("cycle")
    )
    move = models.CharField(_("move"), max_length=20, choices=EcosystemPhase.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_activities",
        verbose_name=_("owner"),
    )
    map_tags = models.JSONField(
        _("MAP tags"),
        default=list,
        blank=True,
        help_text=_("Mindset, Ability, Pipes and mechanisms (seed 004)."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    outputs = models.TextField(_("outputs"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)

    class Meta:
        ordering = ("cycle", "move", "starts_on", "pk")
        verbose_name = _("ecosystem-work activity")
        verbose_name_plural = _("ecosystem-work activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="work_activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Principle(models.TextChoices):
    """The six working principles of the communities (seed 000)."""

    DIVERSE_ENTREPRENEURSHIP = "diverse_entrepreneurship", _("Diverse entrepreneurship")
    OPEN_INNOVATION = "open_innovation", _("Open innovation")
    COMMUNITY_MISSION_BALANCE = "community_mission_balance", _("Community and mission balance")
    LIVING_BODY = "living_body", _("A living and updating body")
    MULTI_SECTORALITY = "multi_sectorality", _("Multi-sectorality")
    PROSUMERS = "prosumers", _("Members as prosumers")


class PrincipleAssessment(models.Model):
    """A periodic self-assessment of the six principles, by the community's staff."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="principle_assessments",
        verbose_name=_("community"),
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("community", "-assessed_on", "-pk")
        verbose_name = _("principles self-assessment")
        verbose_name_plural = _("principles self-assessments")

    def __str__(self) -> str:
        return f"{self.community} {self.assessed_on}"


class PrincipleScore(models.Model):
    assessment = models.ForeignKey(
        PrincipleAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    principle = models.CharField(_("principle"), max_length=40, choices=Principle.choices)
    score = models.PositiveSmallIntegerField(_("score (1-5)"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("assessment", "principle")
        verbose_name = _("principle score")
        verbose_name_plural = _("principle scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "principle"], name="one_score_per_principle"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="principle_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_principle_display()}: {self.score}"


class EventKind(models.TextChoices):
    ROUNDTABLE = "roundtable", _("Roundtable")
    MEETUP = "meetup", _("Meetup")
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    LAB_SESSION = "lab_session", _("Lab session")
    HACKATHON = "hackathon", _("Hackathon")
    MATCHMAKING = "matchmaking", _("Matchmaking")


class Event(TimeStampedModel):
    """A gathering of a community; times are stored in UTC and shown in Asia/Jerusalem."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="events", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    accessibility = models.TextField(_("accessibility information"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_link=""), name="event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:event_detail", args=[self.community.slug, self.pk])


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


# Statuses that hold a seat: attendance is taken from the registered.
SEAT_HOLDING_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


class EventRegistration(models.Model):
    """One user's place at an event, or on its waiting list (first come, first served)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The waiting list's order; set again when someone comes back after cancelling.
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        ordering = ("event", "queued_at", "pk")
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_user"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="event_registration_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"
