"""Writes of the portfolio: plans, areas, programmes, yearly targets and budget lines.

Each function checks who may write (``rules.edits_portfolio`` on the plan; raises
``PermissionDenied``), validates (raises a translated ``DomainError`` keyed by field) and
runs in one transaction. Totals are never written: ``portfolio.plan_totals`` computes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError

from . import rules
from .models import Area, BudgetLine, Indicator, MapTag, Programme, Target, WorkPlan

PLAN_FIELDS = (
    "year",
    "title",
    "title_en",
    "organisation",
    "community",
    "opening_letter",
    "opening_signature",
    "background",
    "currency",
    "budget_note",
    "is_published",
)
AREA_FIELDS = ("name", "name_en", "name_ar", "slug", "order", "description")
PROGRAMME_FIELDS = (
    "area",
    "slug",
    "order",
    "title",
    "title_en",
    "background",
    "main_goal",
    "partners_text",
    "community",
    "map_tags",
    "owner",
)
TARGET_FIELDS = ("text", "order", "indicator")
LINE_FIELDS = ("area", "programme", "label", "inside", "outside")


def _require_edit(by: Any, plan: WorkPlan | None) -> None:
    if not rules.edits_portfolio(by, plan):
        raise PermissionDenied(_("You do not have permission to do this."))


def _set(instance: Model, values: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise DomainError({name: _("This field cannot be changed here.") for name in unknown})
    for name, value in values.items():
        setattr(instance, name, value)


def _clean(instance: Model, exclude: Iterable[str] = ()) -> None:
    try:
        # uniqueness and the check constraints are checked by the callers, with messages
        # on the field they concern
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise DomainError(error.message_dict) from error


def _unique_slug(model: type[Model], plan: WorkPlan, text: str, pk: int | None) -> str:
    base = slugify(text, allow_unicode=True)[:70] or "item"
    if base == "new":  # "new/" is the address of the form that adds one
        base = "new-1"
    slug, number = base, 2
    while model._default_manager.filter(plan=plan, slug=slug).exclude(pk=pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _money(errors: dict[str, Any], name: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        errors[name] = _("Enter an amount.")
        return Decimal(0)
    if not amount.is_finite():
        errors[name] = _("Enter an amount.")
        return Decimal(0)
    if amount < 0:
        errors[name] = _("An amount cannot be negative.")
    return amount


# --- plans ----------------------------------------------------------------------------


def save_plan(*, by: Any, values: dict[str, Any], plan: WorkPlan | None = None) -> WorkPlan:
    """Create a work plan (``plan`` None) or change one. A plan is created for, or moved to,
    a community its author runs (platform admins: any community, or none)."""
    if plan is not None:
        _require_edit(by, plan)
    community = values.get("community", plan.community if plan is not None else None)
    if (plan is None or community != plan.community) and not rules.may_create_plan(by, community):
        if not rules.offers_new_plan(by):
            raise PermissionDenied(_("You do not have permission to do this."))
        raise DomainError({"community": _("Choose a community you run.")})
    with transaction.atomic():
        instance = plan or WorkPlan()
        _set(instance, values, PLAN_FIELDS)
        instance.currency = (instance.currency or "USD").upper()
        _clean(instance)
        if (
            WorkPlan.objects.filter(organisation_id=instance.organisation_id, year=instance.year)
            .exclude(pk=instance.pk)
            .exists()
        ):
            raise DomainError({"year": _("This organisation already has a plan for that year.")})
        instance.save()
        return instance


# --- areas ----------------------------------------------------------------------------


def save_area(*, by: Any, plan: WorkPlan, values: dict[str, Any], area: Area | None = None) -> Area:
    """Add an area to ``plan`` or change one of its areas."""
    _require_edit(by, plan)
    if area is not None and area.plan_id != plan.pk:
        raise DomainError(_("This area belongs to another plan."))
    with transaction.atomic():
        instance = area or Area(plan=plan)
        _set(instance, values, AREA_FIELDS)
        if not instance.slug:
            instance.slug = _unique_slug(Area, plan, instance.name_en or instance.name, instance.pk)
        _clean(instance, exclude=["plan"])
        if (
            instance.slug == "new"
            or Area.objects.filter(plan=plan, slug=instance.slug).exclude(pk=instance.pk).exists()
        ):
            raise DomainError({"slug": _("Another area of this plan has this address.")})
        instance.save()
        return instance


# --- programmes -----------------------------------------------------------------------


def _valid_tags(tags: Any) -> list[str]:
    if tags in (None, ""):
        return []
    if not isinstance(tags, list | tuple) or any(tag not in MapTag.values for tag in tags):
        raise DomainError({"map_tags": _("Choose MAP tags from the list.")})
    return [tag for tag in MapTag.values if tag in tags]


def save_programme(
    *,
    by: Any,
    plan: WorkPlan,
    values: dict[str, Any],
    programme: Programme | None = None,
    partners: Iterable[Any] | None = None,
) -> Programme:
    """Add a programme to an area of ``plan`` or change one; ``partners`` (registry actors)
    replace the programme's partners when given."""
    _require_edit(by, plan)
    if programme is not None and programme.plan_id != plan.pk:
        raise DomainError(_("This programme belongs to another plan."))
    with transaction.atomic():
        instance = programme or Programme(plan=plan)
        _set(instance, values, PROGRAMME_FIELDS)
        if "map_tags" in values:
            instance.map_tags = _valid_tags(values["map_tags"])
        area = instance.area if instance.area_id else None
        if area is None:
            raise DomainError({"area": _("Choose the programme's area.")})
        if area.plan_id != plan.pk:
            raise DomainError({"area": _("The area must belong to the same plan.")})
        if not instance.slug:
            instance.slug = _unique_slug(
                Programme, plan, instance.title_en or instance.title, instance.pk
            )
        _clean(instance, exclude=["plan", "partners"])
        if (
            instance.slug == "new"
            or Programme.objects.filter(plan=plan, slug=instance.slug)
            .exclude(pk=instance.pk)
            .exists()
        ):
            raise DomainError({"slug": _("Another programme of this plan has this address.")})
        instance.save()
        if partners is not None:
            instance.partners.set(list(partners))
        return instance


# --- targets --------------------------------------------------------------------------


def _check_indicator(by: Any, programme: Programme, indicator: Indicator | None) -> None:
    if indicator is None:
        return
    if indicator.programme_id not in (None, programme.pk) or not rules.can_view_indicator(
        by, indicator
    ):
        raise DomainError(
            {"indicator": _("Choose an indicator of this programme or a shared one.")}
        )


def save_target(
    *, by: Any, programme: Programme, values: dict[str, Any], target: Target | None = None
) -> Target:
    """Add a yearly target to ``programme`` or change one (text, order, indicator)."""
    _require_edit(by, programme.plan)
    if target is not None and target.programme_id != programme.pk:
        raise DomainError(_("This target belongs to another programme."))
    with transaction.atomic():
        instance = target or Target(programme=programme)
        _set(instance, values, TARGET_FIELDS)
        instance.text = (instance.text or "").strip()
        if not instance.text:
            raise DomainError({"text": _("Write the target.")})
        if instance.pk is None and "order" not in values:
            instance.order = Target.objects.filter(programme=programme).count() + 1
        _check_indicator(by, programme, instance.indicator)
        _clean(instance, exclude=["programme"])
        instance.save()
        return instance


def delete_target(*, by: Any, target: Target) -> None:
    _require_edit(by, target.programme.plan)
    with transaction.atomic():
        target.delete()


# --- budget lines ---------------------------------------------------------------------


def save_budget_line(
    *, by: Any, plan: WorkPlan, values: dict[str, Any], line: BudgetLine | None = None
) -> BudgetLine:
    """Add a budget line to ``plan`` or change one. Amounts are non-negative; the area and
    the programme belong to the plan, and the programme to the area."""
    _require_edit(by, plan)
    if line is not None and line.plan_id != plan.pk:
        raise DomainError(_("This line belongs to another plan."))
    with transaction.atomic():
        instance = line or BudgetLine(plan=plan)
        _set(instance, values, LINE_FIELDS)
        errors: dict[str, Any] = {}
        instance.inside = _money(errors, "inside", instance.inside)
        instance.outside = _money(errors, "outside", instance.outside)
        programme = instance.programme
        if programme is not None and programme.plan_id != plan.pk:
            errors["programme"] = _("The programme must belong to the same plan.")
        elif programme is not None and not instance.area_id:
            instance.area = programme.area
        if not instance.area_id:
            errors["area"] = _("Choose the area.")
        elif instance.area.plan_id != plan.pk:
            errors["area"] = _("The area must belong to the same plan.")
        elif programme is not None and programme.area_id != instance.area_id:
            errors["programme"] = _("The programme belongs to another area.")
        if errors:
            raise DomainError(errors)
        _clean(instance, exclude=["plan"])
        instance.save()
        return instance


def delete_budget_line(*, by: Any, line: BudgetLine) -> None:
    _require_edit(by, line.plan)
    with transaction.atomic():
        line.delete()
