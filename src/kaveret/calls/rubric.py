"""A call's rubric: criteria with weights and a scale, frozen once reviews exist.

Seed 001 ("בחירת המיזם") names six criteria for choosing a venture; staff may start a
rubric from them in one click and then adjust names, weights and scales.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError

from . import audit
from .models import Call, Review, RubricCriterion
from .rules import runs_call

# (Hebrew name, English name, Arabic name, what to look for) — seed 001, "בחירת המיזם".
SEED_001_CRITERIA: tuple[tuple[str, str, str, str], ...] = (
    (
        "התאמה אסטרטגית וערכית",
        "Strategic and value fit",
        "الملاءمة الاستراتيجية والقيمية",
        "חיבור למהות וליעדים של הארגון.",
    ),
    (
        "פוטנציאל השפעה",
        "Impact potential",
        "إمكانية التأثير",
        "תרומה מהותית למשתמשים, למערכת או לקהילה.",
    ),
    (
        "שילוביות והתאמה טכנולוגית",
        "Integration and technological fit",
        "قابلية الدمج والملاءمة التكنولوجية",
        "יכולת להשתלב במערכות קיימות ובהקשרים רגולטוריים.",
    ),
    (
        "איכות הצוות היזמי",
        "Quality of the founding team",
        "جودة الفريق الريادي",
        "מחויבות, ניסיון, ויכולת ללמידה משותפת.",
    ),
    (
        "מחויבות ארגונית פנימית",
        "Internal organisational commitment",
        "الالتزام التنظيمي الداخلي",
        'קיומו של "שגריר" מתוך הארגון שיקדם את המהלך.',
    ),
    (
        "יתרון יחסי של המיזם",
        "The venture's relative advantage",
        "الميزة النسبية للمبادرة",
        "חדשנות, ייחודיות או פתרון שמציע ערך מוסף ברור ביחס לחלופות.",
    ),
)

# Bounds of a scale's ends and of a weight (the weight column: 6 digits, 2 decimal places).
SCALE_CEILING = 100
WEIGHT_CEILING = Decimal(10000)

CRITERION_FIELDS = ("name", "name_en", "name_ar", "description", "weight", "scale_min", "scale_max")


def rubric_is_frozen(call: Call) -> bool:
    """Whether reviews exist for the call: its rubric may then no longer change."""
    return Review.objects.filter(application__call=call).exists()


def _check_may_change(by: Any, call: Call) -> None:
    """Refuse unless ``by`` runs the call and no review exists yet. Call inside the
    service's transaction: it locks the call's row, as assigning reviewers does, so no
    review can be created between this check and the change."""
    if not runs_call(by, call):
        raise PermissionDenied
    Call.objects.select_for_update().filter(pk=call.pk).first()
    if rubric_is_frozen(call):
        raise DomainError(
            _("Reviews have started, so the rubric can no longer change."), code="rubric_frozen"
        )


def _score(value: Any, default: int, field: str, errors: dict[str, str]) -> int:
    """A scale end as a whole number from 0 to SCALE_CEILING (the default when empty)."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        number = -1
    if not 0 <= number <= SCALE_CEILING:
        errors[field] = _("A score must be a whole number from 0 to %(ceiling)s.") % {
            "ceiling": SCALE_CEILING
        }
        return default
    return number


def clean_criterion(values: dict[str, Any]) -> dict[str, Any]:
    """The criterion's values checked: a name, a weight above 0, a scale low to high."""
    errors: dict[str, str] = {}
    cleaned = {field: values.get(field) for field in CRITERION_FIELDS if field in values}
    for field in ("name", "name_en", "name_ar", "description"):
        if field in cleaned:
            cleaned[field] = (cleaned[field] or "").strip()
    if not cleaned.get("name"):
        errors["name"] = _("Give the criterion a name in Hebrew.")
    try:
        weight = Decimal(str(cleaned.get("weight", 1)))
    except (InvalidOperation, ValueError):
        weight = Decimal(0)
    if not weight.is_finite() or weight >= WEIGHT_CEILING:
        errors["weight"] = _("The weight must be below %(ceiling)s.") % {"ceiling": WEIGHT_CEILING}
        weight = Decimal(1)
    elif not weight > 0:
        errors["weight"] = _("The weight must be greater than 0.")
    cleaned["weight"] = weight
    low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
    scale_min = _score(low, 1, "scale_min", errors)
    scale_max = _score(high, 5, "scale_max", errors)
    if scale_min < 0:
        errors["scale_min"] = _("The lowest score cannot be negative.")
    elif scale_max <= scale_min and "scale_max" not in errors:
        errors["scale_max"] = _("The highest score must be above the lowest score.")
    cleaned["scale_min"], cleaned["scale_max"] = scale_min, scale_max
    if errors:
        raise DomainError(errors)
    return cleaned


@transaction.atomic
def add_criterion(*, by: Any, call: Call, **values: Any) -> RubricCriterion:
    """Add a criterion at the end of the rubric. Raises PermissionDenied or DomainError."""
    _check_may_change(by, call)
    cleaned = clean_criterion(values)
    last = call.criteria.aggregate(last=Max("order"))["last"]
    criterion = RubricCriterion.objects.create(
        call=call, order=0 if last is None else last + 1, **cleaned
    )
    audit.record(
        call=call,
        by=by,
        action="criterion_added",
        obj=criterion,
        summary=f"נוסף קריטריון: {criterion.name}",
        changes=audit.diff({}, cleaned),
    )
    return criterion


@transaction.atomic
def update_criterion(*, by: Any, criterion: RubricCriterion, **values: Any) -> RubricCriterion:
    """Change a criterion's name, weight or scale. Raises PermissionDenied or DomainError."""
    _check_may_change(by, criterion.call)
    before = {field: getattr(criterion, field) for field in CRITERION_FIELDS}
    cleaned = clean_criterion({**before, **values})
    for field, value in cleaned.items():
        setattr(criterion, field, value)
    criterion.save(update_fields=list(cleaned))
    audit.record(
        call=criterion.call,
        by=by,
        action="criterion_changed",
        obj=criterion,
        summary=f"שונה קריטריון: {criterion.name}",
        changes=audit.diff(before, cleaned),
    )
    return criterion


@transaction.atomic
def delete_criterion(*, by: Any, criterion: RubricCriterion) -> None:
    """Remove a criterion from the rubric. Raises PermissionDenied or DomainError."""
    call = criterion.call
    _check_may_change(by, call)
    audit.record(
        call=call,
        by=by,
        action="criterion_deleted",
        obj=criterion,
        summary=f"נמחק קריטריון: {criterion.name}",
        changes={"name": [criterion.name, None]},
    )
    criterion.delete()


@transaction.atomic
def move_criterion(*, by: Any, criterion: RubricCriterion, direction: str) -> None:
    """Move a criterion one place up or down in the rubric."""
    call = criterion.call
    _check_may_change(by, call)
    criteria = list(call.criteria.order_by("order", "pk"))
    index = next(i for i, item in enumerate(criteria) if item.pk == criterion.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(criteria):
        return
    criteria[index], criteria[other] = criteria[other], criteria[index]
    for order, item in enumerate(criteria):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])
    audit.record(
        call=call,
        by=by,
        action="criterion_moved",
        obj=criterion,
        summary=f"הוזז קריטריון: {criterion.name}",
    )


@transaction.atomic
def start_from_seed_criteria(*, by: Any, call: Call) -> list[RubricCriterion]:
    """Fill an empty rubric with seed 001's six venture criteria (weight 1, scale 1–5)."""
    _check_may_change(by, call)
    if call.criteria.exists():
        raise DomainError(
            _("The rubric already has criteria; remove them first to start from seed 001."),
            code="rubric_not_empty",
        )
    created = RubricCriterion.objects.bulk_create(
        RubricCriterion(
            call=call, order=order, name=name, name_en=name_en, name_ar=name_ar, description=text
        )
        for order, (name, name_en, name_ar, text) in enumerate(SEED_001_CRITERIA)
    )
    audit.record(
        call=call,
        by=by,
        action="rubric_started_from_seed",
        summary="המחוון נפתח בששת קריטריוני בחירת המיזם (מסמך 001)",
        changes={"criteria": [[], [name for name, *_rest in SEED_001_CRITERIA]]},
    )
    return created


def criterion_name(criterion: RubricCriterion, language: str) -> str:
    """The criterion's name in the language, falling back to Hebrew."""
    if language.startswith("en") and criterion.name_en:
        return criterion.name_en
    if language.startswith("ar") and criterion.name_ar:
        return criterion.name_ar
    return criterion.name
