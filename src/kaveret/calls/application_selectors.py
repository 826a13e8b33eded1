"""Reading applications: the applicant's choices, their applications (the dashboard), an
application's answers as words, and its current decision. Bounded query counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from kaveret.communities.rules import represented_actor_ids
from kaveret.ecosystem.models import Actor, Person

from . import eligibility
from .application_forms import display_answer, sections_of, translated
from .models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    Call,
    Decision,
    Question,
    QuestionKind,
)


@dataclass
class ApplicantOption:
    """Someone the user may apply as, with the eligibility check and any existing one."""

    value: str
    label: str
    applicant: Actor | Person | None
    eligibility: eligibility.Eligibility
    application: Application | None = None


def applicant_options(user: Any, call: Call) -> list[ApplicantOption]:
    """The ventures and organisations ``user`` acts for, then ``user`` as a person.

    Each with its eligibility for ``call`` and the application it already has, if any.
    """
    actors = list(
        Actor.objects.filter(pk__in=represented_actor_ids(user))
        .select_related("venture", "organisation")
        .order_by("name")
    )
    person = Person.objects.filter(user=user).first()
    existing = {
        (app.actor_id, app.person_id): app
        for app in Application.objects.filter(call=call).filter(
            Q(actor_id__in=[actor.pk for actor in actors])
            | Q(person_id=person.pk if person else None)
        )
    }
    options = []
    for actor in actors:
        specific = actor.specific()
        options.append(
            ApplicantOption(
                value=str(actor.pk),
                label=actor.display_name,
                applicant=specific,
                eligibility=eligibility.check(call, specific),
                application=existing.get((actor.pk, None)),
            )
        )
    # The person is made on applying (person_for_user); check the kind rule on a stand-in.
    stand_in = person or Person(full_name=user.full_name or user.email, user=user)
    options.append(
        ApplicantOption(
            value="person",
            label=str(user.public_name),
            applicant=person,
            eligibility=eligibility.check(call, stand_in),
            application=existing.get((None, person.pk)) if person else None,
        )
    )
    return options


def current_decisions() -> Prefetch[Any]:
    """Prefetch each application's standing decision (not reversed) as ``standing``."""
    return Prefetch(
        "decisions",
        queryset=Decision.objects.filter(reversed_at__isnull=True).order_by("-decided_at"),
        to_attr="standing",
    )


def current_decision(application: Application) -> Decision | None:
    standing = getattr(application, "standing", None)
    if standing is None:
        return (
            application.decisions.filter(reversed_at__isnull=True)
            .order_by("-decided_at", "-pk")
            .first()
        )
    return standing[0] if standing else None


def applications_of(user: Any) -> QuerySet[Application]:
    """The applications ``user`` acts for: of the ventures or organisations they act for
    now, or of their own person; with call, applicant and decision."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return (
        Application.objects.filter(
            Q(actor_id__in=represented_actor_ids(user))
            | Q(actor__isnull=True, created_by_id=user.pk)
            | Q(actor__isnull=True, person__user_id=user.pk)
        )
        .select_related("call", "actor", "person")
        .prefetch_related(current_decisions())
        .order_by("call__deadline", "pk")
    )


@dataclass
class Dashboard:
    drafts: list[Application] = field(default_factory=list)
    submitted: list[Application] = field(default_factory=list)
    decided: list[Application] = field(default_factory=list)
    withdrawn: list[Application] = field(default_factory=list)


def dashboard(user: Any) -> Dashboard:
    """``user``'s applications by where they stand: drafts (with time left), submissions
    waiting for a decision, decisions, withdrawn ones."""
    board = Dashboard()
    now = timezone.now()
    for application in applications_of(user):
        application.decision = current_decision(application)  # type: ignore[attr-defined]
        application.time_left = application.call.deadline - now  # type: ignore[attr-defined]
        if application.status == ApplicationStatus.WITHDRAWN:
            board.withdrawn.append(application)
        elif application.status == ApplicationStatus.DRAFT:
            board.drafts.append(application)
        elif application.decision is not None:  # type: ignore[attr-defined]
            board.decided.append(application)
        else:
            board.submitted.append(application)
    board.decided.sort(key=lambda a: a.decision.decided_at, reverse=True)  # type: ignore[attr-defined]
    return board


@dataclass
class AnsweredQuestion:
    question: Question
    label: str
    help_text: str
    text: str
    files: list[ApplicationFile]


def application_questions(application: Application) -> list[Question]:
    return list(
        application.form_version.questions.select_related("section").order_by("order", "pk")
    )


def answered_questions(application: Application) -> list[tuple[str, list[AnsweredQuestion]]]:
    """Each section's title (in the active language) and its questions with the answers
    as words and the files; for the read-only page and the PDF."""
    files_by_question: dict[int, list[ApplicationFile]] = {}
    for stored in application.files.order_by("pk"):
        files_by_question.setdefault(stored.question_id, []).append(stored)
    answers = application.answers or {}
    result = []
    for section, questions in sections_of(application_questions(application)):
        items = [
            AnsweredQuestion(
                question=question,
                label=translated(question, "label"),
                help_text=translated(question, "help_text"),
                text=display_answer(question, answers.get(question.key)),
                files=files_by_question.get(question.pk, [])
                if question.kind == QuestionKind.FILE
                else [],
            )
            for question in questions
        ]
        result.append((translated(section, "title") if section else "", items))
    return result


def files_by_key(application: Application) -> dict[str, list[ApplicationFile]]:
    """The application's files by question key (uses a prefetch of ``files__question``)."""
    prefetch_related_objects([application], "files__question")
    found: dict[str, list[ApplicationFile]] = {}
    for stored in sorted(application.files.all(), key=lambda stored: stored.pk):
        found.setdefault(stored.question.key, []).append(stored)
    return found
