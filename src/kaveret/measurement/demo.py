"""The demo portfolio: the JDC-Elka work plan for 2021 (seed 004), indicators, assessments.

The plan itself (areas, programmes, targets, the budget table) is the text of seed 004 as
``demo_plan2021`` holds it; how that text was read is told there.

Indicators are added where a target states a number ("90% of the projects reach the finish
line" → 90 %, yearly). Their **measurements are illustrative**, not figures of the seed
(the seed reports no results): every such row says so in its note. One indicator is shared
by three organisations of the TechAbility community (collective impact's shared
measurement, seed 003), each party with its own figures; its periods run in the current
year, so the community dashboard shows a live status.

Loading is idempotent: the plan is found by organisation and year, areas and programmes by
slug, targets by their place in the programme, budget lines by area and label, indicators
by name and what they belong to, measurements by period (and party), assessments by rubric,
subject and date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kaveret.accounts.models import User
from kaveret.ecosystem.choices import ActorType, sector_for_kind
from kaveret.ecosystem.demo.actors import ORGANISATIONS
from kaveret.ecosystem.models import Organisation

from . import demo_plan2021 as data
from .assessments import ensure_rubrics
from .models import (
    Area,
    Assessment,
    AssessmentScore,
    BudgetLine,
    Frequency,
    Indicator,
    IndicatorParty,
    Measurement,
    Programme,
    Rubric,
    RubricKind,
    Target,
    WorkPlan,
)

#: The demo community manager (``ecosystem.demo.network.DEMO_LOGINS``) owns the indicators.
OWNER_EMAIL = "manager@demo.kaveret.local"
#: Clalit's demo representative reports Clalit's figure of the shared indicator.
CLALIT_EMAIL = "org@demo.kaveret.local"

ILLUSTRATIVE = "נתון הדגמה (לא מתוך המסמך): הזנה לדוגמה כדי להראות את חישוב הסטטוס."


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator of a numbered target: ``target_index`` is the target's place (0-based)."""

    programme: str
    target_index: int
    name: str
    name_en: str
    unit: str
    baseline: Decimal
    target: Decimal
    frequency: str
    target_on: datetime.date
    description: str = ""
    #: (period start, period end, value): illustrative figures
    measurements: tuple[tuple[datetime.date, datetime.date, Decimal], ...] = ()


def _d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


PLAN_START = _d(data.YEAR, 1, 1)
PLAN_END = _d(data.YEAR, 12, 31)

PLAN_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "digital-leaders-central",
        0,
        "פרויקטים של המובילים הדיגיטליים (שלטון מרכזי) שהגיעו לקו הגמר",
        "Digital Leaders (central government) projects that reached the finish line",
        "%",
        Decimal(0),
        Decimal(90),
        Frequency.YEARLY,
        PLAN_END,
        "תשעים אחוז מהפרויקטים מגיעים לקו הגמר בסיום התכנית.",
        ((PLAN_START, PLAN_END, Decimal(92)),),
    ),
    IndicatorSpec(
        "digital-leaders-local",
        0,
        "פרויקטים של המובילים הדיגיטליים (שלטון מקומי) שהגיעו לקו הגמר",
        "Digital Leaders (local government) projects that reached the finish line",
        "%",
        Decimal(0),
        Decimal(90),
        Frequency.YEARLY,
        PLAN_END,
        "90% מהפרוייקטים מגיעים לקו הגמר ומממשים את יעדי התכנית.",
        ((PLAN_START, PLAN_END, Decimal(78)),),
    ),
    IndicatorSpec(
        "remote-work-local-authorities",
        0,
        "רשויות שסיימו את שלב ההתנעה והאבחון",
        "Local authorities that completed the kick-off and diagnosis stage",
        "%",
        Decimal(0),
        Decimal(100),
        Frequency.QUARTERLY,
        _d(data.YEAR, 3, 31),
        "100% מהרשויות מסיימות את שלב ההתנעה והאבחון עד סוף רבעון 1 2021.",
        ((PLAN_START, _d(data.YEAR, 3, 31), Decimal(100)),),
    ),
    IndicatorSpec(
        "remote-work-local-authorities",
        2,
        "רשויות בשלב ההטמעה",
        "Local authorities in the implementation stage",
        "%",
        Decimal(0),
        Decimal(50),
        Frequency.QUARTERLY,
        _d(data.YEAR, 6, 30),
        "50% מהרשויות נמצאות בשלב ההטמעה עד סוף רבעון 2.",
        (
            (PLAN_START, _d(data.YEAR, 3, 31), Decimal(10)),
            (_d(data.YEAR, 4, 1), _d(data.YEAR, 6, 30), Decimal(30)),
        ),
    ),
    IndicatorSpec(
        "field-partnerships-4x4",
        2,
        "שותפויות בליווי",
        "Partnerships accompanied",
        "שותפויות",
        Decimal(0),
        Decimal(6),
        Frequency.QUARTERLY,
        PLAN_END,
        "ליווי של 6-12 שותפויות במהלך השנה (היעד: הקצה התחתון של הטווח, 6).",
        (
            (PLAN_START, _d(data.YEAR, 3, 31), Decimal(2)),
            (_d(data.YEAR, 4, 1), _d(data.YEAR, 6, 30), Decimal(4)),
        ),
    ),
    IndicatorSpec(
        "ageing-leaders",
        3,
        "משתתפי מובילי זקנה שהרחיבו את רשת העמיתים שלהם בתחום הזקנה",
        "Ageing-leaders participants who widened their network of peers",
        "%",
        Decimal(0),
        Decimal(85),
        Frequency.YEARLY,
        PLAN_END,
        "85% מהמשתתפים מדווחים כי הרחיבו את רשת העמיתים שלהם בתחום הזקנה.",
        # No measurement: the dashboard shows it as missing, never as zero.
    ),
)

SHARED_COMMUNITY = "techability"
SHARED_PARTIES = ("clalit", "shalvata", "jdc-beyond-disability")
SHARED_NAME = "פיילוטים פעילים של סטארטאפים מהקהילה אצל הארגונים השותפים"
SHARED_NAME_EN = "Active pilots of the community's startups at the partner organisations"
#: Illustrative figures per quarter of the current year: party → values of Q1, Q2, Q3.
#: Shalvata has not reported the third quarter, so that period is partial.
SHARED_FIGURES: dict[str, tuple[int | None, ...]] = {
    "clalit": (1, 2, 3),
    "shalvata": (1, 2, None),
    "jdc-beyond-disability": (1, 3, 3),
}

#: Illustrative open-innovation maturity (a base level on the rubric's scale) of two JDC units.
MATURITY_LEVELS = {data.ORGANISATION_KEY: 3, "jdc-beyond-disability": 2}


def load_measurement_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the 2021 work plan of seed 004, indicators and assessments.

    Safe to run again; returns how many programmes were loaded.
    """
    organisation = organisations.get(data.ORGANISATION_KEY) or _elka()
    plan = _load_plan(organisation)
    areas = _load_areas(plan)
    programmes = _load_programmes(plan, areas, organisations)
    _load_budget(plan, areas)
    owner = User.objects.filter(email=OWNER_EMAIL).first()
    _load_plan_indicators(programmes, owner)
    community = communities.get(SHARED_COMMUNITY)
    if community is not None:
        _load_shared_indicator(community, organisations, owner)
    _load_assessments(communities, organisations, owner)
    return len(programmes)


def _elka() -> Organisation:
    """JDC-Elka as the demo registry describes it (for a load without the registry)."""
    spec = next(spec for spec in ORGANISATIONS if spec.key == data.ORGANISATION_KEY)
    existing = Organisation.objects.filter(name=spec.name).order_by("pk").first()
    if existing is not None:
        return existing
    organisation = Organisation(
        name=spec.name,
        name_en=spec.name_en,
        actor_type=ActorType.ORGANISATION,
        kind=spec.kind,
        sector=sector_for_kind(spec.kind),
        description=spec.description,
        languages=list(spec.languages),
        is_public=True,
    )
    organisation.refresh_search_text()
    organisation.save()
    return organisation


def _load_plan(organisation: Organisation) -> WorkPlan:
    plan, _created = WorkPlan.objects.update_or_create(
        organisation=organisation,
        year=data.YEAR,
        defaults={
            "title": data.TITLE,
            "title_en": data.TITLE_EN,
            "opening_letter": data.OPENING_LETTER,
            "opening_signature": data.SIGNATURE,
            "background": data.BACKGROUND,
            "currency": data.CURRENCY,
            "budget_note": data.BUDGET_NOTE,
            "is_published": True,
        },
    )
    return plan


def _area_description(spec: data.AreaSpec) -> str:
    if not spec.budget_statement:
        return spec.description
    return f"{spec.description}\n\n{spec.budget_statement}"


def _load_areas(plan: WorkPlan) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for order, spec in enumerate(data.AREAS, start=1):
        area, _created = Area.objects.update_or_create(
            plan=plan,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "name_en": spec.name_en,
                "order": order,
                "description": _area_description(spec),
            },
        )
        areas[spec.slug] = area
    return areas


def _load_programmes(
    plan: WorkPlan, areas: dict[str, Area], organisations: dict[str, Any]
) -> dict[str, Programme]:
    programmes: dict[str, Programme] = {}
    for order, spec in enumerate(data.PROGRAMMES, start=1):
        programme, _created = Programme.objects.update_or_create(
            plan=plan,
            slug=spec.slug,
            defaults={
                "area": areas[spec.area],
                "order": order,
                "title": spec.title,
                "title_en": spec.title_en,
                "background": spec.background,
                "main_goal": spec.main_goal,
                "partners_text": spec.partners,
                "map_tags": sorted({evidence.tag for evidence in spec.map_tags}),
            },
        )
        known = [organisations[key] for key in spec.partner_keys if key in organisations]
        if known:
            programme.partners.add(*known)
        _load_targets(programme, spec.targets)
        programmes[spec.slug] = programme
    return programmes


def _load_targets(programme: Programme, texts: tuple[str, ...]) -> None:
    # A target is found again by its place in the programme; a target a user added after
    # the text's own (a higher place) is left alone.
    for order, text in enumerate(texts):
        target = Target.objects.filter(programme=programme, order=order).order_by("pk").first()
        if target is None:
            Target.objects.create(programme=programme, order=order, text=text)
        elif target.text != text:
            target.text = text
            target.save(update_fields=["text"])


def _load_budget(plan: WorkPlan, areas: dict[str, Area]) -> None:
    for row in data.BUDGET_TABLE:
        BudgetLine.objects.update_or_create(
            plan=plan,
            area=areas[row.area],
            programme=None,
            label=row.label,
            defaults={"inside": row.inside, "outside": row.outside},
        )


def _load_plan_indicators(programmes: dict[str, Programme], owner: User | None) -> None:
    for spec in PLAN_INDICATORS:
        programme = programmes[spec.programme]
        indicator, _created = Indicator.objects.update_or_create(
            programme=programme,
            name=spec.name,
            defaults={
                "name_en": spec.name_en,
                "description": spec.description,
                "unit": spec.unit,
                "baseline": spec.baseline,
                "baseline_on": PLAN_START,
                "target": spec.target,
                "target_on": spec.target_on,
                "frequency": spec.frequency,
                "starts_on": PLAN_START,
                "data_source": "דיווח צוות התכנית",
                "owner": owner,
            },
        )
        Target.objects.filter(programme=programme, order=spec.target_index).update(
            indicator=indicator
        )
        for start, end, value in spec.measurements:
            Measurement.objects.update_or_create(
                indicator=indicator,
                party=None,
                period_start=start,
                defaults={
                    "period_end": end,
                    "value": value,
                    "note": ILLUSTRATIVE,
                    "reported_by": owner,
                },
            )


def _quarters(year: int) -> list[tuple[datetime.date, datetime.date]]:
    starts = [_d(year, month, 1) for month in (1, 4, 7, 10)]
    ends = [_d(year, 3, 31), _d(year, 6, 30), _d(year, 9, 30), _d(year, 12, 31)]
    return list(zip(starts, ends, strict=True))


def _load_shared_indicator(
    community: Any, organisations: dict[str, Any], owner: User | None
) -> None:
    """The shared indicator of TechAbility: three parties report the same figure."""
    parties = [key for key in SHARED_PARTIES if key in organisations]
    if len(parties) < 2:
        return
    # The current year, so the dashboard shows a live status (the figures are illustrative).
    year = timezone.localdate().year
    indicator, _created = Indicator.objects.update_or_create(
        community=community,
        name=SHARED_NAME,
        defaults={
            "name_en": SHARED_NAME_EN,
            "description": (
                "מדידה משותפת (קולקטיב אימפקט): כל ארגון שותף מדווח כמה פיילוטים של "
                "סטארטאפים מהקהילה פעילים אצלו בסוף הרבעון; הפלטפורמה מציגה את נתון כל "
                "שותף ואת הסך."
            ),
            "unit": "פיילוטים",
            "baseline": Decimal(0),
            "baseline_on": _d(year, 1, 1),
            "target": Decimal(12),
            "target_on": _d(year, 12, 31),
            "frequency": Frequency.QUARTERLY,
            "starts_on": _d(year, 1, 1),
            "data_source": "דיווחי הארגונים השותפים",
            "owner": owner,
            "is_shared": True,
        },
    )
    clalit_reporter = User.objects.filter(email=CLALIT_EMAIL).first()
    quarters = _quarters(year)
    today = timezone.localdate()
    for key in parties:
        party, _created = IndicatorParty.objects.update_or_create(
            indicator=indicator,
            actor=organisations[key],
            defaults={"reporter": clalit_reporter if key == "clalit" else owner},
        )
        for (start, end), value in zip(quarters, SHARED_FIGURES[key], strict=False):
            if value is None or end >= today:
                continue  # not reported (or the period has not ended): missing, not zero
            Measurement.objects.update_or_create(
                indicator=indicator,
                party=party,
                period_start=start,
                defaults={
                    "period_end": end,
                    "value": Decimal(value),
                    "note": ILLUSTRATIVE,
                    "reported_by": party.reporter,
                },
            )


def _load_assessments(
    communities: dict[str, Any], organisations: dict[str, Any], owner: User | None
) -> None:
    """Illustrative rubric assessments: the six conditions of collective impact for
    TechAbility (twice, so the history has a line) and the open-innovation maturity of two
    JDC units (the same sector, so the standing compares them)."""
    ensure_rubrics()
    year = timezone.localdate().year
    earlier, later = _d(year - 1, 6, 1), _d(year - 1, 12, 1)
    subjects: list[tuple[str, dict[str, Any], tuple[tuple[datetime.date, int], ...]]] = []
    if SHARED_COMMUNITY in communities:
        subjects.append(
            (
                RubricKind.COLLECTIVE_IMPACT,
                {"community": communities[SHARED_COMMUNITY]},
                ((earlier, 2), (later, 3)),
            )
        )
    for key, level in MATURITY_LEVELS.items():
        if key in organisations:
            subjects.append(
                (RubricKind.OI_MATURITY, {"organisation": organisations[key]}, ((later, level),))
            )
    for kind, subject, rounds in subjects:
        rubric = Rubric.objects.filter(kind=kind).prefetch_related("dimensions").first()
        if rubric is None:
            continue
        for assessed_on, level in rounds:
            assessment, _created = Assessment.objects.update_or_create(
                rubric=rubric,
                assessed_on=assessed_on,
                **subject,
                defaults={"assessed_by": owner, "notes": ILLUSTRATIVE},
            )
            for position, dimension in enumerate(rubric.dimensions.all()):
                score = min(rubric.scale_max, max(rubric.scale_min, level + position % 2))
                AssessmentScore.objects.update_or_create(
                    assessment=assessment, dimension=dimension, defaults={"score": score}
                )
