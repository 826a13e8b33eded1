"""The pages of a community's ecosystem work: the board, its cycles, the principles."""

from __future__ import annotations

from datetime import date
from typing import Any

from kaveret.testing.work_factories import (
    PrincipleAssessmentFactory,
    WorkActivityFactory,
    WorkCycleFactory,
)

READ = {
    "communities:work_board": "all",
    "communities:work_cycle": "all",
    "communities:work_activity_create": "staff",
    "communities:work_activity_edit": "staff",
    "communities:work_activity_delete": "staff",
    "communities:work_activity_move": "none",
    "communities:work_phase": "none",
    "communities:principles": "all",
    "communities:principle_assessment_create": "staff",
}

WRITE_REFUSED = [
    "communities:work_activity_create",
    "communities:work_activity_edit",
    "communities:work_activity_delete",
    "communities:work_activity_move",
    "communities:work_phase",
    "communities:principle_assessment_create",
]


def urls(personas: Any) -> dict[str, str]:
    community = personas.community
    WorkCycleFactory(community=community, number=1, ended_on=date(2025, 6, 1))
    cycle = WorkCycleFactory(community=community, number=2)
    activity = WorkActivityFactory(cycle=cycle)
    PrincipleAssessmentFactory(community=community)
    base = f"/communities/{community.slug}/work"
    return {
        "communities:work_board": f"{base}/",
        "communities:work_cycle": f"{base}/cycles/1/",
        "communities:work_activity_create": f"{base}/activities/new/",
        "communities:work_activity_edit": f"{base}/activities/{activity.pk}/edit/",
        "communities:work_activity_delete": f"{base}/activities/{activity.pk}/delete/",
        "communities:work_activity_move": f"{base}/activities/{activity.pk}/move/",
        "communities:work_phase": f"{base}/phase/",
        "communities:principles": f"{base}/principles/",
        "communities:principle_assessment_create": f"{base}/principles/new/",
    }
