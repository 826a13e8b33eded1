"""Two staff granting at once cannot overspend the call's budget (PostgreSQL row locks)."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from kaveret.calls import grant_services
from kaveret.calls.models import ApplicationStatus, Grant
from kaveret.testing.calls_factories import ApplicationFactory, CallFactory
from kaveret.testing.personas import make_personas

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_grants_racing_for_the_last_of_the_budget_leave_one() -> None:
    personas = make_personas()
    call: Any = CallFactory(community=personas.community, budget=Decimal("100000"))
    applications = [
        ApplicationFactory(call=call, status=ApplicationStatus.ACCEPTED) for _ in range(2)
    ]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def grant(application: Any) -> None:
        try:
            start.wait(timeout=10)
            grant_services.set_grant(application, by=personas.staff, amount="60000")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=grant, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert Grant.objects.filter(application__call=call).count() == 1
    assert len(errors) == 1
    assert grant_services.budget_of(call).remaining == Decimal("40000")
