"""How the demo actors are tied: communities and their members, relations, people, logins.

Everything refers to actors by the ``key`` of ``actors.ORGANISATIONS`` / ``actors.VENTURES``.
Each relation says in its description which passage of which seed it rests on. Where a
partnership carries the five factors of seed 001, the scores are a reading of what the case
study reports, and the description says why.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kaveret.communities.models import EcosystemPhase, MemberType
from kaveret.ecosystem.choices import FactorScore as F
from kaveret.ecosystem.choices import PartnershipLevel as L
from kaveret.ecosystem.choices import RelationKind as R

from .actors import SEED_000, SEED_001

SEED_002 = 'קרן רש"י: חדשנות חברתית הלכה למעשה (2019)'
SEED_003 = "שיתופים: קולקטיב אימפקט – ארבע תובנות"
SEED_004 = "תכנית עבודה ג'וינט אלכא 2021"


@dataclass(frozen=True)
class CommunitySpec:
    slug: str
    name: str
    name_en: str
    domain: str
    tagline: str
    purpose: str
    phase: str
    founders: tuple[str, ...]
    website: str = ""
    name_ar: str = ""


@dataclass(frozen=True)
class MemberSpec:
    community: str
    actor: str
    member_type: str


@dataclass(frozen=True)
class RelationSpec:
    source: str
    target: str
    kind: str
    description: str
    level: int | None = None
    # proximity, contribution, added value, power gaps, investment capacity (seed 001)
    factors: tuple[int, int, int, int, int] | None = None
    started_on: datetime.date | None = None


@dataclass(frozen=True)
class AffiliationSpec:
    actor: str
    title: str
    is_founder: bool = False


@dataclass(frozen=True)
class PersonSpec:
    full_name: str
    affiliations: tuple[AffiliationSpec, ...]
    # True only for people the seeds present publicly as authors, managers or founders.
    public: bool


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    role: str
    scope: str  # "community:<slug>", "organisation:<key>" or "venture:<key>"
    what: str


DEMO_PASSWORD = "kaveret-demo"  # noqa: S105 - a published demo password, not a secret


COMMUNITIES: tuple[CommunitySpec, ...] = (
    CommunitySpec(
        slug="techability",
        name="טקאביליטי",
        name_en="TechAbility",
        domain="disability",
        tagline="חדשנות טכנולוגית לעצמאות ולאיכות חיים של אנשים עם מוגבלות",
        purpose=(
            "קהילת TechAbility קמה בשיתוף משרד הכלכלה, ג'וינט ישראל מעבר למוגבלות, קרנות הביטוח "
            "הלאומי (קרן נכים) והכוורת. תכליתה שיפור איכות החיים והעצמאות של אנשים עם מוגבלות "
            "באמצעות הטמעת חדשנות טכנולוגית באקו-סיסטם של תחום המוגבלויות בישראל. נכון לשנת 2021 "
            "פעלו 144 סטארטאפים בתחום המוגבלויות. בין פעולותיה: מסלול מענקים מהיר בזמן מלחמת "
            '"חרבות ברזל" ותוכנית Extreme TechAbility – 72 שעות של "שידוכים עמוקים" בין עשרה '
            "סטארטאפים לעשרה ארגונים."
        ),
        phase=EcosystemPhase.RESPONSE,
        founders=("ministry-economy", "jdc-beyond-disability", "nii-funds", "hakaveret"),
        website="https://hackaveret.org/techability/",
    ),
    CommunitySpec(
        slug="employtech",
        name="EmployTech",
        name_en="EmployTech",
        domain="employment",
        tagline="אקו-סיסטם לחדשנות טכנולוגית וחברתית בתעסוקה",
        purpose=(
            "קהילה מבית הכוורת וג'וינט תבת שמחברת בין המרחב היזמי לשדה התעסוקה, כדי להאיץ מענים "
            "לאתגרי הפריון המכליל, התעסוקה האיכותית וקידום הון אנושי. הקימה קול קורא למיזמים "
            'בתחום ההשכלה הטכנולוגית עם פיילוט במכללות טכנולוגיות, ו"מעבדות חדשנות" של 8 '
            "מפגשים בנושא תעסוקת צעירים. כנס אקו-סיסטמי התקיים במאי 2022."
        ),
        phase=EcosystemPhase.DEEPENING,
        founders=("hakaveret", "jdc-tevet"),
    ),
    CommunitySpec(
        slug="agingil",
        name="AgingIL",
        name_en="AgingIL",
        domain="aging",
        tagline="פתרונות טכנולוגיים וחדשניים לאתגרי האוכלוסייה המבוגרת",
        purpose=(
            "קהילה המנוהלת על ידי ג'וינט אשל וארגון שיתופים, בשותפות משרד הבריאות, משרד הרווחה, "
            "המשרד לשוויון חברתי, משרד הכלכלה ורשות החדשנות. מקדמת שיתופי פעולה בין יזמים, מוסדות "
            "מחקר, גופים ממשלתיים וחברות פרטיות לשיפור איכות חיי הזקנים, ומשתפת את הזקנים עצמם."
        ),
        phase=EcosystemPhase.EXPLORATION,
        founders=(
            "jdc-eshel",
            "shitufim",
            "ministry-health",
            "ministry-welfare",
            "ministry-social-equality",
            "ministry-economy",
            "innovation-authority",
        ),
        website="https://agingil.org/",
    ),
)

_P = MemberType.PUBLIC_INSTITUTION
_S = MemberType.SOCIAL_ORGANISATION
_E = MemberType.ENTREPRENEUR
_F = MemberType.FUNDER
_A = MemberType.ACADEMIA
_B = MemberType.BUSINESS
_N = MemberType.NEED_EXPERT

# Founders are members too; the ventures are placed by the field the seeds give them.
MEMBERSHIPS: tuple[MemberSpec, ...] = (
    MemberSpec("techability", "hakaveret", _S),
    MemberSpec("techability", "ministry-economy", _P),
    MemberSpec("techability", "jdc-beyond-disability", _F),
    MemberSpec("techability", "nii-funds", _F),
    MemberSpec("techability", "clalit", _N),
    MemberSpec("techability", "shalvata", _N),
    MemberSpec("techability", "cognishine", _E),
    MemberSpec("techability", "nitzan", _E),
    MemberSpec("techability", "vivid", _E),
    MemberSpec("techability", "wellplay", _E),
    MemberSpec("techability", "ggtude", _E),
    MemberSpec("techability", "blend-ar", _E),
    MemberSpec("employtech", "hakaveret", _S),
    MemberSpec("employtech", "jdc-tevet", _F),
    MemberSpec("employtech", "mahat", _P),
    MemberSpec("employtech", "tech-colleges", _A),
    MemberSpec("employtech", "ministry-economy", _P),
    MemberSpec("employtech", "nexme", _E),
    MemberSpec("employtech", "job360", _E),
    MemberSpec("employtech", "heracademy", _E),
    MemberSpec("employtech", "izraex", _E),
    MemberSpec("agingil", "jdc-eshel", _F),
    MemberSpec("agingil", "shitufim", _S),
    MemberSpec("agingil", "ministry-health", _P),
    MemberSpec("agingil", "ministry-welfare", _P),
    MemberSpec("agingil", "ministry-social-equality", _P),
    MemberSpec("agingil", "ministry-economy", _P),
    MemberSpec("agingil", "innovation-authority", _P),
    MemberSpec("agingil", "hakaveret", _S),
    MemberSpec("agingil", "clalit", _N),
    MemberSpec("agingil", "maccabi", _N),
    MemberSpec("agingil", "agewise", _E),
    MemberSpec("agingil", "memoapp", _E),
    MemberSpec("agingil", "dnaidea", _B),
)


def _factors(
    proximity: int, contribution: int, added_value: int, power_gaps: int, investment: int
) -> tuple[int, int, int, int, int]:
    return (proximity, contribution, added_value, power_gaps, investment)


RELATIONS: tuple[RelationSpec, ...] = (
    # The founders of HaKaveret (seeds 000 and 001).
    RelationSpec(
        "jdc-israel", "hakaveret", R.FOUNDER, f"מהארגונים המייסדים של הכוורת (2017). {SEED_001}."
    ),
    RelationSpec(
        "nii-funds", "hakaveret", R.FOUNDER, f"מהארגונים המייסדים של הכוורת (2017). {SEED_001}."
    ),
    RelationSpec(
        "nii-funds",
        "hakaveret",
        R.FUNDING,
        f"תכנית ההאצה של הכוורת מופעלת על ידי קרנות הביטוח הלאומי והג'וינט. {SEED_001}.",
    ),
    RelationSpec(
        "jdc-israel",
        "hakaveret",
        R.FUNDING,
        f"תכנית ההאצה של הכוורת מופעלת על ידי קרנות הביטוח הלאומי והג'וינט. {SEED_001}.",
    ),
    # The JDC units and the NII funds division.
    RelationSpec("jdc-tevet", "jdc-israel", R.MEMBERSHIP, "יחידה של ג'וינט ישראל."),
    RelationSpec("jdc-eshel", "jdc-israel", R.MEMBERSHIP, "יחידה של ג'וינט ישראל."),
    RelationSpec("jdc-beyond-disability", "jdc-israel", R.MEMBERSHIP, "יחידה של ג'וינט ישראל."),
    RelationSpec("jdc-elka", "jdc-israel", R.MEMBERSHIP, "יחידה של ג'וינט ישראל."),
    RelationSpec("nii-funds", "nii", R.MEMBERSHIP, "אגף הקרנות של המוסד לביטוח לאומי."),
    # Who runs the communities together (seed 000).
    RelationSpec(
        "hakaveret",
        "jdc-tevet",
        R.PARTNERSHIP,
        f"מפעילים יחד את קהילת EmployTech ואת הקול הקורא להשכלה טכנולוגית. {SEED_000}.",
        level=L.STRATEGIC,
        factors=_factors(F.VERY_HIGH, F.HIGH, F.HIGH, F.LOW, F.HIGH),
    ),
    RelationSpec(
        "jdc-eshel",
        "shitufim",
        R.PARTNERSHIP,
        f"מנהלים יחד את קהילת AgingIL. {SEED_000}.",
        level=L.STRATEGIC,
        factors=_factors(F.HIGH, F.HIGH, F.HIGH, F.LOW, F.HIGH),
    ),
    RelationSpec(
        "hakaveret",
        "ministry-economy",
        R.PARTNERSHIP,
        f"שותפים בהקמת קהילת TechAbility. {SEED_000}.",
        level=L.ONGOING,
    ),
    RelationSpec(
        "hakaveret",
        "jdc-beyond-disability",
        R.PARTNERSHIP,
        f"שותפים בהקמת קהילת TechAbility. {SEED_000}.",
        level=L.ONGOING,
    ),
    RelationSpec(
        "hakaveret",
        "jdc-eshel",
        R.PARTNERSHIP,
        "AgingIL, המופעלת בג'וינט אשל, שותפה משמעותית לעשיית קהילות החדשנות של הכוורת. "
        f"{SEED_000}.",
        level=L.PARTICIPATION,
    ),
    *(
        RelationSpec(
            "jdc-eshel",
            partner,
            R.PARTNERSHIP,
            f"שותף ממשלתי בקהילת AgingIL. {SEED_000}.",
            level=L.PARTICIPATION,
        )
        for partner in (
            "ministry-health",
            "ministry-welfare",
            "ministry-social-equality",
            "ministry-economy",
            "innovation-authority",
        )
    ),
    RelationSpec(
        "hakaveret",
        "mahat",
        R.PARTNERSHIP,
        f"קול קורא משותף של הכוורת, ג'וינט תבת ומה\"ט למיזמים בהשכלה הטכנולוגית. {SEED_001}.",
        level=L.FOCUSED,
    ),
    # VIVID (seed 001, case study).
    RelationSpec(
        "vivid",
        "rikma",
        R.PARTNERSHIP,
        "שיתוף פעולה להשלמה דיגיטלית של שירות הייעוץ הפרונטלי של רקמה. רקמה יצרה תוכן מאפס "
        "ו-VIVID השקיעה מעבר למצופה; מתוכנית אחת צפויות לצמוח תכניות נוספות. מוקד: פיילוט אחד "
        "(רמה ממוקדת); ערך מוסף גבוה (תוכן מול פלטפורמה), יכולת השקעה מוגבלת בשני הצדדים. "
        f"{SEED_001}.",
        level=L.FOCUSED,
        factors=_factors(F.HIGH, F.MEDIUM, F.HIGH, F.LOW, F.LOW),
    ),
    RelationSpec(
        "vivid",
        "itc",
        R.PARTNERSHIP,
        'בנו יחד אחרי ה-7 באוקטובר את רי"ל – הרשת הישראלית לחוסן, על גבי הפלטפורמה של VIVID, '
        "לכלי חוסן מותאמים למילואימניקים, משפחות חיילים, צוותי חירום ועובדי רווחה. רשת מתמשכת "
        f"של שיתופי פעולה עמוקים (רמה מתמשכת). {SEED_001}.",
        level=L.ONGOING,
        factors=_factors(F.VERY_HIGH, F.HIGH, F.VERY_HIGH, F.MEDIUM, F.MEDIUM),
        started_on=datetime.date(2023, 10, 7),
    ),
    RelationSpec(
        "hakaveret",
        "vivid",
        R.MENTORING,
        f"שיתוף הפעולה עם הכוורת סימן ל-VIVID את החיבור בין האימפקט לפוטנציאל העסקי. {SEED_001}.",
    ),
    # Nexme (seed 001, case study).
    RelationSpec(
        "hakaveret",
        "nexme",
        R.FUNDING,
        "הקול הקורא המשותף של הכוורת, ג'וינט תבת ומה\"ט הפנה את משאבי המיזם לעולמות ההנדסאים "
        f"והמכללות הטכנולוגיות (מענק ביצוע, פיילוט, ליווי). {SEED_001}.",
    ),
    RelationSpec(
        "nexme",
        "tech-colleges",
        R.PARTNERSHIP,
        "שותפות מעצבת: הסימולטור נבחן על אוכלוסיות היעד ונמדדו השפעותיו על שיעורי ההרשמה. "
        "נדרשו שפה משותפת וסט מדדים מוסכם, וסדר בסוגיות בעלות על מידע. שותפות סביב פיילוט "
        f"מוגדר (רמה ממוקדת), עם קרבה גבוהה למטרות המכללות. {SEED_001}.",
        level=L.FOCUSED,
        factors=_factors(F.HIGH, F.HIGH, F.HIGH, F.MEDIUM, F.MEDIUM),
    ),
    RelationSpec(
        "mahat",
        "nexme",
        R.PARTNERSHIP,
        f"שותף לקול הקורא שבמסגרתו פעל Nexme מול המכללות הטכנולוגיות. {SEED_001}.",
        level=L.PARTICIPATION,
    ),
    # Wellplay (seed 001, case study), in the order the text tells it.
    RelationSpec(
        "haifa-university",
        "wellplay",
        R.MENTORING,
        "תכנית החדשנות של אוניברסיטת חיפה (מקום שני); צוות המחקר ליווה את הפיתוח באיסוף וניתוח "
        f"נתונים. {SEED_001}.",
    ),
    RelationSpec(
        "hamishtala",
        "wellplay",
        R.MENTORING,
        f'בתכנית "המשתלה" פותחה גרסת זום עם אווטארים המדמים רגשות. {SEED_001}.',
    ),
    RelationSpec(
        "hakaveret",
        "wellplay",
        R.MENTORING,
        f"בתכנית ההאצה של הכוורת נבנו התשתית העסקית והפרוטוקול הטיפולי. {SEED_001}.",
    ),
    RelationSpec(
        "shalvata",
        "wellplay",
        R.PILOT,
        'ניסוי קליני ראשון עם גישה למטופלים; פרופ\' מנדלוביץ שימש "שגריר פנימי" ואפשר '
        f"לגיטימציה ממסדית. {SEED_001}.",
    ),
    RelationSpec(
        "innovation-authority",
        "wellplay",
        R.FUNDING,
        f'מסלול "תקומה" של רשות החדשנות בשיתוף משרד הבריאות: מענק פיילוט לאומי. {SEED_001}.',
    ),
    RelationSpec(
        "ministry-health",
        "wellplay",
        R.FUNDING,
        f'שותף למסלול "תקומה" שבו זכה המיזם במענק פיילוט לאומי. {SEED_001}.',
    ),
    RelationSpec(
        "clalit",
        "wellplay",
        R.PILOT,
        "בחינת שילוב הפלטפורמה ברפואת המשפחה. לקח: גוף ציבורי גדול אינו בהכרח השותף האידאלי "
        "להתחלה (בירוקרטיה, אבטחת מידע, ועדות ענן), ויש להגדיר תקציב תגמול למטפלים ולרופאים. "
        f"{SEED_001}.",
    ),
    # Acquisitions and mergers (seed 001, "full cooperation and a professional umbrella").
    RelationSpec(
        "sharan",
        "voice-within",
        R.INVESTMENT,
        f"שרן – רפואה עד הבית רכשה את המיזם וממשיכה להפעילו מתוך הבית. {SEED_001}.",
    ),
    *(
        RelationSpec(
            "natal",
            venture,
            R.PARTNERSHIP,
            'מוזג לתוך נט"ל וממשיך לפעול תחת המעטפת המקצועית של הארגון בשיתוף פעולה מלא – '
            f"הקצה האסטרטגי של רצף השותפויות. {SEED_001}.",
            level=L.STRATEGIC,
            factors=_factors(F.VERY_HIGH, F.VERY_HIGH, F.HIGH, F.HIGH, F.HIGH),
        )
        for venture in ("resisim", "running-with-rami", "soul-talk")
    ),
    # Rashi Foundation (seed 002).
    *(
        RelationSpec(
            founder,
            "mifgash",
            R.FOUNDER,
            f'מיזם "מפגש" משותף לקרן רש"י, המוסד לביטוח לאומי ומשרד הרווחה. {SEED_002}.',
        )
        for founder in ("rashi", "nii", "ministry-welfare")
    ),
    RelationSpec("rashi", "yishuv-bamerkaz", R.FOUNDER, f'יוזמה של קרן רש"י. {SEED_002}.'),
    RelationSpec(
        "ministry-education",
        "momentum",
        R.FUNDING,
        f'התחייב לשלם למשקיעים לפי הצלחת הפיילוט (אג"ח חברתי). {SEED_002}.',
    ),
    RelationSpec(
        "rashi",
        "momentum",
        R.PARTNERSHIP,
        f'מהפרויקטים שקרן רש"י מעורבת בהם לקידום אג"ח חברתיות. {SEED_002}.',
        level=L.PARTICIPATION,
    ),
    RelationSpec(
        "rashi",
        "social-finance-israel",
        R.PARTNERSHIP,
        f'שיתוף פעולה לקידום האג"ח החברתיות בישראל. {SEED_002}.',
        level=L.ONGOING,
    ),
    # Shitufim (seed 003).
    RelationSpec(
        "shitufim",
        "5p2",
        R.PARTNERSHIP,
        f"שיתופים משמש ארגון שדרה ליוזמת 5פי2. {SEED_003}.",
        level=L.STRATEGIC,
    ),
    # The Be'er Sheva innovation district (seed 004): three anchor institutions.
    RelationSpec(
        "beer-sheva",
        "bgu",
        R.PARTNERSHIP,
        f"מוסדות העוגן של רובע החדשנות בבאר שבע. {SEED_004}.",
        level=L.ONGOING,
    ),
    RelationSpec(
        "beer-sheva",
        "soroka",
        R.PARTNERSHIP,
        f"מוסדות העוגן של רובע החדשנות בבאר שבע. {SEED_004}.",
        level=L.ONGOING,
    ),
    RelationSpec(
        "bgu",
        "soroka",
        R.PARTNERSHIP,
        f"מוסדות העוגן של רובע החדשנות בבאר שבע. {SEED_004}.",
        level=L.ONGOING,
    ),
    RelationSpec("dnaidea", "hakaveret", R.SUPPLY, f"סיוע בכתיבת ועריכת המודל. {SEED_000}."),
)


def _a(actor: str, title: str, is_founder: bool = False) -> AffiliationSpec:
    return AffiliationSpec(actor, title, is_founder)


PEOPLE: tuple[PersonSpec, ...] = (
    # Authors, editors and managers named in seeds 000, 001 and 004.
    PersonSpec("אביטל אלפנט פילר", (_a("hakaveret", "מנהלת קהילה ושותפויות"),), public=True),
    PersonSpec("תמי רייזר אבנד", (_a("jdc-tevet", "מנהלת חדשנות בתעסוקה"),), public=True),
    PersonSpec("שקד גרינבאום", (_a("dnaidea", "כתיבה ועריכה"),), public=True),
    PersonSpec("אלכס קולפקוב", (_a("dnaidea", "כתיבה ועריכה"),), public=True),
    PersonSpec("שיר שרלו", (_a("dnaidea", "כתיבה ועריכה"),), public=True),
    PersonSpec("רני דודאי", (_a("jdc-tevet", 'מנכ"ל'),), public=True),
    PersonSpec("מורן מזרחי", (_a("nii-funds", "מנהלת אגף קרנות הביטוח הלאומי"),), public=True),
    PersonSpec("אסנת ירון", (_a("hakaveret", 'מנכ"לית'),), public=True),
    PersonSpec("ענבל פליער", (_a("hakaveret", "מנהלת פיתוח ידע ומדידת אימפקט"),), public=True),
    PersonSpec("אביה אשר", (_a("hakaveret", "מנהל פיתוח מיזמים והשקעות חברתיות"),), public=True),
    PersonSpec("ליהי שרוין", (_a("hakaveret", 'מ"מ מנהלת פיתוח ידע ומדידת אימפקט'),), public=True),
    PersonSpec("אלה אביטל", (_a("hakaveret", "כתיבה"),), public=True),
    PersonSpec("אפרת פרי", (_a("hakaveret", "מנהלת קהילת TechAbility"),), public=True),
    PersonSpec("אורי גיל", (_a("jdc-elka", 'משנה למנכ"ל'),), public=True),
    # Founders named in the case studies of seed 001.
    PersonSpec("טל בן שחר", (_a("vivid", "מייסד", is_founder=True),), public=True),
    PersonSpec("גידי קדוש", (_a("vivid", "מייסד", is_founder=True),), public=True),
    PersonSpec("אלמוג כהן", (_a("vivid", "מייסד", is_founder=True),), public=True),
    PersonSpec("עומרי דהן", (_a("nexme", "מייסד", is_founder=True),), public=True),
    PersonSpec(
        "אביב קושניר",
        (
            _a("wellplay", "מייסד; מטפל בפסיכודרמה", is_founder=True),
            _a("haifa-university", "חוקר"),
        ),
        public=True,
    ),
    # Thanked as contributors or readers: named, but not as authors or managers.
    PersonSpec("נורית הורוביץ", (_a("nii-funds", ""),), public=False),
    PersonSpec("טליה לבבי ארליך", (_a("ministry-economy", ""),), public=False),
    PersonSpec("פולה ברקן", (_a("hakaveret", ""),), public=False),
    PersonSpec("ברק מצובה", (_a("hakaveret", ""),), public=False),
    PersonSpec("זוהר שרון", (_a("hakaveret", ""),), public=False),
    PersonSpec("ורד גצק", (_a("jdc-israel", ""),), public=False),
    PersonSpec("אופיר בן נתן", (_a("jdc-israel", ""),), public=False),
    PersonSpec("דניאל אופק", (_a("rashi", ""),), public=False),
    PersonSpec("רועי מונין", (_a("pershboard", ""),), public=False),
    PersonSpec("שרונה דוכנה", (_a("adoption-fostering", ""),), public=False),
    PersonSpec("חני סבג", (_a("job360", ""),), public=False),
    PersonSpec("רוני אפשטיין", (_a("memoapp", ""),), public=False),
    PersonSpec("איריס אלטר ליברמן", (_a("record", ""),), public=False),
    PersonSpec("מור שנדרוב", (_a("tomchot-beahava", ""),), public=False),
    PersonSpec(
        "גיל אבינמלך",
        (
            _a(
                "ono",
                "ראש מרכז היזמות וראש משותף של ההתמחות באסטרטגיה, חדשנות ויזמות בתוכנית ה-MBA",
            ),
        ),
        public=False,
    ),
    PersonSpec("מילנה יערי", (), public=False),
    PersonSpec("מנדלוביץ", (_a("shalvata", "פרופ'; שגריר פנימי של Wellplay"),), public=False),
)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "manager@demo.kaveret.local",
        "מנהלת קהילה (הדגמה)",
        "community_manager",
        "community:techability",
        "community manager of TechAbility",
    ),
    DemoLogin(
        "entrepreneur@demo.kaveret.local",
        "יזם VIVID (הדגמה)",
        "entrepreneur",
        "venture:vivid",
        "entrepreneur of VIVID",
    ),
    DemoLogin(
        "org@demo.kaveret.local",
        "נציגת כללית (הדגמה)",
        "organisation_representative",
        "organisation:clalit",
        "representative of Clalit",
    ),
)
