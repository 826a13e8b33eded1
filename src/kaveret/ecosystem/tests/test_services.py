"""The registry's rules, through its services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kaveret.core.errors import DomainError
from kaveret.ecosystem import services
from kaveret.ecosystem.choices import PartnershipLevel, RelationKind, Sector
from kaveret.ecosystem.models import Organisation, Relation
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    RelationFactory,
    VentureFactory,
    valid_registration_number,
)

pytestmark = pytest.mark.django_db


def test_an_organisation_takes_its_sector_from_its_kind(personas: Any) -> None:
    organisation = services.create_organisation(
        by=personas.staff, name="עיריית באר שבע", kind="local_authority"
    )
    assert organisation.sector == Sector.PUBLIC_LOCAL
    services.update_organisation(by=personas.staff, organisation=organisation, kind="ministry")
    organisation.refresh_from_db()
    assert organisation.sector == Sector.PUBLIC_CENTRAL


@pytest.mark.parametrize(
    ("number", "message_he"),
    [
        ("12345", "תשע ספרות"),
        ("58001234x", "תשע ספרות"),
        ("580012345", "ספרת הביקורת"),
    ],
)
def test_a_bad_registration_number_is_refused_with_a_hebrew_message(
    personas: Any, number: str, message_he: str
) -> None:
    with translation.override("he"), pytest.raises(DomainError) as raised:
        services.create_organisation(
            by=personas.staff, name="עמותה", kind="ngo", registration_number=number
        )
    with translation.override("he"):
        messages = [str(m) for m in raised.value.message_dict["registration_number"]]
    assert any(number in message and message_he in message for message in messages)
    assert not Organisation.objects.filter(name="עמותה").exists()


def test_a_registration_number_belongs_to_one_organisation(personas: Any) -> None:
    number = valid_registration_number(4242)
    OrganisationFactory(name="רקמה", registration_number=number)
    with pytest.raises(DomainError) as raised:
        services.create_organisation(
            by=personas.staff, name="עמותה אחרת", kind="ngo", registration_number=number
        )
    assert "רקמה" in str(raised.value.message_dict["registration_number"])


def test_a_venture_type_and_stage_come_from_the_fixed_lists(personas: Any) -> None:
    with pytest.raises(DomainError):
        services.create_venture(
            by=personas.staff, name="מיזם", venture_type="unicorn", stage="idea"
        )
    with pytest.raises(DomainError):
        services.create_venture(
            by=personas.staff, name="מיזם", venture_type="impact_startup", stage="ipo"
        )
    venture = services.create_venture(
        by=personas.staff,
        name="VIVID",
        venture_type="impact_startup",
        stage="product_market_fit",
        domains=[DomainFactory(slug="mental-health")],
    )
    assert [d.slug for d in venture.domains.all()] == ["mental-health"]


def test_only_staff_register_organisations(personas: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.create_organisation(by=personas.entrepreneur, name="עמותה", kind="ngo")
    with pytest.raises(PermissionDenied):
        services.create_organisation(by=None, name="עמותה", kind="ngo")


def test_an_entrepreneur_edits_their_own_venture_only(personas: Any) -> None:
    services.update_venture(
        by=personas.entrepreneur, venture=personas.venture, description="פלטפורמה דיגיטלית"
    )
    personas.venture.refresh_from_db()
    assert personas.venture.description == "פלטפורמה דיגיטלית"
    other = VentureFactory()
    with pytest.raises(PermissionDenied):
        services.update_venture(by=personas.entrepreneur, venture=other, description="x")


def test_no_relation_from_an_actor_to_itself(personas: Any) -> None:
    venture = VentureFactory()
    with pytest.raises(DomainError):
        services.create_relation(
            by=personas.staff, source=venture, target=venture, kind=RelationKind.MENTORING
        )


def test_no_duplicate_active_relation_of_a_kind_in_either_direction(personas: Any) -> None:
    clalit, wellplay = OrganisationFactory(kind="hmo"), VentureFactory()
    services.create_relation(by=personas.staff, source=clalit, target=wellplay, kind="pilot")
    with pytest.raises(DomainError):
        services.create_relation(by=personas.staff, source=wellplay, target=clalit, kind="pilot")
    # A different kind, or a new one after the first ended, is fine.
    services.create_relation(by=personas.staff, source=clalit, target=wellplay, kind="funding")
    first = Relation.objects.get(kind="pilot")
    services.end_relation(by=personas.staff, relation=first, ended_on=datetime.date(2024, 6, 1))
    services.create_relation(by=personas.staff, source=wellplay, target=clalit, kind="pilot")
    assert Relation.objects.filter(kind="pilot").count() == 2


def test_only_a_partnership_has_a_continuum_level(personas: Any) -> None:
    rikma, vivid = OrganisationFactory(), VentureFactory()
    with pytest.raises(DomainError):
        services.create_relation(
            by=personas.staff, source=rikma, target=vivid, kind="funding", level=3
        )
    relation = services.create_relation(
        by=personas.staff,
        source=rikma,
        target=vivid,
        kind="partnership",
        level=PartnershipLevel.FOCUSED,
        proximity=4,
        added_value=5,
    )
    with translation.override("he"):
        assert relation.get_level_display() == "שותפות ממוקדת"


def test_a_relation_cannot_end_before_it_starts(personas: Any) -> None:
    relation = RelationFactory(started_on=datetime.date(2024, 1, 1))
    with pytest.raises(DomainError) as raised:
        services.end_relation(
            by=personas.staff, relation=relation, ended_on=datetime.date(2023, 1, 1)
        )
    assert "ended_on" in raised.value.message_dict


def test_unknown_fields_are_refused_not_ignored(personas: Any) -> None:
    with pytest.raises(DomainError):
        services.create_organisation(by=personas.staff, name="x", kind="ngo", colour="red")
