"""Reviews, the console, decisions, grants, the budget and the audit history in the walk.

The call is in ``personas.community`` (run by the ``staff`` persona), who is also made
one of its reviewers with an assigned review, so the reviewer's pages are walked too.
The entrepreneur is neither staff nor reviewer nor the applicant: refused everywhere.
"""

from __future__ import annotations

from typing import Any

READ = {
    "calls:review_home": "staff",
    "calls:conflict_declare": "none",
    "calls:conflicts_confirm": "none",
    "calls:review": "staff",
    "calls:review_reopen": "none",
    "calls:assignments": "staff",
    "calls:assignments_auto": "none",
    "calls:assignment_add": "none",
    "calls:assignment_remove": "none",
    "calls:console": "staff",
    "calls:console_export": "staff",
    "calls:decision": "staff",
    "calls:decision_reverse": "none",
    "calls:budget": "staff",
    "calls:grant": "staff",
    "calls:milestone_add": "none",
    "calls:milestone_report": "none",
    "calls:milestone_mark": "none",
    "calls:disbursement_add": "none",
    "calls:audit": "staff",
}

WRITE_REFUSED = [
    "calls:conflict_declare",
    "calls:conflicts_confirm",
    "calls:review",
    "calls:review_reopen",
    "calls:assignments_auto",
    "calls:assignment_add",
    "calls:assignment_remove",
    "calls:decision",
    "calls:decision_reverse",
    "calls:grant",
    "calls:milestone_add",
    "calls:milestone_report",
    "calls:milestone_mark",
    "calls:disbursement_add",
]


def urls(personas: Any) -> dict[str, str]:
    from kaveret.calls.models import ApplicationStatus, Review
    from kaveret.testing.calls_factories import (
        ApplicationFactory,
        DecisionFactory,
        GrantFactory,
        call_with_form,
    )
    from kaveret.testing.review_factories import MilestoneFactory, confirm_conflicts

    call = call_with_form(community=personas.community)
    call.reviewers.add(personas.staff)
    application = ApplicationFactory(call=call)
    review = Review.objects.create(application=application, reviewer=personas.staff)
    confirm_conflicts(personas.staff, call)
    accepted = ApplicationFactory(call=call, status=ApplicationStatus.ACCEPTED)
    decision = DecisionFactory(application=accepted, decided_by=personas.staff)
    grant = GrantFactory(application=accepted, created_by=personas.staff)
    milestone = MilestoneFactory(grant=grant)
    base = f"/calls/{call.slug}"
    return {
        "calls:review_home": f"{base}/reviews/",
        "calls:conflict_declare": f"{base}/reviews/conflicts/{application.pk}/",
        "calls:conflicts_confirm": f"{base}/reviews/confirm/",
        "calls:review": f"{base}/reviews/{review.pk}/",
        "calls:review_reopen": f"{base}/reviews/{review.pk}/reopen/",
        "calls:assignments": f"{base}/assignments/",
        "calls:assignments_auto": f"{base}/assignments/auto/",
        "calls:assignment_add": f"{base}/assignments/add/",
        "calls:assignment_remove": f"{base}/assignments/{review.pk}/remove/",
        "calls:console": f"{base}/console/",
        "calls:console_export": f"{base}/console/export.xlsx",
        "calls:decision": f"{base}/decisions/{accepted.pk}/",
        "calls:decision_reverse": f"{base}/decisions/reverse/{decision.pk}/",
        "calls:budget": f"{base}/budget/",
        "calls:grant": f"{base}/grants/{accepted.pk}/",
        "calls:milestone_add": f"{base}/grants/{accepted.pk}/milestones/",
        "calls:milestone_report": f"{base}/grants/{accepted.pk}/milestones/{milestone.pk}/report/",
        "calls:milestone_mark": f"{base}/grants/{accepted.pk}/milestones/{milestone.pk}/mark/",
        "calls:disbursement_add": f"{base}/grants/{accepted.pk}/disbursements/",
        "calls:audit": f"{base}/audit/",
    }
