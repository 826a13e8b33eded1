"""Visitors never read what was hidden after the figures were computed, and the figures
are recomputed whoever hid it: a service or the Django admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from kaveret.communities.models import Community, Membership
from kaveret.ecosystem.models import Actor, Organisation, Relation, Venture
from kaveret.network.models import AnalyticsSnapshot
from kaveret.network.tasks import recompute_analytics
from kaveret.testing.factories import (
    CommunityFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/network/analytics/"
API = "/api/v1/network/analytics"
ANNOUNCE = "kaveret.network.signals.announce_ecosystem_changed"


@pytest.fixture
def computed_then_hidden() -> dict[str, Any]:
    """Public figures computed, then a community, a broker and an isolated actor hidden.

    The broker also belongs to two communities, so it is listed as shared as well.
    """
    soon_hidden = CommunityFactory(name="Soon hidden circle", name_en="Soon hidden circle")
    staying = CommunityFactory(name="Staying circle", name_en="Staying circle")
    broker = OrganisationFactory(name="Soon hidden broker", name_en="Soon hidden broker")
    loner = OrganisationFactory(name="Soon hidden loner", name_en="Soon hidden loner")
    left, right = OrganisationFactory(name="Left"), OrganisationFactory(name="Right")
    still_alone = OrganisationFactory(name="Still alone")
    RelationFactory(source=left, target=broker)
    RelationFactory(source=broker, target=right)
    MembershipFactory(community=soon_hidden, actor=broker)
    MembershipFactory(community=staying, actor=broker)
    MembershipFactory(community=staying, actor=left)
    recompute_analytics()
    # As in the Django admin: outside a transaction the tests do not commit, so the
    # snapshot keeps the figures of before.
    for row in (soon_hidden, broker, loner):
        row.is_public = False
        row.save()
    return {"community": soon_hidden, "broker": broker, "loner": loner, "still_alone": still_alone}


def test_visitors_do_not_read_a_community_or_actors_hidden_since_the_figures_ran(
    computed_then_hidden: dict[str, Any],
) -> None:
    html = Client().get(PAGE).content.decode()
    api = Client().get(API).content.decode()

    for text in (html, api):
        assert "Staying circle" in text
        assert "Soon hidden" not in text
    assert computed_then_hidden["community"].slug not in html


def test_the_api_drops_hidden_actors_from_every_list(
    computed_then_hidden: dict[str, Any],
) -> None:
    figures = Client().get(API).json()["figures"]

    hidden_ids = {computed_then_hidden["broker"].pk, computed_then_hidden["loner"].pk}
    scopes = [figures["ecosystem"], *figures["communities"]]
    listed = [
        actor["id"]
        for actors in [*(s["isolated"] for s in scopes), *(s["brokers"] for s in scopes)]
        for actor in actors
    ] + [actor["id"] for actor in figures["shared"]]
    assert computed_then_hidden["still_alone"].pk in listed
    assert not hidden_ids & set(listed)


def test_staff_still_read_what_was_hidden(
    computed_then_hidden: dict[str, Any], personas: Any
) -> None:
    client = Client()
    client.force_login(personas.staff)

    html = client.get(PAGE).content.decode()

    assert "Soon hidden broker" in html


def test_filtering_the_public_figures_costs_two_queries(
    computed_then_hidden: dict[str, Any], django_assert_num_queries: Any
) -> None:
    from kaveret.network.analytics import snapshot_for_user

    with django_assert_num_queries(3):  # the snapshot, public communities, public actors
        snapshot_for_user(None)


def _save(factory: Callable[[], Any]) -> Callable[[], None]:
    def change() -> None:
        row = factory()
        row.save()

    return change


def _delete(factory: Callable[[], Any]) -> Callable[[], None]:
    def change() -> None:
        factory().delete()

    return change


ADMIN_CHANGES = {
    "organisation saved": _save(lambda: Organisation.objects.get(name="Left")),
    "organisation deleted": _delete(lambda: Organisation.objects.get(name="Left")),
    "venture saved": _save(lambda: Venture.objects.get()),
    "venture deleted": _delete(lambda: Venture.objects.get()),
    "actor saved": _save(lambda: Actor.objects.get(name="Left")),
    "relation saved": _save(lambda: Relation.objects.get()),
    "relation deleted": _delete(lambda: Relation.objects.get()),
    "community saved": _save(lambda: Community.objects.get()),
    "community deleted": _delete(lambda: Community.objects.get()),
    "membership saved": _save(lambda: Membership.objects.get()),
    "membership deleted": _delete(lambda: Membership.objects.get()),
}


@pytest.mark.parametrize("change", ADMIN_CHANGES.values(), ids=ADMIN_CHANGES.keys())
def test_a_change_made_outside_the_services_is_announced(change: Callable[[], None]) -> None:
    left = OrganisationFactory(name="Left")
    RelationFactory(source=left, target=VentureFactory())
    MembershipFactory(community=CommunityFactory(), actor=left)

    with mock.patch(ANNOUNCE) as announce:
        change()

    assert announce.called


@pytest.mark.django_db(transaction=True)
def test_hiding_a_community_in_the_admin_recomputes_the_public_figures() -> None:
    community = CommunityFactory(name="Soon hidden circle", name_en="Soon hidden circle")
    MembershipFactory(community=community, actor=OrganisationFactory())
    recompute_analytics()

    community.is_public = False
    community.save()  # committed at once: the eager task recomputes

    figures = AnalyticsSnapshot.objects.get(visibility="public").data
    assert figures["communities"] == []
