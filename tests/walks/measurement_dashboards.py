"""The dashboards: a community's (its members and staff) and the portfolio's (funders,
ecosystem staff, that is whoever runs a community, and platform admins)."""

from __future__ import annotations

from typing import Any

from kaveret.testing.measurement_dashboards_factories import held_event
from kaveret.testing.measurement_factories import ProgrammeFactory
from kaveret.testing.measurement_portfolio_factories import BudgetLineFactory

READ = {
    "measurement:community_dashboard": "staff",
    "measurement:community_dashboard_csv": "staff",
    "measurement:portfolio_dashboard": "staff",
    "measurement:portfolio_dashboard_csv": "staff",
}


def urls(personas: Any) -> dict[str, str]:
    community = personas.community
    held_event(community, days_ago=2, registered=2, attended=1)
    programme = ProgrammeFactory()
    BudgetLineFactory(plan=programme.plan, area=programme.area, inside=10, outside=5)
    base = f"/measurement/dashboards/communities/{community.slug}"
    return {
        "measurement:community_dashboard": f"{base}/",
        "measurement:community_dashboard_csv": f"{base}/events.csv",
        "measurement:portfolio_dashboard": "/measurement/dashboards/portfolio/",
        "measurement:portfolio_dashboard_csv": (
            f"/measurement/dashboards/portfolio/budget.csv?plan={programme.plan.pk}"
        ),
    }
