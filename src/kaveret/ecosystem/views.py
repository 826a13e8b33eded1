"""Pages of the ecosystem registry: thin, permission first, rules in services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kaveret.core.errors import DomainError
from kaveret.core.models import PersonalDataAccess
from kaveret.core.services import record_personal_data_access

from . import selectors
from .forms import (
    OrganisationFilterForm,
    OrganisationForm,
    RelationForm,
    VentureFilterForm,
    VentureForm,
)
from .models import Actor, Organisation, Venture
from .rules import get_organisation_for_user_or_404, get_venture_for_user_or_404
from .selectors import people_with_contact_details


def _paginate(request: HttpRequest, queryset: Any) -> Page:
    paginator = Paginator(queryset, settings.KAVERET_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def _directory(
    request: HttpRequest,
    *,
    form: Any,
    queryset: Any,
    template: str,
    results_template: str,
    title: str,
) -> HttpResponse:
    page = _paginate(request, queryset)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "title": title,
        "querystring": query.urlencode(),
    }
    if getattr(request, "htmx", None) and request.htmx.target == "directory-results":  # type: ignore[attr-defined]
        return render(request, results_template, {**context, "oob": True})
    return render(request, template, context)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    queryset = selectors.organisation_directory(request.user, form.filters())
    return _directory(
        request,
        form=form,
        queryset=queryset,
        template="ecosystem/organisation_list.html",
        results_template="ecosystem/_organisation_results.html",
        title=_("Organisations"),
    )


def venture_list(request: HttpRequest) -> HttpResponse:
    form = VentureFilterForm(request.GET or None)
    queryset = selectors.venture_directory(request.user, form.filters())
    return _directory(
        request,
        form=form,
        queryset=queryset,
        template="ecosystem/venture_list.html",
        results_template="ecosystem/_venture_results.html",
        title=_("Ventures"),
    )


def _actor_context(request: HttpRequest, actor: Actor) -> dict[str, Any]:
    affiliations = selectors.actor_people(request.user, actor)
    show_contacts = request.user.has_perm("ecosystem.view_contact_details")
    if show_contacts:
        record_personal_data_access(
            by=request.user,
            subjects=people_with_contact_details(affiliations),
            channel=PersonalDataAccess.Channel.PAGE,
            path=request.get_full_path(),
        )
    return {
        "actor": actor,
        "relations": selectors.actor_relations(request.user, actor),
        "affiliations": affiliations,
        "show_contacts": show_contacts,
    }


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    get_organisation_for_user_or_404(request.user, pk)
    organisation = selectors.organisation_for_page(pk).get()
    context = _actor_context(request, organisation)
    context["can_edit"] = request.user.has_perm("ecosystem.change_organisation", organisation)
    return render(request, "ecosystem/organisation_detail.html", context)


def venture_detail(request: HttpRequest, pk: int) -> HttpResponse:
    get_venture_for_user_or_404(request.user, pk)
    venture = selectors.venture_for_page(pk).get()
    context = _actor_context(request, venture)
    context["can_edit"] = request.user.has_perm("ecosystem.change_venture", venture)
    return render(request, "ecosystem/venture_detail.html", context)


def _edit(
    request: HttpRequest,
    *,
    form_class: type[OrganisationForm] | type[VentureForm],
    instance: Organisation | Venture | None,
    title: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actor = form.save()
        except DomainError:
            pass  # the form now carries the errors; the draft stays on the page
        else:
            messages.success(request, _("Saved “%(name)s”.") % {"name": actor.name})
            return redirect(actor.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "ecosystem/actor_form.html",
        {"form": form, "title": title, "instance": instance},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ecosystem.add_organisation"):
        raise PermissionDenied
    return _edit(request, form_class=OrganisationForm, instance=None, title=_("New organisation"))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user_or_404(request.user, pk)
    if not request.user.has_perm("ecosystem.change_organisation", organisation):
        raise PermissionDenied
    title = _("Edit “%(name)s”") % {"name": organisation.display_name}
    return _edit(request, form_class=OrganisationForm, instance=organisation, title=title)


@login_required
@require_http_methods(["GET", "POST"])
def venture_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("ecosystem.add_venture"):
        raise PermissionDenied
    return _edit(request, form_class=VentureForm, instance=None, title=_("New venture"))


@login_required
@require_http_methods(["GET", "POST"])
def venture_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venture = get_venture_for_user_or_404(request.user, pk)
    if not request.user.has_perm("ecosystem.change_venture", venture):
        raise PermissionDenied
    title = _("Edit “%(name)s”") % {"name": venture.display_name}
    return _edit(request, form_class=VentureForm, instance=venture, title=title)


@login_required
@require_http_methods(["GET", "POST"])
def relation_create(request: HttpRequest, pk: int) -> HttpResponse:
    source = Actor.objects.filter(pk=pk).first()
    if source is None or not request.user.has_perm("ecosystem.view_actor", source):
        raise Http404
    if not request.user.has_perm("ecosystem.add_relation"):
        raise PermissionDenied
    form = RelationForm(request.POST or None, user=request.user, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except DomainError:
            pass
        else:
            messages.success(request, _("The relation was added."))
            return redirect(source.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ecosystem/relation_form.html", {"form": form, "source": source}, status=status
    )
