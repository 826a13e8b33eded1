"""Use cases of notifications: record one, e-mail it, read it, set preferences, digests.

Other apps call ``notify()`` from inside their own transactions: the notification row is
written with theirs, and the e-mail goes out only after the transaction commits, in the
recipient's language. What is stored is language-free (a kind and plain parameters);
``render()`` turns it into a sentence in whatever language is active when it is read.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import User
from kaveret.core.errors import DomainError

from .models import (
    Delivery,
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from .selectors import unread_count_cache_key

logger = logging.getLogger(__name__)

LOCAL_TIME_ZONE = ZoneInfo("Asia/Jerusalem")
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)

# What each kind says on the site and in the e-mail subject. The texts are gettext_lazy,
# so they are translated when rendered, in the language active at that moment.
TEXTS: dict[str, Any] = {
    NotificationKind.MEMBERSHIP_APPROVED: _("Your request to join %(community)s was approved."),
    NotificationKind.MEMBERSHIP_DECLINED: _("Your request to join %(community)s was declined."),
    NotificationKind.EVENT_REMINDER: _("Reminder: “%(event)s” (%(starts_at)s) starts soon."),
    NotificationKind.WAITLIST_SEAT: _(
        "A seat at “%(event)s” (%(starts_at)s) was freed and is now yours."
    ),
    NotificationKind.KNOWLEDGE_REVIEW: _(
        "“%(item)s” by %(author)s in %(community)s needs your review."
    ),
    NotificationKind.APPLICATION_DECIDED: _(
        "A decision on your application to “%(call)s”: %(outcome)s."
    ),
    NotificationKind.REVIEWS_ASSIGNED: _(
        "You have %(count)s new application(s) to review in “%(call)s”."
    ),
    NotificationKind.CHALLENGE_EDIT_DECIDED: _(
        "The owner of “%(challenge)s” decided on the edit you proposed."
    ),
    NotificationKind.MEASUREMENT_DUE: _(
        "A measurement of “%(indicator)s” is due for the period %(period)s."
    ),
}
TEXT_PUBLISHED = _("Your knowledge item “%(item)s” was published.")
TEXT_SENT_BACK = _("Your knowledge item “%(item)s” was sent back to you.")
SUBJECTS: dict[str, Any] = {
    NotificationKind.MEMBERSHIP_APPROVED: _("Welcome to %(community)s"),
    NotificationKind.MEMBERSHIP_DECLINED: _("Your request to join %(community)s"),
    NotificationKind.EVENT_REMINDER: _("Reminder: “%(event)s” starts soon"),
    NotificationKind.WAITLIST_SEAT: _("A seat is now yours at “%(event)s”"),
    NotificationKind.KNOWLEDGE_REVIEW: _("To review: “%(item)s”"),
    NotificationKind.APPLICATION_DECIDED: _("Decision on your application to “%(call)s”"),
    NotificationKind.REVIEWS_ASSIGNED: _("Applications to review in “%(call)s”"),
    NotificationKind.CHALLENGE_EDIT_DECIDED: _("Your proposed edit to “%(challenge)s”"),
    NotificationKind.MEASUREMENT_DUE: _("Measurement due: “%(indicator)s”"),
}
SUBJECT_PUBLISHED = _("Published: “%(item)s”")
SUBJECT_SENT_BACK = _("Sent back: “%(item)s”")
STATUS_FOR_DELIVERY: dict[str, str] = {
    Delivery.IMMEDIATELY: EmailStatus.PENDING,
    Delivery.WEEKLY: EmailStatus.DIGEST_DUE,
}
SUBJECT_DIGEST = _("Your weekly notifications from Kaveret")


def _forget_unread_count(user_id: int) -> None:
    """Drop the header's cached count now and again after commit, so no request in between
    can cache a count from before the change."""
    key = unread_count_cache_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


class _Params(dict[str, str]):
    """Parameters for %-formatting: a missing one reads as empty, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, str]:
    return {str(key): "" if value is None else str(value) for key, value in (params or {}).items()}


def _language_free_path(url: str) -> str:
    """Drop a leading language prefix (/en/, /ar/) so each reader gets their own."""
    for code in LANGUAGE_CODES:
        prefix = f"/{code}/"
        if url.startswith(prefix):
            return "/" + url[len(prefix) :]
    return url


def localised_url(url: str, language: str | None = None) -> str:
    """The stored link in ``language`` (default: the active one); Hebrew has no prefix."""
    if not url.startswith("/"):
        return url
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or language not in LANGUAGE_CODES:
        return url
    return f"/{language}{url}"


def absolute_url(url: str, language: str | None = None) -> str:
    """The link as an absolute address, for e-mail."""
    path = localised_url(url, language)
    if not path.startswith("/"):
        return path
    base = getattr(settings, "SITE_URL", "") or f"https://{Site.objects.get_current().domain}"
    return base.rstrip("/") + path


def format_moment(value: str) -> str:
    """An ISO datetime as a local date and time in Israel, in the active language."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, LOCAL_TIME_ZONE)
    return formats.date_format(timezone.localtime(moment, LOCAL_TIME_ZONE), "DATETIME_FORMAT")


def _display_params(kind: str, params: Mapping[str, Any]) -> _Params:
    shown = _Params(_clean_params(params))
    if shown.get("starts_at"):
        shown["starts_at"] = format_moment(shown["starts_at"])
    return shown


def _is_published(params: Mapping[str, Any]) -> bool:
    return str(params.get("published", "")).lower() in {"yes", "true", "1"}


def render(notification: Notification) -> str:
    """The notification as one sentence in the active language."""
    kind = notification.kind
    params = notification.params or {}
    text: Any
    if kind == NotificationKind.KNOWLEDGE_DECIDED:
        text = TEXT_PUBLISHED if _is_published(params) else TEXT_SENT_BACK
    else:
        text = TEXTS.get(kind)
    if text is None:
        return str(notification.get_kind_display())
    return str(text) % _display_params(kind, params)


def subject(notification: Notification) -> str:
    """The e-mail subject in the active language."""
    kind = notification.kind
    params = notification.params or {}
    text: Any
    if kind == NotificationKind.KNOWLEDGE_DECIDED:
        text = SUBJECT_PUBLISHED if _is_published(params) else SUBJECT_SENT_BACK
    else:
        text = SUBJECTS.get(kind)
    if text is None:
        return str(notification.get_kind_display())
    return str(text) % _display_params(kind, params)


# Preferences


def preference_of(user: Any) -> NotificationPreference:
    """The user's stored preference, or an unsaved default (everything immediately)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)


def delivery_for(user: Any, kind: str) -> str:
    """How ``user`` wants notifications of ``kind`` e-mailed: a ``Delivery`` value."""
    return preference_of(user).delivery_for(kind)


def set_preferences(
    *,
    by: Any,
    default_delivery: str,
    overrides: Mapping[str, str | None] | None = None,
) -> NotificationPreference:
    """Store ``by``'s own delivery choices; an override equal to the default is dropped.

    ``overrides`` maps kinds to deliveries; ``None`` or an empty value means "as the
    default". Raises ``PermissionDenied`` (anonymous) or ``DomainError`` (unknown value).
    """
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied(_("You do not have permission to do this."))
    errors: dict[str, Any] = {}
    if default_delivery not in Delivery.values:
        errors["default_delivery"] = _("Choose how you want to receive e-mail.")
    cleaned: dict[str, str] = {}
    for kind, delivery in (overrides or {}).items():
        if kind not in NotificationKind.values:
            errors[str(kind)] = _("Unknown kind of notification.")
        elif delivery and delivery not in Delivery.values:
            errors[kind] = _("Choose how you want to receive e-mail.")
        elif delivery and delivery != default_delivery:
            cleaned[kind] = delivery
    if errors:
        raise DomainError(errors, code="invalid_preferences")
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user=by
        )
        preference.default_delivery = default_delivery
        preference.overrides = cleaned
        preference.save(update_fields=["default_delivery", "overrides"])
    return preference


# Recording and sending


def notify(
    recipient: User,
    kind: str,
    *,
    url: str = "",
    params: Mapping[str, Any] | None = None,
) -> Notification | None:
    """Record a notification for ``recipient``; e-mail it after commit if they want it now.

    ``params`` are plain strings (see docs/notifications.md for each kind's). Inactive
    users get nothing and ``None`` is returned. With a weekly preference the notification
    waits for the digest; with "none" it is only shown on the site. Raises ``ValueError``
    for an unknown kind (a programming error).
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"Unknown notification kind: {kind!r}")
    if recipient is None or not recipient.is_active:
        return None
    delivery = delivery_for(recipient, kind)
    status = STATUS_FOR_DELIVERY.get(delivery, EmailStatus.SKIPPED)
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        url=_language_free_path(url or ""),
        params=_clean_params(params),
        email_status=status,
    )
    _forget_unread_count(recipient.pk)
    if status == EmailStatus.PENDING:
        notification_id = notification.pk
        transaction.on_commit(lambda: send_notification_email(notification_id))
    return notification


def _language_of(user: Any) -> str:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _send(*, to: Any, subject_line: str, body: str) -> bool:
    try:
        send_mail(subject_line, body, None, [to.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not e-mail notification(s) to user %s", to.pk)
        return False
    return True


def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification now, once; returns whether a mail went out.

    The row is claimed with a conditional update first, so a repeated call sends nothing.
    """
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=EmailStatus.PENDING
    ).update(email_status=EmailStatus.SENT, emailed_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    language = _language_of(recipient)
    with translation.override(language):
        context = {
            "user": recipient,
            "notification": notification,
            "params": _display_params(notification.kind, notification.params or {}),
            "text": render(notification),
            "link": absolute_url(notification.url, language) if notification.url else "",
            "preferences_link": absolute_url("/notifications/preferences/", language),
        }
        body = render_to_string(f"notifications/email/{notification.kind}.txt", context)
        subject_line = subject(notification)
    sent = _send(to=recipient, subject_line=subject_line, body=body)
    if not sent:
        Notification.objects.filter(pk=notification_id).update(
            email_status=EmailStatus.FAILED, emailed_at=None
        )
    return sent


def send_weekly_digests(now: datetime.datetime | None = None) -> int:
    """Send each person one e-mail listing their notifications waiting for the digest.

    The notifications are claimed (marked e-mailed) in a transaction under a lock on the
    person's preference row before the mail is sent, so a second run, or two at once,
    send nothing twice; nobody with nothing new gets a mail. Returns how many e-mails
    were sent.
    """
    now = now or timezone.now()
    recipient_ids = (
        Notification.objects.filter(email_status=EmailStatus.DIGEST_DUE)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    sent = 0
    for recipient_id in list(recipient_ids):
        if _send_digest_to(recipient_id, now):
            sent += 1
    return sent


def _send_digest_to(recipient_id: int, now: datetime.datetime) -> bool:
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user_id=recipient_id
        )
        due = Notification.objects.filter(
            recipient_id=recipient_id, email_status=EmailStatus.DIGEST_DUE
        )
        recipient = User.objects.get(pk=recipient_id)
        if not recipient.is_active:
            due.update(email_status=EmailStatus.SKIPPED)
            return False
        notifications = list(due.order_by("created_at", "pk"))
        if not notifications:
            return False
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_status=EmailStatus.DIGEST, emailed_at=now
        )
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    language = _language_of(recipient)
    with translation.override(language):
        entries = [
            {
                "text": render(notification),
                "created_at": timezone.localtime(notification.created_at, LOCAL_TIME_ZONE),
                "link": absolute_url(notification.url, language) if notification.url else "",
            }
            for notification in notifications
        ]
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                "user": recipient,
                "entries": entries,
                "list_link": absolute_url("/notifications/", language),
                "preferences_link": absolute_url("/notifications/preferences/", language),
            },
        )
        subject_line = str(SUBJECT_DIGEST)
    return _send(to=recipient, subject_line=subject_line, body=body)


# Reading


def mark_read(by: Any, notification: Notification) -> Notification:
    """Mark one of ``by``'s own notifications read (again: no change).

    Raises ``PermissionDenied`` when it is someone else's.
    """
    if not getattr(by, "is_authenticated", False) or notification.recipient_id != by.pk:
        raise PermissionDenied(gettext("You do not have permission to do this."))
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
        _forget_unread_count(by.pk)
    return notification


def mark_all_read(by: Any) -> int:
    """Mark all of ``by``'s unread notifications read; returns how many changed."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied(gettext("You do not have permission to do this."))
    changed = Notification.objects.for_recipient(by).unread().update(read_at=timezone.now())
    _forget_unread_count(by.pk)
    return changed
