"""Whatever changes the network asks for fresh analytics, once per transaction."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import transaction

from kaveret.ecosystem import services
from kaveret.testing.factories import OrganisationFactory, VentureFactory
from kaveret.testing.transactions import forget_arranged_commit_callbacks

pytestmark = pytest.mark.django_db

RECOMPUTE = "kaveret.network.signals.request_analytics_recompute"


def test_many_relations_in_one_transaction_ask_once(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    hub = OrganisationFactory()
    ventures = VentureFactory.create_batch(5)
    forget_arranged_commit_callbacks()
    with (
        mock.patch(RECOMPUTE) as recompute,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        for venture in ventures:
            services.create_relation(by=personas.staff, source=hub, target=venture, kind="pilot")
    assert recompute.call_count == 1


def test_a_new_venture_asks_for_fresh_figures(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forget_arranged_commit_callbacks()
    with mock.patch(RECOMPUTE) as recompute, django_capture_on_commit_callbacks(execute=True):
        services.create_venture(
            by=personas.staff, name="מיזם חדש", venture_type="social_venture", stage="idea"
        )
    assert recompute.call_count == 1


def test_a_rolled_back_change_asks_for_nothing(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        mock.patch(RECOMPUTE) as recompute,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.create_venture(
            by=personas.staff, name="מיזם", venture_type="social_venture", stage="idea"
        )
        raise RuntimeError("the import failed midway")
    assert recompute.call_count == 0


def test_loading_the_demo_asks_for_fresh_figures(django_capture_on_commit_callbacks: Any) -> None:
    from kaveret.ecosystem.demo.loader import load_demo

    with mock.patch(RECOMPUTE) as recompute, django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert recompute.call_count == 1
