"""Every model of the project can be seen in the Django admin by a platform admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

PROJECT_APPS = {
    "core",
    "accounts",
    "ecosystem",
    "communities",
    "network",
    "knowledge",
    "trends",
    "notifications",
    "challenges",
    "calls",
    "matching",
    "partnerships",
    "measurement",
}


def project_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.auto_created
    ]


def test_every_model_is_registered_in_the_admin() -> None:
    unregistered = [m.__name__ for m in project_models() if m not in admin.site._registry]
    assert unregistered == []


@pytest.mark.django_db
def test_a_platform_admin_opens_every_admin_list(client: Client, personas: Any) -> None:
    client.force_login(personas.admin)
    failing = []
    for model in project_models():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        status = client.get(url).status_code
        if status != 200:
            failing.append(f"{url}: {status}")
    assert failing == []
