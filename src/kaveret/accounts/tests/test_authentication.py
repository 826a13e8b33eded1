"""Email sign-up, login and password reset (django-allauth)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from kaveret.accounts.models import User
from kaveret.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_signs_up_with_an_email_and_is_logged_in(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Noa@Example.org",
            "password1": "Kaveret-2026-strong",
            "password2": "Kaveret-2026-strong",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="noa@example.org")
    assert client.get("/").context["user"] == user


def test_a_member_logs_in_with_email_and_password(client: Client) -> None:
    UserFactory(email="dana@example.org")
    response = client.post(
        "/accounts/login/",
        {"login": "dana@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "dana@example.org"


def test_a_wrong_password_is_refused_with_a_message(client: Client) -> None:
    UserFactory(email="dana@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "dana@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_password_reset_sends_a_link_by_email(client: Client) -> None:
    UserFactory(email="dana@example.org")
    client.post("/accounts/password/reset/", {"email": "dana@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
