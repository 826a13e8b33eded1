"""Use cases that write to accounts: confirmed e-mail addresses and API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

from .models import ApiToken, User
from .roles import is_platform_admin

API_KEY_PREFIX = "kvt_"
# How many characters of the key are kept in clear, so people can tell tokens apart.
DISPLAYED_KEY_LENGTH = len(API_KEY_PREFIX) + 6
# Recording every use would turn each API read into a write; once a minute is enough to
# tell a token in use from a forgotten one.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def has_verified_email(user: Any) -> bool:
    """Whether the user confirmed their address (allauth's verification e-mail, or an
    invitation link, which reached that address)."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def mark_email_verified(user: Any) -> None:
    """Record the user's address as confirmed and primary, as allauth's link does."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def hash_api_key(key: str) -> str:
    """The SHA-256 hex digest stored in place of the key."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create an API token for ``user`` and return it with its key.

    The key is returned this once and never stored; only its hash is. Callers (the
    management command, the admin) decide who may create tokens for whom.
    Raises ``DomainError`` for an empty name or an inactive user.
    """
    name = (name or "").strip()
    if not name:
        raise DomainError({"name": _("Give the token a name that says what it is for.")})
    if not user.is_active:
        raise DomainError(_("An inactive user cannot have API tokens."), code="inactive_user")
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=key[:DISPLAYED_KEY_LENGTH], key_hash=hash_api_key(key)
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, by: Any, token: ApiToken) -> ApiToken:
    """Revoke a token so that its key no longer authenticates. Revoking twice is harmless.

    Raises ``PermissionDenied`` unless ``by`` owns the token or is a platform admin.
    """
    if by is None or not (by.pk == token.user_id or is_platform_admin(by)):
        raise PermissionDenied(_("You do not have permission to do this."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_api_key(*, key: str) -> User | None:
    """The active user whose live token has this key, or ``None``; records the use.

    Lookup is by hash, so the comparison never touches a stored key.
    """
    if not key.startswith(API_KEY_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_api_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
