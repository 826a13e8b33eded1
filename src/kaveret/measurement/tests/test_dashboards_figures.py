"""The dashboards' figures on hand-made data: members over time, attendance, the calls'
funnel, partnerships and the share of pilots implemented, indicators' status; sections
without data are absent (None), never zeros."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from kaveret.calls.models import ApplicationStatus
from kaveret.communities.models import MemberType
from kaveret.ecosystem.choices import Sector
from kaveret.measurement import dashboard_data as data
from kaveret.measurement.models import Measurement
from kaveret.partnerships.models import Outcome, Stage, StageMove
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory, DecisionFactory
from kaveret.testing.factories import CommunityFactory, UserFactory
from kaveret.testing.measurement_dashboards_factories import (
    application,
    community_with_figures,
    held_event,
    member_of,
    membership,
)
from kaveret.testing.measurement_factories import IndicatorFactory
from kaveret.testing.partnerships_factories import PartnershipFactory, community_manager

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 5, 15)


def test_members_are_counted_from_the_month_of_approval_until_they_left() -> None:
    community = CommunityFactory()
    membership(community, datetime.date(2024, 1, 5))
    membership(community, datetime.date(2024, 1, 28))
    membership(community, datetime.date(2024, 3, 2), MemberType.BUSINESS, organisation=True)
    membership(community, datetime.date(2024, 2, 1), left=datetime.date(2024, 4, 10))
    membership(community, None, status="pending")  # never approved: not counted
    figures = data.members_over_time(community, TODAY)
    assert figures is not None
    assert [data.month_label(m) for m in figures.months] == [
        "01/2024", "02/2024", "03/2024", "04/2024", "05/2024",
    ]  # fmt: skip
    assert figures.totals == [2, 3, 4, 3, 3]
    by_type = {key: values for key, _label, values in figures.by_type}
    assert by_type[MemberType.ENTREPRENEUR] == [2, 3, 3, 2, 2]
    assert by_type[MemberType.BUSINESS] == [0, 0, 1, 1, 1]
    by_sector = {key: values for key, _label, values in figures.by_sector}
    assert by_sector[data.VENTURES] == [2, 3, 3, 2, 2]
    organisation_sector = next(k for k in by_sector if k in Sector.values)
    assert by_sector[organisation_sector] == [0, 0, 1, 1, 1]


def test_a_community_without_figures_has_every_section_hidden() -> None:
    community = CommunityFactory()
    dashboard = data.community_dashboard(community, UserFactory(), TODAY)
    assert dashboard.members is None
    assert dashboard.events is None
    assert dashboard.challenges is None
    assert dashboard.funnel is None
    assert dashboard.partnerships is None
    assert dashboard.indicators is None
    assert dashboard.tables == {}


def test_events_count_seats_held_and_attendance_but_not_future_or_cancelled() -> None:
    community = CommunityFactory()
    held_event(community, days_ago=2, registered=5, attended=3)
    held_event(community, days_ago=2, registered=2, attended=2)
    held_event(community, days_ago=-5, registered=4, attended=0)  # not yet held
    figures = data.event_figures(community)
    assert figures is not None
    assert sum(row.events for row in figures.months) == 2
    assert sum(row.registered for row in figures.months) == 7
    assert sum(row.attended for row in figures.months) == 5
    assert sorted((row.registered, row.attended) for row in figures.recent) == [(2, 2), (5, 3)]


def test_challenges_are_counted_by_status() -> None:
    community = CommunityFactory()
    ChallengeFactory(community=community, status="open")
    ChallengeFactory(community=community, status="open")
    ChallengeFactory(community=community, status="closed")
    rows = {row.key: row.count for row in data.challenges_by_status(community) or []}
    assert rows == {"draft": 0, "refinement": 0, "open": 2, "addressed": 0, "closed": 1}


def test_the_funnel_counts_each_stage_an_application_reached() -> None:
    community = CommunityFactory()
    call = CallFactory(community=community)
    application(call, submitted=False)  # a draft: in no stage
    application(call)  # submitted, eligible
    application(call, eligible=False)  # submitted only
    application(call, reviewed=True)
    application(call, reviewed=True, accepted=True)
    application(call, reviewed=True, accepted=True, granted=True)
    other = CallFactory(community=community)
    application(other, reviewed=True)
    funnel = data.call_funnel(community, community_manager(community))
    assert funnel is not None
    assert {row.key: row.count for row in funnel.stages} == {
        "submitted": 6, "eligible": 5, "reviewed": 4, "accepted": 2, "granted": 1,
    }  # fmt: skip
    per_call = {row.title: row.counts for row in funnel.calls}
    assert per_call[str(call.title)] == {
        "submitted": 5, "eligible": 4, "reviewed": 3, "accepted": 2, "granted": 1,
    }  # fmt: skip


def test_members_see_the_funnel_of_published_calls_only_staff_see_drafts() -> None:
    community = CommunityFactory()
    application(CallFactory(community=community, is_published=False))
    member = member_of(community)
    assert data.call_funnel(community, member) is None
    funnel = data.call_funnel(community, community_manager(community))
    assert funnel is not None and funnel.stages[0].count == 1


def test_an_accepted_status_counts_as_accepted_decision_or_not() -> None:
    community = CommunityFactory()
    call = CallFactory(community=community)
    made = application(call)
    DecisionFactory(application=made)
    made.status = ApplicationStatus.ACCEPTED
    made.save()
    funnel = data.call_funnel(community, community_manager(community))
    assert funnel is not None
    assert {row.key: row.count for row in funnel.stages}["accepted"] == 1


def test_the_share_of_pilots_that_reached_implementation() -> None:
    community = CommunityFactory()
    PartnershipFactory(community=community, stage=Stage.DEFINE)  # not a pilot
    PartnershipFactory(community=community, stage=Stage.LAUNCH)  # pilot, not implemented
    PartnershipFactory(community=community, stage=Stage.IMPLEMENT)  # implemented
    PartnershipFactory(community=community, stage=Stage.ENDED, outcome=Outcome.PURCHASED)
    ended: Any = PartnershipFactory(community=community, stage=Stage.ENDED, outcome=Outcome.ENDED)
    StageMove.objects.create(
        partnership=ended,
        from_stage=Stage.DEFINE,
        to_stage=Stage.LAUNCH,
    )
    # Ended before any launch: not a pilot.
    PartnershipFactory(community=community, stage=Stage.ENDED, outcome=Outcome.ENDED)
    figures = data.partnership_figures(community)
    assert figures is not None
    assert figures.pilots == 4
    assert figures.implemented == 2
    assert figures.implemented_share == Decimal(50)
    assert figures.implemented_percent == 50
    stages = {row.key: row.count for row in figures.by_stage}
    assert stages[Stage.ENDED] == 3 and stages[Stage.DEFINE] == 1


def test_indicators_are_counted_by_status_and_listed() -> None:
    community = CommunityFactory()
    measured: Any = IndicatorFactory(community=community, programme=None, frequency="yearly",
                                starts_on=datetime.date(2023, 1, 1),
                                target_on=datetime.date(2024, 12, 31))  # fmt: skip
    Measurement.objects.create(
        indicator=measured,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        value=Decimal(60),
    )
    IndicatorFactory(community=community, programme=None)
    figures = data.indicator_figures(
        data.community_indicators(community, member_of(community)), TODAY
    )
    assert figures is not None
    counts = {row.key: row.count for row in figures.counts}
    assert counts["on_track"] == 1
    assert counts["no_data"] == 1
    assert sum(counts.values()) == 2


def test_the_tables_hold_the_figures() -> None:
    made = community_with_figures()
    dashboard = data.community_dashboard(made.community, community_manager(made.community))
    assert set(dashboard.tables) == {
        "members-by-type", "members-by-sector", "events", "challenges", "funnel", "partnerships",
    }  # fmt: skip
    funnel = dashboard.tables["funnel"]
    assert funnel.rows[-1][1:] == [1, 1, 1, 1, 1]
    assert dashboard.partnerships is not None
    assert dashboard.partnerships.implemented_percent == 67
