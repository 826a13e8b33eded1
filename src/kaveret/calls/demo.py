"""The demo's calls, from the seeds, each with its form, rubric, applications, reviews,
decisions and grants; and one call open now, so a visitor of the demo can apply.

- EmployTech's call "Innovative ventures in technological education" (seed 000), run by
  HaKaveret with JDC-Tevet and MAHAT (seed 001's Nexme case): an implementation grant, a
  pilot with technological colleges, mentoring and measurement. Nexme applied and was
  accepted; its grant's milestones follow the pilot the seed describes.
- TechAbility's fast-track grants during the "Iron Swords" war (seed 000, the community's
  description): micro-grants for resilience ventures; VIVID and Wellplay applied.
- "Employment builds resilience – resilience builds employment" (seed 000): a call for
  entrepreneurs from Arab society, on the six challenges the seed lists. The seed names
  no applicants, so its two applicants are demo ventures, named as such.
- The scale programme for resilience ventures (seed 000), open now.

Dates of the past calls are placed before today (the seeds give none); the amounts are
demo figures, not the seeds'. Everything is written with ``update_or_create`` on stable
keys, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from kaveret.accounts.models import Role, RoleAssignment, User
from kaveret.accounts.services import mark_email_verified
from kaveret.challenges.models import Challenge
from kaveret.communities.models import Community
from kaveret.ecosystem.choices import FoundersSociety, VentureStage, VentureType
from kaveret.ecosystem.demo.network import DEMO_PASSWORD
from kaveret.ecosystem.models import Venture

from .models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    Call,
    Decision,
    FormVersion,
    Grant,
    Mechanism,
    Milestone,
    Offer,
    Outcome,
    Question,
    QuestionKind,
    Recommendation,
    Review,
    ReviewScore,
    ReviewStatus,
    RubricCriterion,
)

ISRAEL = ZoneInfo("Asia/Jerusalem")
DEMO_REVIEWERS = (
    ("reviewer@demo.kaveret.local", "סוקרת (הדגמה)"),
    ("reviewer2@demo.kaveret.local", "סוקר שני (הדגמה)"),
)
# Seed 001's six criteria for choosing a venture: the demo calls' rubric.
VENTURE_CRITERIA = (
    ("התאמה אסטרטגית וערכית", "Strategic and value fit", "2"),
    ("פוטנציאל השפעה", "Impact potential", "2"),
    ("שילוביות והתאמה טכנולוגית", "Integration and technological fit", "1"),
    ("איכות הצוות היזמי", "Quality of the founding team", "1.5"),
    ("מחויבות ארגונית פנימית", "Internal organisational commitment", "1"),
    ("יתרון יחסי של המיזם", "The venture's relative advantage", "1"),
)
QUESTIONS = (
    ("pitch", QuestionKind.LONG_TEXT, "תארו את המיזם ואת הבעיה שהוא פותר", 3000),
    ("population", QuestionKind.LONG_TEXT, "מי האוכלוסייה שהמיזם משרת, ובאיזה היקף?", 1500),
    ("partner", QuestionKind.SHORT_TEXT, "עם איזה ארגון תרצו לעבוד כשותף עיצוב?", 200),
    ("budget", QuestionKind.NUMBER, 'סכום המענק המבוקש (ש"ח)', None),
    ("deck", QuestionKind.FILE, "מצגת המיזם (PDF)", None),
)


@dataclass(frozen=True)
class ApplicantSpec:
    venture: str  # a key of the demo ventures, or a demo venture's name
    answers: dict[str, Any]
    scores: tuple[tuple[int, ...], ...]  # one row of six scores per reviewer
    outcome: str | None = None
    reason: str = ""
    grant: Decimal | None = None
    milestones: tuple[tuple[str, int, Decimal, str], ...] = ()  # title, days, amount, outcome


@dataclass(frozen=True)
class CallSpec:
    slug: str
    community: str
    title: str
    title_en: str
    mechanism: str
    offers: tuple[str, ...]
    summary: str
    description: str
    budget: Decimal
    opened_days_ago: int
    deadline_in_days: int
    eligibility: dict[str, Any] = field(default_factory=dict)
    applicants: tuple[ApplicantSpec, ...] = ()
    challenges: tuple[str, ...] = ()  # slugs of the demo challenges it serves


CALLS: tuple[CallSpec, ...] = (
    CallSpec(
        slug="employtech-technological-education",
        community="employtech",
        title="מיזמים חדשניים בתחום ההשכלה הטכנולוגית",
        title_en="Innovative ventures in technological education",
        mechanism=Mechanism.CALL_FOR_PROPOSALS,
        offers=(Offer.GRANT, Offer.PILOT, Offer.MENTORING, Offer.NETWORK),
        summary=(
            "קול קורא שצמח מקהילת EmployTech: מענק ביצוע, התנסות בפיילוט עם מכללות "
            "טכנולוגיות ומערך ליווי."
        ),
        description=(
            "קול קורא משותף של הכוורת, ג'וינט תבת ומה\"ט, המציע מנגנוני מימון ותמיכה בדמות "
            "מענק ביצוע, התנסות מעשית בפיילוט בשותפות עם מכללות טכנולוגיות, ומערך ליווי "
            "הכולל מנטורינג, מדידה, ייעוץ מקצועי והשתייכות לקהילה. הקהילה משתמשת במנגנון "
            "הקול הקורא כדי לצרף שחקנים חדשים וקיימים אל מול אתגר ממוקד וליצור מרחב התנסות "
            "שיוליד הטמעה של חדשנות בשדה."
        ),
        budget=Decimal("600000"),
        opened_days_ago=200,
        deadline_in_days=-150,
        eligibility={"applicant_kinds": ["venture"]},
        challenges=("employtech-technological-education",),
        applicants=(
            ApplicantSpec(
                venture="nexme",
                answers={
                    "pitch": (
                        "סימולטור מבוסס בינה מלאכותית שמדמה למשתמש את מסלולו, מבחירת לימודי "
                        "הנדסאים ועד ההשתלבות בשוק העבודה, כדי להתמודד עם חוסר הוודאות "
                        "בבחירת קריירה ועם הירידה בלימודי מקצועות טכנולוגיים."
                    ),
                    "population": "צעירים וצעירות בצומת בחירת מקצוע; מועמדים ללימודי הנדסאים.",
                    "partner": "מכללות טכנולוגיות",
                    "budget": 120000,
                },
                scores=((5, 5, 4, 5, 4, 5), (4, 5, 4, 4, 4, 5)),
                outcome=Outcome.ACCEPT,
                reason=(
                    "חיבור ברור בין צורך חברתי, אתגר לאומי וטכנולוגיה נגישה; שותפות מעצבת "
                    "מוכנה עם מכללות טכנולוגיות."
                ),
                grant=Decimal("120000"),
                milestones=(
                    ("הפעלת הסימולטור בשתי מכללות טכנולוגיות", -120, Decimal("40000"), ""),
                    (
                        "מדידת השפעה על אחוזי ההרשמה ללימודי הנדסאים",
                        -30,
                        Decimal("40000"),
                        "שיעור ההרשמה בקרב המשתמשים (%)",
                    ),
                    ("דוח מסכם והמלצות להרחבה", 60, Decimal("40000"), ""),
                ),
            ),
            ApplicantSpec(
                venture="job360",
                answers={
                    "pitch": "פלטפורמה לליווי תעסוקתי של צעירים בדרך לעבודה.",
                    "population": "צעירים וצעירות מחוץ למעגל העבודה.",
                    "partner": "מכללה טכנולוגית בפריפריה",
                    "budget": 80000,
                },
                scores=((3, 4, 3, 3, 3, 3), (4, 3, 3, 4, 3, 3)),
                outcome=Outcome.WAITLIST,
                reason="מיזם מבטיח; החיבור להשכלה הטכנולוגית עדיין לא מגובש. ברשימת המתנה.",
            ),
            ApplicantSpec(
                venture="momentum",
                answers={
                    "pitch": "תוכנית ליווי לצעירים ביציאה לעצמאות ולעבודה.",
                    "population": "צעירים וצעירות.",
                    "partner": "",
                    "budget": 60000,
                },
                scores=((2, 3, 2, 3, 2, 2), (3, 2, 2, 3, 2, 3)),
                outcome=Outcome.REJECT,
                reason="מחוץ למיקוד הקול הקורא: אין רכיב של השכלה טכנולוגית.",
            ),
        ),
    ),
    CallSpec(
        slug="techability-fast-track-grants",
        community="techability",
        title="מסלול מענקים מהיר – חרבות ברזל",
        title_en="Fast-track grants – Iron Swords",
        mechanism=Mechanism.MICRO_GRANT,
        offers=(Offer.GRANT, Offer.NETWORK),
        summary="מסלול מענקים מהיר למיזמי חוסן ושיקום בזמן מלחמת חרבות ברזל.",
        description=(
            'מסלול מענקים מהיר של קהילת TechAbility בזמן מלחמת "חרבות ברזל", למיזמים '
            "טכנולוגיים שנותנים מענה מיידי לאתגרי השיקום, בריאות הנפש והחוסן."
        ),
        budget=Decimal("300000"),
        opened_days_ago=120,
        deadline_in_days=-100,
        eligibility={"applicant_kinds": ["venture"]},
        challenges=("techability-war-rehabilitation", "techability-mental-health"),
        applicants=(
            ApplicantSpec(
                venture="vivid",
                answers={
                    "pitch": (
                        "פלטפורמה דיגיטלית שמאפשרת למומחים להנגיש התערבויות כתכניות תרגול "
                        'דיגיטליות מדידות; עם הקואליציה הישראלית לטראומה – רי"ל, הרשת '
                        "הישראלית לחוסן."
                    ),
                    "population": "מילואימניקים, משפחות חיילים, צוותי חירום ואנשי מקצוע.",
                    "partner": "הקואליציה הישראלית לטראומה",
                    "budget": 50000,
                },
                scores=((5, 5, 5, 4, 4, 4), (4, 5, 4, 4, 5, 4)),
                outcome=Outcome.ACCEPT,
                reason="מענה מיידי ומדיד לחוסן נפשי, עם שותף מוביל בשדה.",
                grant=Decimal("50000"),
                milestones=(
                    ('השקת תוכניות התרגול של רי"ל', -60, Decimal("25000"), ""),
                    (
                        "משתמשים פעילים בתוכניות",
                        30,
                        Decimal("25000"),
                        "מספר משתמשים פעילים",
                    ),
                ),
            ),
            ApplicantSpec(
                venture="wellplay",
                answers={
                    "pitch": "פסיכודרמה דיגיטלית לעיבוד טראומה וחיזוק חוסן.",
                    "population": "אנשים המתמודדים עם פוסט-טראומה.",
                    "partner": "כללית",
                    "budget": 50000,
                },
                scores=((4, 5, 4, 4, 4, 4), (4, 4, 4, 5, 4, 4)),
                outcome=Outcome.ACCEPT,
                reason="פתרון ייחודי עם פיילוט פעיל מול ארגון בריאות.",
                grant=Decimal("50000"),
                milestones=(("פיילוט במרפאות", 45, Decimal("50000"), ""),),
            ),
        ),
    ),
    CallSpec(
        slug="employment-builds-resilience",
        community="employtech",
        title="תעסוקה בונה חוסן – חוסן מייצר תעסוקה",
        title_en="Employment builds resilience – resilience builds employment",
        mechanism=Mechanism.CALL_FOR_PROPOSALS,
        offers=(Offer.GRANT, Offer.MENTORING, Offer.NETWORK),
        summary="יוזמות מקוריות של יזמים ומיזמים מהחברה הערבית לאתגרי תעסוקה בימי משבר.",
        description=(
            "בימים של משבר, שמירה על מסגרת של תעסוקה יוצרת משמעות, שייכות ומבטאת מסוגלות "
            "וחוסן. אנחנו מחפשים יוזמות מקוריות ויוצאות דופן של יזמים ומיזמים מהחברה הערבית "
            "לאתגרי התעסוקה שהקהילה הגדירה."
        ),
        budget=Decimal("250000"),
        opened_days_ago=90,
        deadline_in_days=-45,
        eligibility={"applicant_kinds": ["venture"], "founders_societies": ["arab"]},
        challenges=("employment-builds-resilience-arab-society",),
        applicants=(
            ApplicantSpec(
                venture="מיזם הדגמה: עבודה מרחוק בנגב",
                answers={
                    "pitch": "מרכז עבודה מרחוק לנשים מהחברה הערבית בנגב.",
                    "population": "נשים מהחברה הערבית והבדואית בדרום.",
                    "partner": "רשות מקומית בנגב",
                    "budget": 70000,
                },
                scores=((4, 4, 3, 4, 4, 4), (4, 5, 3, 4, 3, 4)),
                outcome=Outcome.ACCEPT,
                reason="מענה ישיר לאתגר שילוב עובדים מהחברה הערבית, עם שותף מקומי.",
                grant=Decimal("70000"),
                milestones=(("פתיחת המרכז וגיוס 20 עובדות", 60, Decimal("70000"), ""),),
            ),
            ApplicantSpec(
                venture="מיזם הדגמה: כלים דיגיטליים לעסקים קטנים",
                answers={
                    "pitch": "כלים דיגיטליים לניהול מודרני של עסקים קטנים בחברה הערבית.",
                    "population": "בעלי עסקים קטנים ועובדיהם.",
                    "partner": "",
                    "budget": 60000,
                },
                scores=((3, 3, 4, 3, 2, 3), (3, 3, 3, 3, 3, 3)),
                outcome=Outcome.WAITLIST,
                reason="רעיון רלוונטי; נדרש שותף ארגוני לפני מימון.",
            ),
        ),
    ),
    CallSpec(
        slug="resilience-scale-programme",
        community="techability",
        title="תוכנית הסקייל למיזמי חוסן",
        title_en="The scale programme for resilience ventures",
        mechanism=Mechanism.SCALE_PROGRAMME,
        offers=(Offer.GRANT, Offer.NETWORK, Offer.MENTORING),
        summary=(
            "מענק ראשוני, רשת קשרים וחיבורים לגופים ציבוריים-חברתיים, וליווי של צוות הכוורת "
            "כדי לממש את פוטנציאל ההרחבה."
        ),
        description=(
            "תוכנית הסקייל למיזמי חוסן עוזרת למיזמים חברתיים לגדול באמצעות חיבורים "
            "אסטרטגיים בין היזמים לג'וינט ישראל, קרנות הביטוח הלאומי והכוורת. התוכנית "
            "מעניקה למיזמים מענק ראשוני, רשת קשרים וחיבורים לגופים ציבוריים-חברתיים לטובת "
            "הטמעה, וליווי ומנטורינג של צוות הכוורת ואנשי מקצוע מובילים."
        ),
        budget=Decimal("400000"),
        opened_days_ago=7,
        deadline_in_days=30,
        eligibility={
            "applicant_kinds": ["venture"],
            "stages": [VentureStage.PRODUCT_MARKET_FIT, VentureStage.SCALE],
        },
    ),
)


def _at(days: int, hour: int = 12) -> datetime.datetime:
    day = timezone.localdate(timezone.now(), ISRAEL) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ISRAEL)


def _reviewers(community: Community) -> list[User]:
    users = []
    for email, name in DEMO_REVIEWERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        RoleAssignment.objects.get_or_create(user=user, role=Role.REVIEWER)
        # Confirmed, as the demo's other logins: staff can name them reviewers.
        mark_email_verified(user)
        users.append(user)
    return users


def _venture(key: str, ventures: dict[str, Venture]) -> Venture:
    if key in ventures:
        return ventures[key]
    # A demo applicant the seeds do not name: made here, and said to be a demo.
    venture, _ = Venture.objects.get_or_create(
        name=key,
        defaults={
            "venture_type": VentureType.SOCIAL_VENTURE,
            "stage": VentureStage.PROBLEM_SOLUTION_FIT,
            "founders_society": FoundersSociety.ARAB,
            "description": "מיזם לדוגמה בסביבת ההדגמה; אינו מיזם אמיתי.",
        },
    )
    return venture


def _applicant_user(venture: Venture) -> User:
    """Who filled the application: the venture's entrepreneur login, or a demo one
    without a password."""
    held = (
        RoleAssignment.objects.filter(role=Role.ENTREPRENEUR, venture=venture)
        .select_related("user")
        .first()
    )
    if held is not None:
        return held.user
    email = f"venture-{venture.pk}@applicants.demo.kaveret.local"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=f"{venture.name} (הדגמה)")
    RoleAssignment.objects.get_or_create(user=user, role=Role.ENTREPRENEUR, venture=venture)
    return user


def _form(call: Call) -> FormVersion:
    version, _ = FormVersion.objects.get_or_create(
        call=call, number=1, defaults={"frozen_at": call.opens_at}
    )
    for order, (key, kind, label, limit) in enumerate(QUESTIONS):
        Question.objects.update_or_create(
            version=version,
            key=key,
            defaults={
                "order": order,
                "kind": kind,
                "label": label,
                "required": key in {"pitch", "population"},
                "max_length": limit,
                "min_value": Decimal(0) if kind == QuestionKind.NUMBER else None,
                "file_types": ["pdf"] if kind == QuestionKind.FILE else [],
                "max_file_mb": 10 if kind == QuestionKind.FILE else None,
            },
        )
    return version


def _rubric(call: Call) -> list[RubricCriterion]:
    return [
        RubricCriterion.objects.update_or_create(
            call=call,
            order=order,
            defaults={"name": name, "name_en": name_en, "weight": Decimal(weight)},
        )[0]
        for order, (name, name_en, weight) in enumerate(VENTURE_CRITERIA)
    ]


def _application(
    spec: ApplicantSpec,
    call: Call,
    version: FormVersion,
    criteria: list[RubricCriterion],
    reviewers: list[User],
    manager: User,
    ventures: dict[str, Venture],
) -> Application:
    venture = _venture(spec.venture, ventures)
    status: str = {
        Outcome.ACCEPT.value: ApplicationStatus.ACCEPTED,
        Outcome.REJECT.value: ApplicationStatus.REJECTED,
        Outcome.WAITLIST.value: ApplicationStatus.WAITLISTED,
    }.get(spec.outcome or "", ApplicationStatus.SUBMITTED)
    application, _ = Application.objects.update_or_create(
        call=call,
        actor=venture,
        defaults={
            "form_version": version,
            "applicant_kind": ApplicantKind.VENTURE,
            "created_by": _applicant_user(venture),
            "status": status,
            "answers": spec.answers,
            "eligibility_result": {"eligible": True, "reasons": []},
            "submitted_at": call.deadline - datetime.timedelta(days=3),
        },
    )
    for reviewer, row in zip(reviewers, spec.scores, strict=False):
        recommendation = (
            Recommendation.ACCEPT
            if sum(row) / len(row) >= 4
            else Recommendation.WAITLIST
            if sum(row) / len(row) >= 3
            else Recommendation.REJECT
        )
        review, _ = Review.objects.update_or_create(
            application=application,
            reviewer=reviewer,
            defaults={
                "assigned_by": manager,
                "status": ReviewStatus.SUBMITTED,
                "recommendation": recommendation,
                "submitted_at": call.deadline + datetime.timedelta(days=5),
            },
        )
        for criterion, score in zip(criteria, row, strict=True):
            ReviewScore.objects.update_or_create(
                review=review, criterion=criterion, defaults={"score": score}
            )
    if spec.outcome and not application.decisions.filter(reversed_at__isnull=True).exists():
        Decision.objects.create(
            application=application, outcome=spec.outcome, reason=spec.reason, decided_by=manager
        )
    if spec.grant is not None:
        grant, _ = Grant.objects.update_or_create(
            application=application, defaults={"amount": spec.grant, "created_by": manager}
        )
        for order, (title, days, amount, outcome) in enumerate(spec.milestones):
            Milestone.objects.update_or_create(
                grant=grant,
                order=order,
                defaults={
                    "title": title,
                    "due_on": _at(days).date(),
                    "amount": amount,
                    "outcome_measure": outcome,
                },
            )
    return application


def load_calls_demo(communities: dict[str, Community], ventures: dict[str, Venture]) -> int:
    """Load the demo calls with their applications; returns how many calls."""
    managers = {
        assignment.community_id: assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.COMMUNITY_MANAGER, community__in=communities.values()
        ).select_related("user")
    }
    for spec in CALLS:
        community = communities[spec.community]
        reviewers = _reviewers(community)
        manager = managers.get(community.pk) or reviewers[0]
        call, _ = Call.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "title_en": spec.title_en,
                "summary": spec.summary,
                "description": spec.description,
                "mechanism": spec.mechanism,
                "offers": list(spec.offers),
                "community": community,
                "eligibility": spec.eligibility,
                "opens_at": _at(-spec.opened_days_ago, 9),
                "deadline": _at(spec.deadline_in_days, 23).replace(minute=59),
                "budget": spec.budget,
                "reviews_per_application": 2,
                "is_published": True,
                "published_at": _at(-spec.opened_days_ago, 9),
                "created_by": manager,
            },
        )
        call.reviewers.set(reviewers)
        call.challenges.set(Challenge.objects.filter(slug__in=spec.challenges))
        version = _form(call)
        criteria = _rubric(call)
        for applicant in spec.applicants:
            _application(applicant, call, version, criteria, reviewers, manager, ventures)
    return len(CALLS)
