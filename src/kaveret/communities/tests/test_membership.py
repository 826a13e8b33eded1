"""Joining, deciding, leaving, invitations, roles and the history they leave."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from kaveret.accounts.models import Role, RoleAssignment, User
from kaveret.communities import services
from kaveret.communities.models import (
    CommunityHistory,
    HistoryKind,
    Invitation,
    Membership,
    MembershipStatus,
    MemberType,
    RegistrationStatus,
)
from kaveret.communities.rules import is_community_member
from kaveret.core.errors import DomainError
from kaveret.notifications.models import Notification
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    verify_email,
)

pytestmark = pytest.mark.django_db


def _history(community: Any) -> list[str]:
    return list(
        CommunityHistory.objects.filter(community=community)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def test_an_entrepreneur_asks_to_join_for_their_venture_and_the_manager_approves(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    community = personas.community
    membership = services.request_membership(
        by=personas.entrepreneur,
        community=community,
        member_type=MemberType.ENTREPRENEUR,
        actor=personas.venture,
        note="נשמח ללמוד מהקהילה",
    )
    assert membership.status == MembershipStatus.PENDING
    assert not is_community_member(personas.entrepreneur, community)

    personas.entrepreneur.language = "en"
    personas.entrepreneur.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_membership(
            by=personas.staff, membership=membership, approve=True, note="ברוכים הבאים"
        )

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.joined_on == timezone.localdate()
    assert membership.decided_by == personas.staff
    # Member communities are read once per user object (per request): a fresh one.
    assert is_community_member(User.objects.get(pk=personas.entrepreneur.pk), community)
    notice = Notification.objects.get(recipient=personas.entrepreneur)
    assert notice.kind == "membership_approved"
    assert [message.to for message in mail.outbox] == [[personas.entrepreneur.email]]
    assert "ברוכים הבאים" in mail.outbox[0].body
    assert _history(community) == [
        HistoryKind.MEMBERSHIP_REQUESTED,
        HistoryKind.MEMBERSHIP_APPROVED,
    ]


def test_a_declined_request_carries_the_message_and_may_be_asked_again(personas: Any) -> None:
    user = UserFactory()
    membership = services.request_membership(
        by=user, community=personas.community, member_type=MemberType.NEED_EXPERT
    )
    services.decide_membership(
        by=personas.staff, membership=membership, approve=False, note="הקהילה מלאה כרגע"
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    assert membership.decision_note == "הקהילה מלאה כרגע"
    assert Notification.objects.get(recipient_id=user.pk).kind == "membership_declined"

    again = services.request_membership(
        by=user, community=personas.community, member_type=MemberType.NEED_EXPERT
    )
    assert again.pk == membership.pk
    assert again.status == MembershipStatus.PENDING
    assert again.decision_note == ""
    assert Membership.objects.filter(community=personas.community).count() == 1


def test_asking_twice_or_when_already_a_member_is_refused(personas: Any) -> None:
    user = UserFactory()
    services.request_membership(
        by=user, community=personas.community, member_type=MemberType.ACADEMIA
    )
    with pytest.raises(DomainError) as twice:
        services.request_membership(
            by=user, community=personas.community, member_type=MemberType.ACADEMIA
        )
    assert twice.value.code == "already_requested"

    member = MembershipFactory(community=personas.community, actor=personas.venture)
    with pytest.raises(DomainError) as already:
        services.request_membership(
            by=personas.entrepreneur,
            community=personas.community,
            member_type=MemberType.ENTREPRENEUR,
            actor=member.actor,
        )
    assert already.value.code == "already_member"


def test_one_may_not_ask_for_an_organisation_one_does_not_act_for(personas: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.request_membership(
            by=personas.entrepreneur,
            community=personas.community,
            member_type=MemberType.SOCIAL_ORGANISATION,
            actor=OrganisationFactory(),
        )
    assert "actor" in refused.value.error_dict
    assert not Membership.objects.exists()


def test_only_the_communitys_staff_decide(personas: Any) -> None:
    membership = services.request_membership(
        by=UserFactory(), community=personas.community, member_type=MemberType.BUSINESS
    )
    other_manager = UserFactory()
    RoleAssignmentFactory(
        user=other_manager, role=Role.COMMUNITY_MANAGER, community=CommunityFactory()
    )
    for outsider in (personas.entrepreneur, other_manager):
        with pytest.raises(PermissionDenied):
            services.decide_membership(by=outsider, membership=membership, approve=True)
    services.decide_membership(by=personas.admin, membership=membership, approve=True)
    with pytest.raises(DomainError):
        services.decide_membership(by=personas.staff, membership=membership, approve=False)


def test_a_member_leaves_and_only_the_member_may(personas: Any) -> None:
    person = PersonFactory(user=UserFactory())
    membership = MembershipFactory(
        community=personas.community, actor=None, person=person, status=MembershipStatus.ACTIVE
    )
    with pytest.raises(PermissionDenied):
        services.leave_community(by=personas.entrepreneur, membership=membership)
    services.leave_community(by=person.user, membership=membership)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert membership.left_on == timezone.localdate()
    assert _history(personas.community) == [HistoryKind.MEMBERSHIP_LEFT]


def test_an_invitation_is_mailed_and_joins_at_once(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            by=personas.staff,
            community=personas.community,
            email="New.Member@Example.org",
            member_type=MemberType.FUNDER,
            message="נשמח שתצטרפו",
        )
    assert invitation.email == "new.member@example.org"
    assert mail.outbox[0].to == ["new.member@example.org"]
    assert f"/communities/invitations/{invitation.token}/" in mail.outbox[0].body

    with pytest.raises(DomainError) as again:
        services.invite_member(
            by=personas.staff,
            community=personas.community,
            email="new.member@example.org",
            member_type=MemberType.FUNDER,
        )
    assert "כבר ממתינה" in str(again.value.error_dict["email"])

    stranger = UserFactory(email="someone.else@example.org")
    with pytest.raises(DomainError):
        services.accept_invitation(by=stranger, invitation=invitation)

    invitee = UserFactory(email="new.member@example.org")
    membership = services.accept_invitation(by=invitee, invitation=invitation)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.member_type == MemberType.FUNDER
    assert membership.person.user == invitee
    assert is_community_member(User.objects.get(pk=invitee.pk), personas.community)
    with pytest.raises(DomainError):
        services.accept_invitation(by=invitee, invitation=invitation)
    assert _history(personas.community) == [
        HistoryKind.INVITATION_SENT,
        HistoryKind.INVITATION_ACCEPTED,
    ]


def test_an_expired_or_withdrawn_invitation_cannot_be_used(personas: Any) -> None:
    invitation = services.invite_member(
        by=personas.staff,
        community=personas.community,
        email="late@example.org",
        member_type=MemberType.ACADEMIA,
    )
    invitee = UserFactory(email="late@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    invitation.refresh_from_db()
    with pytest.raises(DomainError):
        services.accept_invitation(by=invitee, invitation=invitation)

    second = services.invite_member(
        by=personas.staff,
        community=personas.community,
        email="late@example.org",
        member_type=MemberType.ACADEMIA,
    )
    services.revoke_invitation(by=personas.staff, invitation=second)
    second.refresh_from_db()
    with pytest.raises(DomainError):
        services.accept_invitation(by=invitee, invitation=second)
    assert not Membership.objects.exists()


def test_invalid_invitation_input_is_refused_by_field(personas: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.invite_member(
            by=personas.staff, community=personas.community, email="not-an-email", member_type="x"
        )
    assert "member_type" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        services.invite_member(
            by=personas.entrepreneur,
            community=personas.community,
            email="a@example.org",
            member_type=MemberType.ACADEMIA,
        )


def test_the_manager_gives_and_takes_roles_and_seats_and_history_keeps_them(
    personas: Any,
) -> None:
    seat_holder = verify_email(UserFactory(email="deputy@example.gov.il", full_name="ראש אגף"))
    seat = services.grant_role(
        by=personas.staff,
        community=personas.community,
        email="Deputy@example.gov.il",
        role=Role.STEERING_MEMBER,
    )
    coordinator = services.grant_role(
        by=personas.staff,
        community=personas.community,
        email=seat_holder.email,
        role=Role.COMMUNITY_COORDINATOR,
    )
    # A coordinator runs the community but does not give roles.
    with pytest.raises(PermissionDenied):
        services.grant_role(
            by=seat_holder,
            community=personas.community,
            email=personas.entrepreneur.email,
            role=Role.STEERING_MEMBER,
        )
    with pytest.raises(DomainError) as twice:
        services.grant_role(
            by=personas.staff,
            community=personas.community,
            email=seat_holder.email,
            role=Role.STEERING_MEMBER,
        )
    assert "כבר יש את התפקיד" in str(twice.value.error_dict["email"])
    services.revoke_role(by=personas.staff, assignment=seat)
    assert list(
        RoleAssignment.objects.filter(user_id=seat_holder.pk).values_list("role", flat=True)
    ) == [coordinator.role]
    history = CommunityHistory.objects.filter(community=personas.community).order_by("pk")
    assert [(h.kind, h.role, h.subject) for h in history] == [
        (HistoryKind.ROLE_GRANTED, Role.STEERING_MEMBER, "ראש אגף"),
        (HistoryKind.ROLE_GRANTED, Role.COMMUNITY_COORDINATOR, "ראש אגף"),
        (HistoryKind.ROLE_REVOKED, Role.STEERING_MEMBER, "ראש אגף"),
    ]


def test_the_last_manager_cannot_be_removed(personas: Any) -> None:
    only = RoleAssignment.objects.get(user=personas.staff, community=personas.community)
    with pytest.raises(DomainError) as refused:
        services.revoke_role(by=personas.admin, assignment=only)
    assert refused.value.code == "last_manager"
    with pytest.raises(DomainError):
        services.grant_role(
            by=personas.staff,
            community=personas.community,
            email="nobody@example.org",
            role=Role.STEERING_MEMBER,
        )


# Pages


def test_the_join_page_sends_a_request_and_the_manage_page_decides_it(
    client: Client, personas: Any
) -> None:
    slug = personas.community.slug
    client.force_login(personas.entrepreneur)
    page = client.get(f"/en/communities/{slug}/join/")
    assert personas.venture.name in page.content.decode()
    response = client.post(
        f"/en/communities/{slug}/join/",
        {"on_behalf_of": str(personas.venture.pk), "member_type": "entrepreneur", "note": "hi"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(actor=personas.venture)

    assert client.get(f"/en/communities/{slug}/manage/").status_code == 403
    client.force_login(personas.staff)
    manage = client.get(f"/en/communities/{slug}/manage/")
    assert personas.venture.name in manage.content.decode()
    client.post(
        f"/en/communities/{slug}/members/{membership.pk}/decide/",
        {"decision": "approve", "note": ""},
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_a_bad_join_form_keeps_what_was_typed(client: Client, personas: Any) -> None:
    client.force_login(personas.entrepreneur)
    response = client.post(
        f"/en/communities/{personas.community.slug}/join/",
        {"on_behalf_of": "self", "member_type": "astronaut", "note": "הערה שנשמרת"},
    )
    assert response.status_code == 400
    assert "הערה שנשמרת" in response.content.decode()
    assert not Membership.objects.exists()


def test_the_community_page_shows_the_public_part_to_all_and_members_to_members(
    client: Client, personas: Any
) -> None:
    community = personas.community
    hidden = PersonFactory(full_name="אדם פרטי", consent_directory=False)
    MembershipFactory(community=community, actor=None, person=hidden)
    shared = MembershipFactory(community=community, actor=personas.venture)
    other = CommunityFactory(name="קהילה אחרת", name_en="Other community")
    MembershipFactory(community=other, actor=shared.actor)

    public = client.get(f"/en/communities/{community.slug}/").content.decode()
    assert personas.venture.name in public
    assert "אדם פרטי" not in public
    assert "Other community" in public  # the overlap is visible

    client.force_login(personas.entrepreneur)  # a member through the venture
    members = client.get(f"/en/communities/{community.slug}/").content.decode()
    assert "אדם פרטי" in members
    other_page = client.get(f"/en/communities/{other.slug}/").content.decode()
    assert community.name_en in other_page


def test_the_history_page_is_for_staff(client: Client, personas: Any) -> None:
    verify_email(personas.entrepreneur)
    services.grant_role(
        by=personas.staff,
        community=personas.community,
        email=personas.entrepreneur.email,
        role=Role.STEERING_MEMBER,
    )
    client.force_login(personas.staff)
    page = client.get(f"/en/communities/{personas.community.slug}/history/")
    assert "Role granted" in page.content.decode()
    assert "Steering-committee member" in page.content.decode()
    client.force_login(UserFactory())
    assert client.get(f"/en/communities/{personas.community.slug}/history/").status_code == 403


def test_the_community_page_query_count_does_not_grow_with_members(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    community = personas.community
    for _ in range(3):
        MembershipFactory(community=community)
    client.force_login(personas.staff)
    client.get(f"/communities/{community.slug}/")
    with django_assert_max_num_queries(30) as few:
        client.get(f"/communities/{community.slug}/")
    for _ in range(15):
        MembershipFactory(community=community, member_type=MemberType.BUSINESS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/communities/{community.slug}/")


def test_a_members_profile_counts_what_they_gave_and_where_else_they_are(
    client: Client, personas: Any
) -> None:
    person = PersonFactory(user=UserFactory(), full_name="נועה משתתפת", consent_directory=True)
    membership = MembershipFactory(community=personas.community, actor=None, person=person)
    MembershipFactory(community=personas.community)  # a member who gave nothing
    other = CommunityFactory(name_en="AgingIL")
    MembershipFactory(community=other, actor=None, person=person)
    event = EventFactory(community=personas.community)
    EventRegistrationFactory(event=event, user=person.user, status=RegistrationStatus.ATTENDED)

    profile = client.get(f"/en/communities/{personas.community.slug}/members/{membership.pk}/")
    text = profile.content.decode()
    assert "Events attended" in text
    assert "AgingIL" in text

    client.force_login(personas.staff)
    page = client.get(f"/en/communities/{personas.community.slug}/").content.decode()
    assert "1 of 2 members (50%) contributed at least once." in page


def test_a_private_persons_profile_is_for_members_only(client: Client, personas: Any) -> None:
    hidden = MembershipFactory(
        community=personas.community,
        actor=None,
        person=PersonFactory(consent_directory=False),
    )
    url = f"/en/communities/{personas.community.slug}/members/{hidden.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(personas.staff)
    assert client.get(url).status_code == 200


def test_the_manager_sets_whether_knowledge_waits_for_review_and_history_keeps_it(
    client: Client, personas: Any
) -> None:
    url = f"/en/communities/{personas.community.slug}/settings/"
    coordinator = UserFactory()
    RoleAssignmentFactory(
        user=coordinator, role=Role.COMMUNITY_COORDINATOR, community=personas.community
    )
    client.force_login(coordinator)
    assert client.post(url, {}).status_code == 403

    client.force_login(personas.staff)
    assert client.post(url, {}).status_code == 302  # the box unticked: authors publish
    personas.community.refresh_from_db()
    assert personas.community.knowledge_needs_review is False
    entry = CommunityHistory.objects.get(community=personas.community)
    assert entry.kind == HistoryKind.SETTINGS_CHANGED
    client.post(url, {})  # no change, no history
    assert CommunityHistory.objects.filter(community=personas.community).count() == 1


def test_ask_to_join_is_offered_only_while_there_is_something_to_join(
    client: Client, personas: Any
) -> None:
    page = f"/en/communities/{personas.community.slug}/"
    client.force_login(personas.entrepreneur)
    assert "Ask to join" in client.get(page).content.decode()
    services.request_membership(
        by=personas.entrepreneur, community=personas.community, member_type="entrepreneur"
    )
    # Still the venture to join for.
    assert "Ask to join" in client.get(page).content.decode()
    services.request_membership(
        by=personas.entrepreneur,
        community=personas.community,
        member_type="entrepreneur",
        actor=personas.venture,
    )
    assert "Ask to join" not in client.get(page).content.decode()


def test_a_role_goes_only_to_a_confirmed_address_and_an_invitation_confirms_it(
    personas: Any,
) -> None:
    newcomer = UserFactory(email="newcomer@example.gov.il")
    with pytest.raises(DomainError) as refused:
        services.grant_role(
            by=personas.staff,
            community=personas.community,
            email=newcomer.email,
            role=Role.STEERING_MEMBER,
        )
    assert "email" in refused.value.error_dict
    invitation = services.invite_member(
        by=personas.staff,
        community=personas.community,
        email=newcomer.email,
        member_type=MemberType.PUBLIC_INSTITUTION,
    )
    services.accept_invitation(by=newcomer, invitation=invitation)
    services.grant_role(
        by=personas.staff,
        community=personas.community,
        email=newcomer.email,
        role=Role.STEERING_MEMBER,
    )
    assert RoleAssignment.objects.filter(user_id=newcomer.pk, role=Role.STEERING_MEMBER).exists()
