"""The demo communities' events: the two conferences seed 000 reports, and upcoming
meetings in the forms it names (roundtables, the EmployTech innovation lab's monthly
sessions, an Extreme TechAbility matchmaking round, an AgingIL meetup).

The past conferences keep the month the seed gives (May 2022, the end of 2023); the
seed names no day, so the 15th is used. Upcoming events are placed relative to the day
the demo is loaded, so a fresh demo always has something to register for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Community, Event, EventKind

ISRAEL = ZoneInfo("Asia/Jerusalem")


@dataclass(frozen=True)
class EventSpec:
    community: str
    kind: str
    title: str
    description: str
    place: str = ""
    online_link: str = ""
    capacity: int | None = None
    accessibility: str = ""
    # Either a fixed local date, or a number of days from today.
    on: datetime.date | None = None
    in_days: int = 0
    hour: int = 17
    hours: int = 2


ACCESSIBLE_VENUE = "המקום נגיש לכיסאות גלגלים; תרגום לשפת הסימנים לפי בקשה מראש."

EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        community="employtech",
        kind=EventKind.CONFERENCE,
        title="כנס אקו-סיסטמי של קהילת EmployTech",
        description=(
            "הכנס התקיים במאי 2022 ומטרתו הייתה חיבור שחקנים נוספים וקיימים לשדה החדשנות "
            "החברתית-תעסוקתית."
        ),
        place="תל אביב",
        on=datetime.date(2022, 5, 15),
        hour=9,
        hours=7,
    ),
    EventSpec(
        community="techability",
        kind=EventKind.CONFERENCE,
        title="כנס TechAbility 2023",
        description=(
            "סקירה על מגמות בהשקעה בתחום בריאות הנפש, חידושים שעשויים לצמוח מהשילוב בין "
            "AI ליכולות אנושיות, ודיון במיזמים טכנולוגיים קיימים עם פתרונות שוברי שוויון "
            "לאתגרי השיקום והטיפול."
        ),
        place="תל אביב",
        on=datetime.date(2023, 12, 15),
        hour=9,
        hours=7,
    ),
    EventSpec(
        community="techability",
        kind=EventKind.ROUNDTABLE,
        title="שולחן עגול: בינה מלאכותית ובריאות הנפש",
        description=(
            "שולחן עגול לחברי הקהילה: ארגונים, יזמים ואנשי מקצוע משתפים אתגרים ופתרונות "
            "בשילוב AI ביכולות אנושיות בשיקום ובטיפול."
        ),
        place="הכוורת, ירושלים",
        capacity=12,
        accessibility=ACCESSIBLE_VENUE,
        in_days=10,
    ),
    EventSpec(
        community="techability",
        kind=EventKind.MATCHMAKING,
        title="Extreme TechAbility: שידוכים עמוקים",
        description=(
            "72 שעות של 'שידוכים עמוקים' בין עשרה סטארטאפים לעשרה ארגונים: הארגונים "
            "משמשים שותפי עיצוב (Design Partners) ונותנים פידבק על הפתרון, ומתוך השידוכים "
            "נולדים חוזים להתנסות בתוך הארגונים."
        ),
        place="הכוורת, ירושלים",
        capacity=20,
        accessibility=ACCESSIBLE_VENUE,
        in_days=30,
        hour=9,
        hours=72,
    ),
    EventSpec(
        community="employtech",
        kind=EventKind.LAB_SESSION,
        title="מעבדת החדשנות של EmployTech: מפגש חודשי",
        description=(
            "אחד משמונה מפגשים חודשיים של המעבדה, המחברת יזמים שפיתחו מוצר בשל בתעסוקת "
            "צעירים עם מנהלי פיתוח ידע, הדרכה ופיתוח מקצועי בעלי סמכות להחליט על פיילוטים. "
            "במפגש: מידול תהליך ליווי תעסוקתי לצעירים מבוסס כישורים."
        ),
        online_link="https://meet.kaveret.local/employtech-lab",
        capacity=25,
        in_days=14,
        hour=10,
    ),
    EventSpec(
        community="agingil",
        kind=EventKind.MEETUP,
        title="מיטאפ AgingIL: טכנולוגיה לזקנה מיטבית",
        description=(
            "מיטאפ לחברי הקהילה להישאר מעודכנים בפתרונות טכנולוגיים וחדשניים לאתגרי "
            "האוכלוסייה המבוגרת, ולהכיר יזמים וארגונים חדשים."
        ),
        place="תל אביב",
        online_link="https://meet.kaveret.local/agingil-meetup",
        accessibility=ACCESSIBLE_VENUE,
        in_days=21,
        hour=18,
    ),
)


def _starts_at(spec: EventSpec) -> datetime.datetime:
    day = spec.on or (timezone.localdate(timezone.now(), ISRAEL) + datetime.timedelta(spec.in_days))
    return datetime.datetime.combine(day, datetime.time(spec.hour), tzinfo=ISRAEL)


def load_events_demo(communities: dict[str, Community]) -> int:
    """Create or update the demo events (by community and title); returns how many."""
    for spec in EVENTS:
        starts_at = _starts_at(spec)
        Event.objects.update_or_create(
            community=communities[spec.community],
            title=spec.title,
            defaults={
                "kind": spec.kind,
                "description": spec.description,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=spec.hours),
                "place": spec.place,
                "online_link": spec.online_link,
                "capacity": spec.capacity,
                "accessibility": spec.accessibility,
                "is_published": True,
            },
        )
    return len(EVENTS)
