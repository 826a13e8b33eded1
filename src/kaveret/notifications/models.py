"""In-app notifications, their e-mail delivery, and each person's delivery preferences.

A notification stores its kind and language-free parameters; its text is rendered when
it is read, in the reader's language (see ``services.render``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MEMBERSHIP_APPROVED = "membership_approved", _("Membership approved")
    MEMBERSHIP_DECLINED = "membership_declined", _("Membership declined")
    EVENT_REMINDER = "event_reminder", _("Event reminder")
    WAITLIST_SEAT = "waitlist_seat", _("A seat from the waiting list")
    KNOWLEDGE_REVIEW = "knowledge_review", _("Knowledge item to review")
    KNOWLEDGE_DECIDED = "knowledge_decided", _("Knowledge item decided")
    APPLICATION_DECIDED = "application_decided", _("Decision on an application")
    REVIEWS_ASSIGNED = "reviews_assigned", _("Applications to review")
    CHALLENGE_EDIT_DECIDED = "challenge_edit_decided", _("Proposed edit to a challenge decided")
    MEASUREMENT_DUE = "measurement_due", _("A measurement is due")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail me immediately")
    WEEKLY = "weekly", _("E-mail me a weekly digest")
    NONE = "none", _("No e-mail (only on the site)")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("To be e-mailed now")
    SENT = "sent", _("E-mailed")
    DIGEST_DUE = "digest_due", _("Waiting for the weekly digest")
    DIGEST = "digest", _("E-mailed in a weekly digest")
    SKIPPED = "skipped", _("Not e-mailed, by preference")
    FAILED = "failed", _("Sending failed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_recipient(self, user: object) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    url = models.CharField(_("link"), max_length=500, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail status"),
        max_length=12,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
        db_index=True,
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person wants e-mail: a default, and optional overrides per kind.

    ``overrides`` maps a ``NotificationKind`` value to a ``Delivery`` value. Without a
    stored preference, everything is e-mailed immediately.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    default_delivery = models.CharField(
        _("default delivery"),
        max_length=12,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATELY,
    )
    overrides = models.JSONField(
        _("delivery per kind"),
        default=dict,
        blank=True,
        help_text=_("Kinds of notification delivered differently from the default."),
    )
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        ordering = ("user",)
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def delivery_for(self, kind: str) -> str:
        override = (self.overrides or {}).get(kind)
        if override in Delivery.values:
            return str(override)
        return str(self.default_delivery)
