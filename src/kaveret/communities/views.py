from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.accounts.models import User
from kaveret.core.errors import DomainError

from . import services
from .forms import EventForm
from .ical import calendar, is_personal_feed_token, personal_feed_token
from .models import Community, Event, RegistrationStatus
from .rules import (
    can_add_event,
    can_register_for_event,
    can_run_event,
    get_community_for_user_or_404,
    get_event_for_user_or_404,
)
from .selectors import (
    communities_with_member_counts,
    community_feed_events,
    community_members,
    event_attendance_list,
    event_waiting_list,
    event_with_seats,
    personal_feed_events,
    registration_of,
    seats_left,
    upcoming_and_past_events,
    waiting_list_position,
)


def community_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communities/community_list.html",
        {"communities": communities_with_member_counts(request.user)},
    )


def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    return render(
        request,
        "communities/community_detail.html",
        {
            "community": community,
            "founders": community.founders.all(),
            "members": community_members(community),
        },
    )


# Events


def _community_or_404(request: HttpRequest, slug: str) -> Community:
    return get_community_for_user_or_404(request.user, slug)


def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    upcoming, past = upcoming_and_past_events(request.user, community)
    personal_feed_url = None
    if request.user.is_authenticated:
        personal_feed_url = request.build_absolute_uri(
            reverse(
                "communities:personal_events_ics",
                args=[request.user.pk, personal_feed_token(request.user.pk)],
            )
        )
    return render(
        request,
        "communities/event_list.html",
        {
            "community": community,
            "upcoming": upcoming,
            "past": past,
            "can_add_event": can_add_event(request.user, community),
            "personal_feed_url": personal_feed_url,
        },
    )


def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_with_seats(get_event_for_user_or_404(request.user, slug, pk))
    registration = registration_of(request.user, event)
    return render(
        request,
        "communities/event_detail.html",
        {
            "community": event.community,
            "event": event,
            "seats_left": seats_left(event),
            "registration": registration,
            "waiting_position": waiting_list_position(registration) if registration else None,
            "has_started": event.starts_at <= timezone.now(),
            "can_cancel": registration is not None
            and registration.status in {RegistrationStatus.REGISTERED, RegistrationStatus.WAITING},
            "can_register": can_register_for_event(request.user, event),
            "can_run_event": can_run_event(request.user, event),
        },
    )


def _event_form_page(
    request: HttpRequest, *, community: Community, instance: Event | None, title: str
) -> HttpResponse:
    form = EventForm(
        request.POST or None, instance=instance, user=request.user, community=community
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = form.save()
        except DomainError:
            pass  # the form now carries the errors; what was typed stays on the page
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": event.title})
            return redirect(event.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "communities/event_form.html",
        {"form": form, "title": title, "community": community, "event": instance},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    if not can_add_event(request.user, community):
        raise PermissionDenied
    return _event_form_page(request, community=community, instance=None, title=_("New event"))


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user_or_404(request.user, slug, pk)
    if not can_run_event(request.user, event):
        raise PermissionDenied
    title = _("Edit “%(title)s”") % {"title": event.title}
    return _event_form_page(request, community=event.community, instance=event, title=title)


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user_or_404(request.user, slug, pk)
    try:
        registration = services.register_for_event(by=request.user, event=event)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.info(request, _("The event is full; you are on the waiting list."))
        else:
            messages.success(request, _("You are registered. A confirmation is on its way."))
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user_or_404(request.user, slug, pk)
    try:
        services.cancel_registration(by=request.user, event=event)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def event_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user_or_404(request.user, slug, pk)
    if not can_run_event(request.user, event):
        raise PermissionDenied
    if request.method == "POST":
        attended = [int(value) for value in request.POST.getlist("attended") if value.isdigit()]
        count = services.take_attendance(by=request.user, event=event, attended_user_ids=attended)
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)d person attended.",
                "Attendance saved: %(count)d people attended.",
                count,
            )
            % {"count": count},
        )
        return redirect(reverse("communities:event_attendance", args=[slug, pk]))
    return render(
        request,
        "communities/event_attendance.html",
        {
            "community": event.community,
            "event": event,
            "seated": event_attendance_list(event),
            "waiting": event_waiting_list(event),
        },
    )


def _ics_response(request: HttpRequest, events: Any, *, name: str, filename: str) -> HttpResponse:
    body = calendar(
        events,
        name=name,
        url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user_or_404(request.user, slug, pk)
    return _ics_response(request, [event], name=event.title, filename=f"event-{event.pk}.ics")


def community_events_ics(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community_or_404(request, slug)
    return _ics_response(
        request,
        community_feed_events(community),
        name=community.display_name,
        filename=f"{community.slug}-events.ics",
    )


def personal_events_ics(request: HttpRequest, user_id: int, token: str) -> HttpResponse:
    """A person's events for calendar apps, which send no session: the token is the key."""
    if not is_personal_feed_token(user_id, token):
        raise Http404
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404
    return _ics_response(
        request, personal_feed_events(user), name=_("My Kaveret events"), filename="my-events.ics"
    )
