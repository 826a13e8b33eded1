"""The analytics are computed in the background, stored per visibility, kept fresh."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from kaveret.ecosystem import services
from kaveret.network.analytics import store_snapshot
from kaveret.network.models import AnalyticsSnapshot
from kaveret.network.tasks import recompute_analytics
from kaveret.testing.factories import OrganisationFactory, RelationFactory, VentureFactory
from kaveret.testing.transactions import forget_arranged_commit_callbacks

pytestmark = pytest.mark.django_db


def _snapshot(visibility: str) -> AnalyticsSnapshot:
    return AnalyticsSnapshot.objects.get(visibility=visibility)


def _actor_names(snapshot: AnalyticsSnapshot) -> set[str]:
    return {actor["name"] for actor in snapshot.data["ecosystem"]["isolated"]}


def test_the_task_writes_a_public_and_a_full_snapshot() -> None:
    OrganisationFactory(name="עמותה גלויה")
    OrganisationFactory(name="עמותה חסויה", is_public=False)

    recompute_analytics.delay()

    public, full = _snapshot("public"), _snapshot("full")
    assert "עמותה חסויה" not in _actor_names(public)
    assert "עמותה חסויה" in _actor_names(full)
    assert full.node_count == public.node_count + 1
    assert not full.is_pending
    assert full.duration_seconds is not None
    assert full.data["ecosystem"]["actors"] == full.node_count


def test_private_relations_are_left_out_of_the_public_snapshot() -> None:
    clalit, wellplay = OrganisationFactory(kind="hmo"), VentureFactory()
    RelationFactory(source=clalit, target=wellplay, kind="pilot", is_public=False)

    recompute_analytics.delay()

    assert _snapshot("public").data["ecosystem"]["relations"] == 0
    assert _snapshot("full").data["ecosystem"]["relations"] == 1


def test_a_new_relation_recomputes_the_analytics_once_committed(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    clalit, wellplay = OrganisationFactory(kind="hmo"), VentureFactory()
    recompute_analytics.delay()
    assert _snapshot("full").data["ecosystem"]["relations"] == 0
    forget_arranged_commit_callbacks()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.create_relation(by=personas.staff, source=clalit, target=wellplay, kind="pilot")

    assert len(callbacks) == 1
    assert _snapshot("full").data["ecosystem"]["relations"] == 1
    assert _snapshot("public").data["ecosystem"]["relations"] == 1


def test_a_changed_relation_recomputes_the_analytics(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    relation = RelationFactory(source=OrganisationFactory(), target=VentureFactory())
    recompute_analytics.delay()
    assert _snapshot("public").data["ecosystem"]["relations"] == 1
    forget_arranged_commit_callbacks()

    with django_capture_on_commit_callbacks(execute=True):
        services.update_relation(by=personas.staff, relation=relation, is_public=False)

    assert _snapshot("public").data["ecosystem"]["relations"] == 0


def test_nothing_is_recomputed_before_the_relation_is_committed(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    forget_arranged_commit_callbacks()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.create_relation(
            by=personas.staff, source=OrganisationFactory(), target=VentureFactory(), kind="pilot"
        )

    assert len(callbacks) == 1
    assert not AnalyticsSnapshot.objects.exists()


def test_a_queued_run_skips_snapshots_a_later_run_already_refreshed() -> None:
    recompute_analytics.delay()
    before = _snapshot("full").computed_at
    assert before is not None
    asked_earlier = before - datetime.timedelta(seconds=1)

    done = recompute_analytics.delay(asked_earlier.isoformat()).get()

    assert done == {"public": False, "full": False}
    assert _snapshot("full").computed_at == before
    assert recompute_analytics.delay(timezone.now().isoformat()).get() == {
        "public": True,
        "full": True,
    }


def test_a_relation_is_saved_even_when_the_task_queue_is_down(
    personas: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broker_down(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(recompute_analytics, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        relation = services.create_relation(
            by=personas.staff, source=OrganisationFactory(), target=VentureFactory(), kind="pilot"
        )

    assert relation.pk is not None
    assert all(snapshot.is_pending for snapshot in AnalyticsSnapshot.objects.all())


def test_a_run_that_read_the_data_earlier_does_not_replace_newer_figures() -> None:
    OrganisationFactory(name="עמותה ישנה")
    # A later run read the data after this one started, and finished first.
    newer = timezone.now() + datetime.timedelta(minutes=5)
    AnalyticsSnapshot.objects.create(
        visibility="public", computed_at=newer, node_count=7, data={"version": 1}
    )

    stored = store_snapshot(visibility="public")

    snapshot = _snapshot("public")
    assert stored is False
    assert (snapshot.computed_at, snapshot.node_count, snapshot.data) == (
        newer,
        7,
        {"version": 1},
    )


def test_a_run_creates_the_snapshot_when_there_is_none() -> None:
    OrganisationFactory(name="עמותה ראשונה")

    assert store_snapshot(visibility="full") is True

    assert _actor_names(_snapshot("full")) == {"עמותה ראשונה"}
