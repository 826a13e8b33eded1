"""The directories and actor pages, as visitors, entrepreneurs and staff see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.ecosystem.models import Organisation
from kaveret.testing.factories import (
    AffiliationFactory,
    DomainFactory,
    OrganisationFactory,
    PersonFactory,
    RelationFactory,
    TargetPopulationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def names_listed(response: Any) -> list[str]:
    return [actor.name for actor in response.context["page"].object_list]


def test_the_venture_directory_filters_by_stage_domain_and_population(client: Client) -> None:
    aging = DomainFactory(slug="aging")
    older = TargetPopulationFactory(slug="older-people")
    agewise = VentureFactory(name="AgeWise", stage="scale")
    agewise.domains.add(aging)
    agewise.target_populations.add(older)
    VentureFactory(name="GGtude", stage="scale")
    VentureFactory(name="Nexme", stage="idea").domains.add(aging)

    assert names_listed(client.get("/ventures/?stage=scale&domain=aging")) == ["AgeWise"]
    assert names_listed(client.get("/ventures/?population=older-people")) == ["AgeWise"]
    assert names_listed(client.get("/ventures/?stage=scale&sort=-name")) == ["GGtude", "AgeWise"]


def test_searching_a_word_finds_it_behind_a_hebrew_prefix(client: Client) -> None:
    VentureFactory(name="תעסוקה לאנשים במוגבלות")
    VentureFactory(name="הזדקנות מיטבית")
    assert names_listed(client.get("/ventures/?q=מוגבלות")) == ["תעסוקה לאנשים במוגבלות"]
    assert names_listed(client.get("/ventures/?q=ובמוגבלות")) == ["תעסוקה לאנשים במוגבלות"]
    response = client.get("/en/ventures/?q=חלליות")
    assert names_listed(response) == []
    assert "No venture matches" in response.content.decode()


def test_the_directory_is_paginated_and_keeps_the_filters(client: Client) -> None:
    for number in range(30):
        VentureFactory(name=f"מיזם {number:02d}", stage="idea")
    response = client.get("/ventures/?stage=idea&page=2")
    assert len(response.context["page"].object_list) == 5
    assert response.context["page"].number == 2
    assert "stage=idea&amp;page=1" in response.content.decode()


def test_an_htmx_filter_request_gets_only_the_results(client: Client) -> None:
    VentureFactory(name="CLARO")
    response = client.get(
        "/ventures/?q=claro", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results"
    )
    body = response.content.decode()
    assert "CLARO" in body
    assert "<html" not in body


def test_visitors_do_not_see_private_actors_and_staff_do(client: Client, personas: Any) -> None:
    hidden = OrganisationFactory(name="ארגון פנימי", is_public=False)
    assert "ארגון פנימי" not in client.get("/organisations/").content.decode()
    assert client.get(f"/organisations/{hidden.pk}/").status_code == 404
    client.force_login(personas.staff)
    assert "ארגון פנימי" in client.get("/organisations/").content.decode()
    assert client.get(f"/organisations/{hidden.pk}/").status_code == 200


def test_an_actor_page_shows_relations_and_people_but_contacts_only_to_staff(
    client: Client, personas: Any
) -> None:
    clalit = OrganisationFactory(name="כללית", kind="hmo")
    wellplay = VentureFactory(name="Wellplay")
    RelationFactory(source=clalit, target=wellplay, kind="pilot")
    hidden_partner = OrganisationFactory(name="שותף חסוי", is_public=False)
    RelationFactory(source=hidden_partner, target=wellplay, kind="funding")
    person = PersonFactory(full_name="רונית כהן", email="ronit@example.org", phone="050-1234567")
    AffiliationFactory(person=person, actor=wellplay, title="מנכ״לית", is_founder=True)

    page = client.get(f"/ventures/{wellplay.pk}/").content.decode()
    assert "כללית" in page
    assert "שותף חסוי" not in page
    assert "רונית כהן" in page
    assert "ronit@example.org" not in page
    assert "050-1234567" not in page

    client.force_login(personas.staff)
    page = client.get(f"/ventures/{wellplay.pk}/").content.decode()
    assert "ronit@example.org" in page
    assert "שותף חסוי" in page


def test_staff_create_an_organisation_through_the_form(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)
    response = client.post(
        "/organisations/new/",
        {"name": "עמותת רקמה", "kind": "ngo", "registration_number": "", "is_public": "on"},
    )
    organisation = Organisation.objects.get(name="עמותת רקמה")
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{organisation.pk}/"
    assert organisation.sector == "third_sector"


def test_a_refused_form_keeps_what_was_typed(client: Client, personas: Any) -> None:
    client.force_login(personas.staff)
    response = client.post(
        "/en/organisations/new/",
        {
            "name": "עמותת שלוותה",
            "kind": "ngo",
            "registration_number": "580012345",
            "description": "טיפול בבריאות הנפש",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "check digit" in body
    assert "טיפול בבריאות הנפש" in body
    assert 'value="עמותת שלוותה"' in body
    assert not Organisation.objects.filter(name="עמותת שלוותה").exists()


def test_an_entrepreneur_edits_their_venture_but_not_others(client: Client, personas: Any) -> None:
    client.force_login(personas.entrepreneur)
    own = client.get(f"/ventures/{personas.venture.pk}/")
    assert f"/ventures/{personas.venture.pk}/edit/" in own.content.decode()
    other = VentureFactory()
    assert client.get(f"/ventures/{other.pk}/edit/").status_code == 403
    response = client.post(
        f"/ventures/{personas.venture.pk}/edit/",
        {
            "name": personas.venture.name,
            "venture_type": "impact_startup",
            "stage": "scale",
            "origin": "direct",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    personas.venture.refresh_from_db()
    assert personas.venture.stage == "scale"


def test_staff_add_a_partnership_with_its_level(client: Client, personas: Any) -> None:
    rikma, vivid = OrganisationFactory(name="רקמה"), VentureFactory(name="VIVID")
    client.force_login(personas.staff)
    response = client.post(
        f"/actors/{vivid.pk}/relations/new/",
        {"target": rikma.pk, "kind": "partnership", "level": "3", "is_public": "on"},
    )
    assert response.status_code == 302
    assert "רקמה" in client.get(f"/ventures/{vivid.pk}/").content.decode()
    again = client.post(
        f"/en/actors/{vivid.pk}/relations/new/",
        {"target": rikma.pk, "kind": "partnership", "is_public": "on"},
    )
    assert again.status_code == 400
    assert "already have an active relation" in again.content.decode()


def test_the_home_page_counts_communities_members_and_actors(client: Client) -> None:
    from kaveret.testing.factories import CommunityFactory, MembershipFactory

    techability = CommunityFactory(name="טקאביליטי", name_en="TechAbility")
    MembershipFactory.create_batch(3, community=techability)
    OrganisationFactory(is_public=False)
    response = client.get("/en/")
    body = response.content.decode()
    assert "TechAbility" in body
    assert "3 members" in body
    assert response.context["counts"] == {"ventures": 3, "organisations": 0}
