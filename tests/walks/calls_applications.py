"""The applicant's pages in the permission walk (see README.md here).

The call walked is open in ``personas.community`` (its manager is the ``staff`` persona);
the entrepreneur's venture has a draft in it, so the entrepreneur and staff read the
application, its file and its PDF copy, and visitors are sent to log in. The write
endpoints (save, submit, withdraw, remove a file) are the entrepreneur's own, so they are
walked as "none" here and refused to others in the calls' tests.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

READ = {
    "calls:dashboard": "user",
    "calls:apply": "user",
    "calls:application": "owner+staff",
    "calls:application_save": "none",
    "calls:application_submit": "none",
    "calls:application_withdraw": "none",
    "calls:application_pdf": "owner+staff",
    "calls:application_file": "owner+staff",
    "calls:application_file_delete": "none",
}

WALK_FILE = "calls/walk/deck.pdf"


def urls(personas: Any) -> dict[str, str]:
    from kaveret.calls.models import ApplicationFile
    from kaveret.testing.application_factories import (
        PDF_BYTES,
        Applicant,
        call_with_full_form,
        draft_of,
        question,
    )

    call = call_with_full_form(community=personas.community)
    draft = draft_of(call, Applicant(user=personas.entrepreneur, venture=personas.venture))
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(PDF_BYTES))
    stored = ApplicationFile.objects.create(
        application=draft,
        question=question(call, "deck"),
        file=WALK_FILE,
        original_name="deck.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=personas.entrepreneur,
    )
    base = f"/calls/{call.slug}/applications/{draft.pk}/"
    return {
        "calls:dashboard": "/calls/mine/",
        "calls:apply": f"/calls/{call.slug}/apply/",
        "calls:application": base,
        "calls:application_save": f"{base}save/",
        "calls:application_submit": f"{base}submit/",
        "calls:application_withdraw": f"{base}withdraw/",
        "calls:application_pdf": f"{base}copy.pdf",
        "calls:application_file": f"{base}files/{stored.pk}/",
        "calls:application_file_delete": f"{base}files/{stored.pk}/delete/",
    }
