"""The organisations and ventures the seed documents name, with what the text says of them.

Names are written as the seeds write them: Hebrew where the seed uses Hebrew, the brand as
written in Latin letters where the seed uses only Latin (``name_en`` carries the Latin form).
No registration numbers, emails or phones are given for real bodies: the seeds state none
and inventing them would put false facts in a directory.

Seed 001 ("Open innovation and design partnership", HaKaveret 2025) lists examples for each
of its four venture types in a table whose columns the PDF extraction flattened. The order
of the hyperlinks under the table (GGtude, babada, claro, ... nitzan, homebaseil,
heracademy, snap, blend-ar, kitepride, izraex, voice-over) shows the columns side by side:
five impact startups, five social ventures, two social-business ventures, three social
businesses. That reading is the one used here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kaveret.ecosystem.choices import (
    OrganisationKind as K,
)
from kaveret.ecosystem.choices import (
    VentureOrigin,
    VentureStage,
    VentureType,
)

SEED_000 = "מודל קהילות החדשנות של הכוורת (יולי 2024)"
SEED_001 = "חדשנות פתוחה ושותפות מעצבת (הכוורת, 2025)"


@dataclass(frozen=True)
class OrganisationSpec:
    """An organisation to load; ``key`` is how the rest of the demo data refers to it."""

    key: str
    name: str
    kind: str
    description: str
    name_en: str = ""
    name_ar: str = ""
    website: str = ""
    domains: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("he",)


@dataclass(frozen=True)
class VentureSpec:
    """A venture to load, with its type and stage on the seeds' scales."""

    key: str
    name: str
    venture_type: str
    stage: str
    description: str
    name_en: str = ""
    origin: str = VentureOrigin.DIRECT
    website: str = ""
    founded_year: int | None = None
    domains: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    regions: tuple[str, ...] = field(default=("nationwide",))


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "hakaveret",
        "הכוורת",
        K.BACKBONE,
        "המרכז ליזמות וחדשנות חברתית של ישראל, מיסודם של ג'וינט ישראל וקרנות הביטוח הלאומי "
        "(הוקמה בשנת 2017). מפעילה את קהילת היזמות החברתית הדיגיטלית הגדולה בישראל, מרכז ידע, "
        "תוכנית האצה ליזמים וקהילות חדשנות: TechAbility, EmployTech ובשותפות AgingIL.",
        name_en="HaKaveret (The Hive)",
        name_ar="هكفيرت",
        website="https://hackaveret.org/",
        domains=("community", "disability", "employment", "aging", "mental-health"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "jdc-israel",
        "ג'וינט ישראל",
        K.JDC,
        "מהגופים המובילים בפיתוח שירותים חברתיים בישראל; מהארגונים המייסדים של הכוורת.",
        name_en="JDC Israel",
        domains=("welfare-family", "employment", "aging", "disability"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "jdc-tevet",
        "ג'וינט תבת",
        K.JDC,
        "יחידת התעסוקה של ג'וינט ישראל; מפעילה עם הכוורת את קהילת EmployTech לחדשנות בתעסוקה.",
        name_en="JDC Tevet",
        domains=("employment",),
        populations=("job-seekers", "young-adults"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "jdc-eshel",
        "ג'וינט אשל",
        K.JDC,
        "יחידת הזקנה של ג'וינט ישראל; מנהלת עם ארגון שיתופים את קהילת החדשנות AgingIL.",
        name_en="JDC Eshel",
        domains=("aging",),
        populations=("older-people",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "jdc-beyond-disability",
        "ג'וינט ישראל מעבר למוגבלות",
        K.JDC,
        "יחידת המוגבלויות של ג'וינט ישראל; משותפי ההקמה של קהילת TechAbility.",
        name_en="JDC Israel Beyond Disabilities",
        domains=("disability",),
        populations=("people-with-disabilities",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "jdc-elka",
        "ג'וינט אלכא",
        K.JDC,
        "פועלת לקידום מערכות ציבוריות יעילות ומועילות: דיגיטציה של השירותים החברתיים, מיצוי "
        "משאבים ואזוריות, שיתופיות בין מגזרית והבטחת איכות (תכנית העבודה לשנת 2021).",
        name_en="JDC-ELKA",
        domains=("digital", "regional-development", "welfare-family"),
        populations=("professionals",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "nii-funds",
        "קרנות הביטוח הלאומי",
        K.NATIONAL_INSURANCE,
        "אגף קרנות הביטוח הלאומי; מהארגונים המייסדים של הכוורת ומשותפי ההקמה של קהילת "
        "TechAbility (קרן נכים).",
        name_en="National Insurance Institute Funds",
        domains=("disability", "welfare-family", "aging"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "nii",
        "המוסד לביטוח לאומי",
        K.NATIONAL_INSURANCE,
        'שותף עם קרן רש"י ומשרד הרווחה במיזם "מפגש" לטיפול בהזנחת ילדים.',
        name_en="National Insurance Institute of Israel",
        domains=("welfare-family",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "ministry-economy",
        "משרד הכלכלה",
        K.MINISTRY,
        "שותף בהקמת קהילת TechAbility ושותף בקהילת AgingIL.",
        name_en="Ministry of Economy",
        domains=("employment", "disability"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "ministry-health",
        "משרד הבריאות",
        K.MINISTRY,
        'שותף בקהילת AgingIL; שותף למסלול "תקומה" של רשות החדשנות.',
        name_en="Ministry of Health",
        domains=("health", "mental-health", "aging"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "ministry-welfare",
        "משרד הרווחה",
        K.MINISTRY,
        'שותף בקהילת AgingIL; קיבל לאחריותו המלאה את מיזם "מפגש" בסיום הפיילוט.',
        name_en="Ministry of Welfare and Social Affairs",
        domains=("welfare-family",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "ministry-social-equality",
        "המשרד לשוויון חברתי",
        K.MINISTRY,
        "שותף בקהילת AgingIL.",
        name_en="Ministry for Social Equality",
        domains=("aging",),
        populations=("older-people",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "ministry-education",
        "משרד החינוך",
        K.MINISTRY,
        'תומך בפיילוט "מומנטום" ברהט והתחייב לשלם למשקיעים לפי הצלחתו (אג"ח חברתי).',
        name_en="Ministry of Education",
        domains=("education",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "innovation-authority",
        "רשות החדשנות",
        K.STATUTORY_BODY,
        "משתמשת בחדשנות פתוחה לקידום חדשנות בישראל; שותפה בקהילת AgingIL; מפעילה את מסלול "
        '"תקומה" בשיתוף משרד הבריאות.',
        name_en="Israel Innovation Authority",
        domains=("digital", "health"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "mahat",
        'מה"ט',
        K.STATUTORY_BODY,
        "המכון הממשלתי להכשרה בטכנולוגיה ובמדע; שותף לקול הקורא המשותף עם הכוורת וג'וינט תבת "
        "למיזמים בתחום ההשכלה הטכנולוגית.",
        name_en="MAHAT – Government Institute for Technological Training",
        domains=("technological-education", "employment"),
        populations=("young-adults", "students"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "tech-colleges",
        "המכללות הטכנולוגיות",
        K.ACADEMIA,
        "מכללות להכשרת הנדסאים; שותפות מעצבות של Nexme בקול הקורא להשכלה טכנולוגית. המסמך "
        "אינו מונה אותן בשמן, ולכן הן מופיעות כאן כגוף אחד.",
        name_en="Technological colleges",
        domains=("technological-education",),
        populations=("students", "young-adults"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "shitufim",
        "שיתופים",
        K.BACKBONE,
        "פועל מאז 2013 ליישום גישת הקולקטיב אימפקט בישראל ומשמש ארגון שדרה ליוזמת 5פי2; "
        "מנהל עם ג'וינט אשל את קהילת AgingIL.",
        name_en="Shitufim",
        domains=("community", "education", "aging"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "rashi",
        'קרן רש"י',
        K.PHILANTHROPY_FUND,
        "מקדמת חדשנות חברתית במטרה ובדרך הפעולה: תכנון מבוסס נתונים עם רשויות מקומיות "
        '("היישוב במרכז"), אג"ח חברתיות ("מומנטום") ופיילוטים שעוברים למשרד ממשלתי ("מפגש").',
        name_en="Rashi Foundation",
        domains=("education", "welfare-family", "regional-development", "impact-investing"),
        regions=("south", "north"),
    ),
    OrganisationSpec(
        "social-finance-israel",
        "Social Finance Israel",
        K.NGO,
        'שותפה של קרן רש"י לקידום האג"ח החברתיות בישראל.',
        name_en="Social Finance Israel",
        domains=("impact-investing",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "clalit",
        "כללית",
        K.HMO,
        "קופת החולים הגדולה בישראל; מפעילה יחידת חדשנות ייעודית (Clalit Innovation). בחנה עם "
        "Wellplay את שילוב הפלטפורמה ברפואת המשפחה.",
        name_en="Clalit Health Services",
        website="https://www.clalit-innovation.org/",
        domains=("health", "mental-health"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "maccabi",
        "מכבי",
        K.HMO,
        "מקופות החולים הגדולות בישראל; מפעילה יחידת חדשנות או זרוע מענקים והשקעות.",
        name_en="Maccabi Healthcare Services",
        domains=("health",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "meuhedet",
        "מאוחדת",
        K.HMO,
        "מקופות החולים הגדולות בישראל; מפעילה יחידת חדשנות או זרוע מענקים והשקעות.",
        name_en="Meuhedet",
        domains=("health",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "leumit",
        "לאומית",
        K.HMO,
        "מקופות החולים הגדולות בישראל; מפעילה את LeumitStart לקידום פתרונות רפואיים דיגיטליים.",
        name_en="Leumit Health Services",
        website="https://www.innovation.leumit.co.il/",
        domains=("health",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "shalvata",
        "שלוותא",
        K.HOSPITAL,
        'בית החולים שלוותא; אפשר ל-Wellplay ניסוי קליני ראשון וגישה למטופלים, בזכות "שגריר '
        'פנימי" שהאמין במיזם.',
        name_en="Shalvata Mental Health Center",
        domains=("mental-health",),
        populations=("mental-distress",),
        regions=("centre",),
    ),
    OrganisationSpec(
        "haifa-university",
        "אוניברסיטת חיפה",
        K.ACADEMIA,
        "תכנית החדשנות של האוניברסיטה העניקה ל-Wellplay את המקום השני; צוות המחקר שלה ליווה את "
        "הפיתוח באיסוף וניתוח נתונים.",
        name_en="University of Haifa",
        domains=("mental-health",),
        regions=("haifa",),
    ),
    OrganisationSpec(
        "ono",
        "הקריה האקדמית אונו",
        K.ACADEMIA,
        "מרכז היזמות ותוכנית ה-MBA עם התמחות באסטרטגיה, חדשנות ויזמות.",
        name_en="Ono Academic College",
        regions=("centre",),
    ),
    OrganisationSpec(
        "hamishtala",
        "המשתלה",
        K.ACCELERATOR,
        "תכנית ליזמים שבמסגרתה פיתחה Wellplay גרסת זום עם אווטארים המדמים רגשות.",
        name_en="HaMishtala",
        domains=("mental-health",),
    ),
    OrganisationSpec(
        "rikma",
        "רקמה",
        K.NGO,
        "עמותה שהתמחתה במפגשי ייעוץ פרונטליים ורצתה ליצור השלמה דיגיטלית לשירותה; שותפה של VIVID.",
        name_en="Rikma",
        domains=("mental-health",),
    ),
    OrganisationSpec(
        "itc",
        "הקואליציה הישראלית לטראומה",
        K.NGO,
        'גוף ידע שבנה עם VIVID אחרי ה-7 באוקטובר את פרויקט רי"ל – הרשת הישראלית לחוסן.',
        name_en="Israel Trauma Coalition",
        domains=("mental-health",),
        populations=("reservists", "professionals"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "addiction-centre",
        "המרכז הישראלי למניעת התמכרויות",
        K.NGO,
        "גוף ידע המבקש להנגיש את הידע שלו כהתערבות דיגיטלית; מסוג הלקוחות של VIVID.",
        name_en="Israeli Center for Addiction Prevention",
        domains=("mental-health", "health"),
    ),
    OrganisationSpec(
        "natal",
        'נט"ל',
        K.NGO,
        "עמותה שמיזגה לתוכה מיזמים כמו רסיסים, רצים עם רמי ו-Soul Talk, שהמשיכו לפעול תחת "
        "המעטפת המקצועית שלה.",
        name_en="NATAL",
        domains=("mental-health",),
        populations=("mental-distress", "reservists"),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "sharan",
        "שרן – רפואה עד הבית",
        K.CORPORATION,
        'חברה שרכשה את מיזם "הקול שבפנים" והמשיכה להפעילו מתוך הבית.',
        name_en="Sharan – Medicine at Home",
        domains=("health", "mental-health"),
    ),
    OrganisationSpec(
        "michal-sela",
        "פורום מיכל סלה",
        K.NGO,
        "מקיים האקאתון בשיתוף גופי ממשל, מגזר שלישי והייטק לפיתוח פתרונות טכנולוגיים למניעת "
        "אלימות כלפי נשים.",
        name_en="Michal Sela Forum",
        domains=("violence-prevention",),
        populations=("women",),
        regions=("nationwide",),
    ),
    OrganisationSpec(
        "beer-sheva",
        "עיריית באר שבע",
        K.LOCAL_AUTHORITY,
        "ממוסדות העוגן של רובע החדשנות הראשון בארץ, המוקם בבאר שבע.",
        name_en="Be'er Sheva Municipality",
        domains=("regional-development",),
        regions=("south",),
    ),
    OrganisationSpec(
        "bgu",
        "אוניברסיטת בן גוריון",
        K.ACADEMIA,
        "ממוסדות העוגן של רובע החדשנות בבאר שבע.",
        name_en="Ben-Gurion University of the Negev",
        domains=("regional-development",),
        regions=("south",),
    ),
    OrganisationSpec(
        "soroka",
        "סורוקה",
        K.HOSPITAL,
        "בית החולים סורוקה; ממוסדות העוגן של רובע החדשנות בבאר שבע.",
        name_en="Soroka Medical Center",
        domains=("health", "regional-development"),
        regions=("south",),
    ),
    OrganisationSpec(
        "dnaidea",
        "DNAidea",
        K.SMB,
        "חברה שסייעה בכתיבת ועריכת מודל קהילות החדשנות של הכוורת.",
        name_en="DNAidea",
    ),
)


_IMPACT_EXAMPLE = f'מובא במסמך "{SEED_001}" כדוגמה לסטארטאפ המקדם אימפקט.'
_SOCIAL_VENTURE_EXAMPLE = f'מובא במסמך "{SEED_001}" כדוגמה למיזם חברתי.'
_SOCIAL_BUSINESS_VENTURE_EXAMPLE = f'מובא במסמך "{SEED_001}" כדוגמה למיזם חברתי-עסקי.'
_SOCIAL_BUSINESS_EXAMPLE = f'מובא במסמך "{SEED_001}" כדוגמה לעסק חברתי.'
# Seed 000 thanks these ventures' people for their part in the model, without saying more of
# the ventures themselves: type and stage are the neutral defaults, not facts from the text.
_CONTRIBUTOR = (
    f'מיזם מקהילת הכוורת; נציג/ת המיזם תרמו לאיגום הידע ל"{SEED_000}". '
    "סוג המיזם ושלבו אינם מפורטים במסמך."
)

VENTURES: tuple[VentureSpec, ...] = (
    VentureSpec(
        "vivid",
        "VIVID",
        VentureType.IMPACT_STARTUP,
        VentureStage.PRODUCT_MARKET_FIT,
        'סטארטאפ אימפקט שנוסד על ידי ד"ר טל בן שחר, גידי קדוש ואלמוג כהן. בונה פלטפורמה '
        "דיגיטלית שמאפשרת למומחים להנגיש את ההתערבויות שלהם כתכניות תרגול דיגיטליות מדידות, "
        "נגישות ומותאמות אישית, במקום סדנאות פרונטליות על שחיקה או אושר בארגונים. אחרי ה-7 "
        'באוקטובר בנה עם הקואליציה הישראלית לטראומה את רי"ל – הרשת הישראלית לחוסן.',
        name_en="VIVID",
        website="https://hackaveret.org/projects/vivid/",
        domains=("mental-health",),
        populations=("reservists", "professionals"),
        technologies=("digital-platform", "data-analytics"),
    ),
    VentureSpec(
        "nexme",
        "Nexme",
        VentureType.IMPACT_STARTUP,
        VentureStage.PRODUCT_MARKET_FIT,
        "מיזם טכנולוגי-חברתי שמתמודד עם חוסר הוודאות בבחירת קריירה ועם הירידה בנכונות ללמוד "
        "מקצועות הנדסיים וטכנולוגיים. סימולטור מבוסס בינה מלאכותית מדמה למשתמש את מסלולו – "
        "מבחירת לימודי הנדסאים ועד ההשתלבות בשוק העבודה. המייסד: עומרי דהן.",
        name_en="Nexme – The Right Future For You",
        origin=VentureOrigin.CALL,
        website="https://nexme.ai/",
        domains=("technological-education", "employment"),
        populations=("young-adults", "students"),
        technologies=("ai", "simulation"),
    ),
    VentureSpec(
        "wellplay",
        "Wellplay",
        VentureType.IMPACT_STARTUP,
        VentureStage.PROBLEM_SOLUTION_FIT,
        'פלטפורמה דיגיטלית מבוססת פסיכודרמה שמעניקה מענה רגשי ראשוני לאנשים ב"וואקום טיפולי" – '
        "אחרי ריאיון פסיכיאטרי ראשוני ולפני תחילת טיפול – בחמישה שלבים מבוססי תרגול. פותחה על "
        "ידי אביב קושניר, מטפל בפסיכודרמה וחוקר באוניברסיטת חיפה; עברה את תכנית ההאצה של הכוורת.",
        name_en="Wellplay",
        origin=VentureOrigin.ACCELERATOR_COHORT,
        domains=("mental-health", "health"),
        populations=("mental-distress",),
        technologies=("digital-platform", "data-analytics"),
    ),
    VentureSpec(
        "ggtude",
        "GGtude",
        VentureType.IMPACT_STARTUP,
        VentureStage.PRODUCT_MARKET_FIT,
        _IMPACT_EXAMPLE,
        name_en="GGtude",
        website="https://hackaveret.org/projects/GGtude/",
        domains=("mental-health",),
        technologies=("mobile-app", "gamification"),
    ),
    VentureSpec(
        "claro",
        "CLARO",
        VentureType.IMPACT_STARTUP,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _IMPACT_EXAMPLE,
        name_en="CLARO",
        website="https://hackaveret.org/projects/claro/",
    ),
    VentureSpec(
        "cognishine",
        "Cognishine",
        VentureType.IMPACT_STARTUP,
        VentureStage.PRODUCT_MARKET_FIT,
        _IMPACT_EXAMPLE,
        name_en="Cognishine",
        website="https://www.cognishine.com/he",
        domains=("disability", "rehabilitation"),
        populations=("people-with-disabilities",),
        technologies=("ai", "robotics"),
    ),
    VentureSpec(
        "agewise",
        "AgeWise",
        VentureType.IMPACT_STARTUP,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _IMPACT_EXAMPLE,
        name_en="AgeWise",
        website="https://agewise.health/",
        domains=("aging", "health"),
        populations=("older-people",),
        technologies=("digital-platform",),
    ),
    VentureSpec(
        "babada",
        "בבא-דע",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_VENTURE_EXAMPLE,
        name_en="Babada",
        website="https://hackaveret.org/projects/babada/",
    ),
    VentureSpec(
        "nitzan",
        "עמותת ניצן",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        _SOCIAL_VENTURE_EXAMPLE,
        name_en="Nitzan",
        website="https://www.nitzan-npo.co.il/",
        domains=("disability", "education"),
        populations=("people-with-disabilities",),
    ),
    VentureSpec(
        "lezichram",
        "לזכרם",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_VENTURE_EXAMPLE,
    ),
    VentureSpec(
        "homebase",
        "מגרש ביתי",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_VENTURE_EXAMPLE,
        name_en="HomeBase",
        website="https://homebaseil.com/",
    ),
    VentureSpec(
        "heracademy",
        "המכללה",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_VENTURE_EXAMPLE,
        name_en="HerAcademy",
        website="https://www.heracademy.org.il/",
        populations=("women",),
    ),
    VentureSpec(
        "snap",
        "סנאפ",
        VentureType.SOCIAL_BUSINESS_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_BUSINESS_VENTURE_EXAMPLE,
        name_en="SNAP",
        website="https://hackaveret.org/projects/snap/",
    ),
    VentureSpec(
        "blend-ar",
        "Blend.AR",
        VentureType.SOCIAL_BUSINESS_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _SOCIAL_BUSINESS_VENTURE_EXAMPLE,
        name_en="Blend.AR",
        website="https://hackaveret.org/projects/blend-ar/",
        technologies=("ar-vr",),
    ),
    VentureSpec(
        "kitepride",
        "KitePride",
        VentureType.SOCIAL_BUSINESS,
        VentureStage.PRODUCT_MARKET_FIT,
        _SOCIAL_BUSINESS_EXAMPLE,
        name_en="KitePride",
        website="https://kitepride.com/he",
    ),
    VentureSpec(
        "izraex",
        "IzraEx",
        VentureType.SOCIAL_BUSINESS,
        VentureStage.PRODUCT_MARKET_FIT,
        _SOCIAL_BUSINESS_EXAMPLE,
        name_en="IzraEx",
        website="https://hackaveret.org/projects/izraex/",
    ),
    VentureSpec(
        "voice-within",
        "הקול שבפנים",
        VentureType.SOCIAL_BUSINESS,
        VentureStage.SCALE,
        f'{_SOCIAL_BUSINESS_EXAMPLE} מציע טיפול רגשי לצעירים במשבר; נרכש על ידי חברת "שרן – '
        'רפואה עד הבית" וממשיך לפעול תחת חסותה.',
        name_en="The Voice Within",
        website="https://hackaveret.org/projects/voice-over/",
        domains=("mental-health",),
        populations=("young-adults", "mental-distress"),
    ),
    VentureSpec(
        "resisim",
        "רסיסים",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        'החל כיוזמה עצמאית ומוזג לתוך עמותת נט"ל, שם ממשיך לפעול כחלק אינטגרלי תחת המעטפת '
        "המקצועית של הארגון.",
        name_en="Resisim",
        domains=("mental-health",),
    ),
    VentureSpec(
        "running-with-rami",
        "רצים עם רמי",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        'החל כיוזמה עצמאית ומוזג לתוך עמותת נט"ל, שם ממשיך לפעול תחת המעטפת המקצועית שלה.',
        name_en="Running with Rami",
        domains=("mental-health",),
    ),
    VentureSpec(
        "soul-talk",
        "Soul Talk",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        'החל כיוזמה עצמאית ומוזג לתוך עמותת נט"ל, שם ממשיך לפעול תחת המעטפת המקצועית שלה.',
        name_en="Soul Talk",
        domains=("mental-health",),
    ),
    VentureSpec(
        "safe-school",
        "Safe School",
        VentureType.IMPACT_STARTUP,
        VentureStage.SCALE,
        "פלטפורמה דיגיטלית המציעה לבתי ספר תוכן לקידום למידה רגשית-חברתית (SEL); בתי ספר רוכשים "
        "רישיונות ומשלבים אותה בתוכנית הלימודים ללא פיתוח פנימי.",
        name_en="Safe School",
        domains=("education", "mental-health"),
        populations=("students",),
        technologies=("digital-platform",),
    ),
    VentureSpec(
        "momentum",
        "מומנטום",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        'אג"ח חברתי שיעדו להגדיל את מספר תלמידי התיכון ברהט הלומדים מתמטיקה ברמה של 4-5 יחידות. '
        "פיילוט בתמיכת משרד החינוך, שהתחייב לשלם למשקיעים לפי ההצלחה ומתכוון ליישם את המודל בכל "
        "המגזר הבדואי אם יוכיח את יעילותו.",
        name_en="Momentum",
        domains=("education", "impact-investing"),
        populations=("bedouin-society", "students"),
        regions=("south",),
    ),
    VentureSpec(
        "mifgash",
        "מפגש",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        'מיזם משותף לקרן רש"י, המוסד לביטוח לאומי ומשרד הרווחה שבנה מודל עבודה מוכח לטיפול '
        "בהזנחת ילדים כמצב סיכון ייחודי, תוך צמצום הוצאתם מהבית. בסיום הפיילוט עברה האחריות "
        "המלאה למשרד הרווחה.",
        name_en="Mifgash",
        domains=("welfare-family",),
        populations=("children-at-risk",),
    ),
    VentureSpec(
        "yishuv-bamerkaz",
        "היישוב במרכז",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PRODUCT_MARKET_FIT,
        'יוזמה של קרן רש"י שמעבירה את הדגש מהתערבויות נקודתיות לבניית תשתית שמחזקת את יכולת '
        "הניהול העצמי של יישובי הפריפריה ואת תפקידה המרכזי של הרשות המקומית; תכנון מבוסס נתונים.",
        name_en="The Locality at the Centre",
        domains=("regional-development", "community"),
        regions=("south", "north"),
    ),
    VentureSpec(
        "5p2",
        "5פי2",
        VentureType.SOCIAL_VENTURE,
        VentureStage.SCALE,
        "יוזמה המיישמת את עקרונות הקולקטיב אימפקט בשדה החינוך; ארגון השדרה שלה הוא שיתופים.",
        name_en="5P2",
        domains=("education",),
        populations=("students",),
    ),
    VentureSpec(
        "job360",
        "Job 360",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        name_en="Job 360",
        origin=VentureOrigin.COMMUNITY,
        domains=("employment",),
        populations=("job-seekers",),
    ),
    VentureSpec(
        "memoapp",
        "MemoApp",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        name_en="MemoApp",
        origin=VentureOrigin.COMMUNITY,
        technologies=("mobile-app",),
    ),
    VentureSpec(
        "record",
        "רקורד",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        origin=VentureOrigin.COMMUNITY,
    ),
    VentureSpec(
        "tomchot-beahava",
        "תומכות באהבה",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        origin=VentureOrigin.COMMUNITY,
    ),
    VentureSpec(
        "adoption-fostering",
        "מיזם האימוץ והאומנה",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        origin=VentureOrigin.COMMUNITY,
        domains=("welfare-family",),
        populations=("children-at-risk",),
    ),
    VentureSpec(
        "pershboard",
        "פרשבורד",
        VentureType.SOCIAL_VENTURE,
        VentureStage.PROBLEM_SOLUTION_FIT,
        _CONTRIBUTOR,
        origin=VentureOrigin.COMMUNITY,
    ),
)
