"""Staff reading people's contact details leaves a trace; visitors see none to log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.core.models import PersonalDataAccess
from kaveret.testing.factories import AffiliationFactory, PersonFactory, VentureFactory

pytestmark = pytest.mark.django_db


def test_staff_reading_contact_details_on_a_page_is_logged(client: Client, personas: Any) -> None:
    venture = VentureFactory()
    with_contacts = AffiliationFactory(actor=venture, person=PersonFactory(email="a@example.org"))
    AffiliationFactory(actor=venture, person=PersonFactory(email="", phone=""))

    client.force_login(personas.staff)
    client.get(f"/ventures/{venture.pk}/")

    [access] = PersonalDataAccess.objects.all()
    assert access.accessed_by == personas.staff
    assert access.subject == with_contacts.person
    assert access.channel == "page"
    assert access.path == f"/ventures/{venture.pk}/"


def test_reading_through_the_api_is_logged_too(client: Client, personas: Any) -> None:
    venture = VentureFactory()
    AffiliationFactory(actor=venture, person=PersonFactory(phone="050-7654321"))
    client.force_login(personas.staff)
    response = client.get(f"/api/v1/ventures/{venture.pk}")
    assert response.json()["people"][0]["phone"] == "050-7654321"
    assert PersonalDataAccess.objects.get().channel == "api"


def test_nothing_is_logged_when_no_contact_details_are_shown(client: Client, personas: Any) -> None:
    venture = VentureFactory()
    AffiliationFactory(actor=venture, person=PersonFactory(email="a@example.org"))
    client.get(f"/ventures/{venture.pk}/")
    client.force_login(personas.entrepreneur)
    client.get(f"/ventures/{venture.pk}/")
    assert not PersonalDataAccess.objects.exists()


def test_the_log_cannot_be_edited_in_the_admin(client: Client, personas: Any) -> None:
    venture = VentureFactory()
    AffiliationFactory(actor=venture, person=PersonFactory(email="a@example.org"))
    client.force_login(personas.admin)
    client.get(f"/ventures/{venture.pk}/")
    access = PersonalDataAccess.objects.get()
    listing = client.get("/en/admin/core/personaldataaccess/")
    assert listing.status_code == 200
    assert "admin@example.org" in listing.content.decode()
    assert client.post(f"/en/admin/core/personaldataaccess/{access.pk}/delete/").status_code == 403
