"""Writing calls: create, change, publish and unpublish, each recorded in the audit.

Who: a call's staff (``rules.runs_call``); creating one takes staff of the chosen community
or a platform admin (a call with no community is the admins'). Dates: ``opens_at`` and
``deadline`` are aware datetimes (forms read them in Israel time, Asia/Jerusalem).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.models import Community
from kaveret.communities.rules import runs_community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import FoundersSociety, OrganisationKind, VentureStage, VentureType
from kaveret.ecosystem.models import Domain, Region, TargetPopulation

from . import audit
from .form_builder import current_form
from .models import ApplicantKind, Call, Grant, Mechanism, Offer
from .rules import runs_call

CALL_FIELDS = (
    "title",
    "title_en",
    "title_ar",
    "summary",
    "description",
    "mechanism",
    "offers",
    "community",
    "eligibility",
    "opens_at",
    "deadline",
    "review_ends_on",
    "decision_on",
    "budget",
    "reviews_per_application",
)
RELATED_FIELDS = ("challenges", "reviewers")
# The budget column holds 14 digits, 2 of them after the point.
BUDGET_CEILING = Decimal(10) ** 12

# The eligibility keys of models.py's docstring and where their values come from.
ELIGIBILITY_CHOICES: dict[str, Any] = {
    "applicant_kinds": ApplicantKind,
    "venture_types": VentureType,
    "stages": VentureStage,
    "founders_societies": FoundersSociety,
    "organisation_kinds": OrganisationKind,
}
ELIGIBILITY_TAXONOMIES: dict[str, Any] = {
    "domains": Domain,
    "populations": TargetPopulation,
    "regions": Region,
}
ELIGIBILITY_KEYS = (*ELIGIBILITY_CHOICES, *ELIGIBILITY_TAXONOMIES)


def may_create_call(user: Any, community: Community | None) -> bool:
    if is_platform_admin(user):
        return True
    return community is not None and bool(runs_community(user, community))


def clean_eligibility(rules: dict[str, Any] | None) -> dict[str, list[str]]:
    """The eligibility rules with known keys and values only; empty lists dropped.

    Raises DomainError naming the unknown key or value.
    """
    cleaned: dict[str, list[str]] = {}
    for key, values in (rules or {}).items():
        if key not in ELIGIBILITY_KEYS:
            raise DomainError(
                {"eligibility": _("“%(key)s” is not an eligibility rule.") % {"key": key}}
            )
        items = [str(value) for value in (values or []) if str(value)]
        if not items:
            continue
        if key in ELIGIBILITY_CHOICES:
            known = set(ELIGIBILITY_CHOICES[key].values)
        else:
            model = ELIGIBILITY_TAXONOMIES[key]
            known = set(model.objects.filter(slug__in=items).values_list("slug", flat=True))
        unknown = [item for item in items if item not in known]
        if unknown:
            raise DomainError(
                {
                    "eligibility": _("Unknown values in the eligibility rules: %(values)s.")
                    % {"values": ", ".join(unknown)}
                }
            )
        cleaned[key] = sorted(set(items), key=items.index)
    return cleaned


def _check_values(values: dict[str, Any]) -> None:
    """The timeline in order, a budget of 0 or more, at least one review, known choices."""
    errors: dict[str, str] = {}
    opens_at, deadline = values.get("opens_at"), values.get("deadline")
    if opens_at is not None and timezone.is_naive(opens_at):
        errors["opens_at"] = _("The opening time needs a time zone.")
    if deadline is not None and timezone.is_naive(deadline):
        errors["deadline"] = _("The deadline needs a time zone.")
    if opens_at and deadline and not errors and deadline <= opens_at:
        errors["deadline"] = _("The deadline must be after the call opens.")
    decision_on = values.get("decision_on")
    if decision_on and deadline and not errors:
        deadline_day = timezone.localtime(deadline, _israel()).date()
        if decision_on < deadline_day:
            errors["decision_on"] = _("Decisions cannot come before the deadline.")
    review_ends_on = values.get("review_ends_on")
    if review_ends_on and decision_on and review_ends_on > decision_on:
        errors["review_ends_on"] = _("Reviews must end by the decision date.")
    try:
        budget = Decimal(str(values.get("budget", 0)))
    except (InvalidOperation, ValueError):
        budget = Decimal(-1)
    if not budget.is_finite() or budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    elif budget >= BUDGET_CEILING or budget != budget.quantize(Decimal("0.01")):
        errors["budget"] = _(
            "Enter a budget below 1,000,000,000,000 with at most 2 decimal places."
        )
    if int(values.get("reviews_per_application") or 0) < 1:
        errors["reviews_per_application"] = _("Each application needs at least one review.")
    if values.get("mechanism") not in Mechanism.values:
        errors["mechanism"] = _("Choose a mechanism.")
    if any(offer not in Offer.values for offer in values.get("offers") or []):
        errors["offers"] = _("Choose what the call offers from the list.")
    if not (values.get("title") or "").strip():
        errors["title"] = _("Give the call a title in Hebrew.")
    if errors:
        raise DomainError(errors)


def _israel() -> datetime.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Jerusalem")


# Addresses under /calls/ that name pages, not calls.
RESERVED_SLUGS = frozenset({"new", "feed", "mine"})


def _unique_slug(call_title_en: str, title: str) -> str:
    base = slugify(call_title_en)[:100] or slugify(title)[:100] or "call"
    slug, number = base, 2
    if slug in RESERVED_SLUGS:
        slug = f"{base}-call"
    while Call.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _snapshot(call: Call) -> dict[str, Any]:
    values = {field: getattr(call, field) for field in CALL_FIELDS if field != "community"}
    values["community"] = call.community_id
    if call.pk:
        values["challenges"] = sorted(call.challenges.values_list("slug", flat=True))
        values["reviewers"] = sorted(call.reviewers.values_list("email", flat=True))
    return values


@transaction.atomic
def create_call(*, by: Any, **values: Any) -> Call:
    """Open a new call, unpublished, with an empty form (version 1).

    Raises PermissionDenied unless ``by`` runs the chosen community (or is an admin), and
    DomainError when a value breaks a rule.
    """
    community = values.get("community")
    if not may_create_call(by, community):
        raise PermissionDenied
    values.setdefault("reviews_per_application", 2)
    values.setdefault("budget", Decimal(0))
    values["eligibility"] = clean_eligibility(values.get("eligibility"))
    _check_values(values)
    challenges = values.pop("challenges", None) or []
    reviewers = values.pop("reviewers", None) or []
    call = Call.objects.create(
        slug=_unique_slug(values.get("title_en", ""), values["title"]),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **{field: value for field, value in values.items() if field in CALL_FIELDS},
    )
    call.challenges.set(challenges)
    call.reviewers.set(reviewers)
    current_form(call)
    audit.record(
        call=call,
        by=by,
        action="call_created",
        summary=f"נפתח קול קורא: {call.title}",
        changes=audit.diff({}, _snapshot(call)),
    )
    return call


@transaction.atomic
def update_call(*, by: Any, call: Call, **values: Any) -> Call:
    """Change a call's fields (only those given). Moving it to another community takes
    staff of that community too. Raises PermissionDenied or DomainError."""
    if not runs_call(by, call):
        raise PermissionDenied
    # The row lock orders this change after any grant being made on the call.
    Call.objects.select_for_update().filter(pk=call.pk).first()
    moving = "community" in values and values["community"] != call.community
    if moving and not may_create_call(by, values["community"]):
        raise PermissionDenied
    before = _snapshot(call)
    if "eligibility" in values:
        values["eligibility"] = clean_eligibility(values["eligibility"])
    merged = {**before, "community": call.community, **values}
    _check_values(merged)
    if "budget" in values:
        _check_budget_covers_grants(call, Decimal(str(values["budget"])))
    changed = [field for field in CALL_FIELDS if field in values]
    for field in changed:
        setattr(call, field, values[field])
    if changed:
        call.save(update_fields=[*changed, "updated_at"])
    if "challenges" in values:
        call.challenges.set(values["challenges"])
    if "reviewers" in values:
        call.reviewers.set(values["reviewers"])
    changes = audit.diff(before, _snapshot(call))
    if changes:
        audit.record(
            call=call,
            by=by,
            action="call_changed",
            summary=f"שונה קול קורא: {call.title}",
            changes=changes,
        )
    return call


def committed_to_grants(call: Call) -> Decimal:
    """The sum of the grants made on the call's applications."""
    total = Grant.objects.filter(application__call=call).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def _check_budget_covers_grants(call: Call, budget: Decimal) -> None:
    committed = committed_to_grants(call)
    if budget < committed:
        raise DomainError(
            {
                "budget": _("The budget cannot be less than the %(committed)s ILS already granted.")
                % {"committed": f"{committed:,.2f}"}
            }
        )


def publish_requirements_missing(call: Call) -> list[str]:
    """What the call still lacks before it may be published, as sentences."""
    missing: list[str] = []
    if not current_form(call).questions.exists():
        missing.append(_("The application form has no question yet."))
    if not call.criteria.exists():
        missing.append(_("The rubric has no criterion yet."))
    return missing


@transaction.atomic
def publish_call(*, by: Any, call: Call) -> Call:
    """Publish the call: it shows in the lists and the feed. Needs a form with a question
    and a rubric with a criterion; raises DomainError saying what is missing."""
    if not runs_call(by, call):
        raise PermissionDenied
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.is_published:
        return call
    missing = publish_requirements_missing(call)
    if missing:
        raise DomainError(
            " ".join([_("The call cannot be published yet."), *missing]), code="not_ready"
        )
    call.is_published = True
    call.published_at = timezone.now()
    call.save(update_fields=["is_published", "published_at", "updated_at"])
    audit.record(
        call=call,
        by=by,
        action="call_published",
        summary=f"פורסם קול קורא: {call.title}",
        changes={"is_published": [False, True]},
    )
    return call


@transaction.atomic
def unpublish_call(*, by: Any, call: Call) -> Call:
    """Take the call off the lists and the feed; its applications stay."""
    if not runs_call(by, call):
        raise PermissionDenied
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.is_published:
        return call
    call.is_published = False
    call.save(update_fields=["is_published", "updated_at"])
    audit.record(
        call=call,
        by=by,
        action="call_unpublished",
        summary=f"פרסום הקול הקורא בוטל: {call.title}",
        changes={"is_published": [True, False]},
    )
    return call
