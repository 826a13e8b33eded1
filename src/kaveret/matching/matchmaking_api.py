"""API: matchmaking rounds, participants, interests, pairing, schedule, meetings.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call the
same services, shape the answer. An anonymous caller who tries to write is told to
authenticate (401); ``kaveret.api`` turns ``PermissionDenied`` and ``DomainError`` into
JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kaveret.accounts.models import User
from kaveret.communities.models import Event
from kaveret.core.errors import DomainError
from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Actor

from . import matchmaking_selectors as selectors
from . import matchmaking_services as services
from .matchmaking_schemas import (
    AvailabilityIn,
    InterestsIn,
    InterestsOut,
    MatchmakingIn,
    MatchmakingOut,
    MatchmakingPage,
    MatchmakingPatch,
    MatchmakingQuery,
    MeetingIn,
    MeetingOut,
    OutcomeIn,
    PairIn,
    PairingIn,
    PairOut,
    ParticipantIn,
    ParticipantOut,
    ParticipantPatch,
    PartnershipRef,
    ScheduleReportOut,
    SentOut,
    SlotOut,
)
from .models import MatchmakingEvent, MatchPair, MatchParticipant, Meeting
from .rules import (
    acts_for_participant,
    get_matchmaking_for_user_or_404,
    participant_of,
    runs_matchmaking,
)

router = Router(tags=["Matchmaking"])


def _writer(request: HttpRequest) -> Any:
    user = acting_user(request)
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    return user


def _staff_or_404(request: HttpRequest, pk: int) -> MatchmakingEvent:
    user = acting_user(request)
    matchmaking = get_matchmaking_for_user_or_404(user, pk)
    if not runs_matchmaking(user, matchmaking):
        raise Http404
    return matchmaking


def _participant_or_404(request: HttpRequest, pk: int, participant_pk: int) -> MatchParticipant:
    user = acting_user(request)
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


def _matchmaking_out(user: Any, matchmaking: MatchmakingEvent) -> dict[str, Any]:
    runs = runs_matchmaking(user, matchmaking)
    return {
        "id": matchmaking.pk,
        "title": matchmaking.title,
        "event_id": matchmaking.event_id,
        "community": matchmaking.event.community.slug,
        "window_starts_at": matchmaking.window_starts_at,
        "window_ends_at": matchmaking.window_ends_at,
        "meeting_minutes": matchmaking.meeting_minutes,
        "break_minutes": matchmaking.break_minutes,
        "method": matchmaking.method,
        "rooms": list(matchmaking.rooms or []),
        "status": matchmaking.status,
        "status_label": str(matchmaking.get_status_display()),
        "schedule_report": (matchmaking.schedule_report or {}) if runs else {},
        "runs": runs,
        "my_participants": [p.pk for p in participant_of(user, matchmaking)],
    }


def _participant_out(participant: MatchParticipant) -> dict[str, Any]:
    return {
        "id": participant.pk,
        "actor_id": participant.actor_id,
        "name": participant.actor.name,
        "side": participant.side,
        "capacity": participant.capacity,
        "availability": [
            {"starts_at": slot.starts_at, "ends_at": slot.ends_at}
            for slot in participant.availability.all()
        ],
    }


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "pair_id": meeting.pair_id,
        "venture": meeting.pair.venture.actor.name,
        "organisation": meeting.pair.organisation.actor.name,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "room": meeting.room,
        "outcome": meeting.outcome,
        "outcome_note": meeting.outcome_note,
    }


def _pair_out(pair: MatchPair) -> dict[str, Any]:
    meeting = getattr(pair, "meeting", None)
    return {
        "id": pair.pk,
        "venture_id": pair.venture_id,
        "venture": pair.venture.actor.name,
        "organisation_id": pair.organisation_id,
        "organisation": pair.organisation.actor.name,
        "score": pair.score,
        "breakdown": pair.breakdown or {},
        "source": pair.source,
        "meeting": (
            {
                "id": meeting.pk,
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "room": meeting.room,
                "outcome": meeting.outcome,
            }
            if meeting is not None
            else None
        ),
    }


# --- Rounds ----------------------------------------------------------------------------


@router.get("/matchmaking", response={200: MatchmakingPage, **ERRORS})
def list_matchmaking(request: HttpRequest, query: Query[MatchmakingQuery]) -> dict[str, Any]:
    """The rounds the caller runs or takes part in."""
    user = acting_user(request)
    queryset = selectors.visible_matchmaking(user)
    rows = list(queryset[query.offset : query.offset + query.limit])
    return {
        "count": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [_matchmaking_out(user, row) for row in rows],
    }


@router.post("/matchmaking", response={201: MatchmakingOut, **ERRORS})
def create_matchmaking(request: HttpRequest, data: MatchmakingIn) -> Status[dict[str, Any]]:
    """Set up a round on a community event the caller's community runs."""
    user = _writer(request)
    event = Event.objects.select_related("community").filter(pk=data.event_id).first()
    if event is None:
        raise DomainError({"event_id": _("No such event.")}, code="event")
    values = data.model_dump(exclude={"event_id"})
    matchmaking = services.matchmaking_create(by=user, event=event, **values)
    return Status(201, _matchmaking_out(user, matchmaking))


@router.get("/matchmaking/{pk}", response={200: MatchmakingOut, **ERRORS})
def get_matchmaking(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = acting_user(request)
    return _matchmaking_out(user, get_matchmaking_for_user_or_404(user, pk))


@router.patch("/matchmaking/{pk}", response={200: MatchmakingOut, **ERRORS})
def update_matchmaking(request: HttpRequest, pk: int, data: MatchmakingPatch) -> dict[str, Any]:
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    updated = services.matchmaking_update(
        by=user, matchmaking=matchmaking, values=data.model_dump(exclude_unset=True)
    )
    return _matchmaking_out(user, updated)


# --- Participants ----------------------------------------------------------------------


@router.get("/matchmaking/{pk}/participants", response={200: list[ParticipantOut], **ERRORS})
def list_participants(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """Everyone taking part, with capacity and availability (staff)."""
    matchmaking = _staff_or_404(request, pk)
    return [_participant_out(p) for p in selectors.participants(matchmaking)]


@router.post("/matchmaking/{pk}/participants", response={201: ParticipantOut, **ERRORS})
def add_participant(request: HttpRequest, pk: int, data: ParticipantIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    actor = Actor.objects.filter(pk=data.actor_id).first()
    if actor is None:
        raise DomainError({"actor_id": _("No such venture or organisation.")}, code="actor")
    contact = None
    if data.contact_id is not None:
        contact = User.objects.filter(pk=data.contact_id, is_active=True).first()
        if contact is None:
            raise DomainError({"contact_id": _("No such user.")}, code="contact")
    participant = services.participant_add(
        by=user, matchmaking=matchmaking, actor=actor, capacity=data.capacity, contact=contact
    )
    return Status(201, _participant_out(participant))


@router.get(
    "/matchmaking/{pk}/participants/{participant_pk}", response={200: ParticipantOut, **ERRORS}
)
def get_participant(request: HttpRequest, pk: int, participant_pk: int) -> dict[str, Any]:
    return _participant_out(_participant_or_404(request, pk, participant_pk))


@router.patch(
    "/matchmaking/{pk}/participants/{participant_pk}", response={200: ParticipantOut, **ERRORS}
)
def update_participant(
    request: HttpRequest, pk: int, participant_pk: int, data: ParticipantPatch
) -> dict[str, Any]:
    """Change how many meetings a participant wants (staff)."""
    user = _writer(request)
    _staff_or_404(request, pk)
    participant = _participant_or_404(request, pk, participant_pk)
    services.participant_update(
        by=user, participant=participant, capacity=data.capacity, contact=participant.contact
    )
    return _participant_out(participant)


@router.delete("/matchmaking/{pk}/participants/{participant_pk}", response={204: None, **ERRORS})
def remove_participant(request: HttpRequest, pk: int, participant_pk: int) -> Status[None]:
    """Remove a participant and its pairs, unless a meeting of it has an outcome (staff)."""
    user = _writer(request)
    _staff_or_404(request, pk)
    services.participant_remove(
        by=user, participant=_participant_or_404(request, pk, participant_pk)
    )
    return Status(204, None)


@router.put(
    "/matchmaking/{pk}/participants/{participant_pk}/availability",
    response={200: list[SlotOut], **ERRORS},
)
def set_availability(
    request: HttpRequest, pk: int, participant_pk: int, data: AvailabilityIn
) -> list[dict[str, Any]]:
    """Replace the participant's availability (staff, or whoever acts for it)."""
    user = _writer(request)
    participant = _participant_or_404(request, pk, participant_pk)
    slots = services.availability_set(
        by=user,
        participant=participant,
        slots=[(slot.starts_at, slot.ends_at) for slot in data.slots],
    )
    return [{"starts_at": slot.starts_at, "ends_at": slot.ends_at} for slot in slots]


@router.get(
    "/matchmaking/{pk}/participants/{participant_pk}/interests",
    response={200: InterestsOut, **ERRORS},
)
def get_interests(request: HttpRequest, pk: int, participant_pk: int) -> dict[str, Any]:
    participant = _participant_or_404(request, pk, participant_pk)
    return {"levels": dict(participant.interests_given.values_list("target_id", "level"))}


@router.put(
    "/matchmaking/{pk}/participants/{participant_pk}/interests",
    response={200: InterestsOut, **ERRORS},
)
def set_interests(
    request: HttpRequest, pk: int, participant_pk: int, data: InterestsIn
) -> dict[str, Any]:
    """The participant's interest in participants of the other side."""
    user = _writer(request)
    participant = _participant_or_404(request, pk, participant_pk)
    services.interests_set(
        by=user,
        source=participant,
        levels={target: (str(level) if level else None) for target, level in data.levels.items()},
    )
    return {"levels": dict(participant.interests_given.values_list("target_id", "level"))}


@router.get(
    "/matchmaking/{pk}/participants/{participant_pk}/schedule",
    response={200: list[MeetingOut], **ERRORS},
)
def participant_schedule(
    request: HttpRequest, pk: int, participant_pk: int
) -> list[dict[str, Any]]:
    """The participant's own meetings."""
    participant = _participant_or_404(request, pk, participant_pk)
    return [_meeting_out(m) for m in selectors.participant_meetings(participant)]


@router.get("/matchmaking/{pk}/participants/{participant_pk}/schedule.ics", response=ERRORS)
def participant_schedule_ics(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """The participant's meetings as an iCalendar file (Asia/Jerusalem)."""
    participant = _participant_or_404(request, pk, participant_pk)
    body = services.schedule_ics(participant, selectors.participant_meetings(participant))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="matchmaking-{participant.matchmaking_id}-{participant.pk}.ics"'
    )
    return response


# --- Pairs and schedule ----------------------------------------------------------------


@router.post("/matchmaking/{pk}/pairing", response={200: list[PairOut], **ERRORS})
def run_pairing(request: HttpRequest, pk: int, data: PairingIn) -> list[dict[str, Any]]:
    """Propose pairs (stable or max_weight); replaces the engine's last proposal."""
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    services.pairing_run(
        by=user, matchmaking=matchmaking, method=str(data.method) if data.method else None
    )
    return [_pair_out(pair) for pair in selectors.pairs(matchmaking)]


@router.get("/matchmaking/{pk}/pairs", response={200: list[PairOut], **ERRORS})
def list_pairs(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    return [_pair_out(pair) for pair in selectors.pairs(_staff_or_404(request, pk))]


@router.post("/matchmaking/{pk}/pairs", response={201: PairOut, **ERRORS})
def add_pair(request: HttpRequest, pk: int, data: PairIn) -> Status[dict[str, Any]]:
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    found = {
        p.pk: p
        for p in MatchParticipant.objects.select_related("actor", "matchmaking").filter(
            matchmaking=matchmaking, pk__in=[data.venture_id, data.organisation_id]
        )
    }
    if data.venture_id not in found or data.organisation_id not in found:
        raise DomainError(_("No such participant."), code="participant")
    pair = services.pair_add(
        by=user, venture=found[data.venture_id], organisation=found[data.organisation_id]
    )
    return Status(201, _pair_out(pair))


def _pair_or_404(matchmaking: MatchmakingEvent, pair_pk: int) -> MatchPair:
    pair = (
        MatchPair.objects.select_related("venture__actor", "organisation__actor", "matchmaking")
        .filter(matchmaking=matchmaking, pk=pair_pk)
        .first()
    )
    if pair is None:
        raise Http404
    return pair


@router.delete("/matchmaking/{pk}/pairs/{pair_pk}", response={204: None, **ERRORS})
def remove_pair(request: HttpRequest, pk: int, pair_pk: int) -> Status[None]:
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    services.pair_remove(by=user, pair=_pair_or_404(matchmaking, pair_pk))
    return Status(204, None)


@router.post("/matchmaking/{pk}/schedule", response={200: ScheduleReportOut, **ERRORS})
def run_schedule(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Build the schedule; the report says how many pairs were placed and why not the rest."""
    user = _writer(request)
    return services.schedule_build(by=user, matchmaking=_staff_or_404(request, pk))


@router.get("/matchmaking/{pk}/meetings", response={200: list[MeetingOut], **ERRORS})
def list_meetings(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    return [_meeting_out(m) for m in selectors.meetings(_staff_or_404(request, pk))]


@router.put("/matchmaking/{pk}/pairs/{pair_pk}/meeting", response={200: MeetingOut, **ERRORS})
def set_meeting(request: HttpRequest, pk: int, pair_pk: int, data: MeetingIn) -> dict[str, Any]:
    """Place or move a meeting by hand; 422 listing every rule it would break."""
    user = _writer(request)
    matchmaking = _staff_or_404(request, pk)
    pair = _pair_or_404(matchmaking, pair_pk)
    meeting = services.meeting_set(by=user, pair=pair, starts_at=data.starts_at, room=data.room)
    meeting.pair = pair
    return _meeting_out(meeting)


def _meeting_or_404(request: HttpRequest, pk: int, meeting_pk: int) -> Meeting:
    user = acting_user(request)
    matchmaking = get_matchmaking_for_user_or_404(user, pk)
    meeting = (
        Meeting.objects.select_related(
            "pair__matchmaking__event__community",
            "pair__venture__actor",
            "pair__organisation__actor",
        )
        .filter(Q(pk=meeting_pk) & Q(pair__matchmaking=matchmaking))
        .first()
    )
    if meeting is None or not (
        runs_matchmaking(user, matchmaking)
        or acts_for_participant(user, meeting.pair.venture)
        or acts_for_participant(user, meeting.pair.organisation)
    ):
        raise Http404
    return meeting


@router.post(
    "/matchmaking/{pk}/meetings/{meeting_pk}/outcome", response={200: MeetingOut, **ERRORS}
)
def record_outcome(
    request: HttpRequest, pk: int, meeting_pk: int, data: OutcomeIn
) -> dict[str, Any]:
    user = _writer(request)
    meeting = _meeting_or_404(request, pk, meeting_pk)
    services.outcome_record(by=user, meeting=meeting, outcome=str(data.outcome), note=data.note)
    return _meeting_out(meeting)


@router.post(
    "/matchmaking/{pk}/meetings/{meeting_pk}/partnership",
    response={200: PartnershipRef, **ERRORS},
)
def create_partnership(request: HttpRequest, pk: int, meeting_pk: int) -> dict[str, Any]:
    """The proposed design partnership of a meeting (created once; then the same one)."""
    user = _writer(request)
    meeting = _meeting_or_404(request, pk, meeting_pk)
    partnership = services.partnership_from_meeting(by=user, meeting=meeting)
    return {
        "id": partnership.pk,
        "url": request.build_absolute_uri(partnership.get_absolute_url()),
    }


@router.post("/matchmaking/{pk}/send", response={200: SentOut, **ERRORS})
def send_schedules(request: HttpRequest, pk: int) -> dict[str, Any]:
    """E-mail every participant's schedule with an .ics file."""
    user = _writer(request)
    return {"sent": services.schedules_send(by=user, matchmaking=_staff_or_404(request, pk))}
