"""Factories for the reports: a work plan with the budget table of seed 004, a call with
decided applications and grants, a community with a year of activity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kaveret.measurement.models import (
    Area,
    BudgetLine,
    MapTag,
    Programme,
    ReportJob,
    Target,
    WorkPlan,
)

from .measurement_factories import AreaFactory, ProgrammeFactory, WorkPlanFactory

# The budget table at the end of seed 004 (USD): area, inside, outside the partnership.
SEED_BUDGET: list[tuple[str, str, int, int]] = [
    ("digitisation", "דיגיטציה", 1_258_015, 4_411_015),
    ("resources", "מיצוי משאבים ואזוריות", 1_520_015, 2_040_015),
    ("quality", "הבטחת איכות", 1_522_030, 0),
    ("collaboration", "שיתופיות", 1_591_415, 1_903_515),
    ("task-forces", "צוותי משימה", 769_015, 97_015),
]
SEED_TOTAL = "15,112,050"
SEED_INSIDE = "6,660,490"
SEED_OUTSIDE = "8,451,560"


def seed_plan(**overrides: Any) -> WorkPlan:
    """A published 2021 plan with the five areas and budget lines of seed 004, and one
    programme (background, main goal, two targets, MAP tags) in the first area."""
    plan: WorkPlan = WorkPlanFactory.create(
        year=overrides.pop("year", 2021),
        title=overrides.pop("title", "תכנית עבודה אלכא 2021"),
        title_en=overrides.pop("title_en", "Elka work plan 2021"),
        opening_letter="שותפים יקרים,\nבסיומה של שנת 2020 אנו מביטים קדימה.",
        opening_signature='אורי גיל, משנה למנכ"ל',
        background="באלכא אנו מאמינים שמערכות ציבוריות יעילות ומועילות הן המפתח.",
        currency="USD",
        **overrides,
    )
    for order, (slug, name, inside, outside) in enumerate(SEED_BUDGET):
        area: Area = AreaFactory.create(
            plan=plan, slug=slug, name=name, name_en=slug.title(), order=order
        )
        BudgetLine.objects.create(
            plan=plan, area=area, inside=Decimal(inside), outside=Decimal(outside)
        )
        if order == 0:
            programme: Programme = ProgrammeFactory.create(
                plan=plan,
                area=area,
                title="מובילים דיגיטליים לשלטון המרכזי",
                title_en="Digital leaders for central government",
                background="התכנית מיועדת לבכירים מצטיינים בשלטון המרכזי.",
                main_goal="הכשרת מובילי שינוי שיקדמו חדשנות דיגיטלית בשירות הציבורי.",
                map_tags=[MapTag.ABILITY.value],
            )
            Target.objects.create(
                programme=programme, order=1, text="90% מהפרויקטים מגיעים לקו הגמר"
            )
            Target.objects.create(programme=programme, order=2, text="התאמת התכנים לתקופת הקורונה")
    return plan


def report_job(user: Any, plan: WorkPlan | None = None, **fields: Any) -> ReportJob:
    """A queued work-plan job requested by ``user``."""
    plan = plan or WorkPlanFactory.create()
    return ReportJob.objects.create(
        kind=fields.pop("kind", "workplan"),
        params=fields.pop("params", {"plan": plan.pk}),
        requested_by=user,
        **fields,
    )


def decided_call(**call_fields: Any) -> Any:
    """A call with three submitted applications: one accepted with a 120,000 grant (and a
    submitted review by a named reviewer), one rejected, one not eligible; and a draft."""
    from kaveret.calls.models import ApplicationStatus, Outcome, ReviewStatus

    from .calls_factories import (
        ApplicationFactory,
        CallFactory,
        DecisionFactory,
        GrantFactory,
        ReviewFactory,
    )
    from .factories import UserFactory, VentureFactory

    call = CallFactory.create(**call_fields)
    accepted = ApplicationFactory.create(
        call=call,
        actor=VentureFactory.create(name="מיזם הזהב"),
        status=ApplicationStatus.ACCEPTED,
        eligibility_result={"eligible": True},
    )
    reviewer = UserFactory.create(full_name="שופטת סודית")
    ReviewFactory.create(application=accepted, reviewer=reviewer, status=ReviewStatus.SUBMITTED)
    DecisionFactory.create(application=accepted, outcome=Outcome.ACCEPT)
    GrantFactory.create(application=accepted, amount=Decimal("120000"))
    rejected = ApplicationFactory.create(
        call=call,
        actor=VentureFactory.create(name="מיזם הכסף"),
        status=ApplicationStatus.REJECTED,
        eligibility_result={"eligible": True},
    )
    DecisionFactory.create(application=rejected, outcome=Outcome.REJECT, reason="לא עומד בתנאים")
    ApplicationFactory.create(call=call, eligibility_result={"eligible": False})
    ApplicationFactory.create(call=call, status=ApplicationStatus.DRAFT, submitted_at=None)
    return call


def community_year(year: int = 2025) -> Any:
    """A community with two members (one joined in ``year``), an event in ``year`` with two
    registrations (one attended), two indicators (one measured in the first quarter, one
    never) and a call opened in ``year`` (``decided_call``)."""
    import datetime

    from django.utils import timezone

    from kaveret.communities.models import MemberType, RegistrationStatus

    from .factories import (
        CommunityFactory,
        EventFactory,
        EventRegistrationFactory,
        MembershipFactory,
    )

    community = CommunityFactory.create(name="קהילת הנגישות")
    MembershipFactory.create(community=community, joined_on=datetime.date(year, 3, 1))
    MembershipFactory.create(
        community=community,
        joined_on=datetime.date(year - 1, 5, 1),
        member_type=MemberType.PUBLIC_INSTITUTION,
    )
    zone = timezone.get_current_timezone()
    starts = datetime.datetime(year, 6, 1, 18, tzinfo=zone)
    event = EventFactory.create(
        community=community,
        title="מפגש שולחן עגול",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    EventRegistrationFactory.create(event=event, status=RegistrationStatus.ATTENDED)
    EventRegistrationFactory.create(event=event)
    from kaveret.measurement.models import Measurement

    from .measurement_factories import IndicatorFactory

    indicator = IndicatorFactory.create(
        name="שיעור המעסיקים המשתתפים",
        programme=None,
        community=community,
        starts_on=datetime.date(year, 1, 1),
        target_on=datetime.date(year, 12, 31),
    )
    Measurement.objects.create(
        indicator=indicator,
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 3, 31),
        value=Decimal(30),
    )
    IndicatorFactory.create(
        name="מדד שלא נמדד",
        programme=None,
        community=community,
        starts_on=datetime.date(year, 1, 1),
        target_on=datetime.date(year, 12, 31),
    )
    decided_call(
        community=community,
        opens_at=datetime.datetime(year, 2, 1, tzinfo=zone),
        deadline=datetime.datetime(year, 3, 1, tzinfo=zone),
    )
    return community
