"""Applying to a call: start (or reopen) the draft, save answers and files, submit once,
withdraw. Each service takes the acting user (``by``), checks the rules, runs in one
transaction, writes the audit history, and raises ``PermissionDenied`` or ``DomainError``.

Submitting locks the application row (``select_for_update``) and reads the clock inside
the lock, so a second submit (double click, two tabs, a retried request) finds the first
one done and returns it, and a submission after the deadline is refused with the draft
left as it was. The confirmation e-mail, with a PDF copy of the answers, is sent once,
after the submitting transaction commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaveret.communities.rules import represented_actor_ids
from kaveret.communities.services import person_for_user
from kaveret.core.errors import DomainError
from kaveret.core.uploads import check_upload
from kaveret.ecosystem.models import Actor, Person

from . import audit, eligibility
from .application_forms import clean_answer, max_file_bytes
from .models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    Call,
    FormVersion,
    Question,
    QuestionKind,
)
from .rules import acts_for_application, can_view_call

logger = logging.getLogger(__name__)

SUBJECT_SUBMITTED = gettext_lazy("Your application to “%(call)s” was received")
# Statuses an application reaches by being submitted; submitting again returns it as is.
SUBMITTED_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WAITLISTED,
    }
)


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not act for this application."))


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def deadline_text(call: Call) -> str:
    local = timezone.localtime(call.deadline, timezone.get_default_timezone())
    return date_format(local, "DATETIME_FORMAT")


def deadline_error(call: Call) -> DomainError:
    return DomainError(
        _(
            "The deadline of this call passed on %(deadline)s (Israel time), so it no longer "
            "accepts submissions. Your draft is kept as it was."
        )
        % {"deadline": deadline_text(call)},
        code="deadline_passed",
    )


def is_open(call: Call, now: Any = None) -> bool:
    now = now or timezone.now()
    return call.is_published and call.opens_at <= now < call.deadline


def _check_open(call: Call) -> None:
    now = timezone.now()
    if now >= call.deadline:
        raise deadline_error(call)
    if not call.is_published or now < call.opens_at:
        raise DomainError(_("This call is not open for applications yet."), code="not_open")


def not_eligible_error(result: eligibility.Eligibility) -> DomainError:
    return DomainError([DomainError(reason, code="not_eligible") for reason in result.reasons])


def applicant_for(*, by: Any, actor: Actor | None) -> Actor | Person:
    """The applicant ``by`` chose: a venture or organisation they act for, or themselves."""
    if actor is None:
        return person_for_user(by)
    if actor.pk not in represented_actor_ids(by):
        raise DomainError(
            _("You can apply only for a venture or organisation you act for."),
            code="not_representative",
        )
    return actor.specific()


def _current_form(call: Call) -> FormVersion:
    """The call's current form version, frozen; call inside a transaction. The call's row
    is locked first, as ``form_builder.editable_version`` does, so a form change and the
    first application never interleave."""
    Call.objects.select_for_update().filter(pk=call.pk).first()
    version = call.form_versions.order_by("-number").first()
    if version is None:
        raise DomainError(_("This call has no application form yet."), code="no_form")
    if version.frozen_at is None:
        # The first application freezes the form (see form_builder): later changes to it
        # make a new version and this application keeps the one it answered.
        FormVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )
    return version


def existing_application(call: Call, applicant: Actor | Person) -> Application | None:
    if isinstance(applicant, Person):
        return Application.objects.filter(call=call, person=applicant).first()
    return Application.objects.filter(call=call, actor_id=applicant.pk).first()


def start_application(*, by: Any, call: Call, actor: Actor | None = None) -> Application:
    """Open the draft of ``by``'s applicant (``actor``, or ``by`` as a person) for ``call``.

    An applicant has one application per call: when it exists it is returned as it is
    (reopened). A new one is refused when the call is not open or the applicant is not
    eligible (``DomainError`` with every reason); ``PermissionDenied`` when ``by`` may not
    apply at all.
    """
    if not _logged_in(by) or not can_view_call(by, call):
        raise PermissionDenied(_("Log in to apply."))
    applicant = applicant_for(by=by, actor=actor)
    existing = existing_application(call, applicant)
    if existing is not None:
        return existing
    _check_open(call)
    result = eligibility.check(call, applicant)
    if not result.eligible:
        raise not_eligible_error(result)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                form_version=_current_form(call),
                applicant_kind=eligibility.applicant_kind(applicant),
                actor=applicant if isinstance(applicant, Actor) else None,
                person=applicant if isinstance(applicant, Person) else None,
                created_by=by,
                eligibility_result=result.as_json(),
            )
            audit.record(
                call=call,
                by=by,
                action="application_started",
                obj=application,
                application=application,
                summary=f"טיוטת בקשה נפתחה: {application.applicant_name}",
            )
    except IntegrityError:
        # Two first clicks at once: the other one made it; reopen that one.
        found = existing_application(call, applicant)
        if found is None:
            raise
        return found
    return application


def _lock_draft(by: Any, application: Application) -> Application:
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "person")
        .get(pk=application.pk)
    )
    if not acts_for_application(by, locked):
        raise _refuse()
    if locked.status != ApplicationStatus.DRAFT:
        raise DomainError(
            _("This application was submitted; its answers can no longer change."),
            code="not_draft",
        )
    if timezone.now() >= locked.call.deadline:
        raise deadline_error(locked.call)
    return locked


@dataclass
class SaveResult:
    application: Application
    saved: list[str] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    saved_at: Any = None


def save_answers(*, by: Any, application: Application, answers: dict[str, Any]) -> SaveResult:
    """Save some answers of a draft (the autosave): the keys given, nothing else.

    Each answer is checked for its type, length, range or choices; a bad one is reported
    in ``errors`` and not stored (the answer saved before it stays), the others are saved.
    An empty answer clears it. Required answers are not checked here but on submit.
    Raises ``PermissionDenied``, or ``DomainError`` once submitted or after the deadline.
    """
    if not _logged_in(by):
        raise _refuse()
    with transaction.atomic():
        locked = _lock_draft(by, application)
        questions = {q.key: q for q in locked.form_version.questions.all()}
        stored = dict(locked.answers or {})
        errors: dict[str, list[str]] = {}
        changed: list[str] = []
        for key, raw in answers.items():
            question = questions.get(key)
            if question is None:
                errors[key] = [_("This form has no such question.")]
                continue
            try:
                value = clean_answer(question, raw)
            except ValidationError as error:
                errors[key] = [str(message) for message in error.messages]
                continue
            if value is None:
                if key in stored:
                    del stored[key]
                    changed.append(key)
            elif stored.get(key) != value:
                stored[key] = value
                changed.append(key)
        if changed:
            locked.answers = stored
            locked.save(update_fields=["answers", "updated_at"])
            audit.record(
                call=locked.call,
                by=by,
                action="answers_saved",
                obj=locked,
                application=locked,
                summary=f"תשובות נשמרו בטיוטה ({len(changed)})",
                changes={"keys": sorted(changed)},
            )
    application.answers = locked.answers
    return SaveResult(
        application=locked, saved=sorted(changed), errors=errors, saved_at=timezone.now()
    )


def add_file(
    *, by: Any, application: Application, question: Question, upload: Any
) -> ApplicationFile:
    """Attach ``upload`` as the answer of a file question, replacing an earlier file.

    The file is checked by its content (not its name), its size and the question's allowed
    types; its name is made safe. Raises ``DomainError`` with the reason when refused
    (nothing else of the draft changes), ``PermissionDenied`` for others.
    """
    if not _logged_in(by):
        raise _refuse()
    if question.kind != QuestionKind.FILE or question.version_id != application.form_version_id:
        raise DomainError(_("This question does not take a file."), code="not_file_question")
    checked = check_upload(
        upload, max_bytes=max_file_bytes(question), extensions=question.file_types or None
    )
    with transaction.atomic():
        locked = _lock_draft(by, application)
        replaced = list(locked.files.filter(question=question))
        upload.name = checked.name
        stored = ApplicationFile.objects.create(
            application=locked,
            question=question,
            file=upload,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=by,
        )
        for old in replaced:
            _delete_file(old)
        audit.record(
            call=locked.call,
            by=by,
            action="file_added",
            obj=stored,
            application=locked,
            summary=f"קובץ צורף: {checked.name}",
            changes={"question": question.key, "name": checked.name, "size": checked.size},
        )
    return stored


def _delete_file(stored: ApplicationFile) -> None:
    name = stored.file.name or ""
    storage = stored.file.storage
    stored.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def remove_file(*, by: Any, application: Application, file: ApplicationFile) -> None:
    """Remove a file from a draft. Raises ``PermissionDenied`` or ``DomainError``."""
    if not _logged_in(by):
        raise _refuse()
    with transaction.atomic():
        locked = _lock_draft(by, application)
        if file.application_id != locked.pk:
            raise _refuse()
        name = file.original_name
        key = file.question.key
        _delete_file(file)
        audit.record(
            call=locked.call,
            by=by,
            action="file_removed",
            obj=locked,
            application=locked,
            summary=f"קובץ הוסר: {name}",
            changes={"question": key, "name": name},
        )


def missing_answers(application: Application) -> dict[str, list[str]]:
    """The required questions without an answer (or without a file), by key."""
    answered_files = set(application.files.values_list("question_id", flat=True))
    missing: dict[str, list[str]] = {}
    for question in application.form_version.questions.filter(required=True):
        if question.kind == QuestionKind.FILE:
            ok = question.pk in answered_files
        else:
            ok = application.answers.get(question.key) not in (None, "", [])
        if not ok:
            missing[question.key] = [_("This question must be answered before you submit.")]
    return missing


def submit_application(*, by: Any, application: Application) -> Application:
    """Submit a draft, once. A repeat returns the same submission (no second e-mail).

    Refused with ``DomainError`` after the deadline (the draft is kept), when required
    answers are missing (one message per question) or when the applicant is no longer
    eligible; ``PermissionDenied`` for anyone not acting for the application.
    """
    if not _logged_in(by):
        raise _refuse()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "person", "form_version")
            .get(pk=application.pk)
        )
        if not acts_for_application(by, locked):
            raise _refuse()
        if locked.status in SUBMITTED_STATUSES:
            return locked
        if locked.status == ApplicationStatus.WITHDRAWN:
            raise DomainError(
                _("This application was withdrawn; it cannot be submitted."), code="withdrawn"
            )
        # One moment, read under the lock, both decides and stamps the submission: a
        # submission let in before the deadline is never recorded as after it.
        now = timezone.now()
        if now >= locked.call.deadline:
            raise deadline_error(locked.call)
        missing = missing_answers(locked)
        if missing:
            raise DomainError(
                {
                    key: [DomainError(message, code="required") for message in messages]
                    for key, messages in missing.items()
                }
            )
        applicant = locked.actor if locked.actor_id else locked.person
        result = eligibility.check(locked.call, applicant)  # type: ignore[arg-type]
        if not result.eligible:
            raise not_eligible_error(result)
        locked.status = ApplicationStatus.SUBMITTED
        locked.submitted_at = now
        locked.eligibility_result = result.as_json()
        locked.save(update_fields=["status", "submitted_at", "eligibility_result", "updated_at"])
        audit.record(
            call=locked.call,
            by=by,
            action="application_submitted",
            obj=locked,
            application=locked,
            summary=f"הבקשה הוגשה: {locked.applicant_name}",
            changes={"status": [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]},
        )
        submitted_id, by_id = locked.pk, by.pk
        transaction.on_commit(lambda: send_submission_confirmation(submitted_id, by_id))
    return locked


def withdraw_application(*, by: Any, application: Application) -> Application:
    """Withdraw a draft or a submission before the deadline; withdrawing is final.

    Raises ``DomainError`` after the deadline or once reviewing has started,
    ``PermissionDenied`` for others. Withdrawing twice returns the withdrawn application.
    """
    if not _logged_in(by):
        raise _refuse()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "person")
            .get(pk=application.pk)
        )
        if not acts_for_application(by, locked):
            raise _refuse()
        if locked.status == ApplicationStatus.WITHDRAWN:
            return locked
        if locked.status not in {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED}:
            raise DomainError(
                _("Reviewing has started; this application can no longer be withdrawn."),
                code="not_withdrawable",
            )
        if timezone.now() >= locked.call.deadline:
            raise DomainError(
                _("The deadline has passed; an application can be withdrawn only before it."),
                code="deadline_passed",
            )
        before = locked.status
        locked.status = ApplicationStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit.record(
            call=locked.call,
            by=by,
            action="application_withdrawn",
            obj=locked,
            application=locked,
            summary=f"הבקשה נמשכה: {locked.applicant_name}",
            changes={"status": [before, ApplicationStatus.WITHDRAWN]},
        )
    return locked


# The confirmation e-mail, in the submitter's language, with a PDF copy of the answers


def send_submission_confirmation(application_id: int, user_id: int) -> None:
    """E-mail the submitter that the application was received, with its PDF copy."""
    from kaveret.accounts.models import User

    from .pdf import application_pdf

    application = (
        Application.objects.select_related("call", "actor", "person", "form_version")
        .filter(pk=application_id)
        .first()
    )
    user = User.objects.filter(pk=user_id).first()
    if application is None or user is None or not user.email:
        return
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        call_title = _call_title(application.call, language)
        body = render_to_string(
            "calls/email_application_submitted.txt",
            {
                "application": application,
                "call_title": call_title,
                "user": user,
                "submitted_at": timezone.localtime(application.submitted_at),
                "url": f"{settings.SITE_URL}{application.get_absolute_url()}",
            },
        )
        message = EmailMessage(
            str(SUBJECT_SUBMITTED) % {"call": call_title}, body, None, [user.email]
        )
        try:
            message.attach(
                f"application-{application.pk}.pdf",
                application_pdf(application, language),
                "application/pdf",
            )
        except (OSError, ValueError):
            # The confirmation matters more than its copy: send it without the PDF (which
            # the application page offers too) and leave the failure in the log.
            logger.exception("PDF copy of application %s failed", application.pk)
        message.send()


def _call_title(call: Call, language: str) -> str:
    if language == "en" and call.title_en:
        return call.title_en
    if language == "ar" and call.title_ar:
        return call.title_ar
    return call.title
