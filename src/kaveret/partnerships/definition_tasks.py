"""Background work of the definition: making the "partnership definition" PDFs.

Every version is kept: one document per version and language (Hebrew and English), with
the hash of the content it was made from. A run makes the documents of the partnership's
current version, unless they exist already or the latest documents hold the same content.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .definition_selectors import DOCUMENT_LANGUAGES, content_hash, definition_of
from .models import DefinitionDocument, Partnership
from .pdf import definition_pdf

logger = logging.getLogger(__name__)


def store_definition_documents(partnership_id: int) -> list[DefinitionDocument]:
    """Make and keep the documents of the current version; returns those made (maybe none)."""
    with transaction.atomic():
        partnership = (
            Partnership.objects.select_for_update()
            .select_related("organisation", "venture", "challenge")
            .filter(pk=partnership_id)
            .first()
        )
        if partnership is None or partnership.definition_version < 1:
            return []
        version = partnership.definition_version
        definition = definition_of(partnership, with_documents=False)
        digest = content_hash(definition)
        latest = DefinitionDocument.objects.filter(partnership=partnership).order_by("-version")
        newest = latest.first()
        if newest is not None and (newest.version >= version or newest.content_hash == digest):
            return []
        made_at = timezone.now()
        made = []
        for language in DOCUMENT_LANGUAGES:
            pdf = definition_pdf(
                partnership, language, version=version, made_at=made_at, definition=definition
            )
            document = DefinitionDocument(
                partnership=partnership, version=version, language=language, content_hash=digest
            )
            document.file.save(
                f"partnership-{partnership.pk}-definition-v{version}-{language}.pdf",
                ContentFile(pdf),
                save=False,
            )
            document.save()
            made.append(document)
    return made


@shared_task
def make_definition_documents(partnership_id: int) -> int:
    """Make the current version's documents; returns how many were made."""
    return len(store_definition_documents(partnership_id))


def queue_definition_documents(partnership_id: int) -> bool:
    """Queue the documents of the current version; False (logged) if the broker is down.

    A definition that was saved must not fail because its PDF cannot be queued now; the
    definition page offers to make the document again.
    """
    try:
        make_definition_documents.delay(partnership_id)
    except OperationalError:
        logger.exception("partnerships: the definition document could not be queued")
        return False
    return True
