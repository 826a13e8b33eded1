"""The events API: list and read events, register and cancel.

Thin like the pages: look up through ``rules`` (what a user may not see is 404), call the
same selectors and services, shape the answer; ``kaveret.api`` turns ``PermissionDenied``
and ``DomainError`` into JSON errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from kaveret.ecosystem.api import ERRORS, acting_user

from . import selectors, services
from .models import Event, EventRegistration
from .rules import get_community_for_user_or_404, get_event_by_id_for_user_or_404
from .schemas import EventOut, EventsQuery, RegistrationOut

router = Router(tags=["events"])


def _event_out(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "community": event.community.slug,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "online_link": event.online_link,
        "capacity": event.capacity,
        "seats_left": selectors.seats_left(event),
        "waiting_count": event.waiting_count,  # type: ignore[attr-defined]
        "accessibility": event.accessibility,
        "is_published": event.is_published,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


def _registration_out(registration: EventRegistration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "waiting_list_position": selectors.waiting_list_position(registration),
    }


@router.get("/communities/{slug}/events", response={200: list[EventOut], **ERRORS})
def list_events(request: HttpRequest, slug: str, query: Query[EventsQuery]) -> list[dict[str, Any]]:
    """A community's events the user may see: published ones, drafts too for its staff."""
    user = acting_user(request)
    community = get_community_for_user_or_404(user, slug)
    upcoming, past = selectors.upcoming_and_past_events(user, community)
    events = {"upcoming": upcoming, "past": past}.get(query.when)
    if events is None:
        events = selectors.community_events(user, community).order_by("starts_at", "pk")
    return [_event_out(request, event) for event in events]


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS})
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """One event with its free seats and the length of its waiting list."""
    event = get_event_by_id_for_user_or_404(acting_user(request), event_id)
    return _event_out(request, selectors.event_with_seats(event))


@router.get("/events/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def get_registration(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """The user's own registration for the event (404 when there is none)."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    registration = selectors.registration_of(user, event)
    if registration is None:
        raise Http404
    return _registration_out(registration)


@router.post("/events/{event_id}/registration", response={201: RegistrationOut, **ERRORS})
def register(request: HttpRequest, event_id: int) -> Status[dict[str, Any]]:
    """Take a seat, or a place on the waiting list when the event is full."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    registration = services.register_for_event(by=user, event=event)
    return Status(201, _registration_out(registration))


@router.delete("/events/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def cancel(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Cancel the user's registration; the first on the waiting list moves up."""
    user = acting_user(request)
    event = get_event_by_id_for_user_or_404(user, event_id)
    if not user.is_authenticated:
        raise PermissionDenied
    return _registration_out(services.cancel_registration(by=user, event=event))
