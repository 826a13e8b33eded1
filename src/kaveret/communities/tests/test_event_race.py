"""Races under PostgreSQL row locks: the last seat of an event, the last manager.

Two people taking the last seat at the same moment: one registered, one waiting. Two
managers taking each other's role at once: one manager is left.

Only PostgreSQL locks rows (``select_for_update``); SQLite locks the whole database, so
the race cannot be staged there.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from kaveret.communities import services
from kaveret.communities.models import RegistrationStatus
from kaveret.testing.factories import EventFactory, EventRegistrationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_people_racing_for_the_last_seat_leave_one_registered_one_waiting() -> None:
    event = EventFactory(capacity=2)
    EventRegistrationFactory(event=event)
    racers = UserFactory.create_batch(2)
    start = threading.Barrier(len(racers))
    errors: list[BaseException] = []

    def register(user: Any) -> None:
        try:
            start.wait(timeout=10)
            services.register_for_event(by=user, event=event)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()  # each thread has its own connection; close it

    threads = [threading.Thread(target=register, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(event.registrations.filter(user__in=racers).values_list("status", flat=True))
    assert statuses == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]


def test_two_managers_taking_each_others_role_at_once_leave_one_manager() -> None:
    from django.core.exceptions import PermissionDenied

    from kaveret.accounts.models import Role, RoleAssignment
    from kaveret.core.errors import DomainError
    from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory

    community = CommunityFactory()
    first, second = UserFactory.create_batch(2)
    first_role = RoleAssignmentFactory(user=first, role=Role.COMMUNITY_MANAGER, community=community)
    second_role = RoleAssignmentFactory(
        user=second, role=Role.COMMUNITY_MANAGER, community=community
    )
    start = threading.Barrier(2)
    refused: list[BaseException] = []
    errors: list[BaseException] = []

    def revoke(by: Any, assignment: Any) -> None:
        try:
            start.wait(timeout=10)
            services.revoke_role(by=by, assignment=assignment)
        except (DomainError, PermissionDenied) as error:  # no longer a manager, or the last
            refused.append(error)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=revoke, args=(first, second_role)),
        threading.Thread(target=revoke, args=(second, first_role)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(refused) == 1
    assert (
        RoleAssignment.objects.filter(
            community_id=community.pk, role=Role.COMMUNITY_MANAGER
        ).count()
        == 1
    )
