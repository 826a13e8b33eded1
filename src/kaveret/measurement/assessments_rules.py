"""Who may read, record, edit and delete assessments, and who tags work with MAP tags.

Built on ``measurement.rules`` (which states who assesses what):

- a community's collective impact: its staff assess, its members read;
- an organisation's open-innovation maturity: ecosystem staff assess; the organisation's
  representatives and funders read (``can_view_maturity``);
- a partnership's flags: its editors (``partnerships.rules.can_edit_partnership``) assess
  and read;
- an assessment is edited by whoever may assess its subject (its author too, as long as
  they still may: an assessor who lost the role loses the right), within ``EDIT_DAYS`` of
  being recorded (platform admins any time); deleted by platform admins;
- MAP tags: a programme's by the editors of its plan (``rules.edits_portfolio``), a
  challenge's by those who edit it, a work activity's by its community's staff. The MAP
  view of a community is read by its members and staff.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kaveret.accounts.roles import is_platform_admin
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import can_edit_challenge
from kaveret.communities.models import Community, WorkActivity
from kaveret.communities.rules import runs_community
from kaveret.ecosystem.models import Organisation
from kaveret.partnerships.models import Partnership
from kaveret.partnerships.rules import can_edit_partnership

from . import rules
from .models import Assessment, Programme

EDIT_DAYS = 30


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def subject_of(assessment: Assessment) -> Any:
    """The community, organisation, partnership or programme an assessment is about."""
    return (
        assessment.community
        or assessment.organisation
        or assessment.partnership
        or assessment.programme
    )


def can_view_assessments_of(user: Any, subject: Any) -> bool:
    if isinstance(subject, Community):
        return rules.can_view_community_assessments(user, subject)
    if isinstance(subject, Organisation):
        return rules.can_view_maturity(user, subject.pk)
    if isinstance(subject, Partnership):
        return can_edit_partnership(user, subject)
    if isinstance(subject, Programme):
        return rules.can_view_plan(user, subject.plan)
    return False


def can_assess(user: Any, subject: Any) -> bool:
    if isinstance(subject, Community):
        return rules.can_assess_community(user, subject)
    if isinstance(subject, Organisation):
        return rules.can_assess_maturity(user)
    if isinstance(subject, Partnership):
        return can_edit_partnership(user, subject)
    if isinstance(subject, Programme):
        return rules.edits_portfolio(user, subject.plan)
    return False


def can_view_assessment(user: Any, assessment: Assessment) -> bool:
    return can_view_assessments_of(user, subject_of(assessment))


def edit_window_open(assessment: Assessment, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return now - assessment.created_at <= datetime.timedelta(days=EDIT_DAYS)


def can_edit_assessment(user: Any, assessment: Assessment) -> bool:
    if not _active(user):
        return False
    if is_platform_admin(user):
        return True
    if not edit_window_open(assessment):
        return False
    # the author as anyone else: only while they may still assess the subject
    return can_assess(user, subject_of(assessment))


def can_delete_assessment(user: Any, assessment: Assessment) -> bool:
    return _active(user) and is_platform_admin(user)


def can_view_map_effort(user: Any, community: Community) -> bool:
    return rules.can_view_community_assessments(user, community)


def can_tag(user: Any, item: Any) -> bool:
    """Set the MAP tags of a programme, a challenge or a work activity."""
    if not _active(user):
        return False
    if isinstance(item, Programme):
        return rules.edits_portfolio(user, item.plan)
    if isinstance(item, Challenge):
        return can_edit_challenge(user, item)
    if isinstance(item, WorkActivity):
        return bool(runs_community(user, item.cycle.community))
    return False
