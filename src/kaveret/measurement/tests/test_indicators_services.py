"""Defining indicators, recording measurements with evidence, and the reminders."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.core.errors import DomainError
from kaveret.measurement import indicators_services as services
from kaveret.measurement.models import Direction, Measurement
from kaveret.measurement.status import IndicatorStatus, indicator_status
from kaveret.notifications.models import Notification, NotificationKind
from kaveret.notifications.services import render
from kaveret.testing.application_factories import EXE_BYTES, PDF_BYTES, upload
from kaveret.testing.factories import (
    CommunityFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from kaveret.testing.measurement_factories import IndicatorFactory, ProgrammeFactory
from kaveret.testing.measurement_indicators_factories import (
    measure,
    owned_indicator,
    shared_indicator,
)

pytestmark = pytest.mark.django_db

Q1 = datetime.date(2021, 1, 1)
Q2 = datetime.date(2021, 4, 1)
TODAY = datetime.date(2021, 7, 20)


def _admin() -> Any:
    return UserFactory(is_staff=True, is_superuser=True)


def _manager(community: Any) -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.COMMUNITY_MANAGER, community=community)
    return user


# Defining


def test_a_community_manager_defines_an_indicator_of_their_community() -> None:
    community = CommunityFactory()
    manager = _manager(community)
    indicator = services.create_indicator(
        by=manager,
        values={
            "name": "  מספר מיזמים שהשתתפו  ",
            "unit": "מיזמים",
            "baseline": "10",
            "target": "40",
            "starts_on": Q1,
            "target_on": datetime.date(2021, 12, 31),
            "community": community,
            "owner": manager,
        },
    )
    assert indicator.name == "מספר מיזמים שהשתתפו"
    assert indicator.baseline == Decimal(10) and indicator.community == community


def test_another_community_manager_may_not_define_it() -> None:
    community = CommunityFactory()
    other = _manager(CommunityFactory())
    with pytest.raises(PermissionDenied):
        services.create_indicator(
            by=other, values={"name": "x", "starts_on": Q1, "community": community}
        )
    with pytest.raises(PermissionDenied):
        services.create_indicator(by=UserFactory(), values={"name": "x", "starts_on": Q1})


def test_an_indicator_belongs_to_one_thing_at_most() -> None:
    with pytest.raises(DomainError) as caught:
        services.create_indicator(
            by=_admin(),
            values={
                "name": "x",
                "starts_on": Q1,
                "community": CommunityFactory(),
                "programme": ProgrammeFactory(),
            },
        )
    assert "__all__" in caught.value.message_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"baseline": "abc"}, "baseline"),
        ({"target": "1.234"}, "target"),
        ({"target_on": datetime.date(2020, 1, 1)}, "target_on"),
        ({"baseline": 50, "target": 10}, "target"),  # higher is better, target below baseline
        ({"direction": Direction.DOWN, "baseline": 10, "target": 50}, "target"),
        ({"frequency": "weekly"}, "frequency"),
    ],
)
def test_the_definition_is_checked(values: dict[str, Any], field: str) -> None:
    data = {"name": "מדד", "starts_on": Q1, **values}
    with pytest.raises(DomainError) as caught:
        services.create_indicator(by=_admin(), values=data)
    assert field in caught.value.message_dict


def test_a_shared_indicator_lists_its_parties_with_reporters() -> None:
    first, second = OrganisationFactory(), OrganisationFactory()
    reporter = UserFactory()
    indicator = services.create_indicator(
        by=_admin(),
        values={"name": "מדד משותף", "starts_on": Q1, "is_shared": True},
        parties=[(first, reporter), (second, None)],
    )
    assert {(p.actor_id, p.reporter_id) for p in indicator.parties.all()} == {
        (first.pk, reporter.pk),
        (second.pk, None),
    }
    with pytest.raises(DomainError):
        services.create_indicator(
            by=_admin(), values={"name": "x", "starts_on": Q1}, parties=[(first, None)]
        )


def test_the_periods_cannot_move_once_measured() -> None:
    indicator = owned_indicator()
    measure(indicator, 0, 5)
    with pytest.raises(DomainError) as caught:
        services.update_indicator(
            indicator, by=_admin(), values={"starts_on": datetime.date(2021, 2, 1)}
        )
    assert "starts_on" in caught.value.message_dict
    updated = services.update_indicator(indicator, by=_admin(), values={"name": "שם חדש"})
    assert updated.name == "שם חדש"


# Measurements


def test_the_owner_records_a_measurement_with_a_note() -> None:
    indicator = owned_indicator()
    measurement = services.record_measurement(
        indicator, by=indicator.owner, period_start=Q2, value="42.5", note="ספירה", today=TODAY
    )
    assert measurement.period_end == datetime.date(2021, 6, 30)
    assert measurement.value == Decimal("42.5")
    assert measurement.reported_by == indicator.owner


def test_evidence_is_required() -> None:
    indicator = owned_indicator()
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator, by=indicator.owner, period_start=Q2, value=3, today=TODAY
        )
    assert "__all__" in caught.value.message_dict
    assert not Measurement.objects.exists()


def test_evidence_as_a_pdf_file_or_a_link() -> None:
    indicator = owned_indicator()
    with_file = services.record_measurement(
        indicator,
        by=indicator.owner,
        period_start=Q1,
        value=3,
        evidence_file=upload("דוח רבעוני.pdf"),
        today=TODAY,
    )
    assert with_file.evidence_file.name.endswith("דוח_רבעוני.pdf")
    with_link = services.record_measurement(
        indicator,
        by=indicator.owner,
        period_start=Q2,
        value=4,
        evidence_link="https://data.example.org/q2",
        today=TODAY,
    )
    assert with_link.evidence_link == "https://data.example.org/q2"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXE_BYTES),  # a program renamed .pdf
        ("tool.exe", EXE_BYTES),
        ("notes.pdf", b"just text"),
        ("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)),
    ],
)
def test_evidence_files_are_checked_by_content_and_size(name: str, content: bytes) -> None:
    indicator = owned_indicator()
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator,
            by=indicator.owner,
            period_start=Q2,
            value=3,
            evidence_file=upload(name, content),
            today=TODAY,
        )
    assert "evidence_file" in caught.value.message_dict
    assert not Measurement.objects.exists()


def test_a_bad_link_is_refused() -> None:
    indicator = owned_indicator()
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator,
            by=indicator.owner,
            period_start=Q2,
            value=3,
            evidence_link="javascript:alert(1)",
            today=TODAY,
        )
    assert "evidence_link" in caught.value.message_dict


def test_one_measurement_per_period() -> None:
    indicator = owned_indicator()
    services.record_measurement(
        indicator, by=indicator.owner, period_start=Q2, value=3, note="a", today=TODAY
    )
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator, by=indicator.owner, period_start=Q2, value=4, note="b", today=TODAY
        )
    assert "period" in caught.value.message_dict
    assert Measurement.objects.get().value == 3


@pytest.mark.parametrize(
    "start",
    [datetime.date(2021, 2, 1), datetime.date(2020, 10, 1), datetime.date(2021, 10, 1)],
)
def test_the_period_is_one_of_the_indicators_begun_periods(start: datetime.date) -> None:
    indicator = owned_indicator()
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator, by=indicator.owner, period_start=start, value=1, note="a", today=TODAY
        )
    assert "period" in caught.value.message_dict


def test_only_the_owner_or_an_admin_records() -> None:
    indicator = owned_indicator()
    funder = RoleAssignmentFactory(role=Role.FUNDER).user
    for user in (UserFactory(), funder, _manager(CommunityFactory())):
        with pytest.raises(PermissionDenied):
            services.record_measurement(
                indicator, by=user, period_start=Q2, value=1, note="a", today=TODAY
            )
    services.record_measurement(
        indicator, by=_admin(), period_start=Q2, value=1, note="a", today=TODAY
    )


def test_a_party_reporter_reports_only_for_their_party() -> None:
    indicator, (first, second) = shared_indicator()
    measurement = services.record_measurement(
        indicator, by=first.reporter, period_start=Q2, value=7, note="a", today=TODAY
    )
    assert measurement.party == first
    with pytest.raises(PermissionDenied):
        services.record_measurement(
            indicator,
            by=first.reporter,
            party=second,
            period_start=Q2,
            value=7,
            note="a",
            today=TODAY,
        )
    # each party once per period
    services.record_measurement(
        indicator, by=second.reporter, period_start=Q2, value=8, note="b", today=TODAY
    )
    with pytest.raises(DomainError):
        services.record_measurement(
            indicator, by=second.reporter, period_start=Q2, value=9, note="c", today=TODAY
        )


def test_the_owner_of_a_shared_indicator_names_the_party() -> None:
    owner = UserFactory()
    indicator, (first, _second) = shared_indicator(owner=owner)
    with pytest.raises(DomainError) as caught:
        services.record_measurement(
            indicator, by=owner, period_start=Q2, value=1, note="a", today=TODAY
        )
    assert "party" in caught.value.message_dict
    made = services.record_measurement(
        indicator, by=owner, party=first, period_start=Q2, value=1, note="a", today=TODAY
    )
    assert made.party == first


def test_correcting_keeps_who_reported_and_when() -> None:
    indicator = owned_indicator()
    measurement = services.record_measurement(
        indicator, by=indicator.owner, period_start=Q2, value=3, note="a", today=TODAY
    )
    created = measurement.created_at
    admin = _admin()
    corrected = services.update_measurement(measurement, by=admin, value="5")
    assert corrected.value == 5 and corrected.note == "a"
    assert corrected.reported_by == indicator.owner
    assert corrected.created_at == created
    assert corrected.updated_at >= created


def test_correcting_refuses_removing_every_piece_of_evidence() -> None:
    indicator = owned_indicator()
    measurement = services.record_measurement(
        indicator, by=indicator.owner, period_start=Q2, value=3, note="a", today=TODAY
    )
    with pytest.raises(DomainError):
        services.update_measurement(measurement, by=indicator.owner, note="")
    with pytest.raises(PermissionDenied):
        services.update_measurement(measurement, by=UserFactory(), value=1)


def test_a_deleted_measurement_leaves_its_period_missing_not_zero() -> None:
    indicator = owned_indicator()
    first = measure(indicator, 0, 30)
    second = measure(indicator, 1, 60)
    services.delete_measurement(second, by=indicator.owner)
    result = indicator_status(indicator, today=TODAY)
    assert result.latest_value == 30
    assert [p.start for p in result.missing_periods] == [Q2]
    with pytest.raises(PermissionDenied):
        services.delete_measurement(first, by=UserFactory())


def test_the_status_follows_the_recorded_value() -> None:
    indicator = owned_indicator()
    services.record_measurement(
        indicator, by=indicator.owner, period_start=Q2, value=20, note="a", today=TODAY
    )
    assert indicator_status(indicator, today=TODAY).status == IndicatorStatus.OFF_TRACK
    measurement = Measurement.objects.get()
    services.update_measurement(measurement, by=indicator.owner, value=50)
    assert indicator_status(indicator, today=TODAY).status == IndicatorStatus.ON_TRACK


# Reminders


def test_reminders_go_once_per_due_period() -> None:
    indicator = owned_indicator()
    measure(indicator, 0, 30)
    # Q2 ends on 30/6; due 14 days later
    assert services.send_measurement_reminders(datetime.date(2021, 7, 10)) == 0
    assert services.send_measurement_reminders(datetime.date(2021, 7, 14)) == 1
    assert services.send_measurement_reminders(datetime.date(2021, 7, 20)) == 0
    notification = Notification.objects.get(recipient=indicator.owner)
    assert notification.kind == NotificationKind.MEASUREMENT_DUE
    assert str(indicator.pk) in notification.url
    assert indicator.name in render(notification)
    assert "01/04/2021" in render(notification)


def test_no_reminder_when_measured() -> None:
    indicator = owned_indicator()
    measure(indicator, 1, 50)
    assert services.send_measurement_reminders(datetime.date(2021, 7, 20)) == 0


def test_shared_reminders_go_to_the_reporters_who_have_not_reported() -> None:
    owner = UserFactory()
    indicator, (first, second, third) = shared_indicator(owner=owner, parties=3)
    third.reporter = None
    third.save()
    measure(indicator, 1, 5, party=first)
    assert services.send_measurement_reminders(datetime.date(2021, 7, 20)) == 2
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {second.reporter_id, owner.pk}  # the owner stands in for `third`
    assert services.send_measurement_reminders(datetime.date(2021, 7, 21)) == 0


def test_the_next_period_gets_its_own_reminder() -> None:
    owned_indicator()
    assert services.send_measurement_reminders(datetime.date(2021, 7, 20)) == 1
    assert services.send_measurement_reminders(datetime.date(2021, 10, 20)) == 1
    assert Notification.objects.count() == 2


def test_no_reminders_after_the_target_date() -> None:
    IndicatorFactory(owner=UserFactory(), target_on=datetime.date(2021, 6, 30))
    assert services.send_measurement_reminders(datetime.date(2021, 7, 20)) == 1
    assert services.send_measurement_reminders(datetime.date(2021, 10, 20)) == 0


def test_the_beat_runs_the_reminder_task_daily() -> None:
    from django.conf import settings

    from kaveret.measurement.tasks import send_measurement_reminders_task

    entry = settings.CELERY_BEAT_SCHEDULE["measurement-reminders-daily"]
    assert entry["task"] == "kaveret.measurement.tasks.send_measurement_reminders_task"
    owned_indicator(starts_on=datetime.date(2020, 1, 1), target_on=None)
    assert send_measurement_reminders_task.apply().get() == 1
    assert send_measurement_reminders_task.apply().get() == 0
