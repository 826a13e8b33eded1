"""Pages issue a fixed number of queries, whatever the number of rows they show.

Each test renders a page with 3 rows, then with 30, and asserts that both took the same
number of queries and stayed under a bound. A page whose count grows with its rows has an
N+1 in its selector or template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaveret.ecosystem.choices import OrganisationKind, RelationKind, VentureStage
from kaveret.ecosystem.models import Organisation, Venture
from kaveret.testing.factories import (
    AffiliationFactory,
    DomainFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    RelationFactory,
    TargetPopulationFactory,
    TechnologyFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30

# The most queries any of these pages may issue, for a visitor and for staff (session,
# user and roles add three). Raise a bound only with a reason; never for a loop.
MAX_DIRECTORY_QUERIES = 11
# Staff reading people's contact details add one insert into the personal-data access log.
MAX_ACTOR_PAGE_QUERIES = 12
# A logged-in user's communities are read once (hidden ones are shown to their members).
MAX_HOME_QUERIES = 7


def _count_queries(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response.content.decode()


def _client_for(who: str, personas: Any) -> Client:
    client = Client()
    if who == "staff":
        client.force_login(personas.staff)
    return client


def _assert_constant(
    client: Client,
    url: str,
    grow_to: Callable[[int], None],
    bound: int,
    assert_max: Any,
    row_marker: str = "<tr>",
) -> None:
    grow_to(FEW)
    # Warm the per-process caches (content types, translations) so that both
    # measurements see the same state, whatever ran before this test.
    client.get(url, secure=True)
    few, few_body = _count_queries(client, url)
    grow_to(MANY)
    with assert_max(bound):
        many, many_body = _count_queries(client, url)
    # The second page really shows more rows, so the comparison means something.
    assert many_body.count(row_marker) > few_body.count(row_marker) > 0, url
    assert few == many, f"{url}: {few} queries with {FEW} rows, {many} with {MANY}"


# --- Directories -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_venture_directory_filtered(
    who: str, personas: Any, django_assert_max_num_queries: Any
) -> None:
    domain = DomainFactory(slug="employment")
    populations = [TargetPopulationFactory() for _ in range(2)]
    made: list[Venture] = []

    def grow_to(rows: int) -> None:
        while len(made) < rows:
            venture = VentureFactory.create(
                stage=VentureStage.PRODUCT_MARKET_FIT,
                is_public=len(made) % 5 != 4,  # some hidden ones: staff see them, visitors not
            )
            venture.domains.add(domain, DomainFactory())
            venture.target_populations.add(*populations)
            made.append(venture)

    url = reverse("ecosystem:venture_list") + "?stage=product_market_fit&domain=employment"
    _assert_constant(
        _client_for(who, personas),
        url,
        grow_to,
        MAX_DIRECTORY_QUERIES,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_venture_directory_search(
    who: str, personas: Any, django_assert_max_num_queries: Any
) -> None:
    made: list[Venture] = []

    def grow_to(rows: int) -> None:
        while len(made) < rows:
            venture = VentureFactory.create(name=f"תעסוקה במוגבלות {len(made)}")
            venture.domains.add(DomainFactory())
            made.append(venture)

    url = reverse("ecosystem:venture_list") + "?q=מוגבלות"
    _assert_constant(
        _client_for(who, personas),
        url,
        grow_to,
        MAX_DIRECTORY_QUERIES,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_organisation_directory(
    who: str, personas: Any, django_assert_max_num_queries: Any
) -> None:
    made: list[Organisation] = []

    def grow_to(rows: int) -> None:
        while len(made) < rows:
            organisation = OrganisationFactory.create(
                kind=OrganisationKind.NGO, is_public=len(made) % 4 != 3
            )
            organisation.domains.add(DomainFactory(), DomainFactory())
            made.append(organisation)

    url = reverse("ecosystem:organisation_list") + "?kind=ngo"
    _assert_constant(
        _client_for(who, personas),
        url,
        grow_to,
        MAX_DIRECTORY_QUERIES,
        django_assert_max_num_queries,
    )


# --- Actor pages -----------------------------------------------------------------------


def _grow_actor(actor: Any, *, with_technologies: bool) -> Callable[[int], None]:
    """Give the actor ``rows`` relations (both directions, both actor types), people and terms."""
    counts = {"rows": 0}

    def grow_to(rows: int) -> None:
        while counts["rows"] < rows:
            index = counts["rows"]
            other = VentureFactory.create() if index % 2 else OrganisationFactory.create()
            if index % 3:
                RelationFactory(source=actor, target=other, kind=RelationKind.PARTNERSHIP)
            else:
                RelationFactory(source=other, target=actor, kind=RelationKind.FUNDING)
            AffiliationFactory(actor=actor, is_founder=index == 0)
            actor.domains.add(DomainFactory())
            actor.target_populations.add(TargetPopulationFactory())
            actor.regions.add(RegionFactory())
            if with_technologies:
                actor.technologies.add(TechnologyFactory())
            counts["rows"] += 1

    return grow_to


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_venture_page(who: str, personas: Any, django_assert_max_num_queries: Any) -> None:
    venture = VentureFactory.create(description="מיזם לדוגמה", website="https://example.org")
    MembershipFactory(actor=venture)
    _assert_constant(
        _client_for(who, personas),
        reverse("ecosystem:venture_detail", args=[venture.pk]),
        _grow_actor(venture, with_technologies=True),
        MAX_ACTOR_PAGE_QUERIES,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_organisation_page(who: str, personas: Any, django_assert_max_num_queries: Any) -> None:
    organisation = OrganisationFactory.create(email="info@example.org")
    _assert_constant(
        _client_for(who, personas),
        reverse("ecosystem:organisation_detail", args=[organisation.pk]),
        _grow_actor(organisation, with_technologies=False),
        MAX_ACTOR_PAGE_QUERIES,
        django_assert_max_num_queries,
    )


# --- Home ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_home_page(who: str, personas: Any, django_assert_max_num_queries: Any) -> None:
    from kaveret.testing.factories import CommunityFactory

    made: list[Any] = []

    def grow_to(rows: int) -> None:
        while len(made) < rows:
            community = CommunityFactory(domain=DomainFactory())
            MembershipFactory(community=community)
            VentureFactory.create()
            OrganisationFactory.create()
            made.append(community)

    _assert_constant(
        _client_for(who, personas),
        reverse("home"),
        grow_to,
        MAX_HOME_QUERIES,
        django_assert_max_num_queries,
        row_marker='class="card"',
    )


def test_hidden_rows_stay_hidden_from_visitors(personas: Any) -> None:
    """The counted pages are the real ones: a visitor's directory leaves out hidden rows."""
    VentureFactory.create(name="מיזם גלוי", stage=VentureStage.SCALE)
    VentureFactory.create(name="מיזם נסתר", stage=VentureStage.SCALE, is_public=False)
    url = reverse("ecosystem:venture_list") + "?stage=scale"
    visitor = Client().get(url, secure=True).content.decode()
    staff = _client_for("staff", personas).get(url, secure=True).content.decode()
    assert "מיזם גלוי" in visitor and "מיזם נסתר" not in visitor
    assert "מיזם גלוי" in staff and "מיזם נסתר" in staff
