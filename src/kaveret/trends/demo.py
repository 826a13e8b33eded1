"""Demo trend signals for TechAbility, EmployTech and AgingIL, drawn from the seeds.

Every signal below is a change a seed document describes: seed 000 (the Hive's model of
innovation communities, July 2024), seed 002 (Rashi Foundation on social innovation,
December 2019), seed 003 (Shitufim on collective impact) and seed 004 (the JDC-Elka work
plan for 2021). ``load_trends_demo`` is idempotent: signals are keyed by community and
title, and loading again updates them in place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kaveret.accounts.models import COMMUNITY_STAFF_ROLES, RoleAssignment, User
from kaveret.communities.models import Community
from kaveret.ecosystem.models import Domain

from .models import Horizon, Ring, SignalKind, SignalStatus, TrendSignal

SEED_000 = "מודל קהילות החדשנות של הכוורת (הכוורת והג'וינט, יולי 2024)"
SEED_002 = 'קרן רש"י, "חדשנות חברתית הלכה למעשה" (23.12.2019)'
SEED_003 = "שיתופים, אימפקט קולקטיבי בישראל"
SEED_004 = "תוכנית העבודה של ג'וינט-אלכא לשנת 2021"


@dataclass(frozen=True)
class SignalSpec:
    community: str
    title: str
    description: str
    kind: str
    ring: str
    horizon: str
    domain: str
    source: str
    observed_on: datetime.date
    status: str = SignalStatus.CURATED
    source_url: str = ""


SIGNALS: tuple[SignalSpec, ...] = (
    # TechAbility: people with disabilities
    SignalSpec(
        community="techability",
        title="גידול במספר האנשים עם מוגבלות בעקבות מלחמת חרבות ברזל",
        description=(
            "המלחמה מעמידה קשיים ייחודיים בפני אנשים עם מוגבלות, שמספרם הולך וגדל כתוצאה מנפגעי "
            "המלחמה. הקהילה הגיבה במסלול מענקים מהיר לפתרונות טכנולוגיים שיכולים להיות "
            '"Game Changer" במענים של תמיכה ושיקום.'
        ),
        kind=SignalKind.SOCIAL_PROCESS,
        ring=Ring.ACT,
        horizon=Horizon.NOW,
        domain="rehabilitation",
        source=SEED_000,
        observed_on=datetime.date(2023, 10, 15),
    ),
    SignalSpec(
        community="techability",
        title="רק אחד מכל עשרה אנשים עם מוגבלות משתמש בפתרונות טכנולוגיים",
        description=(
            "לפי ארגון הבריאות העולמי (2021), רק אדם אחד מכל עשרה אנשים עם מוגבלות משתמש "
            "בפתרונות טכנולוגיים, אף שטכנולוגיה מגבירה עצמאות והשתתפות ומצמצמת את הצורך בשירותי "
            "תמיכה ואת עלויות הטיפול."
        ),
        kind=SignalKind.SYSTEM_CHALLENGE,
        ring=Ring.ACT,
        horizon=Horizon.NOW,
        domain="disability",
        source="ארגון הבריאות העולמי (2021), כפי שמובא ב" + SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="techability",
        title="שילוב בינה מלאכותית ביכולות אנושיות בשיקום ובטיפול",
        description=(
            "כנס TechAbility בסוף 2023 סקר חידושים שעשויים לצמוח מהשילוב בין AI ליכולות "
            "אנושיות, ומיזמים טכנולוגיים עם פתרונות שוברי שוויון לאתגרי השיקום והטיפול."
        ),
        kind=SignalKind.TECHNOLOGY,
        ring=Ring.ASSESS,
        horizon=Horizon.SHORT,
        domain="disability",
        source="כנס TechAbility, סוף 2023 (" + SEED_000 + ")",
        observed_on=datetime.date(2023, 12, 1),
    ),
    SignalSpec(
        community="techability",
        title="מגמות בהשקעה בתחום בריאות הנפש",
        description=(
            "כנס TechAbility בסוף 2023 כלל סקירה על מגמות בהשקעה בתחום בריאות הנפש: הזדמנות "
            "לחבר משקיעים למיזמים בתחום החוסן והשיקום."
        ),
        kind=SignalKind.SOCIAL_PROCESS,
        ring=Ring.WATCH,
        horizon=Horizon.MEDIUM,
        domain="mental-health",
        source="כנס TechAbility, סוף 2023 (" + SEED_000 + ")",
        observed_on=datetime.date(2023, 12, 1),
    ),
    SignalSpec(
        community="techability",
        title="144 סטארטאפים בתחום המוגבלויות",
        description=(
            "נכון לשנת 2021 פעלו בישראל 144 סטארטאפים בתחום המוגבלויות בלבד: זרם יזמים שאפשר "
            'לחבר לארגונים ולמשרדי הממשלה, ל"שורת רווח כפולה" של צמיחה כלכלית ועצמאות.'
        ),
        kind=SignalKind.TECHNOLOGY,
        ring=Ring.WATCH,
        horizon=Horizon.MEDIUM,
        domain="disability",
        source=SEED_000,
        observed_on=datetime.date(2021, 12, 31),
    ),
    SignalSpec(
        community="techability",
        title="שידוכים עמוקים של 72 שעות: תוכנית Extreme TechAbility",
        description=(
            "עשרה סטארטאפים ועשרה ארגונים ב-72 שעות של שידוכים עמוקים, כדי שהארגונים ישמשו "
            "שותפי עיצוב (Design Partners) וייחתמו חוזי התנסות בתוכם."
        ),
        kind=SignalKind.WORK_MECHANISM,
        ring=Ring.ASSESS,
        horizon=Horizon.SHORT,
        domain="disability",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="techability",
        title="מסלולי מענקים מהירים בשעת חירום",
        description=(
            "הצעה: להפוך את מסלול המענקים המהיר שנפתח במלחמה למנגנון קבוע שמופעל בכל מצב חירום, "
            "כדי שפתרונות לתמיכה ולשיקום יגיעו לשטח בתוך שבועות."
        ),
        kind=SignalKind.WORK_MECHANISM,
        ring=Ring.ASSESS,
        horizon=Horizon.SHORT,
        domain="rehabilitation",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
        status=SignalStatus.PROPOSED,
    ),
    # EmployTech: employment
    SignalSpec(
        community="employtech",
        title="מעבדות חדשנות לתעסוקת צעירים",
        description=(
            "מעבדה של 8 מפגשים, אחת לחודש, בין יזמים שפיתחו מוצר בשל לבין מנהלי פיתוח ידע "
            'והדרכה שמחליטים על פיילוטים: דו"ח השוואתי לכלים חדשניים בהקניית כישורים ומידול '
            "ליווי תעסוקתי לצעירים מבוסס כישורים."
        ),
        kind=SignalKind.WORK_MECHANISM,
        ring=Ring.ACT,
        horizon=Horizon.NOW,
        domain="employment",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="employtech",
        title="שוק עבודה משתנה ואתגרי הפריון המכליל",
        description=(
            "אתגרי הפריון המכליל, התעסוקה האיכותית וקידום הון אנושי בשוק העבודה המשתנה מחייבים "
            "מענים חדשים מהמרחב היזמי ומהשדה התעסוקתי יחד."
        ),
        kind=SignalKind.SOCIAL_PROCESS,
        ring=Ring.ASSESS,
        horizon=Horizon.MEDIUM,
        domain="employment",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="employtech",
        title="תעסוקה בונה חוסן: יזמים ויזמיות מהחברה הערבית",
        description=(
            "קריאה ליוזמות של יזמים ומיזמים מהחברה הערבית, ובהן שילוב עובדים מהחברה הערבית, "
            "עם מענקים, ליווי וחיבורים לשותפים אסטרטגיים (מועד הגשה: 21.11.23)."
        ),
        kind=SignalKind.SOCIAL_PROCESS,
        ring=Ring.ACT,
        horizon=Horizon.NOW,
        domain="employment",
        source=SEED_000,
        observed_on=datetime.date(2023, 11, 1),
    ),
    SignalSpec(
        community="employtech",
        title="מיזמים חדשניים בהשכלה הטכנולוגית בפיילוט עם מכללות טכנולוגיות",
        description=(
            "קול קורא שצמח מהקהילה ומציע מענק ביצוע, התנסות בפיילוט עם מכללות טכנולוגיות "
            "ומערך ליווי: מנטורינג, מדידה וייעוץ מקצועי."
        ),
        kind=SignalKind.WORK_MECHANISM,
        ring=Ring.ASSESS,
        horizon=Horizon.SHORT,
        domain="technological-education",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="employtech",
        title='אג"ח חברתיות: המדינה משלמת לפי הצלחה',
        description=(
            'המשקיעים מקבלים את ההחזר, לרוב מהמדינה, לפי השגת יעדים מדידים. דוגמה: "מומנטום" '
            "ברהט, פיילוט בתמיכת משרד החינוך להגדלת מספר התלמידים במתמטיקה ברמת 4-5 יחידות."
        ),
        kind=SignalKind.POLICY_CHANGE,
        ring=Ring.WATCH,
        horizon=Horizon.MEDIUM,
        domain="impact-investing",
        source=SEED_002,
        observed_on=datetime.date(2019, 12, 23),
    ),
    SignalSpec(
        community="employtech",
        title="פיילוט מוצלח עובר לאחריות משרד ממשלתי",
        description=(
            'במיזם "מפגש" של קרן רש"י, המוסד לביטוח לאומי ומשרד הרווחה, האחריות המלאה למיזם '
            "עוברת למשרד הרווחה בסיום הפיילוט, וכך הוא נמשך כשירות ציבורי."
        ),
        kind=SignalKind.POLICY_CHANGE,
        ring=Ring.ASSESS,
        horizon=Horizon.MEDIUM,
        domain="welfare-family",
        source=SEED_002,
        observed_on=datetime.date(2019, 12, 23),
    ),
    # AgingIL: older people
    SignalSpec(
        community="agingil",
        title="הזדקנות האוכלוסייה בישראל",
        description=(
            "האוכלוסייה המבוגרת גדלה, ועמה הצורך בפתרונות טכנולוגיים וחדשניים לשיפור איכות חיי "
            "הזקנים, בשיתוף הזקנים עצמם."
        ),
        kind=SignalKind.SOCIAL_PROCESS,
        ring=Ring.ACT,
        horizon=Horizon.LONG,
        domain="aging",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="agingil",
        title="בריאות דיגיטלית כמנוע צמיחה (החלטת ממשלה 3709)",
        description=(
            'הממשלה סימנה את הבריאות הדיגיטלית כמנוע צמיחה והקצתה כ-900 מיליון ש"ח לאקו-סיסטם '
            "של מחקר ופיתוח רפואי המבוסס על נתוני עתק, בשותפות רשות החדשנות, ישראל דיגיטלית "
            "ומשרד הבריאות."
        ),
        kind=SignalKind.POLICY_CHANGE,
        ring=Ring.ASSESS,
        horizon=Horizon.MEDIUM,
        domain="health",
        source=SEED_004,
        observed_on=datetime.date(2021, 1, 1),
    ),
    SignalSpec(
        community="agingil",
        title="רווחה דיגיטלית: שירותים חברתיים עוברים לדיגיטל",
        description=(
            "משרד הרווחה מניע מאז 2016 טרנספורמציה דיגיטלית של השירותים שעליהם הוא מופקד; "
            "בתוכנית לשנת 2021: קידום והתנסות של כ-7 שירותים דיגיטליים במשרד."
        ),
        kind=SignalKind.TECHNOLOGY,
        ring=Ring.ASSESS,
        horizon=Horizon.SHORT,
        domain="digital",
        source=SEED_004,
        observed_on=datetime.date(2021, 1, 1),
    ),
    SignalSpec(
        community="agingil",
        title="אימפקט קולקטיבי: אמון והסכמה כתנאי שישי",
        description=(
            "לחמשת התנאים של אימפקט קולקטיבי (ובהם מדידה משותפת) נוסף בישראל תנאי שישי: אמון "
            "והסכמה בין השותפים. רלוונטי לעבודה המשותפת של משרדי הממשלה, הארגונים והיזמים בקהילה."
        ),
        kind=SignalKind.WORK_MECHANISM,
        ring=Ring.WATCH,
        horizon=Horizon.MEDIUM,
        domain="aging",
        source=SEED_003,
        observed_on=datetime.date(2024, 7, 1),
    ),
    SignalSpec(
        community="agingil",
        title="השפעה על מדיניות לצמצום חסמים בפני פתרונות לזקנה",
        description=(
            "אחד מעקרונות העבודה של הקהילה: השפעה על מדיניות כדי לצמצם חסמים ולהרחיב את "
            "האפשרויות ליצור פתרונות, בשותפות משרדי הבריאות, הרווחה, השוויון החברתי והכלכלה."
        ),
        kind=SignalKind.POLICY_CHANGE,
        ring=Ring.WATCH,
        horizon=Horizon.LONG,
        domain="aging",
        source=SEED_000,
        observed_on=datetime.date(2024, 7, 1),
    ),
)


def _curator(community: Community) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(community=community, role__in=sorted(COMMUNITY_STAFF_ROLES))
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


def load_trends_demo(communities: dict[str, Community]) -> int:
    """Load the demo signals of the given communities (by slug); returns how many.

    Communities missing from ``communities`` are skipped. Loading again updates the same
    rows: nothing is duplicated.
    """
    domains = {domain.slug: domain for domain in Domain.objects.all()}
    curators: dict[str, User | None] = {}
    loaded = 0
    with transaction.atomic():
        for spec in SIGNALS:
            community = communities.get(spec.community)
            if community is None:
                continue
            if spec.community not in curators:
                curators[spec.community] = _curator(community)
            curator = curators[spec.community]
            curated = spec.status == SignalStatus.CURATED
            TrendSignal.objects.update_or_create(
                community=community,
                title=spec.title,
                defaults={
                    "description": spec.description,
                    "kind": spec.kind,
                    "ring": spec.ring,
                    "horizon": spec.horizon,
                    "domain": domains.get(spec.domain),
                    "source": spec.source,
                    "source_url": spec.source_url,
                    "observed_on": spec.observed_on,
                    "status": spec.status,
                    "curated_by": curator if curated else None,
                },
                create_defaults={
                    "description": spec.description,
                    "kind": spec.kind,
                    "ring": spec.ring,
                    "horizon": spec.horizon,
                    "domain": domains.get(spec.domain),
                    "source": spec.source,
                    "source_url": spec.source_url,
                    "observed_on": spec.observed_on,
                    "status": spec.status,
                    "curated_by": curator if curated else None,
                    "curated_at": timezone.now() if curated else None,
                },
            )
            loaded += 1
    return loaded
