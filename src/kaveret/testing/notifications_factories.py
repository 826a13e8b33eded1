"""Factories of notifications and notification preferences."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from kaveret.notifications.models import (
    Delivery,
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
)

from .factories import UserFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.MEMBERSHIP_APPROVED
    url = "/communities/"
    params = factory.LazyFunction(lambda: {"community": "טכאביליטי", "note": ""})
    email_status = EmailStatus.SENT


class NotificationPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = NotificationPreference
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    default_delivery = Delivery.IMMEDIATELY
    overrides = factory.LazyFunction(dict)
