"""The communities API: communities, members, joining, deciding, invitations and roles."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role, RoleAssignment
from kaveret.communities.models import Membership, MembershipStatus
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    CommunityFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    verify_email,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_visitors_list_public_communities_with_member_counts(personas: Any) -> None:
    MembershipFactory.create_batch(2, community=personas.community)
    MembershipFactory(community=personas.community, status=MembershipStatus.LEFT)
    CommunityFactory(is_public=False)

    body = client_as().get(f"{API}/communities").json()

    assert [(c["slug"], c["member_count"]) for c in body] == [(personas.community.slug, 2)]


def test_a_community_names_its_key_roles_and_steering_committee(personas: Any) -> None:
    seat = UserFactory(full_name="חברת ועדה")
    RoleAssignment.objects.create(
        user_id=seat.pk, role=Role.STEERING_MEMBER, community=personas.community
    )
    body = client_as().get(f"{API}/communities/{personas.community.slug}").json()
    assert [h["role"] for h in body["key_roles"]] == [Role.COMMUNITY_MANAGER]
    assert [h["name"] for h in body["steering_committee"]] == ["חברת ועדה"]


def test_visitors_see_only_consenting_people_among_members(personas: Any) -> None:
    MembershipFactory(community=personas.community, actor=personas.venture)
    MembershipFactory(
        community=personas.community,
        actor=None,
        person=PersonFactory(full_name="לא בציבור", consent_directory=False),
    )
    url = f"{API}/communities/{personas.community.slug}/members"
    public = [m["name"] for m in client_as().get(url).json()]
    members = [m["name"] for m in client_as(personas.entrepreneur).get(url).json()]
    assert "לא בציבור" not in public
    assert "לא בציבור" in members


def test_join_decide_and_leave_through_the_api(personas: Any) -> None:
    slug = personas.community.slug
    anonymous = client_as().post(
        f"{API}/communities/{slug}/memberships",
        {"member_type": "entrepreneur"},
        content_type="application/json",
    )
    assert anonymous.status_code == 401

    entrepreneur = client_as(personas.entrepreneur)
    asked = entrepreneur.post(
        f"{API}/communities/{slug}/memberships",
        {"member_type": "entrepreneur", "actor_id": personas.venture.pk, "note": "שלום"},
        content_type="application/json",
    )
    assert asked.status_code == 201, asked.content
    membership_id = asked.json()["id"]
    assert asked.json()["status"] == "pending"

    twice = entrepreneur.post(
        f"{API}/communities/{slug}/memberships",
        {"member_type": "entrepreneur", "actor_id": personas.venture.pk},
        content_type="application/json",
    )
    assert twice.status_code == 422

    refused = entrepreneur.post(
        f"{API}/memberships/{membership_id}/decision",
        {"approve": True},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert entrepreneur.get(f"{API}/communities/{slug}/memberships").status_code == 403

    staff = client_as(personas.staff)
    pending = staff.get(f"{API}/communities/{slug}/memberships").json()
    assert [m["id"] for m in pending] == [membership_id]
    decided = staff.post(
        f"{API}/memberships/{membership_id}/decision",
        {"approve": True, "note": "ברוכים הבאים"},
        content_type="application/json",
    )
    assert decided.json()["status"] == "active"

    left = client_as(personas.entrepreneur).post(f"{API}/memberships/{membership_id}/leave")
    assert left.json()["status"] == "left"
    assert Membership.objects.get(pk=membership_id).status == MembershipStatus.LEFT


def test_another_users_membership_is_missing(personas: Any) -> None:
    membership = MembershipFactory(community=personas.community)
    response = client_as(UserFactory()).post(f"{API}/memberships/{membership.pk}/leave")
    assert response.status_code == 404


def test_bad_input_is_a_422_in_the_requests_language(personas: Any) -> None:
    response = client_as(personas.staff).post(
        f"{API}/communities/{personas.community.slug}/invitations",
        {"email": "not-an-email", "member_type": "funder"},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 422
    assert response.json()["fields"]["email"] == ["Enter a valid e-mail address."]


def test_roles_are_given_and_taken_by_the_manager_only(personas: Any) -> None:
    slug = personas.community.slug
    seat = verify_email(UserFactory(email="seat@example.gov.il"))
    body = {"email": seat.email, "role": "steering_member"}
    entrepreneur = client_as(personas.entrepreneur)
    assert (
        entrepreneur.post(
            f"{API}/communities/{slug}/roles", body, content_type="application/json"
        ).status_code
        == 403
    )
    staff = client_as(personas.staff)
    given = staff.post(f"{API}/communities/{slug}/roles", body, content_type="application/json")
    assert given.status_code == 201
    holders = [h["role"] for h in staff.get(f"{API}/communities/{slug}/roles").json()]
    assert sorted(holders) == ["community_manager", "steering_member"]
    taken = staff.delete(f"{API}/communities/{slug}/roles/{given.json()['id']}")
    assert taken.status_code == 204
    history = staff.get(f"{API}/communities/{slug}/history").json()
    assert [h["kind"] for h in history] == ["role_revoked", "role_granted"]
    assert entrepreneur.get(f"{API}/communities/{slug}/history").status_code == 403
