"""Running a design partnership, in the permission walk (see README.md here).

The partnership is in ``personas.community`` (run by the ``staff`` persona) between a new
organisation and a venture the entrepreneur persona does not act for: the entrepreneur
and visitors get 404 on every running page. The public feedback form is open to anyone
holding the private link (the partnership is launched: the link opens at step 06).
"""

from __future__ import annotations

from typing import Any

from kaveret.partnerships.models import Stage
from kaveret.testing.partnerships_factories import PartnershipFactory
from kaveret.testing.partnerships_running_factories import (
    FeedbackFactory,
    PilotIndicatorFactory,
    RiskFactory,
)

READ = {
    "partnerships:running_page": "staff",
    "partnerships:running_condition": "staff",
    "partnerships:running_risk_add": "staff",
    "partnerships:running_risk_edit": "staff",
    "partnerships:running_risk_close": "none",
    "partnerships:running_feedback": "staff",
    "partnerships:running_feedback_answer": "staff",
    "partnerships:running_feedback_link": "staff",
    "partnerships:running_indicator_add": "staff",
    "partnerships:running_indicator_edit": "staff",
    "partnerships:running_measurement_add": "staff",
    "partnerships:running_decision_add": "staff",
    "partnerships:running_continuity": "staff",
    "partnerships:running_outcome": "staff",
    "partnerships:running_lessons_publish": "none",
    "partnerships:feedback_form": "all",
    "partnerships:feedback_thanks": "all",
}

WRITE_REFUSED = [
    name
    for name in READ
    if name.startswith("partnerships:running_") and name != "partnerships:running_feedback"
]


def urls(personas: Any) -> dict[str, str]:
    partnership = PartnershipFactory(community=personas.community, stage=Stage.LAUNCH)
    risk = RiskFactory(partnership=partnership)
    feedback = FeedbackFactory(partnership=partnership)
    indicator = PilotIndicatorFactory(partnership=partnership)
    base = f"/partnerships/{partnership.pk}/running/"
    token = partnership.feedback_token
    return {
        "partnerships:running_page": base,
        "partnerships:running_condition": f"{base}conditions/early_expectations/",
        "partnerships:running_risk_add": f"{base}risks/new/",
        "partnerships:running_risk_edit": f"{base}risks/{risk.pk}/",
        "partnerships:running_risk_close": f"{base}risks/{risk.pk}/close/",
        "partnerships:running_feedback": f"{base}feedback/",
        "partnerships:running_feedback_answer": f"{base}feedback/{feedback.pk}/answer/",
        "partnerships:running_feedback_link": f"{base}feedback-link/",
        "partnerships:running_indicator_add": f"{base}indicators/new/",
        "partnerships:running_indicator_edit": f"{base}indicators/{indicator.pk}/",
        "partnerships:running_measurement_add": (
            f"{base}indicators/{indicator.pk}/measurements/new/"
        ),
        "partnerships:running_decision_add": f"{base}decisions/new/",
        "partnerships:running_continuity": f"{base}continuity/",
        "partnerships:running_outcome": f"{base}outcome/",
        "partnerships:running_lessons_publish": f"{base}lessons/publish/",
        "partnerships:feedback_form": f"/partnerships/feedback/{token}/",
        "partnerships:feedback_thanks": f"/partnerships/feedback/{token}/thanks/",
    }
