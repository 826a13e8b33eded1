from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.accounts.models import Role, RoleAssignment, User
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import services
from .extras import community_page_extras, membership_contributions
from .forms import (
    CommunitySettingsForm,
    DecisionForm,
    EventForm,
    InvitationForm,
    JoinForm,
    RoleForm,
)
from .ical import calendar, is_personal_feed_token, personal_feed_token
from .models import Community, Event, Invitation, Membership, MembershipStatus, RegistrationStatus
from .rules import (
    can_add_event,
    can_assign_roles,
    can_leave,
    can_manage_members,
    can_register_for_event,
    can_run_event,
    can_see_members_part,
    get_community_for_user_or_404,
    get_event_for_user_or_404,
    represented_actor_ids,
    visible_community_condition,
)
from .selectors import (
    communities_with_member_counts,
    community_feed_events,
    community_history,
    community_members_with_overlap,
    community_overlap,
    event_attendance_list,
    event_waiting_list,
    event_with_seats,
    is_public_member,
    latest_upcoming_events,
    member_type_counts,
    open_invitations,
    own_memberships,
    pending_requests,
    personal_feed_events,
    public_members,
    registration_of,
    represented_actors,
    role_holders,
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
    """The community page: a public part for all, a members' part for members and staff."""
    community = get_community_for_user_or_404(request.user, slug)
    members = community_members_with_overlap(community, request.user)
    members_part = can_see_members_part(request.user, community)
    manages = can_manage_members(request.user, community)
    holders = list(role_holders(community))
    own = own_memberships(request.user, community)
    context: dict[str, Any] = {
        "community": community,
        "founders": community.founders.all(),
        "key_roles": [h for h in holders if h.role != Role.STEERING_MEMBER],
        "steering": [h for h in holders if h.role == Role.STEERING_MEMBER],
        "members": members if members_part else public_members(members),
        "member_count": len(members),
        "type_counts": member_type_counts(members),
        "overlap": community_overlap(members),
        "members_part": members_part,
        "manages": manages,
        "upcoming_events": latest_upcoming_events(request.user, community),
        "own_memberships": own,
        "can_join": _has_something_to_join(request.user, own),
        "may_assign": can_assign_roles(request.user, community),
        "pending_count": pending_requests(community).count() if manages else 0,
    }
    context.update(community_page_extras(request.user, community, members_part=members_part))
    return render(request, "communities/community_detail.html", context)


def _has_something_to_join(user: Any, own: list[Membership]) -> bool:
    """Whether the user may still ask: for themselves, or for a venture or organisation
    they act for, that is neither a member nor waiting for a decision."""
    if not user.is_authenticated:
        return False
    busy = {MembershipStatus.ACTIVE, MembershipStatus.PENDING}
    if not any(m.person_id and m.status in busy for m in own):
        return True
    taken = {m.actor_id for m in own if m.actor_id and m.status in busy}
    return bool(represented_actor_ids(user) - taken)


def _get_membership_or_404(community: Community, pk: int) -> Membership:
    membership = (
        community.memberships.select_related("actor", "person", "community").filter(pk=pk).first()
    )
    if membership is None:
        raise Http404
    return membership


def member_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member's profile in the community: who, since when, where else, what they gave."""
    community = get_community_for_user_or_404(request.user, slug)
    membership = _get_membership_or_404(community, pk)
    members_part = can_see_members_part(request.user, community)
    own = can_leave(request.user, membership)
    visible = membership.status == MembershipStatus.ACTIVE and (
        members_part or is_public_member(membership)
    )
    if not (visible or own or can_manage_members(request.user, community)):
        raise Http404
    others = (
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .filter(
            Q(actor_id=membership.actor_id)
            if membership.actor_id
            else Q(person_id=membership.person_id)
        )
        .exclude(community=community)
        .filter(visible_community_condition(request.user, prefix="community__"))
        .select_related("community")
        .order_by("community__name")
    )
    return render(
        request,
        "communities/member_detail.html",
        {
            "community": community,
            "membership": membership,
            "label": services.member_label(membership),
            "other_communities": [other.community for other in others],
            "contributions": membership_contributions(membership),
            "can_leave": own and membership.status == MembershipStatus.ACTIVE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_request(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    form = JoinForm(request.POST or None, actors=represented_actors(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_membership(
                by=request.user,
                community=community,
                member_type=form.cleaned_data["member_type"],
                actor=form.chosen_actor(),
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Your request to join was sent. The community's managers will answer soon."),
            )
            return redirect(community.get_absolute_url())
    return render(
        request,
        "communities/membership_request.html",
        {"community": community, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def membership_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    if not can_manage_members(request.user, community):
        raise PermissionDenied
    membership = _get_membership_or_404(community, pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in {"approve", "decline"} or not form.is_valid():
        messages.error(
            request, _("Choose to approve or decline, with a message of up to 2,000 characters.")
        )
    else:
        try:
            services.decide_membership(
                by=request.user,
                membership=membership,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            label = services.member_label(membership)
            messages.success(
                request,
                (
                    _("%(member)s is now a member.")
                    if approve
                    else _("The request of %(member)s was declined.")
                )
                % {"member": label},
            )
    return redirect(reverse("communities:manage", args=[slug]))


@login_required
@require_POST
def membership_leave(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    membership = _get_membership_or_404(community, pk)
    try:
        services.leave_community(by=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(member)s left %(community)s.")
            % {"member": services.member_label(membership), "community": community.display_name},
        )
    return redirect(community.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def community_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The staff's page: requests to decide, invitations to send and withdraw."""
    community = get_community_for_user_or_404(request.user, slug)
    if not can_manage_members(request.user, community):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                by=request.user, community=community, **form.cleaned_data
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect(reverse("communities:manage", args=[slug]))
    return render(
        request,
        "communities/community_manage.html",
        {
            "community": community,
            "requests": pending_requests(community),
            "invitations": open_invitations(community),
            "form": form,
            "decision_form": DecisionForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    if not can_manage_members(request.user, community):
        raise PermissionDenied
    invitation = community.invitations.filter(pk=pk).first()
    if invitation is None:
        raise Http404
    try:
        services.revoke_invitation(by=request.user, invitation=invitation)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect(reverse("communities:manage", args=[slug]))


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail; visitors are asked to log in or sign up first."""
    invitation = Invitation.objects.select_related("community").filter(token=token).first()
    if invitation is None:
        raise Http404
    community = invitation.community
    problem = services.invitation_problem(invitation, request.user)
    form = JoinForm(
        request.POST or None,
        actors=represented_actors(request.user) if request.user.is_authenticated else [],
        initial={"member_type": invitation.member_type},
    )
    form.fields["member_type"].disabled = True
    form.fields["note"].widget = forms.HiddenInput()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form.is_valid() and problem is None:
            try:
                services.accept_invitation(
                    by=request.user, invitation=invitation, actor=form.chosen_actor()
                )
            except DomainError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Welcome to %(community)s!") % {"community": community.display_name}
                )
                return redirect(community.get_absolute_url())
    return render(
        request,
        "communities/invitation.html",
        {"community": community, "invitation": invitation, "problem": problem, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_roles(request: HttpRequest, slug: str) -> HttpResponse:
    """The key roles and steering-committee seats, given and taken back by the manager."""
    community = get_community_for_user_or_404(request.user, slug)
    if not can_manage_members(request.user, community):
        raise PermissionDenied
    may_assign = can_assign_roles(request.user, community)
    form = RoleForm(request.POST or None)
    if request.method == "POST":
        if not may_assign:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.grant_role(by=request.user, community=community, **form.cleaned_data)
            except DomainError as error:
                attach_domain_error(form, error)
            else:
                messages.success(request, _("The role was given."))
                return redirect(reverse("communities:roles", args=[slug]))
    return render(
        request,
        "communities/community_roles.html",
        {
            "community": community,
            "holders": role_holders(community),
            "form": form,
            "may_assign": may_assign,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    assignment = (
        RoleAssignment.objects.filter(pk=pk, community=community).select_related("user").first()
    )
    if assignment is None:
        raise Http404
    try:
        services.revoke_role(by=request.user, assignment=assignment)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role was taken back."))
    return redirect(reverse("communities:roles", args=[slug]))


@login_required
@require_http_methods(["GET", "POST"])
def community_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The manager's settings: whether knowledge items wait for a coordinator's review."""
    community = get_community_for_user_or_404(request.user, slug)
    if not can_assign_roles(request.user, community):
        raise PermissionDenied
    form = CommunitySettingsForm(
        request.POST if request.method == "POST" else None,  # an unticked box posts nothing
        initial={"knowledge_needs_review": community.knowledge_needs_review},
    )
    if request.method == "POST" and form.is_valid():
        services.update_settings(by=request.user, community=community, **form.cleaned_data)
        messages.success(request, _("The settings are saved."))
        return redirect(reverse("communities:settings", args=[slug]))
    return render(
        request,
        "communities/community_settings.html",
        {"community": community, "form": form},
    )


@login_required
def community_history_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Every change to members, roles, seats and phase, newest first; staff only."""
    community = get_community_for_user_or_404(request.user, slug)
    if not can_manage_members(request.user, community):
        raise PermissionDenied
    page = Paginator(community_history(community), 50).get_page(request.GET.get("page"))
    return render(
        request, "communities/community_history.html", {"community": community, "page": page}
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
