"""Pages of the board: all partnerships by stage, a partnership, creating, editing,
moving (gates enforced, keyboard and drag), the five factors, the timeline.

Thin: permissions in ``rules``, writes in ``services``, reads in ``selectors``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import gates, rules, selectors, services
from .board_forms import (
    BoardFilterForm,
    FactorsForm,
    MoveForm,
    PartnershipForm,
    StagePeriodForm,
)
from .models import Partnership, Stage


def _visible_or_404(request: HttpRequest, pk: int) -> Partnership:
    return rules.get_partnership_for_user_or_404(request.user, pk)


def _editable_or_404(request: HttpRequest, pk: int) -> Partnership:
    partnership = _visible_or_404(request, pk)
    if not rules.can_edit_partnership(request.user, partnership):
        if rules.can_view_partnership(request.user, partnership):
            raise PermissionDenied
        raise Http404
    return partnership


@login_required
def board(request: HttpRequest) -> HttpResponse:
    choices = selectors.filter_choices(request.user)
    form = BoardFilterForm(request.GET or None, choices=choices)
    filters = form.filters()
    list_mode = request.GET.get("view") == "list"
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "list_mode": list_mode,
        "querystring": query.urlencode(),
        "filtered": any(value for key, value in request.GET.items() if key not in ("page", "view")),
        "can_create": rules.may_create_partnerships(request.user),
    }
    if list_mode:
        queryset = selectors.board_queryset(request.user, filters)
        context["page"] = Paginator(queryset, settings.KAVERET_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    else:
        columns = selectors.board_columns(request.user, filters)
        for column in columns:  # roles are read once per request: no query per card
            for card in column.cards:
                card.can_move = rules.can_edit_partnership(  # type: ignore[attr-defined]
                    request.user, card
                )
        context["columns"] = columns
        context["total"] = sum(column.count for column in columns)
    return render(request, "partnerships/board.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _visible_or_404(request, pk)
    user = request.user
    if not rules.can_view_partnership(user, partnership):
        return render(
            request,
            "partnerships/detail_public.html",
            {"partnership": partnership, **linked_visibility(user, partnership)},
        )
    return _detail_page(request, partnership)


def linked_visibility(user: Any, partnership: Partnership) -> dict[str, bool]:
    """Whether ``user`` may see the community, challenge and call the partnership is
    linked to: a party may not belong to a hidden community, so its name is not shown."""
    from kaveret.calls.rules import can_view_call
    from kaveret.challenges.rules import can_view_challenge
    from kaveret.communities.rules import can_view_community

    community, challenge, call = (
        partnership.community,
        partnership.challenge,
        partnership.origin_call,
    )
    return {
        "show_community": community is not None and can_view_community(user, community),
        "show_challenge": challenge is not None and can_view_challenge(user, challenge),
        "show_call": call is not None and can_view_call(user, call),
    }


def _detail_page(
    request: HttpRequest,
    partnership: Partnership,
    *,
    move_form: MoveForm | None = None,
    factors_form: FactorsForm | None = None,
    unmet: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_edit = rules.can_edit_partnership(user, partnership)
    can_override = rules.can_override_gate(user, partnership)
    targets = gates.allowed_targets(partnership.stage)
    suggestion = None
    factors = {name: getattr(partnership, name) for name in services.FACTOR_FIELDS}
    if all(value is not None for value in factors.values()):
        suggestion = services.suggest_level(factors)
    factor_rows = [
        (form_field.label, getattr(partnership, f"get_{name}_display")())
        for name, form_field in FactorsForm().fields.items()
        if name in services.FACTOR_FIELDS and getattr(partnership, name) is not None
    ]
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "can_edit": can_edit,
            "can_override": can_override,
            "parties": partnership.parties.select_related("actor"),
            "progress": selectors.stage_progress(partnership),
            "periods": selectors.stage_periods(partnership),
            "suggestion": suggestion,
            "factor_rows": factor_rows,
            "move_form": move_form or MoveForm(targets=targets, can_override=can_override),
            "factors_form": factors_form or FactorsForm(initial={**factors, "level": None}),
            "unmet": unmet or [],
            "has_targets": bool(targets),
            **linked_visibility(user, partnership),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not rules.may_create_partnerships(request.user):
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, creating=True, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.create_partnership(
                user=request.user,
                organisation=data["organisation"],
                venture=data["venture"],
                title=data["title"],
                challenge=data.get("challenge"),
                community=data.get("community"),
                origin=data["origin"],
                origin_call=data.get("origin_call"),
                summary=data.get("summary", ""),
                risks=data.get("risks") or [],
                parties=form.parties(),
            )
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error(
                None,
                _(
                    "You may create a partnership only for an organisation or venture you "
                    "act for, or in a community you run."
                ),
            )
        else:
            messages.success(request, _("The partnership was created."))
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "partnerships/form.html",
        {"form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable_or_404(request, pk)
    form = PartnershipForm(
        request.POST or None,
        creating=False,
        user=request.user,
        partnership=partnership,
        initial=PartnershipForm.initial_for(partnership),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data.get(name) for name in services.BASIC_FIELDS}
        try:
            services.update_partnership(
                partnership, user=request.user, values=values, parties=form.parties()
            )
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error(
                None, _("You may not move the partnership to these sides or this community.")
            )
        else:
            messages.success(request, _("The partnership was saved."))
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "partnerships/form.html",
        {"form": form, "creating": False, "partnership": partnership},
        status=400 if form.errors else 200,
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move to another stage: the keyboard form on the card and the detail page, and the
    drag and drop of ``board.js`` (which asks for JSON)."""
    partnership = _editable_or_404(request, pk)
    can_override = rules.can_override_gate(request.user, partnership)
    form = MoveForm(
        request.POST,
        targets=gates.allowed_targets(partnership.stage),
        can_override=can_override,
    )
    unmet: list[str] = []
    if form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        try:
            services.move_stage(
                partnership,
                to_stage,
                user=request.user,
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except DomainError as error:
            unmet = [str(message) for message in error.messages]
        else:
            label = dict(Stage.choices)[to_stage]
            text = _("Moved to “%(stage)s”.") % {"stage": label}
            messages.success(request, text)
            if _wants_json(request):
                return JsonResponse({"ok": True, "stage": to_stage, "message": text})
            target = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = partnership.get_absolute_url()
            return redirect(target)
    else:
        unmet = [str(error) for errors in form.errors.values() for error in errors]
    if _wants_json(request):
        return JsonResponse({"ok": False, "unmet": unmet, "can_override": can_override}, status=422)
    return _detail_page(request, partnership, move_form=form, unmet=unmet, status=422)


@login_required
@require_POST
def factors(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable_or_404(request, pk)
    form = FactorsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _saved, level, _reasons = services.set_factors(
                partnership,
                user=request.user,
                factors={name: data[name] for name in services.FACTOR_FIELDS},
                level=data.get("level"),
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The five factors were saved; they suggest “%(level)s”.")
                % {"level": level.label},
            )
            return redirect(partnership.get_absolute_url() + "#factors")
    return _detail_page(request, partnership, factors_form=form, status=400)


def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _visible_or_404(request, pk)
    if not rules.can_view_partnership(request.user, partnership):
        raise Http404
    return render(
        request,
        "partnerships/timeline.html",
        {"partnership": partnership, "events": selectors.timeline(partnership)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_period(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """Edit one stage's dates, owner and notes."""
    partnership = _editable_or_404(request, pk)
    period = next((row for row in selectors.stage_periods(partnership) if row.stage == stage), None)
    if period is None:
        raise Http404
    owners = selectors.stage_owner_candidates(partnership)
    initial = {
        "starts_on": period.starts_on,
        "due_on": period.due_on,
        "ended_on": period.ended_on,
        "owner": period.owner_id,
        "notes": period.notes,
    }
    form = StagePeriodForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_stage_period(
                period,
                user=request.user,
                starts_on=data.get("starts_on"),
                due_on=data.get("due_on"),
                ended_on=data.get("ended_on"),
                owner=data.get("owner"),
                notes=data.get("notes", ""),
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The stage was saved."))
            return redirect(partnership.get_absolute_url() + "#periods-title")
    return render(
        request,
        "partnerships/stage_period_form.html",
        {"form": form, "partnership": partnership, "period": period},
        status=400 if form.errors else 200,
    )
