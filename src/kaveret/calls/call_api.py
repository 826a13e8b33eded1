"""The calls API: the lists, a call with its rubric and timeline, its form schema, and
writing and publishing calls (their staff). Thin like the pages; ``kaveret.api`` turns
``PermissionDenied`` and ``DomainError`` into JSON errors."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.accounts.models import User
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import visible_challenges_condition
from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user

from . import call_selectors as selectors
from . import call_services, form_builder
from .call_schemas import (
    CallDetailOut,
    CallIn,
    CallPage,
    CallPatch,
    CallsQuery,
    FormQuery,
    FormSchemaOut,
)
from .models import Call
from .rules import get_call_for_user_or_404, runs_call

router = Router(tags=["calls"])


def _language() -> str:
    return translation.get_language() or "he"


def _summary(request: HttpRequest, call: Call) -> dict[str, Any]:
    return {
        "slug": call.slug,
        "title": selectors.call_title(call, _language()),
        "summary": call.summary,
        "mechanism": call.mechanism,
        "mechanism_label": str(call.get_mechanism_display()),
        "community": call.community.slug if call.community else None,
        "offers": list(call.offers or []),
        "opens_at": call.opens_at,
        "deadline": call.deadline,
        "countdown": selectors.countdown(call.deadline),
        "is_published": call.is_published,
        "url": request.build_absolute_uri(call.get_absolute_url()),
    }


def _detail(request: HttpRequest, call: Call) -> dict[str, Any]:
    call = selectors.call_page(call, acting_user(request))
    return {
        **_summary(request, call),
        "title_he": call.title,
        "title_en": call.title_en,
        "title_ar": call.title_ar,
        "description": call.description,
        "eligibility": call.eligibility or {},
        "timeline": {
            "opens_at": call.opens_at,
            "deadline": call.deadline,
            "review_ends_on": call.review_ends_on,
            "decision_on": call.decision_on,
        },
        "budget": call.budget,
        "reviews_per_application": call.reviews_per_application,
        "challenges": [challenge.slug for challenge in call.challenges.all()],
        "rubric": list(call.criteria.all()),
        "form_version": form_builder.current_form(call).number,
    }


@router.get("/calls", response={200: CallPage, **ERRORS})
def list_calls(request: HttpRequest, query: Query[CallsQuery]) -> dict[str, Any]:
    """Published calls the user may see: open (default), upcoming or closed; filtered."""
    user = acting_user(request)
    filters = selectors.CallFilters(
        mechanism=query.mechanism.value if query.mechanism else "",
        community=query.community,
        offer=query.offer.value if query.offer else "",
    )
    lists = {
        "open": selectors.open_calls,
        "upcoming": selectors.upcoming_calls,
        "closed": selectors.closed_calls,
    }
    calls: QuerySet[Call] = lists[query.when](user, filters)
    page = calls[query.offset : query.offset + query.limit]
    return {
        "count": calls.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(request, call) for call in page],
    }


@router.get("/calls/{slug}", response={200: CallDetailOut, **ERRORS})
def get_call(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One call with its eligibility, timeline, rubric and challenges' slugs."""
    return _detail(request, get_call_for_user_or_404(acting_user(request), slug))


@router.get("/calls/{slug}/form", response={200: FormSchemaOut, **ERRORS})
def get_call_form(request: HttpRequest, slug: str, query: Query[FormQuery]) -> dict[str, Any]:
    """The current form's schema, or an older version's with ``?version=n``."""
    call = get_call_for_user_or_404(acting_user(request), slug)
    if query.version is None:
        version = form_builder.current_form(call)
    else:
        found = call.form_versions.filter(number=query.version).first()
        if found is None:
            raise Http404
        version = found
    return form_builder.form_schema(version, _language())


def _resolve(values: dict[str, Any], user: Any) -> dict[str, Any]:
    """Slugs and e-mail addresses to the rows they name; unknown ones are a 422 per field.

    Challenges must be ones ``user`` may see, and reviewers users with a confirmed
    address; the errors do not tell unknown from hidden (no drafts' slugs, no accounts).
    """
    errors: dict[str, str] = {}
    if "community" in values:
        slug = values["community"]
        community = Community.objects.filter(slug=slug).first() if slug else None
        if slug and community is None:
            errors["community"] = _("No community has this slug.")
        values["community"] = community
    if "challenges" in values:
        slugs = values["challenges"] or []
        challenges = list(
            Challenge.objects.filter(visible_challenges_condition(user), slug__in=slugs)
        )
        found = {challenge.slug for challenge in challenges}
        unusable = sorted(set(slugs) - found)
        if unusable:
            errors["challenges"] = _("No challenge you may see has these slugs: %(slugs)s") % {
                "slugs": ", ".join(unusable)
            }
        values["challenges"] = challenges
    if "reviewers" in values:
        emails = sorted({email.strip().lower() for email in values["reviewers"] or []})
        confirmed = EmailAddress.objects.annotate(address=Lower("email")).filter(
            verified=True, user__is_active=True, address__in=emails
        )
        users = list(User.objects.filter(pk__in=confirmed.values("user_id")))
        usable = set(confirmed.values_list("address", flat=True))
        unusable = [email for email in emails if email not in usable]
        if unusable:
            errors["reviewers"] = _(
                "Reviewers must have an account with a confirmed e-mail address: %(emails)s"
            ) % {"emails": ", ".join(unusable)}
        values["reviewers"] = users
    for field in ("mechanism",):
        if field in values and values[field] is not None:
            values[field] = getattr(values[field], "value", values[field])
    if "offers" in values and values["offers"] is not None:
        values["offers"] = [getattr(offer, "value", offer) for offer in values["offers"]]
    if errors:
        raise DomainError(errors)
    return values


@router.post("/calls", response={201: CallDetailOut, **ERRORS})
def create_call(request: HttpRequest, payload: CallIn) -> Status[dict[str, Any]]:
    """Open a call, unpublished (staff of the community, or a platform admin)."""
    user = acting_user(request)
    if not user.is_authenticated:
        raise PermissionDenied
    call = call_services.create_call(by=user, **_resolve(payload.model_dump(), user))
    return Status(201, _detail(request, call))


@router.patch("/calls/{slug}", response={200: CallDetailOut, **ERRORS})
def update_call(request: HttpRequest, slug: str, payload: CallPatch) -> dict[str, Any]:
    """Change a call (its staff); only the fields sent change."""
    user = acting_user(request)
    call = get_call_for_user_or_404(user, slug)
    if not runs_call(user, call):
        raise PermissionDenied
    values = payload.model_dump(exclude_unset=True)
    nulls = [
        field
        for field, value in values.items()
        if value is None and field not in {"community", "review_ends_on", "decision_on"}
    ]
    if nulls:
        raise DomainError({field: _("This field cannot be null.") for field in nulls})
    call = call_services.update_call(by=user, call=call, **_resolve(values, user))
    return _detail(request, call)


@router.post("/calls/{slug}/publish", response={200: CallDetailOut, **ERRORS})
def publish_call(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Publish the call; 422 says what is missing (a question, a criterion)."""
    user = acting_user(request)
    call = get_call_for_user_or_404(user, slug)
    if not user.is_authenticated:
        raise PermissionDenied
    return _detail(request, call_services.publish_call(by=user, call=call))
