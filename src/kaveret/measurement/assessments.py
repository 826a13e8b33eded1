"""Rubric assessments: the three rubrics, the index of an assessment, a sector's standing,
and the history of each dimension as a chart with its table.

The rubrics (``RUBRICS``) are data, written by the data migration ``0002_rubrics`` on
every install and by ``ensure_rubrics()`` for tests and the demo (both idempotent):

- **Conditions of collective impact** (seed 003): the five conditions of Kania and
  Kramer and the sixth that Shitufim proposes, building trust and reaching agreement;
  assessed for a community or initiative.
- **Open-innovation maturity** of an organisation (seed 000's proposed measurement
  infrastructure, with the practice of seed 001): strategy and mandate, an internal
  ambassador, processes to scout and pilot, the mechanisms used, the partnerships and
  pilots run, the adoption of what was piloted.
- **Partnership flags** (seed 004, the "flags rubric" of the Israeli Hope programme in the
  regional clusters). The work plan names the tool, a rubric showing the state of a
  partnership in each of its flags, but does not list the flags; the seven here are a
  minimal set drawn from what that programme's text asks of a partnership (a shared
  goal, its leaders' commitment, the whole range of populations taking part, joint
  working mechanisms, trust, joint action, agreed goals with a measurement plan and
  continuity).

**The index** of an assessment is the weighted mean of its scores, each rescaled from the
rubric's scale to 0-100. A dimension without a score is left out and the weights of the
others are renormalised; the result says whether every dimension was scored
(``complete``). An assessment with no scores has no index (``None``), never 0.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import translation

from kaveret.communities.work_selectors import marker_path

from .models import Assessment, AssessmentScore, Rubric, RubricDimension, RubricKind, SubjectKind

# --- The rubrics ---------------------------------------------------------------------------

# Names are kept in Hebrew, English and Arabic on the rows; "what to look for" is data in
# Hebrew, the working language of the backbone's staff who assess.


@dataclass(frozen=True)
class DimensionDefinition:
    key: str
    name: str
    name_en: str
    name_ar: str
    description: str
    weight: str = "1"


@dataclass(frozen=True)
class RubricDefinition:
    kind: str
    subject_kind: str
    name: str
    name_en: str
    name_ar: str
    description: str
    dimensions: tuple[DimensionDefinition, ...]
    scale_min: int = 1
    scale_max: int = 5


COLLECTIVE_IMPACT = RubricDefinition(
    kind=RubricKind.COLLECTIVE_IMPACT.value,
    subject_kind=SubjectKind.COMMUNITY.value,
    name="תנאי הקולקטיב אימפקט",
    name_en="Conditions of collective impact",
    name_ar="شروط الأثر الجماعي",
    description=(
        "חמשת התנאים של קולקטיב אימפקט (קניה וקרמר, 2011) והמרכיב השישי שמציע ארגון "
        "שיתופים: בניית אמון וגיבוש הסכמות. ציון 1 (כמעט לא קיים) עד 5 (קיים במלואו)."
    ),
    dimensions=(
        DimensionDefinition(
            "common_agenda",
            "סדר יום משותף",
            "Common agenda",
            "أجندة مشتركة",
            "חזון משותף לשינוי: הבנה משותפת של הבעיה ודרך פעולה מוסכמת על כל השותפים "
            "משלושת המגזרים.",
        ),
        DimensionDefinition(
            "shared_measurement",
            "מדידה משותפת",
            "Shared measurement",
            "قياس مشترك",
            "מדדים מוסכמים שכל השותפים אוספים ומדווחים באותו אופן; התוצאות גלויות לכולם "
            "ומשמשות ללמידה ולהחלטות.",
        ),
        DimensionDefinition(
            "mutually_reinforcing_activities",
            "פעילויות מחזקות הדדית",
            "Mutually reinforcing activities",
            "أنشطة يعزز بعضها بعضًا",
            "כל שותף עושה את מה שהוא טוב בו, והפעולות מתואמות לפי תכנית פעולה משותפת ולא חופפות.",
        ),
        DimensionDefinition(
            "continuous_communication",
            "תקשורת מתמשכת",
            "Continuous communication",
            "تواصل مستمر",
            "מפגשים ושגרות עבודה קבועים, זרימת מידע פתוחה בין השותפים ובתוך כל מגזר.",
        ),
        DimensionDefinition(
            "backbone_support",
            "ארגון שדרה",
            "Backbone support",
            "دعم منظمة العمود الفقري",
            "צוות ייעודי שמתכלל את היוזמה: מכוון את החזון, מלווה את המדידה, מגייס "
            "משאבים ומחזיק את התהליך.",
        ),
        DimensionDefinition(
            "trust_and_agreement",
            "בניית אמון וגיבוש הסכמות",
            "Trust and agreement",
            "بناء الثقة والتوصل إلى توافقات",
            "המרכיב השישי (שיתופים): יחסי אמון בין השותפים, הסכמות מפורשות ודרכים "
            "מוסכמות לקבלת החלטות וליישוב מחלוקות.",
        ),
    ),
)

OI_MATURITY = RubricDefinition(
    kind=RubricKind.OI_MATURITY.value,
    subject_kind=SubjectKind.ORGANISATION.value,
    name="בשלות לחדשנות פתוחה",
    name_en="Open-innovation maturity",
    name_ar="النضج في الابتكار المفتوح",
    description=(
        "תשתית המדידה לחדשנות פתוחה בארגונים שמציע מסמך המידול של קהילות החדשנות, "
        "בשש ממדים מתוך המדריך לשותפויות מעצבות. ציון 1 (אין) עד 5 (מוטמע בשגרה)."
    ),
    dimensions=(
        DimensionDefinition(
            "strategy_and_mandate",
            "אסטרטגיה ומנדט",
            "Strategy and mandate",
            "الاستراتيجية والتفويض",
            "חדשנות פתוחה כתובה באסטרטגיה של הארגון; יש מחויבות ניהולית, מנדט ותקציב "
            "להתנסות ולהטמעה, ומדדים פנים-ארגוניים לחדשנות.",
        ),
        DimensionDefinition(
            "internal_ambassador",
            "שגריר פנימי",
            "Internal ambassador",
            "سفير داخلي",
            "נציג מתוך הארגון שמקדם את התהליך, מתכלל את הרתימה הפנימית, מלווה את המיזם "
            "ומתווך בין הדרג הניהולי לצוותי השטח.",
        ),
        DimensionDefinition(
            "scout_and_pilot_processes",
            "תהליכי איתור ופיילוט",
            "Processes to scout and pilot",
            "عمليات الاستكشاف والتجريب",
            "רצף מוגדר: איתור אתגרים מרכזיים, חיפוש אקטיבי של פתרונות (מרכזי יזמות, "
            "אקסלרטורים, קהילות חדשנות), בחירת שותף, הגדרת השותפות והתנסות.",
        ),
        DimensionDefinition(
            "mechanisms_used",
            "מנגנונים בשימוש",
            "Mechanisms used",
            "الآليات المستخدمة",
            "הארגון משתמש במנגנונים לעבודה עם יזמים: קולות קוראים, RFI, מכרזי אתגר, "
            "מפגשי היכרות ותכניות כמו Extreme TechAbility, בדרך שמתאפשרת משפטית ותקציבית.",
        ),
        DimensionDefinition(
            "partnerships_and_pilots",
            "שותפויות ופיילוטים",
            "Partnerships and pilots run",
            "الشراكات والتجارب المنفذة",
            "שותפויות מעצבות ופיילוטים שהארגון הריץ: תיאום ציפיות, גישה לנתונים "
            "ולמשתמשים, השתתפות אנשי מטה ושטח, משוב מסודר.",
        ),
        DimensionDefinition(
            "adoption",
            "הטמעה של מה שנוסה",
            "Adoption of what was piloted",
            "تبنّي ما تمت تجربته",
            "פתרונות שנוסו עברו לשגרה: תכנון המשכיות מראש, מקור מימון אחרי הפיילוט, "
            "מסלול רכש או העברה לאחריות משרד.",
        ),
    ),
)

PARTNERSHIP_FLAGS = RubricDefinition(
    kind=RubricKind.PARTNERSHIP_FLAGS.value,
    subject_kind=SubjectKind.PARTNERSHIP.value,
    name="מחוון הדגלים",
    name_en="Partnership flags",
    name_ar="مؤشر الأعلام للشراكة",
    description=(
        "מחוון המשקף את מצב השותפות בכל אחד מהדגלים ומכוון להגדרת יעדי עבודה להעמקתה "
        "(תכנית העבודה 2021, תקווה ישראלית באשכולות). התכנית אינה מונה את הדגלים; "
        "אלה נגזרו ממה שהיא מבקשת משותפות. ציון 1 (דגל לא מונף) עד 5 (דגל מונף במלואו)."
    ),
    dimensions=(
        DimensionDefinition(
            "shared_goal",
            "מטרה משותפת",
            "Shared goal",
            "هدف مشترك",
            "לשותפים מטרה וחזון משותפים שמנוסחים בכתב ומוכרים לכל הצדדים.",
        ),
        DimensionDefinition(
            "leadership_commitment",
            "מחויבות המנהיגות",
            "Leadership commitment",
            "التزام القيادة",
            "תפיסת השותפות באה לידי ביטוי בקרב המנהיגות: ההנהלות מקדישות זמן, משאבים "
            "ומובילים מטעמן.",
        ),
        DimensionDefinition(
            "inclusion",
            "שיתוף מגוון השותפים",
            "Every party and population takes part",
            "مشاركة جميع الشركاء والفئات",
            "מגוון האוכלוסיות והקהילות שהשותפות נוגעת בהן שותפות בה בפועל, ולצד החלש "
            "יש קול ואוטונומיה.",
        ),
        DimensionDefinition(
            "working_mechanisms",
            "מנגנוני עבודה משותפים",
            "Joint working mechanisms",
            "آليات عمل مشتركة",
            "מנגנוני עבודה חוצי תחומים ומגזרים הוקמו ומוסדו: פורומים, שגרות, קבלת החלטות משותפת.",
        ),
        DimensionDefinition(
            "trust",
            "אמון ותקשורת",
            "Trust and communication",
            "الثقة والتواصل",
            "יחסי אמון, שקיפות ותקשורת שוטפת בין השותפים.",
        ),
        DimensionDefinition(
            "joint_action",
            "עשייה משותפת",
            "Joint action",
            "عمل مشترك",
            "פרויקטים ופעולות שהשותפים מובילים יחד, ולא רק מפגשים.",
        ),
        DimensionDefinition(
            "agreed_goals_and_measurement",
            "יעדים מוסכמים ומדידה",
            "Agreed goals and measurement",
            "أهداف متفق عليها وقياس",
            "יעדים מוסכמים לטווח קצר וארוך ותכנית מדידה שהשותפים עוקבים אחריה.",
        ),
    ),
)

RUBRICS: tuple[RubricDefinition, ...] = (COLLECTIVE_IMPACT, OI_MATURITY, PARTNERSHIP_FLAGS)


def write_rubrics(rubric_model: Any, dimension_model: Any) -> int:
    """Create or update the rubrics and their dimensions; returns how many rubrics.

    Takes the model classes so the data migration can pass its historical models. Rows
    are matched by kind and key; a dimension no longer defined is kept (scores point at
    it) but its definition is left as it was.
    """
    for definition in RUBRICS:
        rubric, _created = rubric_model.objects.update_or_create(
            kind=definition.kind,
            defaults={
                "name": definition.name,
                "name_en": definition.name_en,
                "name_ar": definition.name_ar,
                "description": definition.description,
                "subject_kind": definition.subject_kind,
                "scale_min": definition.scale_min,
                "scale_max": definition.scale_max,
            },
        )
        for order, dimension in enumerate(definition.dimensions, start=1):
            dimension_model.objects.update_or_create(
                rubric=rubric,
                key=dimension.key,
                defaults={
                    "order": order,
                    "name": dimension.name,
                    "name_en": dimension.name_en,
                    "name_ar": dimension.name_ar,
                    "description": dimension.description,
                    "weight": Decimal(dimension.weight),
                },
            )
    return len(RUBRICS)


@transaction.atomic
def ensure_rubrics() -> dict[str, Rubric]:
    """The three rubrics by kind, created or brought up to date (safe to call again)."""
    write_rubrics(Rubric, RubricDimension)
    return {rubric.kind: rubric for rubric in Rubric.objects.prefetch_related("dimensions")}


def localised_name(row: Any) -> str:
    """The name of a rubric or dimension in the active language, falling back to Hebrew."""
    language = (translation.get_language() or "he")[:2]
    if language == "en" and row.name_en:
        return str(row.name_en)
    if language == "ar" and row.name_ar:
        return str(row.name_ar)
    return str(row.name)


# --- The index -----------------------------------------------------------------------------


class IndexResult(NamedTuple):
    """The index of an assessment (0-100, or None without scores) and how complete it is."""

    value: float | None
    complete: bool
    scored: int
    dimensions: int


def compute_index(
    weights: Mapping[int, Decimal | float | int],
    scores: dict[int, int],
    scale_min: int,
    scale_max: int,
) -> IndexResult:
    """The weighted mean of ``scores`` (dimension id → score) rescaled to 0-100.

    ``weights`` holds every dimension of the rubric (id → weight). Scores of dimensions not
    in the rubric are ignored; dimensions without a score are left out and the remaining
    weights renormalised.
    """
    span = scale_max - scale_min
    total_weight = 0.0
    weighted = 0.0
    scored = 0
    for dimension_id, weight in weights.items():
        score = scores.get(dimension_id)
        if score is None:
            continue
        scored += 1
        total_weight += float(weight)
        weighted += float(weight) * (score - scale_min) / span * 100
    value = round(weighted / total_weight, 1) if total_weight else None
    return IndexResult(value, scored == len(weights) and scored > 0, scored, len(weights))


def assessment_index_detail(assessment: Assessment) -> IndexResult:
    """The index with its completeness. Uses prefetched ``rubric.dimensions`` and ``scores``
    when the queryset has them (``with_scores``)."""
    rubric = assessment.rubric
    weights = {dimension.pk: dimension.weight for dimension in rubric.dimensions.all()}
    scores = {score.dimension_id: score.score for score in assessment.scores.all()}
    return compute_index(weights, scores, rubric.scale_min, rubric.scale_max)


def assessment_index(assessment: Assessment) -> float | None:
    """The weighted mean of the assessment's scores on 0-100 (None when nothing was scored);
    ``assessment_index_detail`` also says whether every dimension was scored."""
    return assessment_index_detail(assessment).value


def with_scores(queryset: Any) -> Any:
    """Assessments with what the index and the pages need, in a fixed number of queries."""
    return queryset.select_related("rubric", "assessed_by").prefetch_related(
        "rubric__dimensions", "scores"
    )


def subject_assessments(rubric_kind: str, **subject: Any) -> list[Assessment]:
    """The assessments of one subject under one rubric, latest first."""
    queryset = Assessment.objects.filter(rubric__kind=rubric_kind, **subject)
    return list(with_scores(queryset).order_by("-assessed_on", "-pk"))


# --- Standing in the sector ----------------------------------------------------------------


class SectorPoint(NamedTuple):
    organisation_id: int
    name: str
    value: float
    assessed_on: datetime.date


class SectorStanding(NamedTuple):
    """Where an organisation stands among the organisations of its sector.

    ``rank`` is 1 for the highest index; equal indices share a rank (1, 2, 2, 4). Only
    organisations with a scored maturity assessment are counted, each by its latest one.
    """

    value: float | None
    rank: int | None
    of_count: int
    sector_median: float | None
    points: list[SectorPoint] = []


def latest_maturity_by_organisation(sector: str) -> dict[int, Assessment]:
    """The latest maturity assessment of each organisation of ``sector``."""
    latest: dict[int, Assessment] = {}
    queryset = with_scores(
        Assessment.objects.filter(
            rubric__kind=RubricKind.OI_MATURITY, organisation__sector=sector
        ).select_related("organisation")
    ).order_by("organisation_id", "-assessed_on", "-pk")
    for assessment in queryset:
        assert assessment.organisation_id is not None
        latest.setdefault(assessment.organisation_id, assessment)
    return latest


def maturity_standing(organisation: Any) -> SectorStanding:
    """(index, rank, of_count, sector_median) of ``organisation`` in its sector; the index is
    the ``value`` field."""
    latest = latest_maturity_by_organisation(organisation.sector)
    points: list[SectorPoint] = []
    for organisation_id, assessment in latest.items():
        value = assessment_index(assessment)
        if value is None:
            continue
        assert assessment.organisation is not None
        points.append(
            SectorPoint(
                organisation_id,
                assessment.organisation.display_name,
                value,
                assessment.assessed_on,
            )
        )
    points.sort(key=lambda point: (-point.value, point.name))
    own = next((point for point in points if point.organisation_id == organisation.pk), None)
    median = round(statistics.median(point.value for point in points), 1) if points else None
    if own is None:
        return SectorStanding(None, None, len(points), median, points)
    rank = 1 + sum(1 for point in points if point.value > own.value)
    return SectorStanding(own.value, rank, len(points), median, points)


# --- History per dimension -----------------------------------------------------------------


class HistoryPoint(NamedTuple):
    date: datetime.date
    score: int | None


@dataclass
class DimensionHistory:
    key: str
    label: str
    points: list[HistoryPoint]


def dimension_history(
    dimensions: Sequence[RubricDimension], assessments: Iterable[Assessment]
) -> list[DimensionHistory]:
    """Each dimension's score at each assessment, oldest first; a missing score is None."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.pk))
    by_assessment = [
        {score.dimension_id: score.score for score in assessment.scores.all()}
        for assessment in ordered
    ]
    return [
        DimensionHistory(
            dimension.key,
            localised_name(dimension),
            [
                HistoryPoint(assessment.assessed_on, scores.get(dimension.pk))
                for assessment, scores in zip(ordered, by_assessment, strict=True)
            ],
        )
        for dimension in dimensions
    ]


# --- Charts (SVG drawn by the template, with the same numbers in a table) -------------------

# Up to seven series, told apart by colour, marker and dash, never by colour alone; each
# colour has at least 4.5:1 contrast on white.
SERIES_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#0b5cab", "circle", ""),
    ("#b45309", "square", "8 4"),
    ("#1e6b2e", "triangle", "2 4"),
    ("#a4133c", "diamond", "10 4 2 4"),
    ("#6b21a8", "triangle-down", "4 4"),
    ("#374151", "cross", "1 3"),
    ("#0e7490", "circle", "12 3"),
)
CHART_WIDTH = 640
CHART_HEIGHT = 300
MARGIN_START = 36
MARGIN_END = 48
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
CHART_MAX_ASSESSMENTS = 12


@dataclass
class ChartPoint:
    x: float
    y: float
    score: int
    date: datetime.date
    marker: str


@dataclass
class ChartSeries:
    key: str
    label: str
    colour: str
    shape: str
    dash: str
    points: list[ChartPoint]
    legend_marker: str = ""

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass
class HistoryChart:
    width: int
    height: int
    plot_start: float
    plot_end: float
    series: list[ChartSeries]
    x_labels: list[tuple[float, datetime.date]]
    y_ticks: list[tuple[float, int]]
    dates: list[datetime.date]
    scale_min: int
    scale_max: int
    # (key, label, [(date, score or None), ...]) in the order of ``dates``.
    table: list[tuple[str, str, list[HistoryPoint]]] = field(default_factory=list)


def history_chart(rubric: Rubric, assessments: list[Assessment]) -> HistoryChart | None:
    """The chart of the latest assessments (``assessments`` latest first); None if none."""
    shown = list(reversed(assessments[:CHART_MAX_ASSESSMENTS]))
    if not shown:
        return None
    low, high = rubric.scale_min, rubric.scale_max
    plot_height = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def y_of(score: float) -> float:
        return MARGIN_TOP + (high - score) / (high - low) * plot_height

    plot_start, plot_end = float(MARGIN_START + 16), float(CHART_WIDTH - MARGIN_END)
    count = len(shown)
    step = (plot_end - plot_start) / (count - 1) if count > 1 else 0.0
    xs = [
        plot_start + index * step if count > 1 else (plot_start + plot_end) / 2
        for index in range(count)
    ]
    dimensions = list(rubric.dimensions.all())
    history = dimension_history(dimensions, shown)
    series: list[ChartSeries] = []
    for index, row in enumerate(history):
        colour, shape, dash = SERIES_STYLES[index % len(SERIES_STYLES)]
        # Equal scores would hide each other: each series sits a few pixels apart.
        offset = (index - (len(history) - 1) / 2) * 3
        points = [
            ChartPoint(
                column_x + offset,
                y_of(point.score),
                point.score,
                point.date,
                marker_path(shape, column_x + offset, y_of(point.score)),
            )
            for column_x, point in zip(xs, row.points, strict=True)
            if point.score is not None
        ]
        series.append(
            ChartSeries(
                row.key,
                row.label,
                colour,
                shape,
                dash,
                points,
                legend_marker=marker_path(shape, 20, 10),
            )
        )
    labels = list(zip(xs, [a.assessed_on for a in shown], strict=True))
    stride = -(-len(labels) // 6)
    return HistoryChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        plot_start=float(MARGIN_START),
        plot_end=plot_end,
        series=series,
        x_labels=[label for i, label in enumerate(labels) if i % stride == 0],
        y_ticks=[(y_of(value), value) for value in range(low, high + 1)],
        dates=[a.assessed_on for a in shown],
        scale_min=low,
        scale_max=high,
        table=[(row.key, row.label, row.points) for row in history],
    )


@dataclass
class StripDot:
    x: float
    y: float
    index: float
    is_own: bool
    label: str
    marker: str


@dataclass
class StripChart:
    """A dot per organisation of the sector on a 0-100 line; the organisation stands out."""

    width: int
    height: int
    axis_y: float
    plot_start: float
    plot_end: float
    ticks: list[tuple[float, int]]
    dots: list[StripDot]
    median_x: float | None


STRIP_WIDTH = 640
STRIP_HEIGHT = 120


def strip_chart(standing: SectorStanding, organisation_id: int) -> StripChart | None:
    if not standing.points:
        return None
    start, end = 24.0, float(STRIP_WIDTH - 24)
    axis_y = 70.0

    def x_of(value: float) -> float:
        return start + value / 100 * (end - start)

    dots: list[StripDot] = []
    seen: dict[float, int] = {}
    for point in standing.points:
        own = point.organisation_id == organisation_id
        # Equal indices stack upwards instead of hiding each other.
        stack = seen.get(point.value, 0)
        seen[point.value] = stack + 1
        x, y = x_of(point.value), axis_y - 14 - stack * 12
        shape = "diamond" if own else "circle"
        dots.append(
            StripDot(x, y, point.value, own, point.name, marker_path(shape, x, y, 8 if own else 5))
        )
    return StripChart(
        width=STRIP_WIDTH,
        height=STRIP_HEIGHT,
        axis_y=axis_y,
        plot_start=start,
        plot_end=end,
        ticks=[(x_of(value), value) for value in range(0, 101, 20)],
        dots=dots,
        median_x=x_of(standing.sector_median) if standing.sector_median is not None else None,
    )


def latest_scores(assessment: Assessment | None) -> dict[int, AssessmentScore]:
    if assessment is None:
        return {}
    return {score.dimension_id: score for score in assessment.scores.all()}
