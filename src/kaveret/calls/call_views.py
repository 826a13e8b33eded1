"""The calls' pages: the list, a call's page, and the staff's call, rubric and form pages.

Thin: look up through ``rules`` (what a user may not see is 404, what they may see but not
change is 403), parse with the forms, call the services, render.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import call_selectors as selectors
from . import call_services, form_builder, rubric
from .call_forms import (
    ELIGIBILITY_FIELDS,
    CallFilterForm,
    CallForm,
    CriterionForm,
    QuestionForm,
    SectionForm,
    question_initial,
)
from .call_services import ELIGIBILITY_CHOICES, ELIGIBILITY_TAXONOMIES
from .models import Call, FormVersion, RubricCriterion
from .rules import get_call_for_user_or_404, runs_call

PAGE_SIZE = 20


def _get_run_call_or_404(user: Any, slug: str) -> Call:
    """The call for its staff: 404 when it cannot be seen, 403 when it cannot be run."""
    call = get_call_for_user_or_404(user, slug)
    if not runs_call(user, call):
        raise PermissionDenied
    return call


def _decorate(calls: list[Call]) -> list[Call]:
    now = timezone.now()
    language = translation.get_language() or "he"
    for call in calls:
        call.display_title = selectors.call_title(call, language)  # type: ignore[attr-defined]
        call.countdown = selectors.countdown(call.deadline, now)  # type: ignore[attr-defined]
        call.opens_in = selectors.opens_in(call.opens_at, now)  # type: ignore[attr-defined]
    return calls


def call_list(request: HttpRequest) -> HttpResponse:
    """Open calls with their countdown, then the upcoming and the closed ones."""
    communities = sorted(
        selectors.communities_with_calls(request.user), key=lambda c: c.display_name
    )
    form = CallFilterForm(request.GET or None, communities=communities)
    filters = selectors.CallFilters()
    if form.is_valid():
        filters = selectors.CallFilters(**form.cleaned_data)
    open_page = Paginator(selectors.open_calls(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    closed_page = Paginator(selectors.closed_calls(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("closed_page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    closed_query = request.GET.copy()
    closed_query.pop("closed_page", None)
    drafts = (
        list(selectors.unpublished_calls_run_by(request.user))
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "calls/call_list.html",
        {
            "form": form,
            "open_page": open_page,
            "open_calls": _decorate(list(open_page.object_list)),
            "upcoming_calls": _decorate(list(selectors.upcoming_calls(request.user, filters)[:50])),
            "closed_page": closed_page,
            "closed_calls": _decorate(list(closed_page.object_list)),
            "querystring": query.urlencode(),
            "closed_querystring": closed_query.urlencode(),
            "drafts": drafts,
            "may_open": selectors.may_open_a_call(request.user),
        },
    )


def _reverse_or_empty(name: str, slug: str) -> str:
    """A page another part of the path builds; empty until its URL exists."""
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:
        return ""


def _eligibility_in_words(call: Call) -> list[tuple[str, list[str]]]:
    """Each eligibility rule of the call as a heading and the names of its values."""
    from .call_forms import CallForm as _Form

    labels = {key: _Form.base_fields[field].label for key, field in ELIGIBILITY_FIELDS.items()}
    rules: list[tuple[str, list[str]]] = []
    for key, values in (call.eligibility or {}).items():
        if not values or key not in labels:
            continue
        if key in ELIGIBILITY_CHOICES:
            names = dict(ELIGIBILITY_CHOICES[key].choices)
            words = [str(names.get(value, value)) for value in values]
        else:
            terms = ELIGIBILITY_TAXONOMIES[key].objects.filter(slug__in=values)
            words = sorted(term.display_name for term in terms)
        rules.append((str(labels[key]), words))
    return rules


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything an applicant needs: offer, eligibility, timeline, budget, rubric."""
    call = selectors.call_page(get_call_for_user_or_404(request.user, slug), request.user)
    staff = runs_call(request.user, call)
    now = timezone.now()
    language = translation.get_language() or "he"
    context: dict[str, Any] = {
        "call": call,
        "title": selectors.call_title(call, language),
        "offers": [label for value, label in _offer_choices() if value in (call.offers or [])],
        "eligibility": _eligibility_in_words(call),
        "criteria": [
            (criterion, rubric.criterion_name(criterion, language))
            for criterion in call.criteria.all()
        ],
        "is_open": call.is_published and call.opens_at <= now < call.deadline,
        "is_upcoming": call.opens_at > now,
        "countdown": selectors.countdown(call.deadline, now),
        "apply_url": _reverse_or_empty("calls:apply", call.slug),
        "staff": staff,
        "console_url": _reverse_or_empty("calls:console", call.slug) if staff else "",
        "missing": call_services.publish_requirements_missing(call) if staff else [],
    }
    return render(request, "calls/call_detail.html", context)


def _offer_choices() -> list[tuple[str, Any]]:
    from .models import Offer

    return list(Offer.choices)


def _call_form_kwargs(user: Any) -> dict[str, Any]:
    from kaveret.accounts.roles import is_platform_admin

    return {
        "communities": selectors.communities_for_new_call(user),
        "allow_no_community": is_platform_admin(user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    if not selectors.may_open_a_call(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None, **_call_form_kwargs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            call = call_services.create_call(by=request.user, **form.service_values())
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(
                request, _("The call was created. Now build its rubric and application form.")
            )
            return redirect(call.get_absolute_url())
    return render(
        request,
        "calls/call_form.html",
        {"form": form, "title": _("Open a new call"), "call": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    kwargs = _call_form_kwargs(request.user)
    if call.community is not None:
        kwargs["communities"] = kwargs["communities"] | type(call.community).objects.filter(
            pk=call.community.pk
        )
    form = CallForm(request.POST or None, call=call, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call_services.update_call(by=request.user, call=call, **form.service_values())
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect(call.get_absolute_url())
    return render(
        request,
        "calls/call_form.html",
        {"form": form, "title": _("Edit the call"), "call": call},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def call_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish (``action=publish``) or unpublish (``action=unpublish``) the call."""
    call = _get_run_call_or_404(request.user, slug)
    try:
        if request.POST.get("action") == "unpublish":
            call_services.unpublish_call(by=request.user, call=call)
            messages.success(request, _("The call is no longer published."))
        else:
            call_services.publish_call(by=request.user, call=call)
            messages.success(request, _("The call is published."))
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(call.get_absolute_url())


# Rubric


@login_required
@require_http_methods(["GET", "POST"])
def call_rubric(request: HttpRequest, slug: str) -> HttpResponse:
    """The rubric's criteria, with a form to add one and the seed 001 start."""
    call = _get_run_call_or_404(request.user, slug)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rubric.add_criterion(by=request.user, call=call, **form.cleaned_data)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("calls:rubric", call.slug)
    return render(
        request,
        "calls/call_rubric.html",
        {
            "call": call,
            "form": form,
            "criteria": list(call.criteria.order_by("order", "pk")),
            "frozen": rubric.rubric_is_frozen(call),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def call_rubric_seed(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    try:
        rubric.start_from_seed_criteria(by=request.user, call=call)
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The rubric starts from seed 001's six venture criteria."))
    return redirect("calls:rubric", call.slug)


def _criterion_or_404(call: Call, pk: int) -> RubricCriterion:
    criterion = call.criteria.filter(pk=pk).first()
    if criterion is None:
        raise Http404
    return criterion


@login_required
@require_http_methods(["GET", "POST"])
def call_criterion_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    criterion = _criterion_or_404(call, pk)
    initial = {field: getattr(criterion, field) for field in rubric.CRITERION_FIELDS}
    form = CriterionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rubric.update_criterion(by=request.user, criterion=criterion, **form.cleaned_data)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("calls:rubric", call.slug)
    return render(
        request,
        "calls/call_criterion_form.html",
        {"call": call, "form": form, "title": _("Edit the criterion")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def call_criterion_change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move a criterion (``action=up``/``down``) or delete it (``action=delete``)."""
    call = _get_run_call_or_404(request.user, slug)
    criterion = _criterion_or_404(call, pk)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            rubric.delete_criterion(by=request.user, criterion=criterion)
            messages.success(request, _("The criterion was removed."))
        elif action in {"up", "down"}:
            rubric.move_criterion(by=request.user, criterion=criterion, direction=action)
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("calls:rubric", call.slug)


# Form builder


def _frozen_note(call: Call, version: FormVersion) -> bool:
    return form_builder.freezing_is_due(call, version)


@login_required
def form_builder_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The current form's sections and questions, with their controls."""
    call = _get_run_call_or_404(request.user, slug)
    version = form_builder.current_form(call)
    groups = form_builder.version_structure(version)
    sections = [section for section, _questions in groups if section is not None]
    for position, section in enumerate(sections):
        section.position = position  # type: ignore[attr-defined]
    return render(
        request,
        "calls/form_builder.html",
        {
            "call": call,
            "version": version,
            "groups": groups,
            "will_version": _frozen_note(call, version),
            "versions": list(call.form_versions.order_by("-number")),
            "section_form": SectionForm(),
        },
    )


def _section_choices(version: FormVersion) -> list[tuple[int, str]]:
    return [
        (position, section.title)
        for position, section in enumerate(version.sections.order_by("order", "pk"))
    ]


@login_required
@require_http_methods(["GET", "POST"])
def form_question_add(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    version = form_builder.current_form(call)
    initial = {"section": request.GET.get("section") or None}
    form = QuestionForm(request.POST or None, sections=_section_choices(version), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            form_builder.add_question(by=request.user, call=call, **form.service_values())
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The question was added."))
            return redirect("calls:form_builder", call.slug)
    return render(
        request,
        "calls/form_question_form.html",
        {"call": call, "form": form, "title": _("Add a question")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_question_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    version = form_builder.current_form(call)
    question = version.questions.select_related("section").filter(key=key).first()
    if question is None:
        raise Http404
    sections = _section_choices(version)
    position = next(
        (
            pos
            for pos, section in enumerate(version.sections.order_by("order", "pk"))
            if section.pk == question.section_id
        ),
        None,
    )
    form = QuestionForm(
        request.POST or None, sections=sections, initial=question_initial(question, position)
    )
    if request.method == "POST" and form.is_valid():
        try:
            form_builder.update_question(
                by=request.user, call=call, key=key, **form.service_values()
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("calls:form_builder", call.slug)
    return render(
        request,
        "calls/form_question_form.html",
        {"call": call, "form": form, "title": _("Edit the question")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def form_question_change(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Move a question (``action=up``/``down``) or delete it (``action=delete``)."""
    call = _get_run_call_or_404(request.user, slug)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            form_builder.delete_question(by=request.user, call=call, key=key)
            messages.success(request, _("The question was removed."))
        elif action in {"up", "down"}:
            form_builder.move_question(by=request.user, call=call, key=key, direction=action)
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("calls:form_builder", args=[call.slug]) + f"#question-{key}")


@login_required
@require_POST
def form_section_add(request: HttpRequest, slug: str) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            form_builder.add_section(by=request.user, call=call, **form.cleaned_data)
        except DomainError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The section was added."))
    else:
        messages.error(request, _("Give the section a title in Hebrew."))
    return redirect("calls:form_builder", call.slug)


@login_required
@require_http_methods(["GET", "POST"])
def form_section_edit(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    call = _get_run_call_or_404(request.user, slug)
    version = form_builder.current_form(call)
    section = version.sections.order_by("order", "pk")[position : position + 1].first()
    if section is None:
        raise Http404
    initial = {field: getattr(section, field) for field in form_builder.SECTION_FIELDS}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            form_builder.update_section(
                by=request.user, call=call, position=position, **form.cleaned_data
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("calls:form_builder", call.slug)
    return render(
        request,
        "calls/form_section_form.html",
        {"call": call, "form": form, "title": _("Edit the section")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def form_section_change(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    """Move a section (``action=up``/``down``) or delete it (``action=delete``)."""
    call = _get_run_call_or_404(request.user, slug)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            form_builder.delete_section(by=request.user, call=call, position=position)
            messages.success(request, _("The section was removed; its questions stay."))
        elif action in {"up", "down"}:
            form_builder.move_section(
                by=request.user, call=call, position=position, direction=action
            )
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("calls:form_builder", call.slug)


def form_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The form as applicants see it, read-only; ``?version=n`` for an older version."""
    call = get_call_for_user_or_404(request.user, slug)
    version: FormVersion | None = form_builder.current_form(call)
    number = request.GET.get("version", "")
    if number:
        # ASCII digits only ("²".isdigit() is true but int() refuses it), and in range.
        if not re.fullmatch(r"[0-9]{1,9}", number):
            raise Http404
        version = call.form_versions.filter(number=int(number)).first()
        if version is None:
            raise Http404
    assert version is not None
    language = translation.get_language() or "he"
    return render(
        request,
        "calls/form_preview.html",
        {
            "call": call,
            "title": selectors.call_title(call, language),
            "schema": form_builder.form_schema(version, language),
            "version": version,
        },
    )
