"""Pages of the recommenders.

The panels (scouting on a challenge, routing and fit on a venture, fit on an organisation)
are loaded into their host pages by htmx (``hx-trigger="load"``); opened without htmx,
the same address answers a whole page holding the panel, so everything works without
script. Adding to a scouting list is one click: htmx swaps the panel back, a plain form
post redirects to the challenge page. What a user may not see is 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import get_challenge_for_user_or_404
from kaveret.core.errors import DomainError
from kaveret.ecosystem.models import Actor
from kaveret.ecosystem.rules import get_organisation_for_user_or_404, get_venture_for_user_or_404

from . import criteria, recommend, rules, scouting
from .models import ScoutingEntry
from .recommend_forms import AssessmentForm, FitFilterForm, RouteForm, ScoutingEntryForm

SUGGESTIONS = 10
ROUTES = 8
FIT_LIMIT = 10


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _panel(
    request: HttpRequest, partial: str, context: dict[str, Any], *, title: str, back: str
) -> HttpResponse:
    context = {**context, "partial": partial, "page_title": title, "back_url": back}
    if _is_htmx(request):
        return render(request, partial, context)
    return render(request, "matching/recommend/panel_page.html", context)


# --- Scouting --------------------------------------------------------------------------


def _scouting_challenge(request: HttpRequest, slug: str) -> Challenge:
    challenge = get_challenge_for_user_or_404(request.user, slug)
    if not rules.can_scout(request.user, challenge):
        raise Http404
    return challenge


def _scouting_context(request: HttpRequest, challenge: Challenge) -> dict[str, Any]:
    suggestions = recommend.for_user(request.user, recommend.scout(challenge, limit=SUGGESTIONS))
    entries = list(challenge.scouting_entries.select_related("venture").order_by("-score", "pk"))
    return {
        "challenge": challenge,
        "suggestions": suggestions,
        "entries": [
            (
                entry,
                ScoutingEntryForm(
                    initial={"status": entry.status, "note": entry.note}, prefix=f"entry-{entry.pk}"
                ),
            )
            for entry in entries
        ],
    }


def scouting_panel(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _scouting_challenge(request, slug)
    return _panel(
        request,
        "matching/recommend/_scouting_panel.html",
        _scouting_context(request, challenge),
        title=_("Scouting: %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


def _after_scouting_change(
    request: HttpRequest, challenge: Challenge, message: str
) -> HttpResponse:
    if _is_htmx(request):
        context = _scouting_context(request, challenge)
        context["status_message"] = message
        return render(request, "matching/recommend/_scouting_panel.html", context)
    messages.success(request, message)
    return redirect(f"{challenge.get_absolute_url()}#scouting")


@require_POST
def scouting_add(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _scouting_challenge(request, slug)
    try:
        venture_id = int(request.POST.get("venture", ""))
    except ValueError:
        raise Http404 from None
    venture = get_venture_for_user_or_404(request.user, venture_id)
    suggestion = next(
        (r for r in recommend.scout(challenge, limit=100) if r.object_id == venture.pk), None
    )
    _entry, created = scouting.add_to_scouting(
        challenge, venture, by=request.user, recommendation=suggestion
    )
    name = venture.display_name
    message = (
        _("%(name)s was added to the scouting list.") % {"name": name}
        if created
        else _("%(name)s is already on the scouting list.") % {"name": name}
    )
    return _after_scouting_change(request, challenge, message)


def _entry(request: HttpRequest, slug: str, pk: int) -> tuple[Challenge, ScoutingEntry]:
    challenge = _scouting_challenge(request, slug)
    entry = challenge.scouting_entries.select_related("venture", "challenge").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return challenge, entry


@require_POST
def scouting_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge, entry = _entry(request, slug, pk)
    form = ScoutingEntryForm(request.POST, prefix=f"entry-{entry.pk}")
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if _is_htmx(request):
            context = _scouting_context(request, challenge)
            context["status_message"] = message
            return render(request, "matching/recommend/_scouting_panel.html", context)
        messages.error(request, message)
        return redirect(f"{challenge.get_absolute_url()}#scouting")
    try:
        scouting.update_scouting_entry(
            entry,
            by=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        return _after_scouting_change(request, challenge, " ".join(error.messages))
    return _after_scouting_change(
        request, challenge, _("Saved the entry of %(name)s.") % {"name": entry.venture.display_name}
    )


@require_POST
def scouting_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge, entry = _entry(request, slug, pk)
    name = entry.venture.display_name
    scouting.remove_from_scouting(entry, by=request.user)
    return _after_scouting_change(
        request, challenge, _("%(name)s was removed from the scouting list.") % {"name": name}
    )


# --- Routing -------------------------------------------------------------------------


def routing_panel(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.can_route(request.user):
        raise Http404
    venture = get_venture_for_user_or_404(request.user, pk)
    items = recommend.for_user(request.user, recommend.route_venture(venture, limit=ROUTES))
    return _panel(
        request,
        "matching/recommend/_routing_panel.html",
        {"venture": venture, "items": items},
        title=_("Where %(name)s fits") % {"name": venture.display_name},
        back=venture.get_absolute_url(),
    )


@login_required
def route_page(request: HttpRequest) -> HttpResponse:
    """Where does my idea fit? A free text routed to communities, calls and challenges."""
    if not rules.can_route(request.user):
        raise PermissionDenied
    form = RouteForm(request.POST or None)
    items: list[recommend.Recommendation] | None = None
    if request.method == "POST" and form.is_valid():
        items = recommend.for_user(
            request.user,
            recommend.route_text(
                form.cleaned_data["text"], kinds=form.cleaned_data["kinds"], limit=ROUTES * 2
            ),
        )
    return render(request, "matching/recommend/route.html", {"form": form, "items": items})


# --- Fit lists -----------------------------------------------------------------------


def fit_panel(request: HttpRequest, side: str, pk: int) -> HttpResponse:
    """The design-partner fit list of a venture (organisations) or an organisation (ventures)."""
    actor: Any
    if side == "venture":
        actor = get_venture_for_user_or_404(request.user, pk)
    else:
        actor = get_organisation_for_user_or_404(request.user, pk)
    if not rules.can_see_fit(request.user, actor.pk):
        raise Http404
    form = FitFilterForm(request.GET or None, show_stage=side == "organisation")
    constraints = form.constraints() if form.is_bound else None
    if side == "venture":
        fit = recommend.fit_for_venture(actor, FIT_LIMIT, constraints=constraints)
    else:
        fit = recommend.fit_for_organisation(actor, FIT_LIMIT, constraints=constraints)
    return _panel(
        request,
        "matching/recommend/_fit_panel.html",
        {
            "actor": actor,
            "side": side,
            "form": form,
            "items": recommend.for_user(request.user, fit.items),
            "excluded": recommend.for_user(request.user, fit.excluded),
            "can_assess": rules.can_assess_criteria(request.user),
        },
        title=_("Design-partner fit: %(name)s") % {"name": actor.display_name},
        back=actor.get_absolute_url(),
    )


# --- Assessments ---------------------------------------------------------------------


def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff score a venture or an organisation on the seed 001 criteria."""
    if not rules.can_assess_criteria(request.user):
        raise Http404
    actor = Actor.objects.filter(pk=pk).first()
    if actor is None:
        raise Http404
    current = criteria.assessments_of(actor)
    form = AssessmentForm(
        request.POST or None, criteria=criteria.criteria_for(actor), initial_scores=current
    )
    if request.method == "POST" and form.is_valid():
        from django.db import transaction

        try:
            with transaction.atomic():
                for criterion, score, note in form.scores():
                    criteria.set_assessment(actor, criterion, score, by=request.user, note=note)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Saved the assessment of %(name)s.") % {"name": actor.display_name}
            )
            return redirect("matching:assess", pk=actor.pk)
    return render(
        request,
        "matching/recommend/assess.html",
        {"actor": actor.specific(), "form": form, "current": current},
    )
