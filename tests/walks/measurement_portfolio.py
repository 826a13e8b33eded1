"""Portfolio pages in the permission walk (see README.md here).

A published plan, its area, programme and CSV are read by everyone; a draft plan only by
its editors (the ``staff`` persona runs ``personas.community``, the plans' community, so
edits them). The edit forms are the editors' only.
"""

from __future__ import annotations

from typing import Any

from kaveret.testing.measurement_factories import AreaFactory, ProgrammeFactory, WorkPlanFactory
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory, TargetFactory

READ = {
    "measurement:plans": "all",
    "measurement:plan": "all",
    "measurement:plan_csv": "all",
    "measurement:area": "all",
    "measurement:programme": "all",
    "measurement:area_csv": "all",
    "measurement:programme_csv": "all",
    "measurement:plan_new": "staff",
    "measurement:plan_edit": "staff",
    "measurement:area_new": "staff",
    "measurement:area_edit": "staff",
    "measurement:programme_new": "staff",
    "measurement:programme_edit": "staff",
    "measurement:target_new": "staff",
    "measurement:target_edit": "staff",
    "measurement:target_delete": "none",
    "measurement:line_new": "staff",
    "measurement:line_edit": "staff",
    "measurement:portfolio_draft_plan": "staff",
}

WRITE_REFUSED = [
    "measurement:plan_new",
    "measurement:plan_edit",
    "measurement:area_new",
    "measurement:programme_new",
    "measurement:target_new",
    "measurement:target_delete",
    "measurement:line_new",
]


def urls(personas: Any) -> dict[str, str]:
    plan = WorkPlanFactory(community=personas.community, is_published=True)
    draft = WorkPlanFactory(community=personas.community, is_published=False, year=2022)
    area = AreaFactory(plan=plan)
    programme = ProgrammeFactory(area=area)
    target = TargetFactory(programme=programme)
    line = BudgetLineFactory(programme=programme)
    base = f"/measurement/plans/{plan.pk}"
    prog = f"{base}/programmes/{programme.slug}"
    return {
        "measurement:plans": "/measurement/plans/",
        "measurement:plan": f"{base}/",
        "measurement:plan_csv": f"{base}/data/budget.csv",
        "measurement:area": f"{base}/areas/{area.slug}/",
        "measurement:programme": f"{prog}/",
        "measurement:area_csv": f"{base}/areas/{area.slug}/data.csv",
        "measurement:programme_csv": f"{prog}/data.csv",
        "measurement:plan_new": "/measurement/plans/new/",
        "measurement:plan_edit": f"{base}/edit/",
        "measurement:area_new": f"{base}/areas/new/",
        "measurement:area_edit": f"{base}/areas/{area.slug}/edit/",
        "measurement:programme_new": f"{base}/programmes/new/",
        "measurement:programme_edit": f"{prog}/edit/",
        "measurement:target_new": f"{prog}/targets/new/",
        "measurement:target_edit": f"{prog}/targets/{target.pk}/",
        "measurement:target_delete": f"{prog}/targets/{target.pk}/delete/",
        "measurement:line_new": f"{base}/budget/new/",
        "measurement:line_edit": f"{base}/budget/{line.pk}/",
        # not a URL name: the same "plan" page of a draft
        "measurement:portfolio_draft_plan": f"/measurement/plans/{draft.pk}/",
    }
