"""Demo challenges from the seeds.

- Seed 004 (JDC-Elka's work plan for 2021): its five system challenges (איכות השירותים,
  אזוריות, מיצוי משאבים, שת"פ בין מגזרי, דיגיטציה), each meeting the plan's five
  criteria, with the MAP tags its text supports.
- Seeds 000 and 001: community challenges: EmployTech's technological education (the
  call with מה"ט and the technological colleges that Nexme answered), TechAbility's
  support and rehabilitation for people disabled in the "Iron Swords" war and its
  mental-health treatment and rehabilitation, and "Employment builds resilience" for
  entrepreneurs from Arab society.

Loading is idempotent: each challenge is found by its slug and brought up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kaveret.communities.models import Community
from kaveret.core.text import search_document
from kaveret.ecosystem.models import Domain, Organisation, TargetPopulation

from .models import (
    Challenge,
    ChallengeKind,
    ChallengeOrigin,
    ChallengeOwnerKind,
    ChallengeRevision,
    ChallengeStatus,
    MapTag,
    RevisionSource,
)

OWNER_EMAIL = "manager@demo.kaveret.local"
SEED_004 = "תוכנית העבודה של ג'וינט אלכא לשנת 2021"
ALL_CRITERIA = dict.fromkeys(Challenge.SYSTEM_CRITERIA, True)


@dataclass(frozen=True)
class ChallengeSpec:
    slug: str
    title: str
    kind: str
    problem: str
    background: str = ""
    evidence: str = ""
    success_measures: str = ""
    community: str | None = None
    owner_organisation: str | None = None
    owner_kind: str = ChallengeOwnerKind.COMMUNITY
    origin: str = ChallengeOrigin.FIELD
    domain: str | None = None
    populations: tuple[str, ...] = ()
    map_tags: tuple[str, ...] = ()
    criteria: dict[str, bool] = field(default_factory=dict)


def _system(
    slug: str, title: str, problem: str, background: str, tags: tuple[str, ...], domain: str | None
) -> ChallengeSpec:
    return ChallengeSpec(
        slug=slug,
        title=title,
        kind=ChallengeKind.SYSTEM,
        problem=problem,
        background=background,
        evidence=f"אחד מחמשת אתגרי המערכת של {SEED_004}.",
        owner_organisation="jdc-elka",
        owner_kind=ChallengeOwnerKind.FOUNDERS,
        origin=ChallengeOrigin.WORK_PLAN,
        domain=domain,
        map_tags=tags,
        criteria=ALL_CRITERIA,
    )


SYSTEM_CHALLENGES: tuple[ChallengeSpec, ...] = (
    _system(
        "system-service-quality",
        "איכות השירותים",
        "השירותים הציבוריים בישראל אינם מועילים ויעילים דיים: הם מסתכלים על החסמים, האתגרים "
        "וצורכי המערכת, ואינם מונעים ממתן מענה לצורכי הפרט.",
        "תחום איכות השירותים פועל לקידום שירותים ציבוריים ממוקדי אדם, יעילים יותר ומשיגים את "
        "התוצאות הטובות ביותר עבורו, באמצעות הסרת חסמים והכנסת מידע ותבניות עבודה חדשות. "
        "ב-2021 יפעל התחום יחד עם שותפים בממשלה, בשלטון המקומי, באקדמיה ובמגזר השלישי.",
        (MapTag.MINDSET, MapTag.PIPES),
        "welfare-family",
    ),
    _system(
        "system-regions",
        "אזוריות",
        "מבנה השלטון בישראל מעכב את הצמיחה ומעמיק את אי-השוויון המרחבי; תפיסת האזורים "
        "טרם עוגנה במרחב.",
        "תחום אזורים פועל לחיזוק ויישום תפיסת האזורים בישראל לטובת צמיחה כלכלית וצמצום פערים, "
        "לצד קידום לכידות חברתית וחוסן אזורי, בהקמה ומינוף של יוזמות ותשתיות לחיזוק אזורים.",
        (MapTag.MINDSET, MapTag.PIPES),
        "regional-development",
    ),
    _system(
        "system-resource-utilisation",
        "מיצוי משאבים",
        "בשל חסמים שונים לא כל המשאבים הממשלתיים מגיעים ליעדם ברשויות המקומיות, וקיים פער "
        "ביכולת מיצוי המשאבים בין הרשויות החזקות לרשויות החלשות.",
        "המענים מתמקדים בהתרת החסמים בשלבי התהליך השונים – ממדיניות, דרך תכנון ויישום ועד "
        "בקרה – במישורים של מנגנונים, כלים ושיטות, חיזוק יכולות של הרשויות והממשלה, ועבודה על "
        "הממשקים בין הממשלה לרשויות המקומיות.",
        (MapTag.ABILITY, MapTag.PIPES),
        "regional-development",
    ),
    _system(
        "system-cross-sector-collaboration",
        'שת"פ בין מגזרי',
        "שיפור השירותים הציבוריים דורש שיתופי פעולה ושותפויות בין ובתוך שלושת המגזרים (שלטון "
        "מרכזי ומקומי, חברה אזרחית ומגזר עסקי), ואלה חסרים תשתיות ומנגנונים לעבודה משותפת.",
        "תחום שיתופיות בין מגזרית בונה תשתיות ארוכות טווח לעבודה משותפת, מכשיר ומרשת בעלי "
        "תפקידים מכל המגזרים, ויוצר מרחבים ומנגנונים משותפים לפעולה.",
        (MapTag.ABILITY, MapTag.PIPES),
        "community",
    ),
    _system(
        "system-digitisation",
        "דיגיטציה",
        "המגזר הציבורי אינו מממש את הפוטנציאל הדיגיטלי הטמון בו לקידום איכות החיים של תושבי "
        "ישראל; היבטי הון אנושי, מבנה ותרבות מעכבים כניסה של טכנולוגיות ותהליכים דיגיטליים.",
        "התחום מתמקד בהיבטי ההון האנושי, ההיבטים המבניים והתרבותיים של המגזר הציבורי המקדמים "
        "או מונעים כניסת טכנולוגיות חדשות, ובהובלת שינוי דיגיטלי במגזר הציבורי (למשל רווחה "
        "דיגיטלית ומובילים דיגיטליים).",
        (MapTag.MINDSET, MapTag.ABILITY, MapTag.PIPES),
        "digital",
    ),
)

COMMUNITY_CHALLENGES: tuple[ChallengeSpec, ...] = (
    ChallengeSpec(
        slug="employtech-technological-education",
        title="השכלה טכנולוגית: בחירה מושכלת במסלולי הנדסאים ומכללות טכנולוגיות",
        kind=ChallengeKind.NATIONAL,
        problem='צעירים רבים מתלבטים "מה לעשות בחיים" ואינם מכירים את מסלולי ההנדסאים '
        "והמכללות הטכנולוגיות; ההרשמה אליהם נמוכה מצורכי המשק.",
        background="קול קורא שצמח מקהילת EmployTech, בשיתוף הכוורת, ג'וינט תבת ומה\"ט, למיזמים "
        "חדשניים בתחום ההשכלה הטכנולוגית: מענק ביצוע, התנסות בפיילוט עם מכללות טכנולוגיות, "
        "מנטורינג, מדידה וייעוץ מקצועי.",
        evidence="במסגרת הקול הקורא בחן Nexme את הסימולטור שלו עם מכללות טכנולוגיות ומדד את "
        "השפעתו על אחוזי ההרשמה ועל שינויי תפיסה בתחום ההשכלה הטכנולוגית.",
        success_measures="עלייה באחוזי ההרשמה למסלולי הנדסאים; פיילוטים שהוטמעו במכללות.",
        community="employtech",
        owner_kind=ChallengeOwnerKind.COMMUNITY,
        origin=ChallengeOrigin.LEARNING,
        domain="technological-education",
        populations=("young-adults",),
    ),
    ChallengeSpec(
        slug="techability-war-rehabilitation",
        title='תמיכה ושיקום לאנשים עם מוגבלות בעקבות מלחמת "חרבות ברזל"',
        kind=ChallengeKind.SOCIAL,
        problem="המלחמה מעמידה קשיים ייחודיים בפני אנשים עם מוגבלות, שמספרם גדל בשל נפגעי "
        "המלחמה; חסרים מענים מהירים של תמיכה ושיקום.",
        background="קהילת TechAbility יצרה מסלול מענקים מהיר לפתרונות טכנולוגיים שיכולים להיות "
        '"Game Changer" ביכולת לספק מענים של תמיכה ושיקום.',
        success_measures="פתרונות שזכו במענק ומוטמעים אצל ארגוני שיקום.",
        community="techability",
        owner_kind=ChallengeOwnerKind.COMMUNITY,
        origin=ChallengeOrigin.FIELD,
        domain="rehabilitation",
        populations=("people-with-disabilities", "reservists"),
    ),
    ChallengeSpec(
        slug="techability-mental-health",
        title="טכנולוגיה ובינה מלאכותית לטיפול ולשיקום בבריאות הנפש",
        kind=ChallengeKind.SOCIAL,
        problem="אתגרי השיקום והטיפול בבריאות הנפש גדלים, והמענים הקיימים אינם מספיקים.",
        background="כנס TechAbility בסוף 2023 סקר מגמות בהשקעה בתחום בריאות הנפש, חידושים "
        "שעשויים לצמוח מהשילוב בין AI ליכולות אנושיות, ומיזמים טכנולוגיים עם פתרונות "
        "שוברי שוויון לאתגרי השיקום והטיפול.",
        community="techability",
        owner_kind=ChallengeOwnerKind.COMMUNITY,
        origin=ChallengeOrigin.TREND,
        domain="mental-health",
        populations=("mental-distress",),
    ),
    ChallengeSpec(
        slug="employment-builds-resilience-arab-society",
        title="תעסוקה בונה חוסן – חוסן מייצר תעסוקה",
        kind=ChallengeKind.SOCIAL,
        problem="בימי משבר, שמירה על מסגרת תעסוקה יוצרת משמעות, שייכות ומסוגלות; נדרשות יוזמות "
        "מקוריות של יזמים ומיזמים מהחברה הערבית לחיזוק התעסוקה והחוסן.",
        background="בין האתגרים שנמנו: ניהול מובנה ומודרני, ושילוב עובדים מהחברה הערבית "
        "במעסיקים ובמאגרי תעסוקה. למיזמים שיתקבלו מוצעים מענקים, ליווי, חיבורים לשותפים "
        "אסטרטגיים, השתייכות לקבוצת יזמים ומנטורים.",
        community="employtech",
        owner_kind=ChallengeOwnerKind.COMMUNITY,
        origin=ChallengeOrigin.FIELD,
        domain="employment",
        populations=("arab-society",),
    ),
)


def _demo_owner() -> Any:
    """The TechAbility manager's demo login; made without a password if it is missing."""
    user_model = get_user_model()
    owner = user_model.objects.filter(email=OWNER_EMAIL).first()
    if owner is None:
        owner = user_model(email=OWNER_EMAIL, full_name="מנהלת קהילה (הדגמה)")
        owner.set_unusable_password()
        owner.save()
    return owner


def _load(
    spec: ChallengeSpec,
    owner: Any,
    communities: dict[str, Community],
    organisations: dict[str, Organisation],
) -> Challenge:
    values: dict[str, Any] = {
        "title": spec.title,
        "kind": spec.kind,
        "problem": spec.problem,
        "background": spec.background,
        "evidence": spec.evidence,
        "success_measures": spec.success_measures,
        "community": communities.get(spec.community) if spec.community else None,
        "owner_organisation": organisations.get(spec.owner_organisation)
        if spec.owner_organisation
        else None,
        "owner_kind": spec.owner_kind,
        "origin": spec.origin,
        "domain": Domain.objects.filter(slug=spec.domain).first() if spec.domain else None,
        "map_tags": [str(tag) for tag in spec.map_tags],
        "status": ChallengeStatus.OPEN,
        "owner": owner,
        **{name: spec.criteria.get(name, False) for name in Challenge.SYSTEM_CRITERIA},
    }
    values["search_text"] = search_document(
        spec.title, spec.problem, spec.background, spec.evidence, spec.success_measures
    )
    challenge, created = Challenge.objects.update_or_create(slug=spec.slug, defaults=values)
    if challenge.published_at is None:
        challenge.published_at = timezone.now()
        challenge.save(update_fields=["published_at"])
    challenge.populations.set(TargetPopulation.objects.filter(slug__in=spec.populations))
    if created:
        ChallengeRevision.objects.create(
            challenge=challenge,
            author=owner,
            source=RevisionSource.CREATED,
            changes={
                name: {"before": "", "after": getattr(challenge, name)}
                for name in Challenge.REFINABLE_FIELDS
                if getattr(challenge, name)
            },
        )
    return challenge


def load_challenges_demo(
    communities: dict[str, Community], organisations: dict[str, Organisation]
) -> int:
    """Load (or bring up to date) the demo challenges; returns how many there are."""
    with transaction.atomic():
        owner = _demo_owner()
        specs = (*SYSTEM_CHALLENGES, *COMMUNITY_CHALLENGES)
        for spec in specs:
            _load(spec, owner, communities, organisations)
    return len(specs)
