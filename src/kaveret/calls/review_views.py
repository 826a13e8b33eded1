"""Pages of reviews, the console, decisions, grants, the budget and the audit history.

Thin: look the call up through ``rules`` (404 when it may not be seen), check who may act
(403), call the services, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaveret.accounts.roles import is_platform_admin
from kaveret.core.errors import DomainError

from . import assignment, decision_services, grant_services, review_selectors, review_services
from .exports import console_workbook
from .models import Application, Call, Decision, Grant, Milestone, Review, ReviewStatus
from .review_forms import (
    ConflictForm,
    DecisionForm,
    DisbursementForm,
    GrantForm,
    MilestoneForm,
    ReportForm,
    ReversalForm,
    ReviewForm,
)
from .rules import acts_for_application, get_call_for_user_or_404, is_reviewer_of, runs_call

CONSOLE_PAGE_SIZE = 100


def localise(obj: Any, field: str) -> str:
    language = translation.get_language() or "he"
    if language in ("en", "ar"):
        return getattr(obj, f"{field}_{language}", "") or getattr(obj, field)
    return str(getattr(obj, field))


def _label_criteria(criteria: list[Any]) -> list[Any]:
    for criterion in criteria:
        criterion.label = localise(criterion, "name")
    return criteria


def _staff_call(request: HttpRequest, slug: str) -> Call:
    call = get_call_for_user_or_404(request.user, slug)
    if not runs_call(request.user, call):
        raise PermissionDenied
    return call


def _reviewer_call(request: HttpRequest, slug: str) -> Call:
    call = get_call_for_user_or_404(request.user, slug)
    if not is_reviewer_of(request.user, call):
        raise PermissionDenied
    return call


def _errors(request: HttpRequest, error: DomainError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _base(call: Call) -> dict[str, Any]:
    return {"call": call, "call_title": localise(call, "title")}


# --- Reviewers ---------------------------------------------------------------------------


@login_required
def review_home(request: HttpRequest, slug: str) -> HttpResponse:
    call = _reviewer_call(request, slug)
    confirmed = review_services.conflicts_confirmed_at(request.user, call)
    reviews = list(review_selectors.my_reviews(request.user, call))
    return render(
        request,
        "calls/review_home.html",
        {
            **_base(call),
            "applications": review_selectors.declarable_applications(call, request.user),
            "confirmed_at": confirmed,
            "reviews": [(r, review_services.may_open(request.user, r)) for r in reviews],
            "form": ConflictForm(),
        },
    )


@login_required
@require_POST
def conflict_declare(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    call = _reviewer_call(request, slug)
    application = get_object_or_404(Application, pk=application_id, call=call)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            review_services.declare_conflict(
                application, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Your conflict of interest was recorded."))
        except DomainError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Say briefly what the conflict is."))
    return redirect("calls:review_home", slug=call.slug)


@login_required
@require_POST
def conflicts_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    call = _reviewer_call(request, slug)
    review_services.confirm_conflicts(call, by=request.user)
    messages.success(request, _("Thank you. You may now open the applications assigned to you."))
    return redirect("calls:review_home", slug=call.slug)


@login_required
def review_detail(request: HttpRequest, slug: str, review_id: int) -> HttpResponse:
    call = _reviewer_call(request, slug)
    review = get_object_or_404(
        review_selectors.without_conflicts(Review.objects.all()).select_related(
            "application__actor", "application__person"
        ),
        pk=review_id,
        application__call=call,
        reviewer=request.user,
    )
    if not review_services.may_open(request.user, review):
        messages.info(request, _("Declare your conflicts of interest for this call first."))
        return redirect("calls:review_home", slug=call.slug)
    criteria = _label_criteria(list(call.criteria.all()))
    locked = review.status == ReviewStatus.SUBMITTED
    existing = {s.criterion_id: s for s in review.scores.all()}
    initial: dict[str, Any] = {"recommendation": review.recommendation, "comment": review.comment}
    for criterion_id, score in existing.items():
        initial[f"score_{criterion_id}"] = score.score
        initial[f"comment_{criterion_id}"] = score.comment
    if request.method == "POST" and not locked:
        form = ReviewForm(request.POST, criteria=criteria)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                review_services.save_review(
                    review,
                    by=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except DomainError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        for message in errors:
                            form.add_error(field if field in form.fields else None, message)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your review was submitted.") if submit else _("Your draft was saved."),
                )
                return redirect("calls:review", slug=call.slug, review_id=review.pk)
    else:
        form = ReviewForm(initial=initial, criteria=criteria)
    application = review.application
    questions = {}
    version = application.form_version
    for question in version.questions.all():
        questions[question.key] = localise(question, "label")
    answers = [(questions.get(key, key), value) for key, value in application.answers.items()]
    files = list(application.files.all())
    return render(
        request,
        "calls/review_detail.html",
        {
            **_base(call),
            "review": review,
            "application": application,
            "answers": answers,
            "files": files,
            "form": form,
            "locked": locked,
            "scores": [(c, existing.get(c.pk)) for c in criteria],
        },
    )


# --- Staff: assignment, reopening ---------------------------------------------------------


@login_required
def assignments(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    overview = review_selectors.assignment_overview(call)
    return render(request, "calls/review_assignments.html", {**_base(call), **overview})


@login_required
@require_POST
def assignments_auto(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    run = assignment.auto_assign(call, by=request.user)
    messages.success(
        request,
        _("%(count)s reviews assigned; %(reviewers)s reviewers notified.")
        % {"count": run.created, "reviewers": run.reviewers_notified},
    )
    for application, missing in run.shortfalls:
        messages.warning(
            request,
            _("%(name)s lacks %(missing)s review(s): not enough eligible reviewers.")
            % {"name": application.applicant_name, "missing": missing},
        )
    return redirect("calls:assignments", slug=call.slug)


def _posted_id(request: HttpRequest, name: str) -> int | None:
    """A positive whole number from the form, or None (junk is not a server error)."""
    value = request.POST.get(name, "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number < 2**31 else None


@login_required
@require_POST
def assignment_add(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    application_id = _posted_id(request, "application")
    application = call.applications.filter(pk=application_id).first() if application_id else None
    reviewer_id = _posted_id(request, "reviewer")
    reviewer = call.reviewers.filter(pk=reviewer_id).first() if reviewer_id else None
    if application is None:
        messages.error(request, _("Choose one of the call's applications."))
    elif reviewer is None:
        messages.error(request, _("Choose one of the call's reviewers."))
    else:
        try:
            assignment.assign(application, reviewer, by=request.user)
            messages.success(request, _("The reviewer was assigned."))
        except DomainError as error:
            _errors(request, error)
    return redirect("calls:assignments", slug=call.slug)


@login_required
@require_POST
def assignment_remove(request: HttpRequest, slug: str, review_id: int) -> HttpResponse:
    call = _staff_call(request, slug)
    review = get_object_or_404(Review, pk=review_id, application__call=call)
    try:
        assignment.unassign(review, by=request.user)
        messages.success(request, _("The assignment was removed."))
    except DomainError as error:
        _errors(request, error)
    return redirect("calls:assignments", slug=call.slug)


@login_required
@require_POST
def review_reopen(request: HttpRequest, slug: str, review_id: int) -> HttpResponse:
    call = _staff_call(request, slug)
    review = get_object_or_404(Review, pk=review_id, application__call=call)
    try:
        review_services.reopen_review(
            review, by=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The review was reopened for its reviewer."))
    except DomainError as error:
        _errors(request, error)
    return redirect("calls:console", slug=call.slug)


# --- Console ------------------------------------------------------------------------------


@login_required
def console(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    normalised = request.GET.get("normalise") == "1"
    data = review_selectors.console(call, normalised=normalised)
    _label_criteria(data.criteria)
    page = Paginator(data.rows, CONSOLE_PAGE_SIZE).get_page(request.GET.get("page"))
    review_selectors.describe(data, list(page.object_list))
    return render(
        request,
        "calls/console.html",
        {
            **_base(call),
            "console": data,
            "normalised": normalised,
            "page": page,
            "querystring": "normalise=1" if normalised else "",
        },
    )


@login_required
def console_export(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    data = review_selectors.console(call, normalised=True)
    _label_criteria(data.criteria)
    response = HttpResponse(
        console_workbook(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="reviews-{call.pk}.xlsx"'
    return response


# --- Decisions ----------------------------------------------------------------------------


@login_required
def decision(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    call = _staff_call(request, slug)
    application = get_object_or_404(
        Application.objects.select_related("actor", "person"), pk=application_id, call=call
    )
    history = list(application.decisions.select_related("decided_by", "reversed_by"))
    standing = next((d for d in history if d.reversed_at is None), None)
    form = DecisionForm()
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision_services.decide(application, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The decision was recorded and the applicant notified.")
                )
                return redirect("calls:decision", slug=call.slug, application_id=application.pk)
    return render(
        request,
        "calls/decision_detail.html",
        {
            **_base(call),
            "application": application,
            "history": history,
            "standing": standing,
            "form": form,
            "reversal_form": ReversalForm() if is_platform_admin(request.user) else None,
        },
    )


@login_required
@require_POST
def decision_reverse(request: HttpRequest, slug: str, decision_id: int) -> HttpResponse:
    call = _staff_call(request, slug)
    decision_row = get_object_or_404(Decision, pk=decision_id, application__call=call)
    form = ReversalForm(request.POST)
    if not is_platform_admin(request.user):
        raise PermissionDenied
    if form.is_valid():
        try:
            decision_services.reverse_decision(
                decision_row, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The decision was reversed; a new one may be made."))
        except DomainError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Give the reason for reversing the decision."))
    return redirect("calls:decision", slug=call.slug, application_id=decision_row.application_id)


# --- Budget and grants --------------------------------------------------------------------


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    grants = list(
        Grant.objects.filter(application__call=call)
        .select_related("application__actor", "application__person")
        .order_by("pk")
    )
    paid: dict[int, Any] = {}
    from django.db.models import Sum

    for row in (
        Grant.objects.filter(application__call=call)
        .annotate(paid=Sum("disbursements__amount"))
        .values_list("pk", "paid")
    ):
        paid[row[0]] = row[1] or 0
    accepted_without = (
        call.applications.filter(status="accepted", grant__isnull=True)
        .select_related("actor", "person")
        .order_by("pk")
    )
    return render(
        request,
        "calls/grant_budget.html",
        {
            **_base(call),
            "budget": grant_services.budget_of(call),
            "grants": [(g, paid.get(g.pk, 0)) for g in grants],
            "accepted_without": list(accepted_without),
        },
    )


def _grant_application(
    request: HttpRequest, slug: str, application_id: int
) -> tuple[Call, Application, bool]:
    call = get_call_for_user_or_404(request.user, slug)
    application = get_object_or_404(
        Application.objects.select_related("actor", "person"), pk=application_id, call=call
    )
    staff = runs_call(request.user, call)
    if not staff and not acts_for_application(request.user, application):
        raise PermissionDenied
    return call, application, staff


@login_required
def grant(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    call, application, staff = _grant_application(request, slug, application_id)
    grant_row = Grant.objects.filter(application=application).first()
    if grant_row is None and not staff:
        raise Http404
    form = GrantForm(initial={"amount": grant_row.amount if grant_row else None})
    if request.method == "POST":
        if not staff:
            raise PermissionDenied
        form = GrantForm(request.POST)
        if form.is_valid():
            try:
                grant_services.set_grant(application, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The grant was saved."))
                return redirect("calls:grant", slug=call.slug, application_id=application.pk)
    milestones = list(grant_row.milestones.prefetch_related("reports")) if grant_row else []
    disbursements = list(grant_row.disbursements.select_related("milestone")) if grant_row else []
    return render(
        request,
        "calls/grant_detail.html",
        {
            **_base(call),
            "application": application,
            "grant": grant_row,
            "staff": staff,
            "form": form,
            "milestones": milestones,
            "disbursements": disbursements,
            "paid": sum((d.amount for d in disbursements), 0),
            "milestone_form": MilestoneForm(),
            "report_form": ReportForm(),
            "disbursement_form": DisbursementForm(grant=grant_row) if grant_row else None,
            "budget": grant_services.budget_of(call) if staff else None,
            "may_report": acts_for_application(request.user, application),
        },
    )


def _grant_redirect(call: Call, application_id: int) -> HttpResponse:
    return redirect("calls:grant", slug=call.slug, application_id=application_id)


@login_required
@require_POST
def milestone_add(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    call, application, staff = _grant_application(request, slug, application_id)
    grant_row = get_object_or_404(Grant, application=application)
    form = MilestoneForm(request.POST)
    if not staff:
        raise PermissionDenied
    if form.is_valid():
        try:
            grant_services.add_milestone(grant_row, by=request.user, **form.cleaned_data)
            messages.success(request, _("The milestone was added."))
        except DomainError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Check the milestone's title, due date and amounts."))
    return _grant_redirect(call, application.pk)


@login_required
@require_POST
def milestone_report(
    request: HttpRequest, slug: str, application_id: int, milestone_id: int
) -> HttpResponse:
    call, application, _staff = _grant_application(request, slug, application_id)
    milestone = get_object_or_404(Milestone, pk=milestone_id, grant__application=application)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            grant_services.report_milestone(milestone, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your report was recorded."))
        except DomainError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Describe what was done."))
    return _grant_redirect(call, application.pk)


@login_required
@require_POST
def milestone_mark(
    request: HttpRequest, slug: str, application_id: int, milestone_id: int
) -> HttpResponse:
    call, application, staff = _grant_application(request, slug, application_id)
    if not staff:
        raise PermissionDenied
    milestone = get_object_or_404(Milestone, pk=milestone_id, grant__application=application)
    grant_services.mark_milestone(milestone, by=request.user, met=request.POST.get("met") == "1")
    messages.success(request, _("The milestone was assessed."))
    return _grant_redirect(call, application.pk)


@login_required
@require_POST
def disbursement_add(request: HttpRequest, slug: str, application_id: int) -> HttpResponse:
    call, application, staff = _grant_application(request, slug, application_id)
    if not staff:
        raise PermissionDenied
    grant_row = get_object_or_404(Grant, application=application)
    form = DisbursementForm(request.POST, grant=grant_row)
    if form.is_valid():
        try:
            grant_services.record_disbursement(grant_row, by=request.user, **form.cleaned_data)
            messages.success(request, _("The disbursement was recorded."))
        except DomainError as error:
            _errors(request, error)
    else:
        messages.error(request, _("Check the amount and the date."))
    return _grant_redirect(call, application.pk)


# --- Audit --------------------------------------------------------------------------------


@login_required
def audit(request: HttpRequest, slug: str) -> HttpResponse:
    call = _staff_call(request, slug)
    object_type = request.GET.get("object", "")
    types = review_selectors.audit_object_types(call)
    if object_type not in types:
        object_type = ""
    page = Paginator(review_selectors.audit_entries(call, object_type), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "calls/audit_list.html",
        {
            **_base(call),
            "page": page,
            "types": types,
            "object_type": object_type,
            "querystring": f"object={object_type}" if object_type else "",
        },
    )
