"""API tokens: created once with a key shown once, stored only as a hash, revocable."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client

from kaveret.accounts.models import ApiToken
from kaveret.accounts.services import create_api_token, revoke_api_token
from kaveret.core.errors import DomainError
from kaveret.testing.factories import ApiTokenFactory, UserFactory, VentureFactory

pytestmark = pytest.mark.django_db

PRIVATE_VENTURES_URL = "/api/v1/ventures"


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _names(response: Any) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_the_key_is_returned_once_and_only_its_hash_is_stored() -> None:
    user = UserFactory.create()

    token, key = create_api_token(user=user, name="CRM sync")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in [str(value) for value in stored.values()]
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(stored["key_prefix"])
    assert len(stored["key_prefix"]) < len(key) // 3


def test_two_tokens_never_share_a_key() -> None:
    user = UserFactory.create()

    _, first = create_api_token(user=user, name="one")
    _, second = create_api_token(user=user, name="two")

    assert first != second


def test_a_token_needs_a_name() -> None:
    with pytest.raises(DomainError) as error:
        create_api_token(user=UserFactory.create(), name="  ")

    assert "name" in error.value.message_dict


def test_a_token_acts_as_its_user(personas: Any) -> None:
    VentureFactory.create(name="מיזם חסוי", is_public=False)
    _, key = create_api_token(user=personas.staff, name="reports")

    response = Client().get(PRIVATE_VENTURES_URL, headers=_bearer(key))

    assert response.status_code == 200
    assert "מיזם חסוי" in _names(response)


def test_a_revoked_token_is_refused_even_for_public_reading(personas: Any) -> None:
    token = ApiTokenFactory.create(user=personas.staff, key="kvt_revoked-key")
    revoke_api_token(by=personas.staff, token=token)

    response = Client().get(PRIVATE_VENTURES_URL, headers=_bearer("kvt_revoked-key"))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_made_up_key_is_refused() -> None:
    response = Client().get(PRIVATE_VENTURES_URL, headers=_bearer("kvt_nobody-has-this-key"))

    assert response.status_code == 401


def test_a_token_of_a_deactivated_user_is_refused() -> None:
    user = UserFactory.create()
    ApiTokenFactory.create(user=user, key="kvt_former-employee")
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = Client().get(PRIVATE_VENTURES_URL, headers=_bearer("kvt_former-employee"))

    assert response.status_code == 401


def test_using_a_token_records_when_it_was_last_used() -> None:
    token = ApiTokenFactory.create(key="kvt_used-key")
    assert token.last_used_at is None

    Client().get(PRIVATE_VENTURES_URL, headers=_bearer("kvt_used-key"))

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_owner_or_an_admin_may_revoke_a_token(personas: Any) -> None:
    token = ApiTokenFactory.create(user=personas.entrepreneur)

    with pytest.raises(PermissionDenied):
        revoke_api_token(by=personas.staff, token=token)
    revoke_api_token(by=personas.admin, token=token)

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_command_prints_a_key_that_works(personas: Any) -> None:
    VentureFactory.create(name="מיזם פנימי", is_public=False)
    out = StringIO()

    call_command(
        "create_api_token", personas.staff.email, "BI export", stdout=out, stderr=StringIO()
    )

    key = out.getvalue().strip()
    response = Client().get(PRIVATE_VENTURES_URL, headers=_bearer(key))
    assert "מיזם פנימי" in _names(response)
    assert ApiToken.objects.get(user=personas.staff).name == "BI export"


def test_the_command_refuses_an_unknown_email() -> None:
    with pytest.raises(CommandError, match=r"nobody@example\.org"):
        call_command("create_api_token", "nobody@example.org", "x", stdout=StringIO())
