"""Users log in by email; what they may do comes from roles, global or scoped."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager["User"]):
    use_in_migrations = True

    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="he"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ("email",)
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def public_name(self) -> str:
        """The name others see on shared pages and in the API: never the e-mail address."""
        return self.full_name or str(_("A Kaveret member"))


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")
    COMMUNITY_MANAGER = "community_manager", _("Community manager")
    COMMUNITY_COORDINATOR = "community_coordinator", _("Community coordinator")
    TECH_ARENA_MANAGER = "tech_arena_manager", _("Tech-arena manager")
    STEERING_MEMBER = "steering_member", _("Steering-committee member")
    REVIEWER = "reviewer", _("Reviewer")
    ORGANISATION_REPRESENTATIVE = "organisation_representative", _("Organisation representative")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    FUNDER = "funder", _("Funder")


COMMUNITY_ROLES = frozenset(
    {
        Role.COMMUNITY_MANAGER,
        Role.COMMUNITY_COORDINATOR,
        Role.TECH_ARENA_MANAGER,
        Role.STEERING_MEMBER,
    }
)
# Community roles whose holders run the community day to day and so count as staff.
COMMUNITY_STAFF_ROLES = frozenset(
    {Role.COMMUNITY_MANAGER, Role.COMMUNITY_COORDINATOR, Role.TECH_ARENA_MANAGER}
)


class RoleAssignment(models.Model):
    """A role a user holds, either platform-wide or scoped to one object.

    Which scope a role needs is a constraint of the table, so a community manager
    without a community, or an entrepreneur without a venture, cannot be stored.
    Reviewers are scoped to a call; the calls app adds that scope.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("community"),
    )
    organisation = models.ForeignKey(
        "ecosystem.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organisation"),
    )
    venture = models.ForeignKey(
        "ecosystem.Venture",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("venture"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        ordering = ("user", "role")
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(
                        role__in=[Role.PLATFORM_ADMIN, Role.FUNDER, Role.REVIEWER],
                        community__isnull=True,
                        organisation__isnull=True,
                        venture__isnull=True,
                    )
                    | Q(
                        role__in=sorted(COMMUNITY_ROLES),
                        community__isnull=False,
                        organisation__isnull=True,
                        venture__isnull=True,
                    )
                    | Q(
                        role=Role.ORGANISATION_REPRESENTATIVE,
                        community__isnull=True,
                        organisation__isnull=False,
                        venture__isnull=True,
                    )
                    | Q(
                        role=Role.ENTREPRENEUR,
                        community__isnull=True,
                        organisation__isnull=True,
                        venture__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(
                    community__isnull=True, organisation__isnull=True, venture__isnull=True
                ),
                name="unique_global_role",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", "role", scope],
                    condition=Q(**{f"{scope}__isnull": False}),
                    name=f"unique_{scope}_role",
                )
                for scope in ("community", "organisation", "venture")
            ],
        ]

    def __str__(self) -> str:
        scope = self.community or self.organisation or self.venture
        label = self.get_role_display()
        return f"{self.user}: {label} ({scope})" if scope else f"{self.user}: {label}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A key an integration sends as ``Authorization: Bearer <key>`` to act as a user.

    Only the SHA-256 hash of the key is stored; the key itself is shown once, when the
    token is created, and cannot be recovered. The prefix lets people tell tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    key_prefix = models.CharField(_("key starts with"), max_length=16, editable=False)
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
