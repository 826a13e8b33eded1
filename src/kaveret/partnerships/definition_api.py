"""API: defining a partnership (step 05). The same rules and services as the pages: who
may not see the partnership's full view, or may see but not edit it, gets 404."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router

from kaveret.ecosystem.api import ERRORS, acting_user
from kaveret.ecosystem.models import Person

from . import definition_services as services
from .definition_schemas import (
    AgreementIn,
    AmbassadorIn,
    DefinitionOut,
    DocumentOut,
    DocumentsQuery,
    ExpectationIn,
    LegalItemIn,
    PilotPlanIn,
)
from .definition_selectors import definition_of
from .definition_views import document_download
from .models import DefinitionDocument, Expectation, LegalItem, Partnership
from .rules import can_edit_partnership, can_view_partnership, get_partnership_for_user_or_404

router = Router(tags=["partnerships"])


def _partnership(request: HttpRequest, partnership_id: int, *, edit: bool = False) -> Partnership:
    user = acting_user(request)
    partnership = get_partnership_for_user_or_404(user, partnership_id)
    allowed = can_edit_partnership if edit else can_view_partnership
    if not allowed(user, partnership):
        raise Http404
    return partnership


def _document_out(request: HttpRequest, document: DefinitionDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "version": document.version,
        "language": document.language,
        "content_hash": document.content_hash,
        "created_at": document.created_at,
        "url": request.build_absolute_uri(
            reverse(
                "api:definition_document_download",
                args=[document.partnership_id, document.pk],
            )
        ),
    }


def _definition_out(
    request: HttpRequest, partnership: Partnership, changed: bool | None = None
) -> dict[str, Any]:
    services.ensure_definition_rows(partnership)
    partnership.refresh_from_db()
    definition = definition_of(partnership)
    plan = definition.plan
    return {
        "partnership_id": partnership.pk,
        "title": partnership.title,
        "definition_version": partnership.definition_version,
        "changed": changed,
        "sides": [
            {
                "side": side.side,
                "label": side.label,
                "expectations": [
                    {
                        "key": e.key,
                        "label": str(e.get_key_display()),
                        "side": e.side,
                        "status": e.status,
                        "status_label": str(e.get_status_display()),
                        "note": e.note,
                    }
                    for e in side.expectations
                ],
            }
            for side in definition.sides
        ],
        "legal_items": [
            {
                "key": item.key,
                "label": str(item.get_key_display()),
                "agreed_text": item.agreed_text,
                "is_agreed": item.is_agreed,
            }
            for item in definition.legal_items
        ],
        "legal_agreed": sum(1 for item in definition.legal_items if item.is_agreed),
        "pilot_plan": {name: getattr(plan, name) for name in services.PILOT_PLAN_FIELDS},
        "ambassador": {
            "name": partnership.ambassador_name,
            "role": partnership.ambassador_role,
            "person_id": partnership.ambassador_id,
        },
        "agreement_signed_on": partnership.agreement_signed_on,
        "documents": [_document_out(request, document) for document in definition.documents],
    }


@router.get("/partnerships/{partnership_id}/definition", response={200: DefinitionOut, **ERRORS})
def get_definition(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    """The whole definition: expectations by side, legal checklist, pilot plan,
    ambassador, agreement, and the documents of every version."""
    return _definition_out(request, _partnership(request, partnership_id))


@router.patch(
    "/partnerships/{partnership_id}/expectations/{key}", response={200: DefinitionOut, **ERRORS}
)
def patch_expectation(
    request: HttpRequest, partnership_id: int, key: str, payload: ExpectationIn
) -> dict[str, Any]:
    """Set an expectation's status and/or note ("agreed_with_note" needs a note)."""
    partnership = _partnership(request, partnership_id, edit=True)
    services.ensure_definition_rows(partnership)
    current = Expectation.objects.filter(partnership=partnership, key=key).first()
    if current is None:
        raise Http404
    changed = services.set_expectation(
        by=acting_user(request),
        partnership=partnership,
        key=key,
        status=current.status if payload.status is None else payload.status,
        note=current.note if payload.note is None else payload.note,
    )
    return _definition_out(request, partnership, changed)


@router.patch("/partnerships/{partnership_id}/legal/{key}", response={200: DefinitionOut, **ERRORS})
def patch_legal_item(
    request: HttpRequest, partnership_id: int, key: str, payload: LegalItemIn
) -> dict[str, Any]:
    """Set a legal item's agreed text and/or whether it is agreed (agreed needs text)."""
    partnership = _partnership(request, partnership_id, edit=True)
    services.ensure_definition_rows(partnership)
    current = LegalItem.objects.filter(partnership=partnership, key=key).first()
    if current is None:
        raise Http404
    changed = services.set_legal_item(
        by=acting_user(request),
        partnership=partnership,
        key=key,
        agreed_text=current.agreed_text if payload.agreed_text is None else payload.agreed_text,
        is_agreed=current.is_agreed if payload.is_agreed is None else payload.is_agreed,
    )
    return _definition_out(request, partnership, changed)


@router.put("/partnerships/{partnership_id}/pilot-plan", response={200: DefinitionOut, **ERRORS})
def put_pilot_plan(
    request: HttpRequest, partnership_id: int, payload: PilotPlanIn
) -> dict[str, Any]:
    """Replace the pilot plan (fields left out are emptied); the end not before the start."""
    partnership = _partnership(request, partnership_id, edit=True)
    changed = services.update_pilot_plan(
        by=acting_user(request), partnership=partnership, **payload.model_dump()
    )
    return _definition_out(request, partnership, changed)


@router.put("/partnerships/{partnership_id}/ambassador", response={200: DefinitionOut, **ERRORS})
def put_ambassador(
    request: HttpRequest, partnership_id: int, payload: AmbassadorIn
) -> dict[str, Any]:
    """Name the internal ambassador (empty name and role: none)."""
    partnership = _partnership(request, partnership_id, edit=True)
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise Http404
    changed = services.name_ambassador(
        by=acting_user(request),
        partnership=partnership,
        name=payload.name,
        role=payload.role,
        person=person,
    )
    return _definition_out(request, partnership, changed)


@router.put("/partnerships/{partnership_id}/agreement", response={200: DefinitionOut, **ERRORS})
def put_agreement(
    request: HttpRequest, partnership_id: int, payload: AgreementIn
) -> dict[str, Any]:
    """Mark the agreement signed on a date (not in the future), or unsigned with null."""
    partnership = _partnership(request, partnership_id, edit=True)
    changed = services.set_agreement_signed(
        by=acting_user(request), partnership=partnership, signed_on=payload.signed_on
    )
    return _definition_out(request, partnership, changed)


@router.get(
    "/partnerships/{partnership_id}/definition/documents",
    response={200: list[DocumentOut], **ERRORS},
)
def list_documents(
    request: HttpRequest, partnership_id: int, query: Query[DocumentsQuery]
) -> list[dict[str, Any]]:
    """Every version of the definition document, newest first, Hebrew and English
    (``limit`` and ``offset`` page through them)."""
    partnership = _partnership(request, partnership_id)
    documents = DefinitionDocument.objects.filter(partnership=partnership)
    return [
        _document_out(request, document)
        for document in documents[query.offset : query.offset + query.limit]
    ]


@router.get(
    "/partnerships/{partnership_id}/definition/documents/{document_id}",
    response=ERRORS,
    url_name="definition_document_download",
)
def download_document(request: HttpRequest, partnership_id: int, document_id: int) -> FileResponse:
    """The PDF of one version and language."""
    partnership = _partnership(request, partnership_id)
    document = DefinitionDocument.objects.filter(partnership=partnership, pk=document_id).first()
    if document is None:
        raise Http404
    return document_download(partnership.pk, document)
