"""Pages of matchmaking: the list, the staff console and each participant's page.

Thin: look up through ``rules`` (what a user may not see is 404), call the services,
render. Every POST redirects back with a message, or shows the page again with the form
and its errors so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.communities.models import Event
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import matchmaking_selectors as selectors
from . import matchmaking_services as services
from .matchmaking_forms import (
    AvailabilityForm,
    CapacityForm,
    InterestsForm,
    MatchmakingForm,
    MeetingForm,
    OutcomeForm,
    PairAddForm,
    PairingForm,
    ParticipantForm,
    ranges_text,
)
from .models import MatchmakingEvent, MatchPair, MatchParticipant, Meeting, MeetingOutcome
from .rules import acts_for_participant, get_matchmaking_for_user_or_404, runs_matchmaking


def _staff_matchmaking_or_404(user: Any, pk: int) -> MatchmakingEvent:
    matchmaking = get_matchmaking_for_user_or_404(user, pk)
    if not runs_matchmaking(user, matchmaking):
        raise Http404
    return matchmaking


def _participant_or_404(user: Any, pk: int, participant_pk: int) -> MatchParticipant:
    matchmaking = get_matchmaking_for_user_or_404(user, pk)
    participant = (
        MatchParticipant.objects.select_related("actor", "matchmaking__event__community")
        .filter(matchmaking=matchmaking, pk=participant_pk)
        .first()
    )
    if participant is None or not (
        runs_matchmaking(user, matchmaking) or acts_for_participant(user, participant)
    ):
        raise Http404
    return participant


def _console_url(matchmaking: MatchmakingEvent, anchor: str = "") -> str:
    url = reverse("matching:matchmaking_detail", args=[matchmaking.pk])
    return f"{url}#{anchor}" if anchor else url


def _error_messages(request: HttpRequest, error: DomainError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- List and creation -----------------------------------------------------------------


@login_required
def matchmaking_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.visible_matchmaking(request.user), settings.KAVERET_PAGE_SIZE)
    return render(
        request,
        "matching/matchmaking/list.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "can_create": _events_for(request.user).exists(),
        },
    )


def _events_for(user: Any) -> Any:
    from kaveret.accounts.roles import is_platform_admin
    from kaveret.partnerships.rules import staff_community_ids

    events = Event.objects.filter(matchmaking__isnull=True).select_related("community")
    if is_platform_admin(user):
        return events.order_by("-starts_at")
    return events.filter(community_id__in=staff_community_ids(user)).order_by("-starts_at")


@login_required
@require_http_methods(["GET", "POST"])
def matchmaking_create(request: HttpRequest) -> HttpResponse:
    events = _events_for(request.user)
    if not events.exists():
        raise PermissionDenied
    form = MatchmakingForm(request.POST or None, events=events)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            matchmaking = services.matchmaking_create(by=request.user, **values)
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("The matchmaking round is set up. Add its participants."))
            return redirect(_console_url(matchmaking))
    return render(
        request,
        "matching/matchmaking/form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# --- The console ---------------------------------------------------------------------------


def matchmaking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = get_matchmaking_for_user_or_404(request.user, pk)
    if not runs_matchmaking(request.user, matchmaking):
        own = services_participant_of(request.user, matchmaking)
        return redirect("matching:matchmaking_participant", matchmaking.pk, own[0].pk)
    return _console(request, matchmaking)


def services_participant_of(user: Any, matchmaking: MatchmakingEvent) -> list[MatchParticipant]:
    from .rules import participant_of

    own = participant_of(user, matchmaking)
    if not own:
        raise Http404
    return own


def _console(
    request: HttpRequest,
    matchmaking: MatchmakingEvent,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or {}
    everyone = selectors.participants(matchmaking)
    ventures, organisations = selectors.split_sides(everyone)
    all_pairs = selectors.pairs(matchmaking)
    meetings = selectors.meetings(matchmaking)
    venture_qs = matchmaking.participants.filter(side="venture").select_related("actor")
    organisation_qs = matchmaking.participants.filter(side="organisation").select_related("actor")
    per_participant = {p.pk: [] for p in everyone}  # type: dict[int, list[Meeting]]
    for meeting in meetings:
        per_participant[meeting.pair.venture_id].append(meeting)
        per_participant[meeting.pair.organisation_id].append(meeting)
    return render(
        request,
        "matching/matchmaking/console.html",
        {
            "matchmaking": matchmaking,
            "ventures": ventures,
            "organisations": organisations,
            "matrix": selectors.interest_matrix(
                ventures, organisations, selectors.interest_levels(matchmaking)
            ),
            "pairs": all_pairs,
            "meetings": meetings,
            "per_participant": [(p, per_participant[p.pk]) for p in everyone],
            "unscheduled": selectors.unscheduled(matchmaking, all_pairs),
            "report": matchmaking.schedule_report or {},
            "violations": services.schedule_violations(matchmaking) if meetings else [],
            "settings_form": forms.get("settings")
            or MatchmakingForm(
                initial={
                    "title": matchmaking.title,
                    "window_starts_at": matchmaking.window_starts_at,
                    "window_ends_at": matchmaking.window_ends_at,
                    "meeting_minutes": matchmaking.meeting_minutes,
                    "break_minutes": matchmaking.break_minutes,
                    "method": matchmaking.method,
                    "rooms": "\n".join(matchmaking.rooms or []),
                },
                prefix="settings",
            ),
            "participant_form": forms.get("participant") or ParticipantForm(prefix="participant"),
            "pairing_form": PairingForm(initial={"method": matchmaking.method}),
            "pair_form": forms.get("pair")
            or PairAddForm(ventures=venture_qs, organisations=organisation_qs, prefix="pair"),
            "outcome_choices": MeetingOutcome.choices,
            "partnership_outcome": MeetingOutcome.PARTNERSHIP_PROPOSED,
        },
        status=status,
    )


@login_required
@require_POST
def matchmaking_settings(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    form = MatchmakingForm(request.POST, prefix="settings")
    if form.is_valid():
        try:
            services.matchmaking_update(
                by=request.user, matchmaking=matchmaking, values=form.values()
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect(_console_url(matchmaking, "settings"))
    return _console(request, matchmaking, forms={"settings": form}, status=400)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    form = ParticipantForm(request.POST, prefix="participant")
    if form.is_valid():
        try:
            services.participant_add(
                by=request.user,
                matchmaking=matchmaking,
                actor=form.cleaned_data["actor"],
                capacity=form.cleaned_data["capacity"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Participant added."))
            return redirect(_console_url(matchmaking, "participants"))
    return _console(request, matchmaking, forms={"participant": form}, status=400)


@login_required
@require_POST
def participant_capacity(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    participant = get_object_or_404(MatchParticipant, matchmaking=matchmaking, pk=participant_pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Meetings wanted is a number between 1 and 50."))
    else:
        services.participant_update(
            by=request.user,
            participant=participant,
            capacity=form.cleaned_data["capacity"],
            contact=participant.contact,
        )
        messages.success(request, _("Capacity saved."))
    return redirect(_console_url(matchmaking, "participants"))


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    participant = get_object_or_404(MatchParticipant, matchmaking=matchmaking, pk=participant_pk)
    try:
        services.participant_remove(by=request.user, participant=participant)
    except DomainError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Participant removed."))
    return redirect(_console_url(matchmaking, "participants"))


@login_required
@require_POST
def pairing_run(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    form = PairingForm(request.POST)
    method = form.cleaned_data["method"] if form.is_valid() else None
    try:
        created = services.pairing_run(by=request.user, matchmaking=matchmaking, method=method)
    except DomainError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("%(count)d pairs proposed.") % {"count": len(created)})
    return redirect(_console_url(matchmaking, "pairs"))


@login_required
@require_POST
def schedule_build(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    try:
        report = services.schedule_build(by=request.user, matchmaking=matchmaking)
    except DomainError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("%(scheduled)d of %(pairs)d pairs scheduled.")
            % {"scheduled": report["scheduled"], "pairs": report["pairs"]},
        )
    return redirect(_console_url(matchmaking, "schedule"))


@login_required
@require_POST
def pair_add(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    form = PairAddForm(
        request.POST,
        ventures=matchmaking.participants.filter(side="venture"),
        organisations=matchmaking.participants.filter(side="organisation"),
        prefix="pair",
    )
    if form.is_valid():
        try:
            services.pair_add(
                by=request.user,
                venture=form.cleaned_data["venture"],
                organisation=form.cleaned_data["organisation"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Pair added."))
            return redirect(_console_url(matchmaking, "pairs"))
    return _console(request, matchmaking, forms={"pair": form}, status=400)


def _pair_or_404(matchmaking: MatchmakingEvent, pair_pk: int) -> MatchPair:
    return get_object_or_404(
        MatchPair.objects.select_related("venture__actor", "organisation__actor", "matchmaking"),
        matchmaking=matchmaking,
        pk=pair_pk,
    )


@login_required
@require_POST
def pair_remove(request: HttpRequest, pk: int, pair_pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    try:
        services.pair_remove(by=request.user, pair=_pair_or_404(matchmaking, pair_pk))
    except DomainError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Pair removed."))
    return redirect(_console_url(matchmaking, "pairs"))


@login_required
@require_POST
def meeting_set(request: HttpRequest, pk: int, pair_pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    pair = _pair_or_404(matchmaking, pair_pk)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the meeting a start date and time."))
        return redirect(_console_url(matchmaking, "schedule"))
    try:
        services.meeting_set(
            by=request.user,
            pair=pair,
            starts_at=form.cleaned_data["starts_at"],
            room=form.cleaned_data["room"],
        )
    except DomainError as error:
        messages.error(request, _("The meeting was not moved:"))
        _error_messages(request, error)
    else:
        messages.success(request, _("The meeting was moved and the schedule checked."))
    return redirect(_console_url(matchmaking, "schedule"))


@login_required
@require_POST
def schedules_send(request: HttpRequest, pk: int) -> HttpResponse:
    matchmaking = _staff_matchmaking_or_404(request.user, pk)
    sent = services.schedules_send(by=request.user, matchmaking=matchmaking)
    messages.success(request, _("%(count)d schedules e-mailed.") % {"count": sent})
    return redirect(_console_url(matchmaking, "schedule"))


def _meeting_or_404(user: Any, pk: int, meeting_pk: int) -> Meeting:
    matchmaking = get_matchmaking_for_user_or_404(user, pk)
    meeting = (
        Meeting.objects.select_related(
            "pair__matchmaking__event__community",
            "pair__venture__actor",
            "pair__organisation__actor",
        )
        .filter(pk=meeting_pk, pair__matchmaking=matchmaking)
        .first()
    )
    if meeting is None or not (
        runs_matchmaking(user, matchmaking)
        or acts_for_participant(user, meeting.pair.venture)
        or acts_for_participant(user, meeting.pair.organisation)
    ):
        raise Http404
    return meeting


def _back(request: HttpRequest, matchmaking: MatchmakingEvent) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_console_url(matchmaking, "outcomes"))


@login_required
@require_POST
def outcome_record(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request.user, pk, meeting_pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
    else:
        services.outcome_record(
            by=request.user,
            meeting=meeting,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Outcome recorded."))
    return _back(request, meeting.pair.matchmaking)


@login_required
@require_POST
def partnership_create(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request.user, pk, meeting_pk)
    try:
        partnership = services.partnership_from_meeting(by=request.user, meeting=meeting)
    except DomainError as error:
        _error_messages(request, error)
        return _back(request, meeting.pair.matchmaking)
    return redirect(partnership.get_absolute_url())


# --- A participant's page ------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def participant_detail(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant_or_404(request.user, pk, participant_pk)
    return _participant_page(request, participant)


def _participant_page(
    request: HttpRequest,
    participant: MatchParticipant,
    *,
    interests_form: InterestsForm | None = None,
    availability_form: AvailabilityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    matchmaking = participant.matchmaking
    others = list(matchmaking.participants.exclude(side=participant.side).select_related("actor"))
    current = dict(participant.interests_given.values_list("target_id", "level"))
    meetings = selectors.participant_meetings(participant)
    rows = [
        (
            meeting,
            meeting.pair.organisation
            if meeting.pair.venture_id == participant.pk
            else meeting.pair.venture,
        )
        for meeting in meetings
    ]
    return render(
        request,
        "matching/matchmaking/participant.html",
        {
            "matchmaking": matchmaking,
            "participant": participant,
            "rows": rows,
            "runs": runs_matchmaking(request.user, matchmaking),
            "interests_form": interests_form
            or InterestsForm(targets=others, current=current, prefix="interests"),
            "availability_form": availability_form
            or AvailabilityForm(
                initial={"ranges": ranges_text(participant.availability.all())},
                prefix="availability",
            ),
            "outcome_choices": MeetingOutcome.choices,
            "partnership_outcome": MeetingOutcome.PARTNERSHIP_PROPOSED,
        },
        status=status,
    )


@login_required
@require_POST
def participant_interests(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant_or_404(request.user, pk, participant_pk)
    others = list(
        participant.matchmaking.participants.exclude(side=participant.side).select_related("actor")
    )
    form = InterestsForm(request.POST, targets=others, current={}, prefix="interests")
    if form.is_valid():
        try:
            services.interests_set(by=request.user, source=participant, levels=form.levels())
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Interests saved."))
            return redirect(
                reverse("matching:matchmaking_participant", args=[pk, participant.pk])
                + "#interests"
            )
    return _participant_page(request, participant, interests_form=form, status=400)


@login_required
@require_POST
def participant_availability(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant_or_404(request.user, pk, participant_pk)
    form = AvailabilityForm(request.POST, prefix="availability")
    if form.is_valid():
        try:
            services.availability_set(
                by=request.user, participant=participant, slots=form.cleaned_data["ranges"]
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Availability saved."))
            return redirect(
                reverse("matching:matchmaking_participant", args=[pk, participant.pk])
                + "#availability"
            )
    return _participant_page(request, participant, availability_form=form, status=400)


@login_required
def participant_ics(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = _participant_or_404(request.user, pk, participant_pk)
    body = services.schedule_ics(participant, selectors.participant_meetings(participant))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="matchmaking-{participant.matchmaking_id}-{participant.pk}.ics"'
    )
    return response
