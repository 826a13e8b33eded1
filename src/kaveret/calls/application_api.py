"""The applications API: eligibility, the draft (create or reopen, read, autosave),
submit (idempotent), withdraw, and one's own applications. Thin like the pages: the same
rules, selectors and services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor

from . import application_selectors as selectors
from . import application_services as services
from . import eligibility
from .application_schemas import (
    AnswersIn,
    ApplicationIn,
    ApplicationOut,
    EligibilityOut,
    SavedOut,
)
from .models import Application
from .rules import (
    acts_for_application,
    get_application_by_id_for_user_or_404,
    get_call_for_user_or_404,
)

router = Router(tags=["applications"])


class EligibilityQuery(Schema):
    actor_id: int | None = None


def _logged_in(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied


def _actor(user: Any, actor_id: int | None) -> Actor | None:
    if actor_id is None:
        return None
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        raise Http404
    return actor


def _application_out(request: HttpRequest, application: Application) -> dict[str, Any]:
    decision = selectors.current_decision(application)
    call = application.call
    return {
        "id": application.pk,
        "call": call.slug,
        "call_title": call.title,
        "applicant_kind": application.applicant_kind,
        "applicant_name": application.applicant_name,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "form_version": application.form_version.number,
        "answers": application.answers or {},
        "files": [
            {
                "id": stored.pk,
                "question": key,
                "name": stored.original_name,
                "content_type": stored.content_type,
                "size": stored.size,
                "url": request.build_absolute_uri(
                    reverse("calls:application_file", args=[call.slug, application.pk, stored.pk])
                ),
            }
            for key, files in selectors.files_by_key(application).items()
            for stored in files
        ],
        "eligibility": application.eligibility_result or {},
        "submitted_at": application.submitted_at,
        "withdrawn_at": application.withdrawn_at,
        "deadline": call.deadline,
        "decision": None
        if decision is None
        else {
            "outcome": decision.outcome,
            "outcome_label": str(decision.get_outcome_display()),
            "reason": decision.reason,
            "decided_at": decision.decided_at,
        },
        "url": request.build_absolute_uri(application.get_absolute_url()),
    }


def _own(user: Any, pk: int) -> Application:
    _logged_in(user)
    application = get_application_by_id_for_user_or_404(user, pk)
    return application


@router.get("/calls/{slug}/eligibility", response={200: EligibilityOut, **ERRORS})
def check_eligibility(
    request: HttpRequest, slug: str, query: Query[EligibilityQuery]
) -> dict[str, Any]:
    """Whether the caller (or a venture or organisation they act for: ``actor_id``) may
    apply, with a reason for every rule that fails."""
    user = acting_user(request)
    _logged_in(user)
    call = get_call_for_user_or_404(user, slug)
    applicant = services.applicant_for(by=user, actor=_actor(user, query.actor_id))
    result = eligibility.check(call, applicant)
    return {
        "eligible": result.eligible,
        "reasons": result.reasons,
        "applicant_kind": eligibility.applicant_kind(applicant),
        "applicant_name": str(applicant),
    }


@router.post(
    "/calls/{slug}/applications", response={200: ApplicationOut, 201: ApplicationOut, **ERRORS}
)
def create_application(
    request: HttpRequest, slug: str, payload: ApplicationIn
) -> Status[dict[str, Any]]:
    """Open the draft (201), or reopen the applicant's existing application (200)."""
    user = acting_user(request)
    _logged_in(user)
    call = get_call_for_user_or_404(user, slug)
    actor = _actor(user, payload.actor_id)
    applicant = services.applicant_for(by=user, actor=actor)
    existed = services.existing_application(call, applicant) is not None
    application = services.start_application(by=user, call=call, actor=actor)
    return Status(200 if existed else 201, _application_out(request, application))


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS})
def my_applications(request: HttpRequest) -> list[dict[str, Any]]:
    """The applications the caller acts for, with their status and decision."""
    user = acting_user(request)
    _logged_in(user)
    applications = (
        selectors.applications_of(user)
        .select_related("form_version")
        .prefetch_related("files__question")
    )
    return [_application_out(request, application) for application in applications]


@router.get("/applications/{application_id}", response={200: ApplicationOut, **ERRORS})
def get_application(request: HttpRequest, application_id: int) -> dict[str, Any]:
    """One application, for its applicant, the call's staff or an assigned reviewer."""
    return _application_out(request, _own(acting_user(request), application_id))


@router.patch("/applications/{application_id}", response={200: SavedOut, **ERRORS})
def save_answers(request: HttpRequest, application_id: int, payload: AnswersIn) -> dict[str, Any]:
    """Autosave: store the answers given (each checked for its type and length); refused
    ones are listed in ``errors`` and the rest is saved."""
    user = acting_user(request)
    application = _own(user, application_id)
    if not acts_for_application(user, application):
        raise PermissionDenied
    result = services.save_answers(by=user, application=application, answers=payload.answers)
    application.refresh_from_db()
    return {
        **_application_out(request, application),
        "saved": result.saved,
        "errors": result.errors,
    }


@router.post("/applications/{application_id}/submit", response={200: ApplicationOut, **ERRORS})
def submit(request: HttpRequest, application_id: int) -> dict[str, Any]:
    """Submit once; repeating it answers 200 with the same submission."""
    user = acting_user(request)
    application = _own(user, application_id)
    if not acts_for_application(user, application):
        raise PermissionDenied
    services.submit_application(by=user, application=application)
    application.refresh_from_db()
    return _application_out(request, application)


@router.post("/applications/{application_id}/withdraw", response={200: ApplicationOut, **ERRORS})
def withdraw(request: HttpRequest, application_id: int) -> dict[str, Any]:
    """Withdraw before the deadline."""
    user = acting_user(request)
    application = _own(user, application_id)
    if not acts_for_application(user, application):
        raise PermissionDenied
    services.withdraw_application(by=user, application=application)
    application.refresh_from_db()
    return _application_out(request, application)
