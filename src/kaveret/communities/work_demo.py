"""The demo's ecosystem work: real activities of the communities, from the seeds.

The activities are those seed 000 tells of (TechAbility's mapping of 144 startups, the
fast grants track of the "Iron Swords" war, Extreme TechAbility's 72 hours of deep
matching; EmployTech's ecosystem conference of May 2022, its call for technological
education with pilots in technological colleges and its eight-meeting innovation labs;
AgingIL's inclusion of all stakeholders, older people among them). Dates are given only
where the seeds give them. The self-assessments are examples, dated July 2024 (the date
of the model document), with notes drawn from the same text.

``load_work_demo`` is safe to run again: rows are found by community, cycle and title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kaveret.accounts.models import Role, RoleAssignment, User

from .models import (
    ActivityKind,
    ActivityStatus,
    Community,
    EcosystemPhase,
    Principle,
    PrincipleAssessment,
    PrincipleScore,
    WorkActivity,
    WorkCycle,
)

_X, _D, _R, _E = (
    EcosystemPhase.EXPLORATION,
    EcosystemPhase.DEEPENING,
    EcosystemPhase.RESPONSE,
    EcosystemPhase.EVALUATION,
)


@dataclass(frozen=True)
class ActivitySpec:
    move: str
    kind: str
    title: str
    description: str
    status: str
    outputs: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    links: tuple[str, ...] = ()


CYCLE_STARTS: dict[str, date] = {
    "techability": date(2023, 10, 1),
    "employtech": date(2022, 5, 1),
    "agingil": date(2024, 7, 1),
}

ACTIVITIES: dict[str, tuple[ActivitySpec, ...]] = {
    "techability": (
        ActivitySpec(
            _X,
            ActivityKind.MAPPING,
            "מיפוי האקו-סיסטם של תחום המוגבלויות",
            "מיפוי רחב של השחקנים, המגמות, הטכנולוגיות והבשלות הטכנולוגית בתחום, וחיבור "
            "היזמים הרלוונטיים לקהילה. נכון לשנת 2021 פעלו 144 סטארטאפים בתחום המוגבלויות.",
            ActivityStatus.DONE,
            outputs="מפת הסטארטאפים בתחום המוגבלויות (144 נכון ל-2021)",
        ),
        ActivitySpec(
            _X,
            ActivityKind.STEERING_MEETING,
            "ועדת ההיגוי: משרד הכלכלה, ג'וינט ישראל מעבר למוגבלות, קרנות הביטוח הלאומי והכוורת",
            "קבלת המנדט להקמת הקהילה וגיבוש ועדת היגוי מבעלי עניין משמעותיים באקו-סיסטם.",
            ActivityStatus.DONE,
        ),
        ActivitySpec(
            _D,
            ActivityKind.LEARNING_MEETING,
            "כנס TechAbility: בריאות הנפש, AI ויכולות אנושיות",
            "כנס בסוף 2023: סקירת מגמות בהשקעה בתחום בריאות הנפש, חידושים שעשויים לצמוח "
            "מהשילוב בין AI ליכולות אנושיות, ומיזמים עם פתרונות לאתגרי השיקום והטיפול.",
            ActivityStatus.DONE,
        ),
        ActivitySpec(
            _R,
            ActivityKind.CALL,
            "מסלול מענקים מהיר בעקבות מלחמת חרבות ברזל",
            "מענקים לפתרונות טכנולוגיים שיכולים להיות Game Changer במענים של תמיכה ושיקום "
            "לאנשים עם מוגבלות, שמספרם גדל בעקבות המלחמה.",
            ActivityStatus.DONE,
            outputs="מיזמים זוכים במסלול המענקים",
        ),
        ActivitySpec(
            _R,
            ActivityKind.OTHER,
            "Extreme TechAbility: 72 שעות של שידוכים עמוקים",
            "תוכנית שידוכים של 72 שעות בין עשרה סטארטאפים לעשרה ארגונים, שמשמשים שותפי "
            "עיצוב (Design Partners): משתמשים בפתרון ללא תשלום ונותנים משוב על החוויה.",
            ActivityStatus.IN_PROGRESS,
            outputs="היעד: חוזי התנסות בתוך הארגונים",
        ),
        ActivitySpec(
            _E,
            ActivityKind.EVALUATION,
            "הערכת Extreme TechAbility: כמה שידוכים הפכו לחוזי התנסות",
            "בחינה אילו שינויים נרשמו, מה השתפר ואילו תגובות נוצרו במערכת בעקבות השידוכים.",
            ActivityStatus.PLANNED,
        ),
    ),
    "employtech": (
        ActivitySpec(
            _X,
            ActivityKind.OTHER,
            "כנס אקו-סיסטמי של EmployTech (מאי 2022)",
            "חיבור שחקנים נוספים וקיימים לשדה החדשנות החברתית-תעסוקתית.",
            ActivityStatus.DONE,
        ),
        ActivitySpec(
            _D,
            ActivityKind.LEARNING_MEETING,
            "מפגשי למידה: פריון מכליל, תעסוקה איכותית והון אנושי",
            "היכרות עם אתגרי שוק העבודה המשתנה, בניית שפה משותפת והעמקת הקשר בין יזמים, "
            "ארגונים ומוסדות באקו-סיסטם התעסוקה.",
            ActivityStatus.IN_PROGRESS,
        ),
        ActivitySpec(
            _R,
            ActivityKind.CALL,
            "קול קורא: מיזמים חדשניים בתחום ההשכלה הטכנולוגית",
            "מענק ביצוע, התנסות מעשית בפיילוט בשותפות עם מכללות טכנולוגיות, ומערך ליווי "
            "הכולל מנטורינג, מדידה, ייעוץ מקצועי והשתייכות לקהילה.",
            ActivityStatus.PLANNED,
        ),
        ActivitySpec(
            _R,
            ActivityKind.LAB,
            "מעבדות החדשנות: תעסוקת צעירים",
            "חיבור בין יזמים נבחרים שפיתחו מוצר בשל בנושא תעסוקת צעירים לבין מנהלי פיתוח "
            "ידע, פיתוח מקצועי והדרכה ובעלי יכולת החלטה על פיילוטים. 8 מפגשים, אחד לחודש.",
            ActivityStatus.PLANNED,
            outputs=(
                'דו"ח השוואתי לכלים חדשניים בהקניית כישורים; מידול תהליך ליווי תעסוקתי '
                "לצעירים מבוסס כישורים"
            ),
        ),
    ),
    "agingil": (
        ActivitySpec(
            _X,
            ActivityKind.MAPPING,
            "מיפוי בעלי העניין באקו-סיסטם של חדשנות וזקנה",
            "אנשי מקצוע, ממשלה, אקדמיה, המגזר העסקי והשלישי, יזמים, משקיעים והזקנים עצמם.",
            ActivityStatus.IN_PROGRESS,
        ),
        ActivitySpec(
            _X,
            ActivityKind.STEERING_MEETING,
            "ועדת היגוי עם משרדי הבריאות, הרווחה, השוויון החברתי והכלכלה ורשות החדשנות",
            "ג'וינט אשל וארגון שיתופים מנהלים את הקהילה בשותפות המשרדים ורשות החדשנות.",
            ActivityStatus.IN_PROGRESS,
        ),
        ActivitySpec(
            _D,
            ActivityKind.LEARNING_MEETING,
            "יצירה משותפת (co-creation) עם הזקנים עצמם",
            "רשתות תמיכה, הנחלת ידע ומידע ויצירה משותפת של פתרונות לשיפור איכות חיי הזקנים.",
            ActivityStatus.PLANNED,
        ),
    ),
}

ASSESSED_ON = date(2024, 7, 1)
_P = Principle

# Principle → (score, note): example self-assessments in the words of seed 000.
ASSESSMENTS: dict[str, dict[str, tuple[int, str]]] = {
    "techability": {
        _P.DIVERSE_ENTREPRENEURSHIP: (3, "נדרש גיוון חברתי, תרבותי וגיאוגרפי רחב יותר של היזמים."),
        _P.OPEN_INNOVATION: (4, "Extreme TechAbility: ארגונים כשותפי עיצוב של סטארטאפים."),
        _P.COMMUNITY_MISSION_BALANCE: (4, "הקשרים בקהילה משרתים את הטמעת החדשנות בתחום."),
        _P.LIVING_BODY: (5, "מסלול מענקים מהיר בזמן מלחמת חרבות ברזל."),
        _P.MULTI_SECTORALITY: (4, "ממשלה, ג'וינט, ביטוח לאומי, קופות חולים ויזמים."),
        _P.PROSUMERS: (3, "רוב התוכן עדיין מגיע מצוות הקהילה."),
    },
    "employtech": {
        _P.DIVERSE_ENTREPRENEURSHIP: (3, "חיפוש יזמים מהחברה הערבית ומהפריפריה."),
        _P.OPEN_INNOVATION: (4, "קול קורא עם פיילוט במכללות טכנולוגיות."),
        _P.COMMUNITY_MISSION_BALANCE: (3, "הכנס האקו-סיסטמי חיזק קשרים; המשימה בעבודה."),
        _P.LIVING_BODY: (4, "מעבדות חדשנות בנושא תעסוקת צעירים."),
        _P.MULTI_SECTORALITY: (4, "פלטפורמה בין-מגזרית ומולטידיסציפלינרית."),
        _P.PROSUMERS: (3, "משתתפי המעבדות מפיקים ידע משותף."),
    },
    "agingil": {
        _P.DIVERSE_ENTREPRENEURSHIP: (3, "יזמים, מוסדות מחקר וחברות פרטיות."),
        _P.OPEN_INNOVATION: (3, "יצירה משותפת (co-creation) של פתרונות."),
        _P.COMMUNITY_MISSION_BALANCE: (3, "רשתות תמיכה ונטוורקינג לצד פיתוח טכנולוגיות."),
        _P.LIVING_BODY: (3, "השפעה על מדיניות לצמצום חסמים."),
        _P.MULTI_SECTORALITY: (5, "ממשלה, אקדמיה, מגזר עסקי ושלישי, יזמים, משקיעים והזקנים."),
        _P.PROSUMERS: (3, "הזקנים עצמם שותפים ביצירה."),
    },
}
ASSESSMENT_NOTE = (
    "הערכה עצמית לדוגמה לפי ששת עקרונות העבודה של מודל קהילות החדשנות של הכוורת (יולי 2024)."
)


def _manager_of(community: Community) -> User | None:
    role = (
        RoleAssignment.objects.filter(community=community, role=Role.COMMUNITY_MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return role.user if role else None


def _cycle(community: Community, started_on: date) -> WorkCycle:
    cycle = community.work_cycles.filter(ended_on__isnull=True).first()
    if cycle is not None:
        return cycle
    last = community.work_cycles.order_by("-number").first()
    return WorkCycle.objects.create(
        community=community, number=last.number + 1 if last else 1, started_on=started_on
    )


def _load_activities(community: Community, specs: tuple[ActivitySpec, ...]) -> int:
    cycle = _cycle(community, CYCLE_STARTS.get(community.slug, ASSESSED_ON))
    owner = _manager_of(community)
    created = 0
    for spec in specs:
        # Found by title in any cycle of the community: a board moved on keeps its past.
        if WorkActivity.objects.filter(cycle__community=community, title=spec.title).exists():
            continue
        WorkActivity.objects.create(
            cycle=cycle,
            move=spec.move,
            kind=spec.kind,
            title=spec.title,
            description=spec.description,
            status=spec.status,
            outputs=spec.outputs,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            links=list(spec.links),
            owner=owner,
        )
        created += 1
    return created


def _load_assessment(community: Community, scores: dict[str, tuple[int, str]]) -> int:
    if community.principle_assessments.filter(assessed_on=ASSESSED_ON).exists():
        return 0
    assessment = PrincipleAssessment.objects.create(
        community=community, assessed_on=ASSESSED_ON, note=ASSESSMENT_NOTE
    )
    PrincipleScore.objects.bulk_create(
        PrincipleScore(assessment=assessment, principle=principle, score=score, note=note)
        for principle, (score, note) in scores.items()
    )
    return 1


@transaction.atomic
def load_work_demo(communities: dict[str, Community]) -> int:
    """Load the seeds' activities and one self-assessment per demo community.

    ``communities`` maps slugs to the demo's communities (those it does not know are
    left alone). Returns the number of activities and assessments created: nothing the
    second time.
    """
    created = 0
    for slug, community in communities.items():
        if slug in ACTIVITIES:
            created += _load_activities(community, ACTIVITIES[slug])
        if slug in ASSESSMENTS:
            created += _load_assessment(community, ASSESSMENTS[slug])
    return created
