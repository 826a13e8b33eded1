"""The calls' own pages (list, call page, feed, staff's call, rubric and form pages) in the
permission walk (see README.md here).

The call walked is published and open in ``personas.community``, whose manager is the
``staff`` persona; the entrepreneur may read it but not change it.
"""

from __future__ import annotations

from typing import Any

READ = {
    "calls:list": "all",
    "calls:feed": "all",
    "calls:create": "staff",
    "calls:detail": "all",
    "calls:edit": "staff",
    "calls:publish": "none",
    "calls:rubric": "staff",
    "calls:rubric_seed": "none",
    "calls:criterion_edit": "staff",
    "calls:criterion_change": "none",
    "calls:form_builder": "staff",
    "calls:form_preview": "all",
    "calls:form_question_add": "staff",
    "calls:form_question_edit": "staff",
    "calls:form_question_change": "none",
    "calls:form_section_add": "none",
    "calls:form_section_edit": "staff",
    "calls:form_section_change": "none",
}

WRITE_REFUSED = [
    "calls:create",
    "calls:edit",
    "calls:publish",
    "calls:rubric",
    "calls:rubric_seed",
    "calls:criterion_edit",
    "calls:criterion_change",
    "calls:form_question_add",
    "calls:form_question_edit",
    "calls:form_question_change",
    "calls:form_section_add",
    "calls:form_section_edit",
    "calls:form_section_change",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.calls.models import FormSection
    from kaveret.testing.calls_factories import call_with_form

    call = call_with_form(community=personas.community, slug="walk-call")
    version = call.form_versions.get()
    FormSection.objects.create(version=version, order=0, title="פרק")
    criterion = call.criteria.first()
    assert criterion is not None
    base = f"/calls/{call.slug}"
    return {
        "calls:list": "/calls/",
        "calls:feed": "/calls/feed/",
        "calls:create": "/calls/new/",
        "calls:detail": f"{base}/",
        "calls:edit": f"{base}/edit/",
        "calls:publish": f"{base}/publish/",
        "calls:rubric": f"{base}/rubric/",
        "calls:rubric_seed": f"{base}/rubric/seed/",
        "calls:criterion_edit": f"{base}/rubric/{criterion.pk}/",
        "calls:criterion_change": f"{base}/rubric/{criterion.pk}/change/",
        "calls:form_builder": f"{base}/form/",
        "calls:form_preview": f"{base}/form/preview/",
        "calls:form_question_add": f"{base}/form/questions/new/",
        "calls:form_question_edit": f"{base}/form/questions/pitch/",
        "calls:form_question_change": f"{base}/form/questions/pitch/change/",
        "calls:form_section_add": f"{base}/form/sections/new/",
        "calls:form_section_edit": f"{base}/form/sections/0/",
        "calls:form_section_change": f"{base}/form/sections/0/change/",
    }
