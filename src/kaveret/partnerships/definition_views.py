"""The definition page of a partnership (step 05) and its forms.

Each expectation and legal item saves on its own: htmx swaps its row back (answered with
200 even when refused, since htmx swaps only successful answers), and without JavaScript
the form posts and the page comes back (with the errors, keeping what was typed, or
after a redirect). Who may not see the partnership's full view gets 404; who
may see but not edit it gets 404 on every write.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaveret.core.errors import DomainError
from kaveret.core.uploads import protected_file_response
from kaveret.ecosystem.forms import attach_domain_error

from . import definition_services as services
from .definition_forms import (
    AgreementForm,
    AmbassadorForm,
    ExpectationForm,
    LegalItemForm,
    PilotPlanForm,
)
from .definition_selectors import definition_of, documents_by_version
from .models import DefinitionDocument, Expectation, LegalItem, Partnership
from .rules import can_edit_partnership, can_view_partnership, get_partnership_for_user_or_404

VERSIONS_PER_PAGE = 10


def _partnership(request: HttpRequest, pk: int, *, edit: bool = False) -> Partnership:
    partnership = get_partnership_for_user_or_404(request.user, pk)
    allowed = can_edit_partnership if edit else can_view_partnership
    if not allowed(request.user, partnership):
        raise Http404
    return partnership


def _definition_url(partnership: Partnership, anchor: str = "") -> str:
    url = reverse("partnerships:definition_page", args=[partnership.pk])
    return f"{url}#{anchor}" if anchor else url


def _page(
    request: HttpRequest,
    partnership: Partnership,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; ``bound`` holds the submitted form to show instead of a fresh one."""
    services.ensure_definition_rows(partnership)
    bound = bound or {}
    definition = definition_of(partnership)
    can_edit = can_edit_partnership(request.user, partnership)
    sides = [
        {
            "side": side.side,
            "label": side.label,
            "rows": [
                {
                    "expectation": expectation,
                    "form": bound.get(f"expectation:{expectation.key}")
                    or ExpectationForm(expectation=expectation),
                }
                for expectation in side.expectations
            ],
        }
        for side in definition.sides
    ]
    legal_rows = [
        {"item": item, "form": bound.get(f"legal:{item.key}") or LegalItemForm(item=item)}
        for item in definition.legal_items
    ]
    versions = Paginator(documents_by_version(definition.documents), VERSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnerships/definition/page.html",
        {
            "partnership": partnership,
            "definition": definition,
            "sides": sides,
            "legal_rows": legal_rows,
            "legal_agreed": sum(1 for item in definition.legal_items if item.is_agreed),
            "plan_form": bound.get("plan") or PilotPlanForm(instance=definition.plan),
            "ambassador_form": bound.get("ambassador") or AmbassadorForm(partnership=partnership),
            "agreement_form": bound.get("agreement") or AgreementForm(partnership=partnership),
            "versions": versions.object_list,
            "page": versions,
            "current_version_has_document": any(
                document.version == partnership.definition_version
                for document in definition.documents
            ),
            "can_edit": can_edit,
        },
        status=status,
    )


def definition(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole definition: expectations, legal checklist, pilot plan, ambassador,
    agreement, and the documents of every version."""
    return _page(request, _partnership(request, pk))


def _saved(request: HttpRequest, changed: bool) -> None:
    if changed:
        messages.success(
            request, _("Saved. A new version of the definition document is being made.")
        )
    else:
        messages.info(request, _("Nothing changed."))


@require_POST
def expectation(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    partnership = _partnership(request, pk, edit=True)
    services.ensure_definition_rows(partnership)
    row = Expectation.objects.filter(partnership=partnership, key=key).first()
    if row is None:
        raise Http404
    form = ExpectationForm(request.POST, expectation=row)
    changed = False
    if form.is_valid():
        try:
            changed = services.set_expectation(
                by=request.user,
                partnership=partnership,
                key=key,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
    if request.htmx:  # type: ignore[attr-defined]
        if not form.errors:
            row.refresh_from_db()
            form = ExpectationForm(expectation=row)
        return render(
            request,
            "partnerships/definition/_expectation_row.html",
            {
                "partnership": partnership,
                "row": {"expectation": row, "form": form},
                "can_edit": True,
                "saved": not form.errors,
                "changed": changed,
            },
        )
    if form.errors:
        return _page(request, partnership, bound={f"expectation:{key}": form}, status=400)
    _saved(request, changed)
    return redirect(_definition_url(partnership, f"expectation-{key}"))


@require_POST
def legal_item(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    partnership = _partnership(request, pk, edit=True)
    services.ensure_definition_rows(partnership)
    item = LegalItem.objects.filter(partnership=partnership, key=key).first()
    if item is None:
        raise Http404
    form = LegalItemForm(request.POST, item=item)
    changed = False
    if form.is_valid():
        try:
            changed = services.set_legal_item(
                by=request.user,
                partnership=partnership,
                key=key,
                agreed_text=form.cleaned_data["agreed_text"],
                is_agreed=form.cleaned_data["is_agreed"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
    if request.htmx:  # type: ignore[attr-defined]
        if not form.errors:
            item.refresh_from_db()
            form = LegalItemForm(item=item)
        return render(
            request,
            "partnerships/definition/_legal_item.html",
            {
                "partnership": partnership,
                "row": {"item": item, "form": form},
                "can_edit": True,
                "saved": not form.errors,
                "changed": changed,
            },
        )
    if form.errors:
        return _page(request, partnership, bound={f"legal:{key}": form}, status=400)
    _saved(request, changed)
    return redirect(_definition_url(partnership, f"legal-{key}"))


@require_POST
def pilot_plan(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, edit=True)
    services.ensure_definition_rows(partnership)
    form = PilotPlanForm(request.POST, instance=partnership.pilot_plan)
    if form.is_valid():
        try:
            changed = services.update_pilot_plan(
                by=request.user, partnership=partnership, **form.cleaned_data
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            _saved(request, changed)
            return redirect(_definition_url(partnership, "pilot-plan"))
    return _page(request, partnership, bound={"plan": form}, status=400)


@require_POST
def ambassador(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, edit=True)
    form = AmbassadorForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            changed = services.name_ambassador(
                by=request.user,
                partnership=partnership,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                person=form.cleaned_data["person"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            _saved(request, changed)
            return redirect(_definition_url(partnership, "ambassador"))
    return _page(request, partnership, bound={"ambassador": form}, status=400)


@require_POST
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, edit=True)
    form = AgreementForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            changed = services.set_agreement_signed(
                by=request.user, partnership=partnership, signed_on=form.cleaned_data["signed_on"]
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            _saved(request, changed)
            return redirect(_definition_url(partnership, "agreement"))
    return _page(request, partnership, bound={"agreement": form}, status=400)


@require_POST
def make_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask again for the current version's document (when it is missing)."""
    partnership = _partnership(request, pk, edit=True)
    services.request_definition_document(by=request.user, partnership=partnership)
    messages.success(request, _("The definition document is being made; reload in a moment."))
    return redirect(_definition_url(partnership, "documents"))


def document_download(pk: int, document: DefinitionDocument) -> FileResponse:
    """The PDF as a protected download named for the partnership, version and language."""
    stored = SimpleNamespace(
        file=document.file,
        original_name=f"partnership-{pk}-definition-v{document.version}-{document.language}.pdf",
        content_type="application/pdf",
    )
    return protected_file_response(stored)


def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    partnership = _partnership(request, pk)
    stored = DefinitionDocument.objects.filter(partnership=partnership, pk=document_pk).first()
    if stored is None:
        raise Http404
    return document_download(partnership.pk, stored)
