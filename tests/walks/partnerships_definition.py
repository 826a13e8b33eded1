"""The definition pages of a partnership in the permission walk (see README.md here).

The partnership joins the entrepreneur's venture and a new organisation in
``personas.community`` (whose manager is the ``staff`` persona), so both read the page and
its document; visitors get 404. The writes are POST only, walked as "none"; the
entrepreneur may make them (they act for the venture), so they are refused to others in
``src/kaveret/partnerships/tests/test_definition_pages.py``.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

READ = {
    "partnerships:definition_page": "owner+staff",
    "partnerships:definition_expectation": "none",
    "partnerships:definition_legal": "none",
    "partnerships:definition_pilot_plan": "none",
    "partnerships:definition_ambassador": "none",
    "partnerships:definition_agreement": "none",
    "partnerships:definition_make_document": "none",
    "partnerships:definition_document": "owner+staff",
}

WALK_FILE = "partnerships/walk/definition.pdf"


def urls(personas: Any) -> dict[str, str]:
    from kaveret.partnerships.models import DefinitionDocument
    from kaveret.testing.application_factories import PDF_BYTES
    from kaveret.testing.partnerships_definition_factories import defined_partnership

    partnership = defined_partnership(community=personas.community, venture=personas.venture)
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(PDF_BYTES))
    document = DefinitionDocument.objects.create(
        partnership=partnership, version=1, language="he", file=WALK_FILE, content_hash="0" * 64
    )
    base = f"/partnerships/{partnership.pk}/definition/"
    return {
        "partnerships:definition_page": base,
        "partnerships:definition_expectation": f"{base}expectations/ethics/",
        "partnerships:definition_legal": f"{base}legal/costs/",
        "partnerships:definition_pilot_plan": f"{base}pilot-plan/",
        "partnerships:definition_ambassador": f"{base}ambassador/",
        "partnerships:definition_agreement": f"{base}agreement/",
        "partnerships:definition_make_document": f"{base}documents/make/",
        "partnerships:definition_document": f"{base}documents/{document.pk}/",
    }
