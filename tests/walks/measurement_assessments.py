"""Rubric assessments and the MAP view, in the permission walk (see README.md here).

Everything is in ``personas.community`` (run by the ``staff`` persona), about a new
organisation and a partnership the entrepreneur persona does not act for: visitors and
the entrepreneur get 404 (or the login page) everywhere; deleting is for admins only.
"""

from __future__ import annotations

from typing import Any

from kaveret.communities.models import WorkCycle
from kaveret.measurement.models import Assessment, RubricKind
from kaveret.testing.factories import OrganisationFactory
from kaveret.testing.measurement_assessments_factories import assess
from kaveret.testing.partnerships_factories import PartnershipFactory
from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

READ = {
    "measurement:assessment_community": "staff",
    "measurement:assessment_community_new": "staff",
    "measurement:assessment_map": "staff",
    "measurement:assessment_organisation": "staff",
    "measurement:assessment_organisation_new": "staff",
    "measurement:assessment_partnership": "staff",
    "measurement:assessment_partnership_new": "staff",
    "measurement:assessment_edit": "staff",
    "measurement:assessment_delete": "none",
    "measurement:assessment_map_activity": "staff",
}

WRITE_REFUSED = list(READ)


def urls(personas: Any) -> dict[str, str]:
    community = personas.community
    organisation = OrganisationFactory()
    partnership = PartnershipFactory(community=community)
    assessment = assess(RubricKind.COLLECTIVE_IMPACT, {"common_agenda": 3}, community=community)
    Assessment.objects.filter(pk=assessment.pk).update(assessed_by=personas.staff)
    assess(RubricKind.OI_MATURITY, {"adoption": 4}, organisation=organisation)
    # Another walk module may already have opened the community's cycle (one open at a time).
    cycle = WorkCycle.objects.filter(
        community=community, ended_on__isnull=True
    ).first() or WorkCycleFactory(community=community)
    activity = WorkActivityFactory(cycle=cycle)
    base = "/measurement/assessments"
    return {
        "measurement:assessment_community": f"{base}/communities/{community.slug}/",
        "measurement:assessment_community_new": f"{base}/communities/{community.slug}/new/",
        "measurement:assessment_map": f"{base}/communities/{community.slug}/map/",
        "measurement:assessment_organisation": f"{base}/organisations/{organisation.pk}/",
        "measurement:assessment_organisation_new": (f"{base}/organisations/{organisation.pk}/new/"),
        "measurement:assessment_partnership": f"{base}/partnerships/{partnership.pk}/",
        "measurement:assessment_partnership_new": f"{base}/partnerships/{partnership.pk}/new/",
        "measurement:assessment_edit": f"{base}/{assessment.pk}/edit/",
        "measurement:assessment_delete": f"{base}/{assessment.pk}/delete/",
        "measurement:assessment_map_activity": f"{base}/map/activities/{activity.pk}/",
    }
