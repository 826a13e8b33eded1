"""The analytics page and API: what visitors and staff see, and the recompute button."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from kombu.exceptions import OperationalError

from kaveret.ecosystem.models import Actor, Relation
from kaveret.network.analytics_views import CHART_WIDTH, LABEL_WIDTH, bar_chart
from kaveret.network.models import AnalyticsSnapshot
from kaveret.network.tasks import recompute_analytics
from kaveret.testing.factories import (
    ApiTokenFactory,
    CommunityFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/network/analytics/"
API = "/api/v1/network/analytics"


@pytest.fixture
def ecosystem() -> dict[str, Any]:
    """A community of a venture and an NGO, a bridging academic, and a private fund."""
    ageing = CommunityFactory(name="הזדקנות", name_en="Ageing well", slug="ageing")
    venture = VentureFactory(name="Wellplay", name_en="Wellplay")
    ngo = OrganisationFactory(name="עמותת גשר", name_en="Bridge NGO", kind="ngo")
    college = OrganisationFactory(name="מכללת ספיר", name_en="Sapir College", kind="academia")
    hidden = OrganisationFactory(
        name="קרן חסויה", name_en="Hidden Fund", kind="philanthropy_fund", is_public=False
    )
    MembershipFactory(community=ageing, actor=venture)
    MembershipFactory(community=ageing, actor=ngo)
    RelationFactory(source=ngo, target=venture, kind="pilot")
    RelationFactory(source=college, target=ngo, kind="partnership")
    RelationFactory(source=hidden, target=venture, kind="funding")
    return {"community": ageing, "college": college, "hidden": hidden}


def _row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row">{label}</th>')
    return html[start : html.index("</tr>", start)]


def test_a_visitor_reads_the_figures_in_the_data_tables(ecosystem: dict[str, Any]) -> None:
    recompute_analytics.delay()

    html = Client().get(PAGE).content.decode()

    assert "<caption>Actors by sector</caption>" in html
    assert "<td>1</td>" in _row(html, "Academia")
    assert "Ageing well" in html
    assert "Sectors still missing:" in html
    brokers = html[html.index("<caption>Actors with the highest betweenness</caption>") :]
    assert "Bridge NGO" in brokers[: brokers.index("</table>")]  # between venture and college
    assert "Hidden Fund" not in html
    assert "Recompute the analytics" not in html


def test_growth_is_listed_per_quarter_in_the_readers_words(ecosystem: dict[str, Any]) -> None:
    Actor.objects.update(created_at=datetime.datetime(2024, 2, 10, 12, 0, tzinfo=datetime.UTC))
    Relation.objects.update(created_at=datetime.datetime(2024, 8, 1, 12, 0, tzinfo=datetime.UTC))
    recompute_analytics.delay()

    html = Client().get(PAGE).content.decode()

    growth = html[html.index("<caption>Growth per quarter</caption>") :]
    assert "<td>3</td><td>0</td>" in _row(growth, "Q1 2024")  # the three public actors
    assert "<td>0</td><td>0</td>" in _row(growth, "Q2 2024")
    assert "<td>0</td><td>2</td>" in _row(growth, "Q3 2024")  # the two public relations


def test_staff_see_private_actors_in_the_figures(ecosystem: dict[str, Any], personas: Any) -> None:
    recompute_analytics.delay()
    client = Client()
    client.force_login(personas.staff)

    html = client.get(PAGE).content.decode()

    assert "<td>1</td>" in _row(html, "Philanthropy")
    assert "Recompute the analytics" in html


def test_a_visitor_is_told_when_nothing_was_computed_yet() -> None:
    html = Client().get(PAGE).content.decode()

    assert "The analytics have not been computed yet." in html
    assert not AnalyticsSnapshot.objects.exists()


def test_staff_who_find_no_figures_start_the_computation(personas: Any) -> None:
    client = Client()
    client.force_login(personas.staff)

    html = client.get(PAGE).content.decode()

    # Celery runs eagerly in tests, so the figures are there at once.
    assert AnalyticsSnapshot.objects.filter(visibility="full").exclude(data={}).exists()
    assert "<caption>Actors by sector</caption>" in html


def test_the_page_says_when_fresher_figures_are_on_their_way(ecosystem: dict[str, Any]) -> None:
    recompute_analytics.delay()
    AnalyticsSnapshot.objects.update(requested_at=timezone.now())

    html = Client().get(PAGE).content.decode()

    assert "Fresher figures are being computed." in html
    assert "<caption>Actors by sector</caption>" in html


def test_a_snapshot_being_computed_for_the_first_time_is_announced() -> None:
    AnalyticsSnapshot.objects.create(visibility="public", requested_at=timezone.now())

    html = Client().get(PAGE).content.decode()

    assert "The analytics are being computed." in html


def test_charts_are_hidden_from_screen_readers_and_drawn_right_to_left_in_hebrew(
    ecosystem: dict[str, Any],
) -> None:
    recompute_analytics.delay()

    html = Client().get("/network/analytics/").content.decode()

    assert 'dir="rtl"' in html
    assert '<svg viewBox="0 0 520' in html
    assert 'aria-hidden="true" focusable="false"' in html
    assert 'text-anchor="start" dominant-baseline="middle"' in html  # labels on the right


def test_bars_grow_from_the_labels_in_the_reading_direction() -> None:
    rows = [("Academia", 2), ("Business", 1)]

    ltr, rtl = bar_chart(rows, rtl=False), bar_chart(rows, rtl=True)

    assert ltr.bars[0].x == LABEL_WIDTH
    assert rtl.bars[0].x + rtl.bars[0].width == CHART_WIDTH - LABEL_WIDTH
    assert rtl.bars[1].width == rtl.bars[0].width / 2


def test_staff_recompute_on_request(ecosystem: dict[str, Any], personas: Any) -> None:
    recompute_analytics.delay()
    OrganisationFactory(name_en="Late Arrival")
    client = Client()
    client.force_login(personas.staff)

    response = client.post("/en/network/analytics/recompute/", follow=True)

    assert "Late Arrival" in response.content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "entrepreneur"])
def test_only_staff_may_recompute(persona: str, personas: Any) -> None:
    client = Client()
    if persona != "anonymous":
        client.force_login(personas.entrepreneur)

    response = client.post("/en/network/analytics/recompute/")

    assert response.status_code == 403
    assert not AnalyticsSnapshot.objects.exists()


def test_the_recompute_button_needs_the_csrf_token(personas: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.staff)

    assert client.post("/en/network/analytics/recompute/").status_code == 403
    assert not AnalyticsSnapshot.objects.exists()


def test_the_api_gives_visitors_the_public_snapshot(ecosystem: dict[str, Any]) -> None:
    recompute_analytics.delay()

    body = Client().get(API).json()

    assert body["visibility"] == "public"
    assert body["status"] == "ready"
    assert body["figures"]["ecosystem"]["by_sector"]["philanthropy"] == 0
    assert body["figures"]["communities"][0]["slug"] == "ageing"
    assert body["node_count"] == body["figures"]["ecosystem"]["actors"]


def test_the_api_gives_a_staff_token_everything(ecosystem: dict[str, Any], personas: Any) -> None:
    recompute_analytics.delay()
    ApiTokenFactory.create(user=personas.staff, key="kvt_analytics-staff")

    body = Client().get(API, HTTP_AUTHORIZATION="Bearer kvt_analytics-staff").json()

    assert body["visibility"] == "full"
    assert body["figures"]["ecosystem"]["by_sector"]["philanthropy"] == 1


def test_the_api_says_when_there_is_nothing_yet() -> None:
    body = Client().get(API).json()

    assert body == {
        "visibility": "public",
        "status": "missing",
        "computed_at": None,
        "requested_at": None,
        "duration_seconds": None,
        "node_count": 0,
        "edge_count": 0,
        "figures": None,
    }


def test_the_page_costs_the_same_queries_for_a_small_and_a_larger_ecosystem(
    django_assert_max_num_queries: Any,
) -> None:
    def queries_for_page() -> int:
        recompute_analytics.delay()
        with django_assert_max_num_queries(50) as captured:
            Client().get(PAGE)
        return len(captured)

    # Not empty: with no actor listed the page skips the queries that check them.
    MembershipFactory(community=CommunityFactory(), actor=VentureFactory())
    small = queries_for_page()
    for _ in range(3):
        community = CommunityFactory()
        for _ in range(5):
            member = VentureFactory()
            MembershipFactory(community=community, actor=member)
            RelationFactory(source=OrganisationFactory(), target=member)

    assert queries_for_page() == small


def test_staff_are_told_when_the_recomputation_cannot_be_queued(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(recompute_analytics, "delay", broker_down)
    client = Client()
    client.force_login(personas.staff)

    response = client.post("/en/network/analytics/recompute/", follow=True)

    assert "the task queue is unreachable" in response.content.decode()
