"""The ecosystem registry: actors (organisations and ventures), people, taxonomies, relations.

Organisations and ventures share one ``Actor`` table (multi-table inheritance) so that a
relation, a membership or a map node can point at either with one foreign key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kaveret.core.models import TimeStampedModel, TranslatedNameModel
from kaveret.core.text import search_document

from .choices import (
    ActorType,
    FactorScore,
    FoundersSociety,
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureOrigin,
    VentureStage,
    VentureType,
)
from .validators import validate_registration_number


class Taxonomy(TranslatedNameModel):
    """A term of an admin-editable, translated vocabulary."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ("name",)


class Domain(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class TargetPopulation(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target population")
        verbose_name_plural = _("target populations")


class Technology(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")


class Region(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Language(models.TextChoices):
    HEBREW = "he", _("Hebrew")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    AMHARIC = "am", _("Amharic")


class ActorQuerySet(models.QuerySet["Actor"]):
    def public(self) -> ActorQuerySet:
        return self.filter(is_public=True)


class Actor(TranslatedNameModel, TimeStampedModel):
    """Anything that can stand in a relation: an organisation or a venture."""

    actor_type = models.CharField(
        _("actor type"), max_length=20, choices=ActorType.choices, editable=False, db_index=True
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    domains = models.ManyToManyField(Domain, blank=True, verbose_name=_("domains"))
    target_populations = models.ManyToManyField(
        TargetPopulation, blank=True, verbose_name=_("target populations")
    )
    regions = models.ManyToManyField(Region, blank=True, verbose_name=_("regions"))
    is_public = models.BooleanField(
        _("shown to the public"),
        default=True,
        help_text=_("Visitors see only public actors; staff see all."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [models.Index(fields=["name"])]

    def refresh_search_text(self) -> None:
        """Recompute the Hebrew-normalised text that directory search matches against."""
        self.search_text = search_document(self.name, self.name_en, self.name_ar)

    def get_absolute_url(self) -> str:
        if self.actor_type == ActorType.VENTURE:
            return reverse("ecosystem:venture_detail", args=[self.pk])
        return reverse("ecosystem:organisation_detail", args=[self.pk])

    def specific(self) -> Organisation | Venture:
        """The organisation or venture this actor is."""
        if self.actor_type == ActorType.VENTURE:
            return self.venture
        return self.organisation


class Organisation(Actor):
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    sector = models.CharField(
        _("sector"), max_length=30, choices=Sector.choices, editable=False, db_index=True
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=9,
        blank=True,
        help_text=_("Nine digits, as registered (amuta, company or public-benefit company)."),
        validators=[validate_registration_number],
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="unique_registration_number",
            )
        ]


class Venture(Actor):
    venture_type = models.CharField(_("venture type"), max_length=40, choices=VentureType.choices)
    stage = models.CharField(_("stage"), max_length=40, choices=VentureStage.choices)
    origin = models.CharField(
        _("came from"), max_length=40, choices=VentureOrigin.choices, default=VentureOrigin.DIRECT
    )
    technologies = models.ManyToManyField(Technology, blank=True, verbose_name=_("technologies"))
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    founders_society = models.CharField(
        _("founders' society"),
        max_length=30,
        choices=FoundersSociety.choices,
        blank=True,
        default=FoundersSociety.UNSPECIFIED,
        help_text=_("Some calls are meant for founders from a given part of society."),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("venture")
        verbose_name_plural = _("ventures")
        indexes = [models.Index(fields=["venture_type"]), models.Index(fields=["stage"])]


class Person(TimeStampedModel):
    """Someone in the ecosystem, with or without a login."""

    full_name = models.CharField(_("full name (Hebrew)"), max_length=200)
    full_name_en = models.CharField(_("full name (English)"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.HEBREW
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )
    consent_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_directory = models.BooleanField(_("agrees to appear in the directory"), default=True)

    class Meta:
        ordering = ("full_name",)
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


class Affiliation(models.Model):
    """A person's tie to an organisation or venture, with the role they hold there."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("actor")
    )
    title = models.CharField(_("role"), max_length=200, blank=True)
    is_founder = models.BooleanField(_("founder"), default=False)
    started_on = models.DateField(pgettext_lazy("date", "from"), null=True, blank=True)
    ended_on = models.DateField(pgettext_lazy("date", "until"), null=True, blank=True)

    class Meta:
        ordering = ("-is_founder", "person__full_name")
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["person", "actor"], name="unique_affiliation")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.actor}"


class RelationQuerySet(models.QuerySet["Relation"]):
    def active(self) -> RelationQuerySet:
        return self.filter(ended_on__isnull=True)

    def involving(self, actor: Actor) -> RelationQuerySet:
        return self.filter(Q(source=actor) | Q(target=actor))


class Relation(TimeStampedModel):
    """A tie between two actors; a partnership also records its place on the continuum."""

    source = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="relations_out",
        verbose_name=_("first actor"),
    )
    target = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("second actor"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationKind.choices)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(pgettext_lazy("date", "from"), null=True, blank=True)
    ended_on = models.DateField(pgettext_lazy("date", "until"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(
        _("partnership level"), choices=PartnershipLevel.choices, null=True, blank=True
    )
    proximity = models.PositiveSmallIntegerField(
        _("proximity"), choices=FactorScore.choices, null=True, blank=True
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
    is_public = models.BooleanField(_("shown to the public"), default=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        ordering = ("-started_on", "pk")
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_to_self"),
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                condition=Q(ended_on__isnull=True),
                name="unique_active_relation",
            ),
            models.CheckConstraint(
                condition=Q(kind=RelationKind.PARTNERSHIP) | Q(level__isnull=True),
                name="level_only_for_partnerships",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relation_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


def import_upload_path(instance: ImportJob, filename: str) -> str:
    """Uploaded files are kept under MEDIA_ROOT until the import is applied.

    They may hold personal data (people's emails and phones): the random folder keeps the
    path unguessable, and MEDIA_ROOT/imports must never be served to the web.
    """
    import uuid

    return f"imports/{instance.created_by_id}/{uuid.uuid4().hex}/{filename}"


class ImportJob(TimeStampedModel):
    """One uploaded file to import into the registry: checked (dry run), then applied.

    The file stays in MEDIA_ROOT until the import is applied; ``report`` holds the dry
    run's verdict on every row, in the language of the person who uploaded it.
    """

    class Kind(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        VENTURES = "ventures", _("Ventures")
        PEOPLE = "people", _("People")
        RELATIONS = "relations", _("Relations")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Waiting to be applied")
        RUNNING = "running", _("Being applied")
        DONE = "done", _("Applied")
        FAILED = "failed", _("Failed; nothing was changed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_jobs",
        verbose_name=_("uploaded by"),
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=import_upload_path, blank=True, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    language = models.CharField(_("language of the report"), max_length=10, default="he")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKED, db_index=True
    )
    task_id = models.CharField(_("background task"), max_length=64, blank=True)
    report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_kind_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_in_progress(self) -> bool:
        """Checked or applied by a background task right now."""
        return self.status in {self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING}
