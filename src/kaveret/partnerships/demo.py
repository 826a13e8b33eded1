"""The demo partnerships: the three case studies of seed 001 as design partnerships.

Seed 001 ("Open innovation and design partnership", HaKaveret 2025), chapter 4 (case
studies), tells three stories; each becomes a partnership at the stage its story reaches:

- **VIVID with Rikma (עמותת רקמה)**: a digital complement to Rikma's face-to-face
  counselling. Rikma wrote its content from scratch, VIVID built a template that helped it
  imagine the product, invested beyond what was expected, and learned to price in advance;
  "the success of the pilot will affect the continuation": step 06, *launch*.
- **Nexme with the technological colleges**, through the joint call of HaKaveret, JDC-Tevet
  and MAHAT (the EmployTech call of the demo calls): the simulator was tried on the target
  populations and its effect on enrolment measured; a shared language and an agreed set of
  indicators were needed; what happens after the pilot is the open question, and "the next
  goal" is more institutions: step 07, *implement*.
- **Wellplay**, told as two partnerships because the text tells two: first **Shalvata**
  hospital, a first clinical trial with access to patients, carried by an internal
  ambassador (Prof. Mendlovic) and followed by the University of Haifa's research team; it
  led on to a national pilot grant ("Tkuma") and is *ended*. Then **Clalit**, testing the
  platform in family medicine: bureaucracy, secure-data approvals and cloud committees,
  and no budget to reward the professional partners, which hurt their commitment: step 06,
  *launch*.

Every text is the seed's, quoted or closely paraphrased; people are named only as the seed
names them (the seed names no ambassador for Rikma, the colleges or Clalit, so none is
given). The seed gives no dates and no figures: the stage dates are placed before today
in the order the stories tell them (as the demo calls place theirs; Nexme's follow its
call's dates), the indicators have no invented values, and the ratings of the feedback
entries are the demo's reading of the text's tone, not the seed's figures.

Loading is idempotent: a partnership is found again by its title, and each of its rows by
its key (stage, expectation, legal subject, condition, risk title, decision text...).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, Role, RoleAssignment, User
from kaveret.calls.models import Call
from kaveret.challenges.models import Challenge
from kaveret.ecosystem.choices import FactorScore as F
from kaveret.ecosystem.choices import PartnershipLevel as L
from kaveret.ecosystem.models import Person
from kaveret.knowledge.demo.content import NEXME as NEXME_ITEM
from kaveret.knowledge.demo.content import VIVID as VIVID_ITEM
from kaveret.knowledge.demo.content import WELLPLAY as WELLPLAY_ITEM
from kaveret.knowledge.models import KnowledgeItem

from .models import (
    AgreementStatus,
    ConditionKey,
    ConditionStatus,
    ContinuityPlan,
    DecisionEntry,
    Expectation,
    Feedback,
    FeedbackRole,
    LegalItem,
    LegalKey,
    Origin,
    Outcome,
    Partnership,
    PartnershipParty,
    PartyRole,
    PilotIndicator,
    PilotPlan,
    Risk,
    RiskKey,
    RiskLevel,
    RiskStatus,
    Stage,
    StagePeriod,
    SuccessCondition,
)
from .models import ExpectationKey as E

SOURCE = 'מקור: "חדשנות פתוחה ושותפות מעצבת" (הכוורת, 2025), פרק ד׳ – מקרי בוחן.'
ISRAEL = ZoneInfo("Asia/Jerusalem")
EMPLOYTECH_CALL = "employtech-technological-education"
EMPLOYTECH_CHALLENGE = "employtech-technological-education"

AGREED = AgreementStatus.AGREED
NOTE = AgreementStatus.AGREED_WITH_NOTE
OPEN = AgreementStatus.OPEN
MET = ConditionStatus.MET
PARTLY = ConditionStatus.PARTLY
NOT_MET = ConditionStatus.NOT_MET
LOW, MEDIUM, HIGH = RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH


@dataclass(frozen=True)
class PeriodSpec:
    """A stage the story went through: days from the load (negative: before), and notes."""

    stage: str
    starts: int
    ends: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class RiskSpec:
    key: str
    title: str
    likelihood: int
    impact: int
    owner: str
    mitigation: str
    status: str


@dataclass(frozen=True)
class FeedbackSpec:
    role: str
    rating: int  # the demo's reading of the tone, not a figure of the seed
    text: str
    response: str = ""
    change_made: str = ""


@dataclass(frozen=True)
class CaseStudy:
    """One case study of seed 001 as a partnership; ``title`` is its stable key."""

    title: str
    organisation: str  # keys of ecosystem/demo/actors.py
    venture: str
    community: str  # slug of the demo community
    stage: str
    origin: str
    summary: str
    level: int
    # proximity, contribution, added value, power gaps, investment capacity
    factors: tuple[int, int, int, int, int]
    periods: tuple[PeriodSpec, ...]
    knowledge_title: str
    lessons: str
    origin_call: str = ""  # slug of the demo call
    challenge: str = ""  # slug of the demo challenge
    parties: tuple[tuple[str, str, str], ...] = ()  # actor key, PartyRole, note
    ambassador_name: str = ""
    ambassador_role: str = ""
    ambassador_person: str = ""  # full name in the demo registry
    expectations: tuple[tuple[str, str, str], ...] = ()  # key, status, note
    legal: tuple[tuple[str, bool, str], ...] = ()  # key, agreed, text
    pilot: dict[str, str] = field(default_factory=dict)
    conditions: tuple[tuple[str, str, str], ...] = ()  # key, status, evidence
    risks: tuple[RiskSpec, ...] = ()
    feedback: tuple[FeedbackSpec, ...] = ()
    indicators: tuple[tuple[str, str], ...] = ()  # name, unit
    decisions: tuple[tuple[int, str, str], ...] = ()  # days from the load, text, by whom
    continuity: dict[str, str] = field(default_factory=dict)
    outcome: str = Outcome.NONE
    outcome_day: int | None = None


VIVID_RIKMA = CaseStudy(
    title="VIVID ורקמה: השלמה דיגיטלית לשירות הייעוץ הפרונטלי",
    organisation="rikma",
    venture="vivid",
    community="techability",
    stage=Stage.LAUNCH,
    origin=Origin.DIRECT,
    summary=(
        "שיתוף פעולה עם עמותת רקמה, שהתמחתה במפגשי ייעוץ פרונטליים ורצתה ליצור השלמה "
        "דיגיטלית. VIVID מאפשרת למומחים להנגיש את ההתערבויות שלהם בצורה מדידה, נגישה ומותאמת "
        "אישית: המרה של תוכן או של קורס קיים למוצר דיגיטלי, תוך מתן מעטפת פיתוח, הנגשה ועיצוב "
        "חוויית משתמש שמבוססת על עקרונות של תרגול עצמי ומדידה."
    ),
    # As the demo network's VIVID–Rikma relation: one pilot (focused); high added value
    # (content meets a platform); limited investment capacity on both sides.
    level=L.FOCUSED,
    factors=(F.HIGH, F.MEDIUM, F.HIGH, F.LOW, F.LOW),
    periods=(
        PeriodSpec(
            Stage.IDENTIFY,
            -240,
            -225,
            "רקמה החלו עם מוצר מבוסס מפגשי ייעוץ ורצו להשלים את השירות באמצעות מוצר דיגיטלי.",
        ),
        PeriodSpec(
            Stage.CHOOSE,
            -225,
            -210,
            "VIVID: פלטפורמה שממירה תוכן או קורס קיים (לרוב מבוסס מפגשים פיזיים) לתכנית "
            "תרגול דיגיטלית הניתנת לצריכה עצמאית – בכל זמן, בכל מקום, ועם כלים למדידת אימפקט.",
        ),
        PeriodSpec(
            Stage.DEFINE,
            -210,
            -120,
            "רקמה יצרו תוכן מאפס. נעשה תהליך עומק משמעותי שעזר להבין איך מנגישים ומפשטים הן "
            "את התוכן והן את הצורה. ברקמה לא היה ברור מלכתחילה איך ייראה המוצר הסופי; "
            "תבנית מובנית (טמפלייט) לתרגול סייעה למומחים לדמיין את ההתערבות בפלטפורמה.",
        ),
        PeriodSpec(
            Stage.LAUNCH,
            -120,
            None,
            "מצופה שתכנית אחת תהפוך לבסיס שעליו ייבנו תכניות רבות נוספות בארגונים שונים. "
            "הצלחת הפיילוט תשפיע על המשך שיתוף הפעולה.",
        ),
    ),
    expectations=(
        (
            E.UNDERSTANDING,
            NOTE,
            "נעשה תהליך עומק משמעותי שעזר להבין איך מנגישים ומפשטים הן את התוכן והן את הצורה.",
        ),
        (
            E.EXPERT_KNOWLEDGE,
            NOTE,
            "המומחים ברקמה מובילים את התוכן מתוך תחושת בעלות ודיוק; על אף הפיתוי "
            '"לעשות במקומם", VIVID מאפשרת להם להוביל.',
        ),
        (
            E.COMMERCIAL_PRODUCT,
            NOTE,
            "כל משתמש מקבל גישה רק לתכנית הספציפית שיצר המומחה עמו הוא עובד, בעוד שמבנה "
            "המערכת הבסיסי נשמר זהה.",
        ),
        (
            E.FLEXIBILITY,
            NOTE,
            "מכיוון שרקמה לא ידעו בדיוק מה הם רוצים, נדרשה מ-VIVID השקעה מעבר למצופה.",
        ),
        (
            E.RESOURCES,
            OPEN,
            "גבולות העבודה והתמחור לא הוגדרו מראש; מכאן הלקח בנושא תמחור מראש.",
        ),
    ),
    legal=(
        (
            LegalKey.USAGE_RIGHTS,
            True,
            "כל משתמש מקבל גישה רק לתכנית הספציפית שיצר המומחה עמו הוא עובד; מבנה המערכת "
            "הבסיסי של VIVID נשמר זהה.",
        ),
    ),
    pilot={
        "scope": (
            "השלמה דיגיטלית לשירות הייעוץ הפרונטלי של רקמה: תכנית תרגול דיגיטלית הניתנת "
            "לצריכה עצמאית – בכל זמן, בכל מקום, ועם כלים למדידת אימפקט."
        ),
        "participants_headquarters": (
            "המומחים ברקמה, שמובילים את התוכן; צוות VIVID, שנותן מעטפת פיתוח, הנגשה ועיצוב "
            "חוויית משתמש."
        ),
        "training_support": (
            "טמפלייט מהודק שנשלח ללקוחות ומסייע להחליט איך מייצרים את התרגולים ולדמיין איך "
            "התרגול ייראה בפלטפורמה."
        ),
        "adaptation_level": (
            "המרה של תוכן קיים למוצר דיגיטלי על גבי מבנה מערכת בסיסי זהה; ההתערבות אינה "
            "נבנית מאפס בפלטפורמה."
        ),
        "success_indicators": "מדידת האימפקט המובנית בפלטפורמה (תרגול עצמי ומדידה).",
    },
    conditions=(
        (
            ConditionKey.EARLY_EXPECTATIONS,
            PARTLY,
            "הטמפלייט מסייע ללקוח לדמיין איך התרגול ייראה בפלטפורמה, וזה מסייע בתיאום "
            "הציפיות; גבולות העבודה לא הוגדרו מראש.",
        ),
        (
            ConditionKey.MUTUAL_COMMITMENT,
            PARTLY,
            "רקמה יצרו תוכן מאפס; מ-VIVID נדרשה השקעה מעבר למצופה.",
        ),
        (
            ConditionKey.OPENNESS_TRUST,
            PARTLY,
            'מומחים שואלים את עצמם "האם ההשקעה הרבה בתוכן הדיגיטלי מצדיקה את הערך?"; נדרשת '
            "עבודה של בניית אמון והבנת הערך המוסף.",
        ),
        (
            ConditionKey.GRADUAL_APPROACH,
            MET,
            "מודל של שיתוף פעולה מתגלגל: תכנית אחת שתהפוך לבסיס לתכניות נוספות.",
        ),
        (
            ConditionKey.EARLY_LEGAL,
            NOT_MET,
            "העלויות והיקף העבודה לא הוסדרו מראש, מה שהוביל להפקת לקחים בנושא תמחור מראש.",
        ),
        (
            ConditionKey.CONTINUITY,
            PARTLY,
            "הצלחת הפיילוט תשפיע על המשך שיתוף הפעולה.",
        ),
    ),
    risks=(
        RiskSpec(
            RiskKey.PARTIAL_PRODUCT,
            "פער בין התוכן לבין היכולת לדמיין מוצר",
            HIGH,
            MEDIUM,
            "VIVID",
            "בניית תבנית מובנית (טמפלייט) לתרגול, שמסייעת למומחים לדמיין כיצד תיראה ההתערבות "
            "בפלטפורמה.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.PRODUCT_VS_CUSTOM,
            "הגדרת גבולות עבודה",
            HIGH,
            MEDIUM,
            "VIVID",
            "תמחור מראש של היקף העבודה; שימור מבנה המערכת הבסיסי זהה לכל הלקוחות.",
            RiskStatus.MITIGATING,
        ),
        RiskSpec(
            RiskKey.UNCERTAIN_RETURN,
            "השקעה גבוהה בתחילת הדרך",
            MEDIUM,
            HIGH,
            "רקמה",
            "בניית אמון והבנת הערך המוסף; מודל מתגלגל שבו תכנית אחת הופכת לבסיס לתכניות נוספות.",
            RiskStatus.MITIGATING,
        ),
        RiskSpec(
            RiskKey.OTHER,
            "שימור העצמאות המקצועית של המומחים",
            MEDIUM,
            MEDIUM,
            "VIVID",
            'על אף הפיתוי "לעשות במקומם", לאפשר למומחים להוביל את התוכן מתוך תחושת בעלות ודיוק.',
            RiskStatus.MITIGATING,
        ),
    ),
    feedback=(
        FeedbackSpec(
            FeedbackRole.STAFF,
            3,
            "לא ברור לנו איך ייראה המוצר הסופי.",
            response="בנינו תבנית מובנית (טמפלייט) לתרגול, שמראה כיצד תיראה ההתערבות בפלטפורמה.",
            change_made="טמפלייט מהודק שנשלח ללקוחות ומסייע להחליט איך מייצרים את התרגולים.",
        ),
        FeedbackSpec(
            FeedbackRole.STAFF,
            3,
            "האם ההשקעה הרבה בתוכן הדיגיטלי מצדיקה את הערך?",
            response="נדרשת עבודה של בניית אמון והבנת הערך המוסף; תכנית אחת תהפוך לבסיס "
            "לתכניות נוספות.",
        ),
    ),
    decisions=(
        (
            -150,
            "ליצור טמפלייט מהודק שנשלח ללקוחות ומסייע להחליט איך מייצרים את התרגולים.",
            "VIVID",
        ),
        (
            -100,
            "לתמחר מראש את היקף העבודה ואת גבולותיה.",
            "VIVID",
        ),
    ),
    continuity={
        "notes": (
            "מודל של שיתוף פעולה מתגלגל: מצופה שתכנית אחת תהפוך לבסיס שעליו ייבנו תכניות "
            "רבות נוספות בארגונים שונים. הצלחת הפיילוט תשפיע על המשך שיתוף הפעולה."
        ),
    },
    knowledge_title=VIVID_ITEM.title,
    lessons=(
        "- בניית תבנית מובנית (טמפלייט) לתרגול מסייעת לארגון לדמיין את המוצר ומסייעת "
        "בתיאום הציפיות.\n"
        "- כשהארגון אינו יודע בדיוק מה הוא רוצה, נדרשת השקעה מעבר למצופה: להגדיר גבולות "
        "עבודה ולתמחר מראש.\n"
        '- חשוב לשמר את העצמאות המקצועית: על אף הפיתוי "לעשות במקומם", לאפשר למומחים להוביל '
        "את התוכן מתוך תחושת בעלות ודיוק.\n"
        "- ההשקעה הגבוהה בתחילת הדרך מחייבת בניית אמון והבנת הערך המוסף.\n"
        "- שיתוף פעולה מתגלגל: תכנית אחת יכולה להפוך לבסיס לתכניות רבות נוספות בארגונים "
        "שונים.\n\n" + SOURCE
    ),
)

NEXME_COLLEGES = CaseStudy(
    title="Nexme והמכללות הטכנולוגיות: סימולטור קריירה להנדסאים",
    organisation="tech-colleges",
    venture="nexme",
    community="employtech",
    stage=Stage.IMPLEMENT,
    origin=Origin.CALL,
    origin_call=EMPLOYTECH_CALL,
    challenge=EMPLOYTECH_CHALLENGE,
    summary=(
        "במהלך הקול הקורא המשותף של הכוורת, ג'וינט תבת ומה\"ט פעל Nexme במודל של Design "
        "Partnership מול מוסדות אקדמיים – בעיקר מכללות טכנולוגיות. באמצעות השותפות נבחן "
        "הסימולטור מבוסס הבינה המלאכותית על אוכלוסיות יעד רלוונטיות ונמדדו השפעותיו על אחוזי "
        "ההרשמה, שינויי תפיסה והתנהגות צרכנית בתחום ההשכלה הטכנולוגית."
    ),
    # As the demo network's Nexme–colleges relation: a defined pilot (focused), close to
    # the colleges' goals.
    level=L.FOCUSED,
    factors=(F.HIGH, F.HIGH, F.HIGH, F.MEDIUM, F.MEDIUM),
    parties=(
        ("hakaveret", PartyRole.OTHER, "שותפה לקול הקורא המשותף (הכוורת, ג'וינט תבת ומה\"ט)."),
        ("jdc-tevet", PartyRole.OTHER, "שותף לקול הקורא המשותף (הכוורת, ג'וינט תבת ומה\"ט)."),
        ("mahat", PartyRole.OTHER, "שותף לקול הקורא המשותף (הכוורת, ג'וינט תבת ומה\"ט)."),
    ),
    periods=(
        PeriodSpec(
            Stage.IDENTIFY,
            -230,
            -200,
            "ירידה עקבית בנכונות ללמוד מקצועות הנדסיים וטכנולוגיים במסגרות של המכללות הטכנולוגיות.",
        ),
        PeriodSpec(
            Stage.CALL,
            -200,
            -150,
            "קול קורא משותף של הכוורת, ג'וינט תבת ומה\"ט; משאבי המיזם הופנו לעולמות "
            "ההנדסאים והמכללות הטכנולוגיות.",
        ),
        PeriodSpec(
            Stage.CHOOSE,
            -150,
            -135,
            "שם נמצא החיבור בין צורך חברתי, אתגר לאומי, וטכנולוגיה נגישה ואפקטיבית.",
        ),
        PeriodSpec(
            Stage.DEFINE,
            -135,
            -125,
            "נדרשה יצירת שפה משותפת וסט מדדים מוסכם. סוגיות של בעלות על המידע, ייצוג משפטי "
            "והיקף השעות המשפטיות חייבו סדר, שקיפות וניהול מדויק של התהליך.",
        ),
        PeriodSpec(
            Stage.LAUNCH,
            -125,
            -30,
            "הסימולטור נבחן על אוכלוסיות יעד רלוונטיות במכללות הטכנולוגיות.",
        ),
        PeriodSpec(
            Stage.IMPLEMENT,
            -30,
            None,
            "נמדדו השפעות הסימולטור על אחוזי ההרשמה, שינויי תפיסה והתנהגות צרכנית. היעד הבא: "
            "הרחבת הפעילות למוסדות לימוד נוספים ולשימוש הקהל הרחב.",
        ),
    ),
    expectations=(
        (
            E.ACCESS_TO_USERS,
            AGREED,
            "",
        ),
        (
            E.ACCESS_TO_DATA,
            NOTE,
            "הארגון תורם גישה, מידע ומשוב; הבעלות על המידע חייבה סדר, שקיפות וניהול מדויק.",
        ),
        (
            E.IP_PROTECTION,
            NOTE,
            "סוגיות של בעלות על המידע, ייצוג משפטי והיקף השעות המשפטיות הוסדרו בסדר ובשקיפות.",
        ),
        (
            E.RESOURCES,
            NOTE,
            'Design Partnership איננה "עבודה חינמית", אלא תהליך של הדדיות: הארגון תורם גישה, '
            "מידע ומשוב, והיזם מספק התאמה, שירות וערך מוסף.",
        ),
        (
            E.INFORMATION_FLOW,
            NOTE,
            "שפה משותפת וסט מדדים מוסכם, כמו שיעורי המרה מהסימולטור להרשמה בפועל.",
        ),
    ),
    legal=(
        (
            LegalKey.DATA_PRIVACY,
            True,
            "סוגיות של בעלות על המידע, ייצוג משפטי והיקף השעות המשפטיות הוסדרו בסדר, בשקיפות "
            "ובניהול מדויק (מקרה הבוחן אינו מביא את נוסח ההסכמות).",
        ),
        (
            LegalKey.COSTS,
            True,
            'שותפות מעצבת איננה "עבודה חינמית" אלא תהליך של הדדיות: הארגון תורם גישה, מידע '
            "ומשוב, והיזם מספק התאמה, שירות וערך מוסף.",
        ),
    ),
    pilot={
        "scope": (
            "בחינת הסימולטור על אוכלוסיות יעד רלוונטיות במכללות הטכנולוגיות ומדידת השפעותיו "
            "על אחוזי ההרשמה, שינויי תפיסה והתנהגות צרכנית בתחום ההשכלה הטכנולוגית."
        ),
        "participants_field": (
            "אוכלוסיות היעד של המכללות: מי שעומדים בפני הבחירה בלימודי הנדסאים."
        ),
        "data_access": "הארגון תורם גישה, מידע ומשוב; הבעלות על המידע הוסדרה.",
        "feedback_collection": "משוב מהמכללות ומדידה אמפירית של המעבר מהסימולטור להרשמה.",
        "success_indicators": (
            "שיעורי המרה מהסימולטור להרשמה בפועל; אחוזי ההרשמה; שינויי תפיסה והתנהגות צרכנית."
        ),
    },
    conditions=(
        (
            ConditionKey.EARLY_EXPECTATIONS,
            MET,
            "נדרשה יצירת שפה משותפת וסט מדדים מוסכם.",
        ),
        (
            ConditionKey.MUTUAL_COMMITMENT,
            MET,
            "הארגון תורם גישה, מידע ומשוב, והיזם מספק התאמה, שירות וערך מוסף.",
        ),
        (
            ConditionKey.OPENNESS_TRUST,
            PARTLY,
            "פתיחות לאימוץ חדשנות היא לא דבר של מה בכך; המיסגור מהקול הקורא לטובת התהליך "
            "בהיבטים כלכליים ולאומיים היה משמעותי.",
        ),
        (
            ConditionKey.EARLY_LEGAL,
            MET,
            "בעלות על המידע, ייצוג משפטי והיקף השעות המשפטיות – כל אלו חייבו סדר, שקיפות "
            "וניהול מדויק.",
        ),
        (
            ConditionKey.MEASUREMENT,
            MET,
            "המיזם מדד הצלחה באמצעות מדדים אמפיריים כמו שיעורי המרה מהסימולטור להרשמה בפועל.",
        ),
        (
            ConditionKey.CONTINUITY,
            PARTLY,
            "הובהר כי חשוב להגדיר מראש מה צפוי לקרות לאחר סיום הפיילוט: האם תירכש גרסה "
            "מלאה, האם תורחב השותפות, ומהם התנאים להמשכיות.",
        ),
    ),
    risks=(
        RiskSpec(
            RiskKey.OTHER,
            "פתיחות לאימוץ חדשנות",
            MEDIUM,
            HIGH,
            "המכללות הטכנולוגיות",
            "המיסגור מהקול הקורא לטובת התהליך בהיבטים כלכליים ולאומיים.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.IP_EXCLUSIVITY,
            "מבנה משפטי ורגולטורי: בעלות על המידע",
            MEDIUM,
            HIGH,
            "Nexme",
            "סדר, שקיפות וניהול מדויק של בעלות על המידע, הייצוג המשפטי והיקף השעות המשפטיות.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.UNCERTAIN_RETURN,
            "הגדרת הצלחה",
            MEDIUM,
            MEDIUM,
            "Nexme",
            "שפה משותפת וסט מדדים מוסכם, כמו שיעורי המרה מהסימולטור להרשמה בפועל.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.FUNDING_CONTINUITY,
            "מה יקרה לאחר סיום הפיילוט",
            HIGH,
            HIGH,
            "Nexme והמכללות",
            "להגדיר מראש אם תירכש גרסה מלאה, אם תורחב השותפות, ומהם התנאים להמשכיות.",
            RiskStatus.OPEN,
        ),
    ),
    indicators=(
        ("שיעור ההמרה מהסימולטור להרשמה בפועל", "%"),
        ("אחוזי ההרשמה ללימודי הנדסאים", "%"),
        ("שינויי תפיסה והתנהגות צרכנית בתחום ההשכלה הטכנולוגית", ""),
    ),
    decisions=(
        (
            -150,
            "להפנות את משאבי המיזם מקידום החלטות לימודים באקדמיה לעולמות ההנדסאים והמכללות "
            "הטכנולוגיות.",
            "Nexme",
        ),
        (
            -130,
            "למדוד הצלחה במדדים אמפיריים מוסכמים, כמו שיעורי המרה מהסימולטור להרשמה בפועל.",
            "Nexme והמכללות הטכנולוגיות",
        ),
        (
            -20,
            "היעד הבא: הרחבת הפעילות למוסדות לימוד נוספים ולשימוש הקהל הרחב ככלי קבלת החלטות "
            "בשלב בחירת הקריירה.",
            "Nexme",
        ),
    ),
    continuity={
        "funding_after": (
            "טרם הוגדר: האם תירכש גרסה מלאה, האם תורחב השותפות, ומהם התנאים להמשכיות."
        ),
        "notes": (
            "היעד הבא – הרחבת הפעילות למוסדות לימוד נוספים ולשימוש הקהל הרחב ככלי קבלת החלטות "
            "בשלב בחירת הקריירה."
        ),
    },
    knowledge_title=NEXME_ITEM.title,
    lessons=(
        "- חדשנות: פתיחות לאימוץ חדשנות היא לא דבר של מה בכך; המיסגור מהקול הקורא לטובת "
        "התהליך בהיבטים כלכליים ולאומיים היה משמעותי.\n"
        "- הגדרת הצלחה: נדרשת שפה משותפת וסט מדדים מוסכם (למשל שיעורי המרה מהסימולטור "
        "להרשמה בפועל).\n"
        "- תיאום עתידי: להגדיר מראש מה צפוי לקרות לאחר סיום הפיילוט – האם תירכש גרסה מלאה, "
        "האם תורחב השותפות, ומהם התנאים להמשכיות.\n"
        "- מבנה משפטי ורגולטורי: בעלות על המידע, ייצוג משפטי והיקף השעות המשפטיות מחייבים "
        "סדר, שקיפות וניהול מדויק.\n"
        '- ערך השותפות: Design Partnership איננה "עבודה חינמית" אלא תהליך של הדדיות.\n\n' + SOURCE
    ),
)

WELLPLAY_SHALVATA = CaseStudy(
    title="Wellplay ובית החולים שלוותא: ניסוי קליני ראשון",
    organisation="shalvata",
    venture="wellplay",
    community="techability",
    stage=Stage.ENDED,
    origin=Origin.DIRECT,
    summary=(
        'פלטפורמה דיגיטלית מבוססת פסיכודרמה לאנשים המצויים ב"וואקום טיפולי" – לאחר ריאיון '
        "פסיכיאטרי ראשוני אך לפני התחלת טיפול רגשי. שיתוף הפעולה עם בית החולים שלוותא אפשר "
        "ניסוי קליני ראשון תוך קבלת גישה למטופלים; צוות המחקר של אוניברסיטת חיפה ליווה את "
        "הפיתוח באיסוף וניתוח נתונים."
    ),
    level=L.FOCUSED,
    factors=(F.HIGH, F.HIGH, F.HIGH, F.MEDIUM, F.LOW),
    parties=(
        (
            "haifa-university",
            PartyRole.RESEARCH,
            "צוות המחקר ליווה את הפיתוח באיסוף וניתוח נתונים.",
        ),
    ),
    ambassador_name="פרופ' מנדלוביץ",
    ambassador_role="שגריר פנימי בבית החולים שלוותא",
    ambassador_person="מנדלוביץ",
    periods=(
        PeriodSpec(
            Stage.IDENTIFY,
            -900,
            -880,
            "צורך במענה רגשי זמין לאנשים שממתינים לטיפול.",
        ),
        PeriodSpec(
            Stage.CHOOSE,
            -880,
            -860,
            'העבודה מול בי"ח שלוותא הדגישה את היתרון במציאת "שגריר פנימי" שמאמין במיזם.',
        ),
        PeriodSpec(
            Stage.DEFINE,
            -860,
            -820,
            "פרוטוקול טיפולי שהוגדר בתכנית ההאצה של הכוורת; גישה למטופלים לניסוי קליני.",
        ),
        PeriodSpec(
            Stage.LAUNCH,
            -820,
            -560,
            "ניסוי קליני ראשון תוך קבלת גישה למטופלים; צוות המחקר של אוניברסיטת חיפה ליווה "
            "את הפיתוח באיסוף וניתוח נתונים.",
        ),
        PeriodSpec(
            Stage.ENDED,
            -560,
            None,
            'בהמשך התקבל המיזם למסלול "תקומה" של רשות החדשנות בשיתוף משרד הבריאות, וזכה '
            "במענק פיילוט לאומי.",
        ),
    ),
    expectations=(
        (
            E.ACCESS_TO_USERS,
            NOTE,
            "ניסוי קליני ראשון תוך קבלת גישה למטופלים.",
        ),
        (
            E.EXPERT_KNOWLEDGE,
            NOTE,
            "פרופ' מנדלוביץ שימש גורם מפתח בקידום המהלך ואפשר קבלת לגיטימציה ממסדית.",
        ),
        (
            E.ETHICS,
            NOTE,
            "הפתרון אינו תחליף לטיפול פסיכולוגי, אלא אמצעי ליווי מקדים בגישה מונגשת, מדודה "
            "ונתמכת דאטה.",
        ),
    ),
    legal=(
        (
            LegalKey.DATA_PRIVACY,
            True,
            "גישה למטופלים במסגרת ניסוי קליני; איסוף וניתוח הנתונים בידי צוות המחקר של "
            "אוניברסיטת חיפה.",
        ),
    ),
    pilot={
        "scope": (
            'ניסוי קליני ראשון עם מטופלים המצויים ב"וואקום טיפולי" – לאחר ריאיון פסיכיאטרי '
            "ראשוני אך לפני התחלת טיפול רגשי."
        ),
        "participants_headquarters": (
            "פרופ' מנדלוביץ (שגריר פנימי); צוות המחקר של אוניברסיטת חיפה; אביב קושניר, מטפל "
            "בפסיכודרמה וחוקר."
        ),
        "participants_field": "מטופלים בבית החולים שלוותא.",
        "data_access": "גישה למטופלים; איסוף וניתוח נתונים בידי צוות המחקר של אוניברסיטת חיפה.",
        "adaptation_level": (
            "חמישה שלבים מבוססי תרגול לתיווך תהליכים רגשיים בצורה עצמאית; אינו תחליף לטיפול."
        ),
        "success_indicators": "הקלה על המשתמשים וחיזוק מוכנותם לטיפול.",
    },
    conditions=(
        (
            ConditionKey.ORGANISATIONAL_LEAD,
            MET,
            "פרופ' מנדלוביץ שימש גורם מפתח בקידום המהלך, ואפשר קבלת לגיטימציה ממסדית.",
        ),
        (
            ConditionKey.MUTUAL_COMMITMENT,
            MET,
            "בית החולים אפשר גישה למטופלים לניסוי קליני ראשון.",
        ),
        (
            ConditionKey.MEASUREMENT,
            MET,
            "צוות המחקר של אוניברסיטת חיפה ליווה את הפיתוח באיסוף וניתוח נתונים.",
        ),
    ),
    risks=(
        RiskSpec(
            RiskKey.MANY_STAKEHOLDERS,
            "התנגדות בקרב אנשי מקצוע לשילוב התערבויות דיגיטליות בתחום רגשי",
            HIGH,
            HIGH,
            "Wellplay",
            "שגריר פנימי שמאמין במיזם (פרופ' מנדלוביץ) ולגיטימציה ממסדית.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.OTHER,
            "חוסר בהבנה פנימית של מערכות בריאות",
            MEDIUM,
            HIGH,
            "Wellplay",
            "שגריר פנימי בבית החולים שמתווך בין המיזם למערכת.",
            RiskStatus.CLOSED,
        ),
        RiskSpec(
            RiskKey.FUNDING_CONTINUITY,
            "תקציב מוגבל בתחילת הדרך, ותהליך ארוך (3 שנים) תוך שמירה על פרנסה חיצונית",
            HIGH,
            HIGH,
            "Wellplay",
            'מענק פיילוט לאומי במסלול "תקומה" של רשות החדשנות בשיתוף משרד הבריאות.',
            RiskStatus.CLOSED,
        ),
    ),
    indicators=(("מוכנות המשתמשים לטיפול", ""),),
    decisions=(
        (
            -830,
            "לקיים ניסוי קליני ראשון בבית החולים, עם גישה למטופלים.",
            "בית החולים שלוותא ו-Wellplay",
        ),
        (
            -560,
            'מענק פיילוט לאומי ל-Wellplay במסלול "תקומה" של רשות החדשנות בשיתוף משרד הבריאות.',
            'רשות החדשנות (מסלול "תקומה")',
        ),
    ),
    continuity={
        "funding_after": ('מענק פיילוט לאומי במסלול "תקומה" של רשות החדשנות בשיתוף משרד הבריאות.'),
        "notes": ("לאחר מכן נוצר חיבור עם קופת חולים כללית לבחינת שילוב הפלטפורמה ברפואת משפחה."),
    },
    outcome=Outcome.ENDED,
    outcome_day=-560,
    knowledge_title=WELLPLAY_ITEM.title,
    lessons=(
        '- העבודה מול בי"ח שלוותא הדגישה את היתרון במציאת "שגריר פנימי" שמאמין במיזם: '
        "פרופ' מנדלוביץ שימש גורם מפתח בקידום המהלך, ואפשר קבלת לגיטימציה ממסדית.\n"
        "- צוות מחקר אקדמי (אוניברסיטת חיפה) שמלווה באיסוף וניתוח נתונים מאפשר ערך מוכח.\n"
        "- נדרש תהליך ארוך (3 שנים) תוך שמירה על פרנסה חיצונית מצד היזם.\n\n" + SOURCE
    ),
)

WELLPLAY_CLALIT = CaseStudy(
    title="Wellplay וכללית: שילוב הפלטפורמה ברפואת המשפחה",
    organisation="clalit",
    venture="wellplay",
    community="techability",
    stage=Stage.LAUNCH,
    origin=Origin.DIRECT,
    summary=(
        'אחרי הניסוי הקליני בבית החולים שלוותא והמענק במסלול "תקומה", נוצר חיבור עם קופת '
        "חולים כללית לבחינת שילוב הפלטפורמה ברפואת משפחה – כלי משלים אמיתי לטיפול, שאינו "
        "מחליף את המטפל אך תומך בו."
    ),
    # A large public body with bureaucracy (large power gaps) and no budget to reward the
    # professional partners (low investment capacity): focused.
    level=L.FOCUSED,
    factors=(F.MEDIUM, F.MEDIUM, F.HIGH, F.VERY_HIGH, F.LOW),
    parties=(
        (
            "innovation-authority",
            PartyRole.FUNDER,
            'מסלול "תקומה": מענק פיילוט לאומי, שקדם לחיבור עם כללית.',
        ),
        (
            "ministry-health",
            PartyRole.MINISTRY,
            'שותף למסלול "תקומה" של רשות החדשנות.',
        ),
    ),
    periods=(
        PeriodSpec(
            Stage.IDENTIFY,
            -420,
            -400,
            "בחינת שילוב הפלטפורמה ברפואת משפחה.",
        ),
        PeriodSpec(
            Stage.CHOOSE,
            -400,
            -380,
            "גוף ציבורי גדול: קופת חולים כללית.",
        ),
        PeriodSpec(
            Stage.DEFINE,
            -380,
            -240,
            "בירוקרטיה, אישורי מידע מאובטח וועדות ענן.",
        ),
        PeriodSpec(
            Stage.LAUNCH,
            -240,
            None,
            "הפיילוט מול כללית: תקציב תגמול לשותפים המקצועיים (מטפלים, רופאים) לא נלקח "
            "בחשבון בפיילוט הראשוני, מה שהוביל לפגיעה במחויבות.",
        ),
    ),
    expectations=(
        (
            E.ACCESS_TO_DATA,
            OPEN,
            "חסמים רגולטוריים ואבטחת מידע: אישורי מידע מאובטח וועדות ענן.",
        ),
        (
            E.RESOURCES,
            OPEN,
            "תקציב תגמול לשותפים מקצועיים (מטפלים, רופאים) לא נלקח בחשבון בפיילוט הראשוני.",
        ),
        (
            E.COMMERCIAL_PRODUCT,
            NOTE,
            "כלי משלים אמיתי לטיפול, שאינו מחליף את המטפל אך תומך בו, עם שאיפה לפריסה רחבה "
            "במערכת הבריאות.",
        ),
    ),
    legal=(),
    pilot={
        "scope": "בחינת שילוב הפלטפורמה ברפואת משפחה.",
        "participants_field": "שותפים מקצועיים: מטפלים ורופאים.",
        "data_access": "נדרשים אישורי מידע מאובטח ואישור ועדות ענן.",
        "training_support": "",
    },
    conditions=(
        (
            ConditionKey.MUTUAL_COMMITMENT,
            NOT_MET,
            "תקציב תגמול לשותפים מקצועיים (מטפלים, רופאים) לא נלקח בחשבון בפיילוט הראשוני, "
            "מה שהוביל לפגיעה במחויבות.",
        ),
        (
            ConditionKey.GRADUAL_APPROACH,
            NOT_MET,
            "גוף ציבורי גדול אינו בהכרח השותף האידאלי להתחלה; היה עדיף להתחיל מול גוף קטן "
            "וגמיש יותר.",
        ),
        (
            ConditionKey.EARLY_LEGAL,
            PARTLY,
            "אישורי מידע מאובטח וועדות ענן.",
        ),
    ),
    risks=(
        RiskSpec(
            RiskKey.PACE_GAPS,
            "בירוקרטיה של גוף ציבורי גדול",
            HIGH,
            HIGH,
            "Wellplay",
            "להתחיל מול גוף קטן וגמיש יותר, ולהגיע לגוף הגדול עם ניסיון.",
            RiskStatus.OPEN,
        ),
        RiskSpec(
            RiskKey.OTHER,
            "חסמים רגולטוריים ואבטחת מידע מול קופות חולים",
            HIGH,
            HIGH,
            "Wellplay",
            "אישורי מידע מאובטח ואישור ועדות ענן.",
            RiskStatus.MITIGATING,
        ),
        RiskSpec(
            RiskKey.MANY_STAKEHOLDERS,
            "תקציב תגמול לשותפים מקצועיים (מטפלים, רופאים)",
            HIGH,
            HIGH,
            "כללית ו-Wellplay",
            "להגדיר תקציב תגמול לשותפים המקצועיים כבר בתכנון הפיילוט.",
            RiskStatus.OPEN,
        ),
        RiskSpec(
            RiskKey.FUNDING_CONTINUITY,
            "קושי בגיוס השקעות ללא דאטה בינלאומי או לקוחות משלמים",
            HIGH,
            HIGH,
            "Wellplay",
            "לקוחות משלמים – מערכת הבריאות, קופות חולים ובתי חולים, הרואים בטכנולוגיה כלי "
            "לייעול השירות, חיסכון בעלויות והפחתת עומס על מערכות טיפול.",
            RiskStatus.OPEN,
        ),
    ),
    feedback=(
        FeedbackSpec(
            FeedbackRole.STAFF,
            2,
            "התנגדות לשילוב התערבויות דיגיטליות בתחום רגשי.",
            response="הפתרון אינו תחליף לטיפול פסיכולוגי, אלא אמצעי ליווי מקדים: כלי משלים "
            "שאינו מחליף את המטפל אך תומך בו.",
        ),
        FeedbackSpec(
            FeedbackRole.STAFF,
            2,
            "אין תגמול לשותפים המקצועיים (מטפלים, רופאים) על ההשתתפות בפיילוט.",
            response="תקציב תגמול לשותפים מקצועיים לא נלקח בחשבון בפיילוט הראשוני; יש להגדיר אותו.",
        ),
    ),
    decisions=(
        (
            -400,
            "לבחון את שילוב הפלטפורמה ברפואת המשפחה של כללית.",
            "כללית ו-Wellplay",
        ),
    ),
    continuity={
        "funding_after": (
            "לקוחות משלמים – מערכת הבריאות, קופות חולים ובתי חולים – הרואים בטכנולוגיה כלי "
            "לייעול השירות, חיסכון בעלויות והפחתת עומס על מערכות טיפול."
        ),
        "notes": (
            "השאיפה: מודל עסקי מבוסס עם פריסה רחבה במערכת הבריאות בישראל ובהמשך גם מחוצה לה."
        ),
    },
    knowledge_title=WELLPLAY_ITEM.title,
    lessons=(
        "- גוף ציבורי גדול אינו בהכרח השותף האידאלי להתחלה – עקב בירוקרטיה, אישורי מידע "
        "מאובטח וועדות ענן. היה עדיף להתחיל מול גוף קטן וגמיש יותר.\n"
        "- יש להגדיר תקציב תגמול לשותפים מקצועיים (מטפלים, רופאים) – דבר שלא נלקח בחשבון "
        "בפיילוט הראשוני והוביל לפגיעה במחויבות.\n"
        "- חסמים רגולטוריים ואבטחת מידע מול קופות חולים, והתנגדות בקרב אנשי מקצוע לשילוב "
        "התערבויות דיגיטליות בתחום רגשי, מחייבים היערכות מוקדמת.\n\n" + SOURCE
    ),
)

CASE_STUDIES: tuple[CaseStudy, ...] = (
    VIVID_RIKMA,
    NEXME_COLLEGES,
    WELLPLAY_SHALVATA,
    WELLPLAY_CLALIT,
)


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def _moment(offset: int) -> datetime.datetime:
    """Noon, Israel time, ``offset`` days from the load."""
    return datetime.datetime.combine(_day(offset), datetime.time(12), tzinfo=ISRAEL)


def _acting_user(community: Any, venture: Any) -> User:
    """Who records the partnership: the community's first staff member, else whoever acts
    for the venture, else a demo login without a password that acts for it (as the demo
    calls make for their applicants)."""
    candidates = [RoleAssignment.objects.filter(role=Role.ENTREPRENEUR, venture=venture)]
    if community is not None:
        candidates.insert(
            0,
            RoleAssignment.objects.filter(
                community=community, role__in=sorted(COMMUNITY_STAFF_ROLES)
            ),
        )
    for held in candidates:
        first = held.select_related("user").order_by("pk").first()
        if first is not None:
            return first.user
    email = f"venture-{venture.pk}@partnerships.demo.kaveret.local"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=f"{venture.name} (הדגמה)")
    RoleAssignment.objects.get_or_create(user=user, role=Role.ENTREPRENEUR, venture=venture)
    return user


def _partnership(
    spec: CaseStudy, community: Any, organisations: dict[str, Any], ventures: dict[str, Any]
) -> Partnership:
    from .services import create_partnership

    organisation, venture = organisations[spec.organisation], ventures[spec.venture]
    existing = Partnership.objects.filter(title=spec.title, venture=venture).order_by("pk").first()
    if existing is not None:
        return existing
    user = _acting_user(community, venture)
    return create_partnership(
        user=user,
        organisation=organisation,
        venture=venture,
        title=spec.title,
        community=community,
        origin=spec.origin,
        summary=spec.summary,
        risks=(),
        parties=[
            (organisations.get(key) or ventures.get(key), role) for key, role, _ in spec.parties
        ],
    )


def _load_case(
    spec: CaseStudy,
    communities: dict[str, Any],
    organisations: dict[str, Any],
    ventures: dict[str, Any],
) -> Partnership:
    community = communities.get(spec.community)
    partnership = _partnership(spec, community, organisations, ventures)
    call = Call.objects.filter(slug=spec.origin_call).first() if spec.origin_call else None
    challenge = Challenge.objects.filter(slug=spec.challenge).first() if spec.challenge else None
    partnership.summary = spec.summary
    partnership.organisation = organisations[spec.organisation]
    partnership.community = community
    partnership.origin = spec.origin
    partnership.origin_call = call
    partnership.challenge = challenge
    partnership.stage = spec.stage
    partnership.level = spec.level
    (
        partnership.proximity,
        partnership.contribution,
        partnership.added_value,
        partnership.power_gaps,
        partnership.investment_capacity,
    ) = spec.factors
    partnership.ambassador_name = spec.ambassador_name
    partnership.ambassador_role = spec.ambassador_role
    partnership.ambassador = (
        Person.objects.filter(full_name=spec.ambassador_person).order_by("pk").first()
        if spec.ambassador_person
        else None
    )
    # Past the definition, the agreement counts as signed when its launch began.
    launch = next((p for p in spec.periods if p.stage == Stage.LAUNCH), None)
    partnership.agreement_signed_on = _day(launch.starts) if launch is not None else None
    partnership.outcome = spec.outcome
    partnership.outcome_on = _day(spec.outcome_day) if spec.outcome_day is not None else None
    partnership.lessons = spec.lessons
    partnership.lessons_item = (
        KnowledgeItem.objects.filter(title=spec.knowledge_title).order_by("pk").first()
    )
    # The seed publishes these stories.
    partnership.is_published = True
    partnership.save()

    for actor_key, role, note in spec.parties:
        actor = organisations.get(actor_key) or ventures.get(actor_key)
        if actor is not None:
            PartnershipParty.objects.update_or_create(
                partnership=partnership, actor=actor, defaults={"role": role, "note": note}
            )
    _load_periods(spec, partnership)
    # Recorded when its story began, not at the moment of the load (the timeline says so).
    first = min(period.starts for period in spec.periods)
    Partnership.objects.filter(pk=partnership.pk).update(created_at=_moment(first))
    for key, status, note in spec.expectations:
        Expectation.objects.filter(partnership=partnership, key=key).update(
            status=status, note=note
        )
    for legal_key, agreed, text in spec.legal:
        LegalItem.objects.filter(partnership=partnership, key=legal_key).update(
            is_agreed=agreed, agreed_text=text
        )
    PilotPlan.objects.update_or_create(
        partnership=partnership,
        defaults={
            **spec.pilot,
            "starts_on": _day(launch.starts) if launch is not None else None,
            "ends_on": _day(launch.ends) if launch is not None and launch.ends else None,
        },
    )
    for condition_key, status, evidence in spec.conditions:
        SuccessCondition.objects.filter(partnership=partnership, key=condition_key).update(
            status=status, evidence=evidence
        )
    for risk in spec.risks:
        Risk.objects.update_or_create(
            partnership=partnership,
            key=risk.key,
            title=risk.title,
            defaults={
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "owner": risk.owner,
                "mitigation": risk.mitigation,
                "status": risk.status,
            },
        )
    _load_feedback(spec, partnership)
    for name, unit in spec.indicators:
        PilotIndicator.objects.update_or_create(
            partnership=partnership, name=name, defaults={"unit": unit}
        )
    for offset, text, by in spec.decisions:
        DecisionEntry.objects.update_or_create(
            partnership=partnership,
            text=text,
            defaults={"decided_on": _day(offset), "decided_by": by},
        )
    ContinuityPlan.objects.update_or_create(partnership=partnership, defaults=spec.continuity)
    return partnership


def _load_periods(spec: CaseStudy, partnership: Partnership) -> None:
    told = {period.stage: period for period in spec.periods}
    for stage in Stage.values:
        period = told.get(stage)
        StagePeriod.objects.update_or_create(
            partnership=partnership,
            stage=stage,
            defaults={
                "starts_on": _day(period.starts) if period else None,
                "ended_on": _day(period.ends) if period and period.ends is not None else None,
                "due_on": None,
                "notes": period.notes if period else "",
            },
        )


def _load_feedback(spec: CaseStudy, partnership: Partnership) -> None:
    launch = next((p for p in spec.periods if p.stage == Stage.LAUNCH), None)
    for feedback_spec in spec.feedback:
        feedback, created = Feedback.objects.get_or_create(
            partnership=partnership,
            text=feedback_spec.text,
            defaults={"role": feedback_spec.role, "rating": feedback_spec.rating},
        )
        if created and launch is not None:
            # Given during the launch, not at the moment of the load.
            Feedback.objects.filter(pk=feedback.pk).update(created_at=_moment(launch.starts + 14))
        Feedback.objects.filter(pk=feedback.pk).update(
            role=feedback_spec.role,
            rating=feedback_spec.rating,
            response=feedback_spec.response,
            change_made=feedback_spec.change_made,
        )
        if feedback_spec.response and feedback.responded_at is None:
            Feedback.objects.filter(pk=feedback.pk).update(
                responded_at=_moment(launch.starts + 21) if launch is not None else timezone.now()
            )


def load_partnerships_demo(
    communities: dict[str, Any], organisations: dict[str, Any], ventures: dict[str, Any]
) -> int:
    """Load the three case studies of seed 001 as design partnerships (Wellplay's as two:
    Shalvata, then Clalit).

    Case studies whose organisation or venture is not given are skipped. Safe to run
    again; returns how many were loaded.
    """
    loaded = 0
    with transaction.atomic():
        for spec in CASE_STUDIES:
            if spec.organisation not in organisations or spec.venture not in ventures:
                continue
            _load_case(spec, communities, organisations, ventures)
            loaded += 1
    return loaded
