"""Indicator pages in the permission walk (see README.md here).

The indicator walked belongs to ``personas.community``, whose manager (the ``staff``
persona) owns it: staff read it, enter and correct measurements and download their
evidence; visitors and the entrepreneur (not a member) get 404 or are sent to log in. The
list is open to all and shows each person only what they may see.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

READ = {
    "measurement:indicator_list": "all",
    "measurement:indicator_create": "staff",
    "measurement:indicator_edit": "staff",
    "measurement:indicator_detail": "staff",
    "measurement:indicator_csv": "staff",
    "measurement:indicator_measure": "staff",
    "measurement:indicator_measurement_edit": "staff",
    "measurement:indicator_measurement_delete": "none",
    "measurement:indicator_evidence": "staff",
}

WRITE_REFUSED = [
    "measurement:indicator_create",
    "measurement:indicator_edit",
    "measurement:indicator_measure",
    "measurement:indicator_measurement_edit",
    "measurement:indicator_measurement_delete",
]

WALK_FILE = "measurement/walk/evidence.pdf"


def urls(personas: Any) -> dict[str, str]:
    from kaveret.testing.application_factories import PDF_BYTES
    from kaveret.testing.measurement_factories import IndicatorFactory
    from kaveret.testing.measurement_indicators_factories import measure

    indicator = IndicatorFactory(programme=None, community=personas.community, owner=personas.staff)
    if not default_storage.exists(WALK_FILE):
        default_storage.save(WALK_FILE, ContentFile(PDF_BYTES))
    measurement = measure(indicator, 0, 12, evidence_file=WALK_FILE, reported_by=personas.staff)
    base = "/measurement/indicators"
    return {
        "measurement:indicator_list": f"{base}/",
        "measurement:indicator_create": f"{base}/new/",
        "measurement:indicator_edit": f"{base}/{indicator.pk}/edit/",
        "measurement:indicator_detail": f"{base}/{indicator.pk}/",
        "measurement:indicator_csv": f"{base}/{indicator.pk}/data.csv",
        "measurement:indicator_measure": f"{base}/{indicator.pk}/measure/",
        "measurement:indicator_measurement_edit": f"{base}/measurements/{measurement.pk}/edit/",
        "measurement:indicator_measurement_delete": (
            f"{base}/measurements/{measurement.pk}/delete/"
        ),
        "measurement:indicator_evidence": f"{base}/measurements/{measurement.pk}/evidence/",
    }
