"""What a hidden community, a hidden actor or a person's address must never show to
those who may not see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kaveret.accounts.models import Role
from kaveret.communities.models import MembershipStatus
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    MembershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def test_a_hidden_community_is_not_named_in_the_overlap_of_a_public_one(
    client: Client, personas: Any
) -> None:
    secret = CommunityFactory(name="קהילה סודית", name_en="Secret circle", is_public=False)
    venture = VentureFactory()
    MembershipFactory(community=personas.community, actor=venture)
    MembershipFactory(community=secret, actor=venture)
    membership = personas.community.memberships.get(actor=venture)

    page = client.get(f"/en/communities/{personas.community.slug}/").content.decode()
    profile = client.get(f"/en/communities/{personas.community.slug}/members/{membership.pk}/")
    api = client.get(f"/api/v1/communities/{personas.community.slug}/members").json()

    assert "Secret circle" not in page
    assert "Secret circle" not in profile.content.decode()
    assert api[0]["other_communities"] == []

    member = UserFactory()
    MembershipFactory(community=secret, actor=None, person=PersonFactory(user=member))
    seen = client_as(member).get(f"/api/v1/communities/{personas.community.slug}/members")
    assert seen.json()[0]["other_communities"] == [secret.slug]


def test_a_hidden_venture_is_not_listed_to_visitors(client: Client, personas: Any) -> None:
    hidden = VentureFactory(name="מיזם חסוי", is_public=False)
    membership = MembershipFactory(community=personas.community, actor=hidden)

    assert (
        "מיזם חסוי" not in client.get(f"/communities/{personas.community.slug}/").content.decode()
    )
    url = f"/communities/{personas.community.slug}/members/{membership.pk}/"
    assert client.get(url).status_code == 404
    names = [
        m["name"]
        for m in client.get(f"/api/v1/communities/{personas.community.slug}/members").json()
    ]
    assert "מיזם חסוי" not in names


def test_a_role_holder_without_a_name_is_not_shown_by_address(
    client: Client, personas: Any
) -> None:
    RoleAssignmentFactory(
        user=UserFactory(email="private.person@example.org", full_name=""),
        role=Role.STEERING_MEMBER,
        community=personas.community,
    )
    page = client.get(f"/communities/{personas.community.slug}/").content.decode()
    roles = client.get(f"/api/v1/communities/{personas.community.slug}/roles").content.decode()
    assert "private.person@example.org" not in page
    assert "private.person@example.org" not in roles


def test_staff_of_another_community_do_not_see_a_hidden_one_but_its_members_do(
    personas: Any,
) -> None:
    secret = CommunityFactory(is_public=False)
    member = UserFactory()
    MembershipFactory(
        community=secret,
        actor=None,
        person=PersonFactory(user=member),
        status=MembershipStatus.ACTIVE,
    )
    pages = (
        f"/communities/{secret.slug}/",
        f"/communities/{secret.slug}/events/",
        f"/communities/{secret.slug}/work/",
        f"/api/v1/communities/{secret.slug}/members",
    )
    outsider = client_as(personas.staff)  # manager of another community
    assert [outsider.get(url).status_code for url in pages] == [404] * len(pages)
    assert secret.slug not in [c["slug"] for c in outsider.get("/api/v1/communities").json()]

    inside = client_as(member)
    assert [inside.get(url).status_code for url in pages] == [200] * len(pages)
    assert secret.slug in [c["slug"] for c in inside.get("/api/v1/communities").json()]
    assert client_as(personas.admin).get(pages[0]).status_code == 200


def test_the_map_draws_a_hidden_community_only_for_its_members(personas: Any) -> None:
    secret = CommunityFactory(slug="secret-circle", is_public=False)
    MembershipFactory(community=secret, actor=personas.venture)
    member = personas.entrepreneur  # acts for the venture, a member of the hidden community

    outsider = client_as(personas.staff).get("/network/map/data.json").content.decode()
    inside = client_as(member).get("/network/map/data.json").content.decode()

    assert "secret-circle" not in outsider
    assert "secret-circle" in inside
