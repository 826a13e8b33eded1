"""Creating, changing and publishing calls: who may, the timeline in Israel time, the
publish requirements, and the audit rows each change writes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.calls import call_services
from kaveret.calls.call_forms import CallForm
from kaveret.calls.models import Call, Mechanism
from kaveret.core.errors import DomainError
from kaveret.testing.calls_factories import (
    ApplicationFactory,
    CallFactory,
    ChallengeFactory,
    FormVersionFactory,
    GrantFactory,
    QuestionFactory,
    RubricCriterionFactory,
)
from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def _values(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    values: dict[str, Any] = {
        "title": "קול קורא לחינוך טכנולוגי",
        "title_en": "EmployTech call",
        "mechanism": Mechanism.CALL_FOR_PROPOSALS,
        "opens_at": now + datetime.timedelta(days=1),
        "deadline": now + datetime.timedelta(days=30),
        "budget": Decimal("100000"),
    }
    return values | overrides


def test_community_staff_create_an_unpublished_call_with_an_empty_form(personas: Any) -> None:
    call = call_services.create_call(by=personas.staff, community=personas.community, **_values())

    assert call.slug == "employtech-call"
    assert not call.is_published
    assert call.form_versions.get().number == 1
    entry = call.audit.get()
    assert entry.action == "call_created"
    assert entry.by == personas.staff


@pytest.mark.parametrize("who", ["anonymous", "entrepreneur", "other_staff"])
def test_only_staff_of_the_chosen_community_may_create_a_call(personas: Any, who: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    other_staff = UserFactory()
    RoleAssignmentFactory(
        user=other_staff, role=Role.COMMUNITY_MANAGER, community=CommunityFactory()
    )
    user = {"anonymous": AnonymousUser(), "entrepreneur": personas.entrepreneur}.get(
        who, other_staff
    )
    with pytest.raises(PermissionDenied):
        call_services.create_call(by=user, community=personas.community, **_values())
    assert not Call.objects.exists()


def test_a_platform_admin_may_create_a_call_without_a_community(personas: Any) -> None:
    call = call_services.create_call(by=personas.admin, community=None, **_values())
    assert call.community is None


def test_community_staff_may_not_create_a_call_without_a_community(personas: Any) -> None:
    with pytest.raises(PermissionDenied):
        call_services.create_call(by=personas.staff, community=None, **_values())


def test_the_deadline_must_come_after_the_opening(personas: Any) -> None:
    now = timezone.now()
    with pytest.raises(DomainError) as error:
        call_services.create_call(
            by=personas.staff,
            community=personas.community,
            **_values(opens_at=now, deadline=now - datetime.timedelta(hours=1)),
        )
    assert "deadline" in error.value.error_dict


def test_decisions_cannot_come_before_the_deadline(personas: Any) -> None:
    values = _values()
    decision_on = timezone.localtime(values["deadline"], ISRAEL).date() - datetime.timedelta(days=1)
    with pytest.raises(DomainError) as error:
        call_services.create_call(
            by=personas.staff, community=personas.community, decision_on=decision_on, **values
        )
    assert "decision_on" in error.value.error_dict


def test_a_negative_budget_is_refused(personas: Any) -> None:
    with pytest.raises(DomainError) as error:
        call_services.create_call(
            by=personas.staff, community=personas.community, **_values(budget=Decimal("-1"))
        )
    assert "budget" in error.value.error_dict


def test_unknown_eligibility_values_are_refused(personas: Any) -> None:
    with pytest.raises(DomainError):
        call_services.create_call(
            by=personas.staff,
            community=personas.community,
            **_values(eligibility={"stages": ["moonshot"]}),
        )


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2026, 1, 15), 21), (datetime.date(2026, 7, 15), 20)],
)
def test_a_deadline_entered_as_2359_israel_time_is_stored_in_utc(
    personas: Any, day: datetime.date, utc_hour: int
) -> None:
    form = CallForm(
        {
            "title": "קול קורא",
            "mechanism": Mechanism.MICRO_GRANT,
            "community": personas.community.pk,
            "opens_at": f"{day - datetime.timedelta(days=10)}T09:00",
            "deadline": f"{day}T23:59",
            "budget": "0",
            "reviews_per_application": "2",
        },
        communities=type(personas.community).objects.all(),
        allow_no_community=False,
    )
    assert form.is_valid(), form.errors
    deadline = form.cleaned_data["deadline"].astimezone(datetime.UTC)
    assert (deadline.date(), deadline.hour, deadline.minute) == (day, utc_hour, 59)


def test_changing_a_call_records_what_changed(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal(1000))
    challenge = ChallengeFactory()

    call_services.update_call(
        by=personas.staff, call=call, budget=Decimal(2000), challenges=[challenge]
    )

    entry = call.audit.get(action="call_changed")
    assert entry.changes["budget"] == ["1000", "2000"]
    assert entry.changes["challenges"] == [[], [challenge.slug]]


def test_staff_of_another_community_may_not_change_a_call(personas: Any) -> None:
    call = CallFactory()
    with pytest.raises(PermissionDenied):
        call_services.update_call(by=personas.staff, call=call, title="חדש")


def test_publishing_needs_a_question_and_a_criterion_and_says_what_is_missing(
    personas: Any,
) -> None:
    call = CallFactory(community=personas.community, is_published=False, published_at=None)

    with pytest.raises(DomainError) as error:
        call_services.publish_call(by=personas.staff, call=call)

    text = " ".join(error.value.messages)
    assert "אף שאלה" in text and "אף קריטריון" in text  # the Hebrew UI says what is missing
    call.refresh_from_db()
    assert not call.is_published


def test_a_call_with_a_question_and_a_criterion_is_published_and_audited(personas: Any) -> None:
    call = CallFactory(community=personas.community, is_published=False, published_at=None)
    QuestionFactory(version=FormVersionFactory(call=call))
    RubricCriterionFactory(call=call)

    call_services.publish_call(by=personas.staff, call=call)
    call_services.unpublish_call(by=personas.staff, call=call)

    call.refresh_from_db()
    assert not call.is_published and call.published_at is not None
    actions = list(call.audit.values_list("action", flat=True))
    assert actions == ["call_unpublished", "call_published"]


def test_the_budget_cannot_drop_below_what_grants_commit(personas: Any) -> None:
    call = CallFactory(community=personas.community, budget=Decimal(100000))
    GrantFactory(application=ApplicationFactory(call=call), amount=Decimal(30000))
    GrantFactory(application=ApplicationFactory(call=call), amount=Decimal(20000))

    with pytest.raises(DomainError) as error:
        call_services.update_call(by=personas.staff, call=call, budget=Decimal(49999))
    call_services.update_call(by=personas.staff, call=call, budget=Decimal(50000))

    assert "budget" in error.value.error_dict
    assert "50,000.00" in " ".join(error.value.messages)
    call.refresh_from_db()
    assert call.budget == Decimal(50000)


def test_changing_a_call_locks_its_row_against_grants_being_made(
    personas: Any, monkeypatch: Any
) -> None:
    """Grants lock the call's row; so does a change, so a budget cut and a grant are
    ordered (on PostgreSQL) and the check above sees every committed grant."""
    call = CallFactory(community=personas.community, budget=Decimal(1000))
    locked: list[Any] = []
    real = QuerySet.select_for_update

    def spy(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
        if self.model is Call:
            locked.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    call_services.update_call(by=personas.staff, call=call, budget=Decimal(500))
    assert locked


@pytest.mark.parametrize("budget", ["1e20", "NaN", "Infinity", "0.001"])
def test_a_budget_out_of_the_columns_range_is_refused(personas: Any, budget: str) -> None:
    call = CallFactory(community=personas.community, budget=Decimal(1000))
    with pytest.raises(DomainError) as error:
        call_services.update_call(by=personas.staff, call=call, budget=Decimal(budget))
    assert "budget" in error.value.error_dict
