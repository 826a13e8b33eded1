"""The rubric: seed 001's six criteria in one click, weights and scales checked, and no
change once reviews exist."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kaveret.calls import rubric
from kaveret.calls.models import Call
from kaveret.core.errors import DomainError
from kaveret.testing.calls_factories import (
    ApplicationFactory,
    CallFactory,
    ReviewFactory,
    RubricCriterionFactory,
)
from kaveret.testing.clients import client_as

pytestmark = pytest.mark.django_db


def test_the_rubric_starts_from_the_six_venture_criteria_of_seed_001(personas: Any) -> None:
    call = CallFactory(community=personas.community)

    rubric.start_from_seed_criteria(by=personas.staff, call=call)

    names = list(call.criteria.order_by("order").values_list("name", flat=True))
    assert names == [
        "התאמה אסטרטגית וערכית",
        "פוטנציאל השפעה",
        "שילוביות והתאמה טכנולוגית",
        "איכות הצוות היזמי",
        "מחויבות ארגונית פנימית",
        "יתרון יחסי של המיזם",
    ]
    assert all(criterion.name_en for criterion in call.criteria.all())
    assert call.audit.filter(action="rubric_started_from_seed").exists()


def test_seed_criteria_are_not_added_twice(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    RubricCriterionFactory(call=call)
    with pytest.raises(DomainError):
        rubric.start_from_seed_criteria(by=personas.staff, call=call)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "השפעה", "weight": 0}, "weight"),
        ({"name": "השפעה", "weight": 1, "scale_min": 5, "scale_max": 5}, "scale_max"),
        ({"name": "", "weight": 1}, "name"),
    ],
)
def test_a_criterion_needs_a_positive_weight_and_a_rising_scale(
    personas: Any, values: dict[str, Any], field: str
) -> None:
    call = CallFactory(community=personas.community)
    with pytest.raises(DomainError) as error:
        rubric.add_criterion(by=personas.staff, call=call, **values)
    assert field in error.value.error_dict
    assert not call.criteria.exists()


def test_the_rubric_is_frozen_once_reviews_exist(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    criterion = RubricCriterionFactory(call=call)
    ReviewFactory(application=ApplicationFactory(call=call))

    with pytest.raises(DomainError) as error:
        rubric.update_criterion(by=personas.staff, criterion=criterion, weight=Decimal(3))

    assert "ההערכות כבר התחילו" in " ".join(error.value.messages)
    criterion.refresh_from_db()
    assert criterion.weight == Decimal(1)


def test_criteria_change_and_move_with_audit(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    first = rubric.add_criterion(by=personas.staff, call=call, name="א", weight=1)
    second = rubric.add_criterion(by=personas.staff, call=call, name="ב", weight=2)

    rubric.move_criterion(by=personas.staff, criterion=second, direction="up")
    rubric.update_criterion(by=personas.staff, criterion=first, weight=Decimal("1.5"))

    assert list(call.criteria.order_by("order").values_list("name", flat=True)) == ["ב", "א"]
    entry = call.audit.filter(action="criterion_changed").get()
    assert entry.changes == {"weight": ["1", "1.5"]}


def test_an_entrepreneur_may_not_change_a_rubric(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    with pytest.raises(PermissionDenied):
        rubric.add_criterion(by=personas.entrepreneur, call=call, name="א", weight=1)


def _calls_locked(monkeypatch: Any) -> list[Any]:
    """Record the querysets of calls locked with ``select_for_update`` (a spy)."""
    locked: list[Any] = []
    real = QuerySet.select_for_update

    def spy(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
        if self.model is Call:
            locked.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    return locked


@pytest.mark.parametrize("change", ["add", "update", "delete", "move", "seed"])
def test_rubric_changes_lock_the_call_so_no_review_slips_in(
    personas: Any, monkeypatch: Any, change: str
) -> None:
    """Assigning reviewers locks the call's row; so must every rubric change, before it
    checks that no review exists (on PostgreSQL the lock orders the two)."""
    call = CallFactory(community=personas.community)
    criterion = RubricCriterionFactory(call=call) if change != "seed" else None
    locked = _calls_locked(monkeypatch)

    if change == "add":
        rubric.add_criterion(by=personas.staff, call=call, name="השפעה", weight=1)
    elif change == "update":
        rubric.update_criterion(by=personas.staff, criterion=criterion, weight=Decimal(2))
    elif change == "delete":
        rubric.delete_criterion(by=personas.staff, criterion=criterion)
    elif change == "move":
        rubric.move_criterion(by=personas.staff, criterion=criterion, direction="down")
    else:
        rubric.start_from_seed_criteria(by=personas.staff, call=call)

    assert locked, "the call's row was not locked"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"scale_max": 10**30}, "scale_max"),
        ({"scale_max": "1e30"}, "scale_max"),
        ({"scale_max": 101}, "scale_max"),
        ({"scale_min": -1}, "scale_min"),
        ({"weight": "NaN"}, "weight"),
        ({"weight": "1e20"}, "weight"),
    ],
)
def test_out_of_range_scales_and_weights_are_refused(
    personas: Any, values: dict[str, Any], field: str
) -> None:
    call = CallFactory(community=personas.community)
    with pytest.raises(DomainError) as error:
        rubric.add_criterion(by=personas.staff, call=call, name="השפעה", **values)
    assert field in error.value.error_dict
    assert not call.criteria.exists()


def test_a_huge_scale_on_the_rubric_page_is_a_form_error(personas: Any) -> None:
    call = CallFactory(community=personas.community)
    response = client_as(personas.staff).post(
        f"/en/calls/{call.slug}/rubric/",
        {"name": "השפעה", "weight": "1", "scale_min": "1", "scale_max": str(10**30)},
    )
    assert response.status_code == 400
    assert "less than or equal to 100" in response.content.decode()
    assert not call.criteria.exists()
