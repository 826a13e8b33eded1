"""The notification pages: the list, opening one, marking all read, preferences."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError

from . import selectors, services
from .forms import PreferencesForm
from .rules import get_notification_for_user_or_404

PAGE_SIZE = 20


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, unread ones marked."""
    unread_only = request.GET.get("unread") == "1"
    queryset = selectors.notifications_for(request.user, unread_only=unread_only)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        {"notification": notification, "text": services.render(notification)}
        for notification in page.object_list
    ]
    context: dict[str, Any] = {
        "page": page,
        "entries": entries,
        "unread_only": unread_only,
        "querystring": "unread=1" if unread_only else "",
    }
    return render(request, "notifications/notification_list.html", context)


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one's own notification read and go to what it is about."""
    notification = get_notification_for_user_or_404(request.user, notification_id)
    services.mark_read(request.user, notification)
    target = services.localised_url(notification.url)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    messages.success(request, _("The notification is marked as read."))
    return redirect(reverse("notifications:list"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    changed = services.mark_all_read(request.user)
    if changed:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect(reverse("notifications:list"))


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """How the user wants notifications e-mailed: a default and exceptions per kind."""
    preference = services.preference_of(request.user)
    form = PreferencesForm(request.POST or None, preference=preference)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(
                by=request.user,
                default_delivery=form.cleaned_data["default_delivery"],
                overrides=form.overrides(),
            )
        except DomainError as error:
            form.add_error(None, list(error.messages))
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect(reverse("notifications:preferences"))
    return render(request, "notifications/preferences.html", {"form": form})
