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


def _already_made(partnership: Partnership, version: int, digest: str) -> bool:
    newest = DefinitionDocument.objects.filter(partnership=partnership).order_by("-version").first()
    return newest is not None and (newest.version >= version or newest.content_hash == digest)


def store_definition_documents(partnership_id: int) -> list[DefinitionDocument]:
    """Make and keep the documents of the current version; returns those made (maybe none).

    The PDFs are laid out before any lock is taken (it takes seconds); the rows are written
    under the partnership's lock only if the version is still the current one and nobody
    made its documents meanwhile (a later change queues its own run).
    """
    partnership = (
        Partnership.objects.select_related("organisation", "venture", "challenge")
        .filter(pk=partnership_id)
        .first()
    )
    if partnership is None or partnership.definition_version < 1:
        return []
    version = partnership.definition_version
    definition = definition_of(partnership, with_documents=False)
    digest = content_hash(definition)
    if _already_made(partnership, version, digest):
        return []
    made_at = timezone.now()
    pdfs = {
        language: definition_pdf(
            partnership, language, version=version, made_at=made_at, definition=definition
        )
        for language in DOCUMENT_LANGUAGES
    }
    made: list[DefinitionDocument] = []
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership_id)
        if locked.definition_version != version or _already_made(locked, version, digest):
            return []
        for language, pdf in pdfs.items():
            document = DefinitionDocument(
                partnership=locked, version=version, language=language, content_hash=digest
            )
            document.file.save(
                f"partnership-{partnership_id}-definition-v{version}-{language}.pdf",
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
