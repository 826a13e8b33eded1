"""The vocabularies of the demo: domains, target populations, technologies and regions.

Each term is (slug, Hebrew, English, Arabic). The lists follow DESIGN.md and the fields the
seed documents work in (disability, employment, aging, mental health and resilience...).
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    slug: str
    name: str
    name_en: str
    name_ar: str


DOMAINS: tuple[Term, ...] = (
    Term("disability", "מוגבלות", "Disability", "الإعاقة"),
    Term("employment", "תעסוקה", "Employment", "التشغيل"),
    Term("aging", "הזדקנות מיטבית", "Aging", "الشيخوخة"),
    Term(
        "mental-health",
        "בריאות הנפש וחוסן",
        "Mental health and resilience",
        "الصحة النفسية والمناعة",
    ),
    Term("education", "חינוך", "Education", "التعليم"),
    Term(
        "technological-education",
        "השכלה טכנולוגית",
        "Technological education",
        "التعليم التكنولوجي",
    ),
    Term("health", "בריאות", "Health", "الصحة"),
    Term("welfare-family", "רווחה ומשפחה", "Welfare and family", "الرفاه والعائلة"),
    Term("community", "קהילה", "Community", "المجتمع"),
    Term("digital", "דיגיטל", "Digital", "الرقمنة"),
    Term("regional-development", "פיתוח אזורי", "Regional development", "التنمية الإقليمية"),
    Term("rehabilitation", "שיקום", "Rehabilitation", "التأهيل"),
    Term("violence-prevention", "מניעת אלימות", "Violence prevention", "منع العنف"),
    Term("impact-investing", "השקעות אימפקט", "Impact investing", "الاستثمار المؤثر"),
)

TARGET_POPULATIONS: tuple[Term, ...] = (
    Term(
        "people-with-disabilities",
        "אנשים עם מוגבלות",
        "People with disabilities",
        "الأشخاص ذوو الإعاقة",
    ),
    Term("older-people", "אזרחים ותיקים", "Older people", "كبار السن"),
    Term("youth-at-risk", "נוער בסיכון", "Youth at risk", "الشباب في خطر"),
    Term("young-adults", "צעירים וצעירות", "Young adults", "الشباب"),
    Term("children-at-risk", "ילדים בסיכון", "Children at risk", "الأطفال في خطر"),
    Term("arab-society", "החברה הערבית", "Arab society", "المجتمع العربي"),
    Term("haredi-society", "החברה החרדית", "Haredi society", "المجتمع الحريدي"),
    Term("bedouin-society", "החברה הבדואית", "Bedouin society", "المجتمع البدوي"),
    Term(
        "ethiopian-israelis",
        "יוצאי אתיופיה",
        "Ethiopian-origin Israelis",
        "الإسرائيليون من أصل إثيوبي",
    ),
    Term(
        "single-parent-families",
        "משפחות חד-הוריות",
        "Single-parent families",
        "العائلات أحادية الوالد",
    ),
    Term("asylum-seekers", "מבקשי מקלט", "Asylum seekers", "طالبو اللجوء"),
    Term(
        "reservists",
        "משרתי מילואים ומשפחותיהם",
        "Reservists and their families",
        "جنود الاحتياط وعائلاتهم",
    ),
    Term(
        "mental-distress",
        "אנשים המתמודדים עם מצוקה נפשית",
        "People in mental distress",
        "أشخاص يعانون من ضائقة نفسية",
    ),
    Term("women", "נשים", "Women", "النساء"),
    Term("job-seekers", "דורשי עבודה", "Job seekers", "الباحثون عن عمل"),
    Term("students", "תלמידים וסטודנטים", "Pupils and students", "التلاميذ والطلاب"),
    Term(
        "professionals",
        "אנשי מקצוע בשירותים החברתיים",
        "Social-services professionals",
        "مهنيو الخدمات الاجتماعية",
    ),
)

TECHNOLOGIES: tuple[Term, ...] = (
    Term("ai", "בינה מלאכותית", "Artificial intelligence", "الذكاء الاصطناعي"),
    Term("digital-platform", "פלטפורמה דיגיטלית", "Digital platform", "منصة رقمية"),
    Term("mobile-app", "אפליקציה", "Mobile app", "تطبيق"),
    Term(
        "ar-vr", "מציאות רבודה ומדומה", "Augmented and virtual reality", "الواقع المعزز والافتراضي"
    ),
    Term("gamification", "משחוק", "Gamification", "التلعيب"),
    Term("simulation", "סימולציה", "Simulation", "المحاكاة"),
    Term("data-analytics", "ניתוח נתונים", "Data analytics", "تحليل البيانات"),
    Term(
        "assistive-technology", "טכנולוגיה מסייעת", "Assistive technology", "التكنولوجيا المساعدة"
    ),
    Term("telehealth", "רפואה מרחוק", "Telehealth", "الطب عن بعد"),
    Term("robotics", "רובוטיקה", "Robotics", "الروبوتات"),
)

REGIONS: tuple[Term, ...] = (
    Term("north", "צפון", "North", "الشمال"),
    Term("haifa", "חיפה", "Haifa", "حيفا"),
    Term("centre", "מרכז", "Centre", "المركز"),
    Term("tel-aviv", "תל אביב", "Tel Aviv", "تل أبيب"),
    Term("jerusalem", "ירושלים", "Jerusalem", "القدس"),
    Term("south", "דרום", "South", "الجنوب"),
    Term("judea-samaria", "יהודה ושומרון", "Judea and Samaria", "يهودا والسامرة"),
    Term("nationwide", "ארצי", "Nationwide", "قطري"),
)
