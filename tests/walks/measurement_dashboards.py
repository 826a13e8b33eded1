"""The dashboards: a community's (its members and staff) and the portfolio's (funders,
ecosystem staff and platform admins: none of the walk's personas, so "none" here; the
pages' own tests check that funders and admins read it)."""

from __future__ import annotations

from typing import Any

from kaveret.testing.measurement_dashboards_factories import held_event

READ = {
    "measurement:community_dashboard": "staff",
    "measurement:community_dashboard_csv": "staff",
    "measurement:portfolio_dashboard": "none",
    "measurement:portfolio_dashboard_csv": "none",
}


def urls(personas: Any) -> dict[str, str]:
    community = personas.community
    held_event(community, days_ago=2, registered=2, attended=1)
    base = f"/measurement/dashboards/communities/{community.slug}"
    return {
        "measurement:community_dashboard": f"{base}/",
        "measurement:community_dashboard_csv": f"{base}/events.csv",
        "measurement:portfolio_dashboard": "/measurement/dashboards/portfolio/",
        "measurement:portfolio_dashboard_csv": "/measurement/dashboards/portfolio/budget.csv",
    }
