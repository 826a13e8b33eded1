"""The applicant's pages: apply (choose who applies, see eligibility), the application
(edit the draft, autosave, files, submit; read-only after), withdraw, the files, the PDF
copy, and the dashboard of one's applications."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.core.uploads import protected_file_response
from kaveret.ecosystem.forms import attach_domain_error
from kaveret.ecosystem.models import Actor

from . import application_selectors as selectors
from . import application_services as services
from .application_forms import ApplicantChoiceForm, ApplicationForm
from .models import Application, ApplicationStatus, QuestionKind
from .pdf import application_pdf
from .rules import (
    acts_for_application,
    get_application_for_user_or_404,
    get_call_for_user_or_404,
    runs_call,
)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/dashboard.html",
        {"board": selectors.dashboard(request.user), "now": timezone.now()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose who applies; each choice shows whether it is eligible and why not."""
    call = get_call_for_user_or_404(request.user, slug)
    options = selectors.applicant_options(request.user, call)
    choosable = [
        (option.value, option.label)
        for option in options
        if option.application is not None or option.eligibility.eligible
    ]
    form = ApplicantChoiceForm(request.POST or None, choices=choosable)
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["applicant"]
        actor = None if value == "person" else Actor.objects.filter(pk=value).first()
        try:
            application = services.start_application(by=request.user, call=call, actor=actor)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            return redirect(application.get_absolute_url())
    return render(
        request,
        "calls/application_apply.html",
        {
            "call": call,
            "options": options,
            "form": form,
            "is_open": services.is_open(call),
            "deadline": timezone.localtime(call.deadline),
        },
        status=400 if request.method == "POST" else 200,
    )


def _editable(user: Any, application: Application) -> bool:
    return (
        application.status == ApplicationStatus.DRAFT
        and acts_for_application(user, application)
        and timezone.now() < application.call.deadline
    )


def _page(
    request: HttpRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    editable = _editable(request.user, application)
    questions = selectors.application_questions(application)
    if editable and form is None:
        form = ApplicationForm(questions=questions, answers=application.answers)
    acts_for = acts_for_application(request.user, application)
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "form": form if editable else None,
            "files": selectors.files_by_key(application),
            "items": None if editable else selectors.answered_questions(application),
            "decision": selectors.current_decision(application),
            "acts_for": acts_for,
            "runs_call": runs_call(request.user, application.call),
            "can_withdraw": acts_for
            and application.status in {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED}
            and timezone.now() < application.call.deadline,
            "deadline": timezone.localtime(application.call.deadline),
            "deadline_passed": timezone.now() >= application.call.deadline,
            "eligibility": application.eligibility_result or {},
        },
        status=status,
    )


def application_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The application: its draft form for the applicant, read-only for everyone after."""
    application = get_application_for_user_or_404(request.user, slug, pk)
    return _page(request, application)


def _save(request: HttpRequest, application: Application, form: ApplicationForm) -> bool:
    """Save the answers and files the page sent; report refusals on the form."""
    result = services.save_answers(
        by=request.user, application=application, answers=form.raw_answers()
    )
    ok = not result.errors
    form.full_clean()  # the fields' own messages for the answers the service refused
    for key, errors in result.errors.items():
        if key not in form.errors:
            for error in errors:
                form.add_error(key if key in form.fields else None, error)
    questions = {q.key: q for q in form.questions if q.kind == QuestionKind.FILE}
    for key, upload in form.uploads().items():
        try:
            services.add_file(
                by=request.user, application=application, question=questions[key], upload=upload
            )
        except DomainError as error:
            ok = False
            form.add_error(key, error)
    return ok


@require_POST
def application_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Save the draft (autosave from htmx, or the page's buttons); submit when asked."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    application = get_application_for_user_or_404(request.user, slug, pk)
    if not acts_for_application(request.user, application):
        raise PermissionDenied
    questions = selectors.application_questions(application)
    form = ApplicationForm(
        request.POST, request.FILES, questions=questions, answers=application.answers
    )
    try:
        saved = _save(request, application, form)
    except DomainError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return _status(request, application, error=error)
        messages.error(request, " ".join(error.messages))
        return redirect(application.get_absolute_url())
    if request.htmx:  # type: ignore[attr-defined]
        return _status(request, application, form=form)
    if not saved:
        application.refresh_from_db()
        return _page(request, application, form=form, status=400)
    if request.POST.get("action") == "submit":
        return _submit(request, application)
    messages.success(request, _("Your draft was saved."))
    return redirect(application.get_absolute_url())


def _status(
    request: HttpRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    error: DomainError | None = None,
) -> HttpResponse:
    return render(
        request,
        "calls/application_save_status.html",
        {
            "form": form,
            "error": error,
            "saved_at": timezone.localtime(),
            "application": application,
        },
    )


def _submit(request: HttpRequest, application: Application) -> HttpResponse:
    try:
        submitted = services.submit_application(by=request.user, application=application)
    except DomainError as error:
        questions = selectors.application_questions(application)
        application.refresh_from_db()
        form = ApplicationForm(questions=questions, answers=application.answers)
        form.cleaned_data = {}  # an unbound form takes the service's errors as they are
        attach_domain_error(form, error)
        return _page(request, application, form=form, status=400)
    messages.success(
        request,
        _(
            "Your application was submitted. A confirmation with a PDF copy of your answers "
            "was sent to your e-mail."
        ),
    )
    return redirect(submitted.get_absolute_url())


@require_POST
def application_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    application = get_application_for_user_or_404(request.user, slug, pk)
    if not acts_for_application(request.user, application):
        raise PermissionDenied
    return _submit(request, application)


@require_POST
def application_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    application = get_application_for_user_or_404(request.user, slug, pk)
    try:
        services.withdraw_application(by=request.user, application=application)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect(application.get_absolute_url())


def _file_of(request: HttpRequest, slug: str, pk: int, file_pk: int) -> tuple[Application, Any]:
    application = get_application_for_user_or_404(request.user, slug, pk)
    stored = application.files.select_related("question").filter(pk=file_pk).first()
    if stored is None:
        raise Http404
    return application, stored


def application_file(request: HttpRequest, slug: str, pk: int, file_pk: int) -> FileResponse:
    """Serve a file only to whoever may read its application; never from a public folder."""
    _application, stored = _file_of(request, slug, pk, file_pk)
    return protected_file_response(stored)


@require_POST
def application_file_delete(request: HttpRequest, slug: str, pk: int, file_pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    application, stored = _file_of(request, slug, pk, file_pk)
    try:
        services.remove_file(by=request.user, application=application, file=stored)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Removed the file “%(name)s”.") % {"name": stored.original_name}
        )
    return redirect(application.get_absolute_url())


def application_pdf_copy(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The PDF copy of the answers, in the page's language."""
    application = get_application_for_user_or_404(request.user, slug, pk)
    language = translation.get_language() or "he"
    response = HttpResponse(application_pdf(application, language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="application-{application.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
