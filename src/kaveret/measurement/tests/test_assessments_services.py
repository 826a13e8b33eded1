"""Recording, correcting and deleting assessments; MAP tags and a community's MAP effort."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.accounts.roles import forget_roles
from kaveret.challenges.models import ChallengeStatus
from kaveret.core.errors import DomainError
from kaveret.measurement import assessments_services as services
from kaveret.measurement.assessments import assessment_index
from kaveret.measurement.assessments_services import ScoreInput
from kaveret.measurement.models import Assessment, RubricKind
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.challenges_factories import community_member
from kaveret.testing.factories import (
    CommunityFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from kaveret.testing.measurement_assessments_factories import rubric
from kaveret.testing.measurement_factories import ProgrammeFactory
from kaveret.testing.partnerships_factories import PartnershipFactory, user_with_role
from kaveret.testing.work_factories import WorkActivityFactory, WorkCycleFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 15)


def manager_of(community: Any) -> Any:
    return user_with_role(Role.COMMUNITY_MANAGER, community=community)


def test_staff_record_a_community_assessment_with_missing_dimensions() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    assessment = services.record_assessment(
        manager,
        rubric(RubricKind.COLLECTIVE_IMPACT),
        community,
        assessed_on=TODAY,
        scores={
            "common_agenda": ScoreInput(4, "סדר יום נכתב"),
            "shared_measurement": ScoreInput(None),
        },
        notes="  פגישת ועדת היגוי  ",
    )
    assert assessment.community == community
    assert assessment.assessed_by == manager
    assert assessment.notes == "פגישת ועדת היגוי"
    assert [(s.dimension.key, s.score, s.note) for s in assessment.scores.all()] == [
        ("common_agenda", 4, "סדר יום נכתב")
    ]
    assert assessment_index(assessment) == 75.0


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_the_scale_is_refused(score: int) -> None:
    community = CommunityFactory()
    with pytest.raises(DomainError) as raised:
        services.record_assessment(
            manager_of(community),
            rubric(RubricKind.COLLECTIVE_IMPACT),
            community,
            assessed_on=TODAY,
            scores={"common_agenda": ScoreInput(score)},
        )
    assert "common_agenda" in raised.value.error_dict
    assert not Assessment.objects.exists()


def test_unknown_dimensions_no_scores_and_future_dates_are_refused() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    ci = rubric(RubricKind.COLLECTIVE_IMPACT)
    with pytest.raises(DomainError):
        services.record_assessment(
            manager, ci, community, assessed_on=TODAY, scores={"adoption": ScoreInput(3)}
        )
    with pytest.raises(DomainError):
        services.record_assessment(
            manager, ci, community, assessed_on=TODAY, scores={"common_agenda": ScoreInput(None)}
        )
    with pytest.raises(DomainError):
        services.record_assessment(
            manager,
            ci,
            community,
            assessed_on=timezone.localdate() + datetime.timedelta(days=1),
            scores={"common_agenda": ScoreInput(3)},
        )
    assert not Assessment.objects.exists()


def test_the_subject_must_match_the_rubric() -> None:
    admin = UserFactory(is_superuser=True)
    with pytest.raises(DomainError):
        services.record_assessment(
            admin,
            rubric(RubricKind.OI_MATURITY),
            CommunityFactory(),
            assessed_on=TODAY,
            scores={"adoption": ScoreInput(3)},
        )


def test_who_may_assess_each_subject() -> None:
    community = CommunityFactory()
    organisation = OrganisationFactory()
    partnership = PartnershipFactory()
    outsider = UserFactory()
    representative = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=organisation)
    member = community_member(community)
    staff_elsewhere = manager_of(CommunityFactory())
    cases = [
        (RubricKind.COLLECTIVE_IMPACT, community, "common_agenda", member),
        (RubricKind.COLLECTIVE_IMPACT, community, "common_agenda", outsider),
        (RubricKind.OI_MATURITY, organisation, "adoption", representative),
        (RubricKind.PARTNERSHIP_FLAGS, partnership, "trust", staff_elsewhere),
    ]
    for kind, subject, key, user in cases:
        with pytest.raises(PermissionDenied):
            services.record_assessment(
                user, rubric(kind), subject, assessed_on=TODAY, scores={key: ScoreInput(3)}
            )
    # Ecosystem staff assess maturity; the partnership's editors its flags.
    services.record_assessment(
        staff_elsewhere,
        rubric(RubricKind.OI_MATURITY),
        organisation,
        assessed_on=TODAY,
        scores={"adoption": ScoreInput(3)},
    )
    side = user_with_role(Role.ORGANISATION_REPRESENTATIVE, organisation=partnership.organisation)
    services.record_assessment(
        side,
        rubric(RubricKind.PARTNERSHIP_FLAGS),
        partnership,
        assessed_on=TODAY,
        scores={"trust": ScoreInput(5)},
    )
    assert Assessment.objects.count() == 2


def test_the_author_corrects_within_the_window_admins_delete() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    assessment = services.record_assessment(
        manager,
        rubric(RubricKind.COLLECTIVE_IMPACT),
        community,
        assessed_on=TODAY,
        scores={"common_agenda": ScoreInput(2)},
    )
    services.update_assessment(
        manager,
        assessment,
        assessed_on=TODAY,
        scores={"common_agenda": ScoreInput(5), "trust_and_agreement": ScoreInput(3)},
        notes="תוקן",
    )
    assessment.refresh_from_db()
    assert sorted(s.score for s in assessment.scores.all()) == [3, 5]
    with pytest.raises(PermissionDenied):
        services.update_assessment(
            UserFactory(), assessment, assessed_on=TODAY, scores={"common_agenda": ScoreInput(1)}
        )
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assessment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.update_assessment(
            manager, assessment, assessed_on=TODAY, scores={"common_agenda": ScoreInput(1)}
        )
    with pytest.raises(PermissionDenied):
        services.delete_assessment(manager, assessment)
    services.delete_assessment(UserFactory(is_superuser=True), assessment)
    assert not Assessment.objects.exists()


def test_an_author_who_lost_the_role_may_no_longer_correct_the_assessment() -> None:
    community = CommunityFactory()
    role = RoleAssignmentFactory(role=Role.COMMUNITY_MANAGER, community=community)
    manager = role.user
    assessment = services.record_assessment(
        manager,
        rubric(RubricKind.COLLECTIVE_IMPACT),
        community,
        assessed_on=TODAY,
        scores={"common_agenda": ScoreInput(2)},
    )
    role.delete()
    forget_roles(manager)
    with pytest.raises(PermissionDenied):
        services.update_assessment(
            manager, assessment, assessed_on=TODAY, scores={"common_agenda": ScoreInput(5)}
        )
    assert [s.score for s in assessment.scores.all()] == [2]


def test_map_tags_are_validated_and_ordered() -> None:
    community = CommunityFactory()
    manager = manager_of(community)
    activity = WorkActivityFactory(cycle=WorkCycleFactory(community=community))
    assert services.set_map_tags(manager, activity, ["pipes", "mindset", "pipes"]) == [
        "mindset",
        "pipes",
    ]
    activity.refresh_from_db()
    assert activity.map_tags == ["mindset", "pipes"]
    with pytest.raises(DomainError):
        services.set_map_tags(manager, activity, ["heart"])
    with pytest.raises(PermissionDenied):
        services.set_map_tags(community_member(community), activity, ["ability"])
    challenge = ChallengeFactory(community=community)
    assert services.set_map_tags(manager, challenge, ["ability"]) == ["ability"]
    programme = ProgrammeFactory(community=community, area__plan__community=community)
    with pytest.raises(PermissionDenied):
        services.set_map_tags(community_member(community), programme, ["ability"])
    assert services.set_map_tags(manager, programme, ["pipes"]) == ["pipes"]


def test_a_programme_is_tagged_by_the_staff_of_its_plans_community_only() -> None:
    """Staff of another community are not editors of the plan (issue 8)."""
    community = CommunityFactory()
    programme = ProgrammeFactory(community=community, area__plan__community=CommunityFactory())
    manager = manager_of(community)
    with pytest.raises(PermissionDenied):
        services.set_map_tags(manager, programme, ["pipes"])
    programme.refresh_from_db()
    assert programme.map_tags != ["pipes"]


def test_map_effort_counts_each_tag_and_the_untagged(
    django_assert_max_num_queries: Any,
) -> None:
    community = CommunityFactory()
    other = CommunityFactory()
    cycle = WorkCycleFactory(community=community)
    ProgrammeFactory(community=community, map_tags=["mindset", "ability"])
    ProgrammeFactory(community=community, map_tags=["pipes"])
    ProgrammeFactory(community=other, map_tags=["pipes"])
    ChallengeFactory(community=community, map_tags=["mindset"], status=ChallengeStatus.OPEN)
    ChallengeFactory(community=community, map_tags=[], status=ChallengeStatus.OPEN)
    WorkActivityFactory(cycle=cycle, map_tags=["ability"])
    WorkActivityFactory(cycle=cycle)
    for _ in range(5):
        WorkActivityFactory(cycle=cycle, map_tags=["pipes"])
    with django_assert_max_num_queries(3):
        effort = services.map_effort(community)
    counts = {row.tag: (row.programmes, row.challenges, row.activities) for row in effort.rows}
    assert counts == {
        "mindset": (1, 1, 0),
        "ability": (1, 0, 1),
        "pipes": (1, 0, 5),
        "untagged": (0, 1, 1),
    }
    assert len(effort.items) == 3 + 2 + 7 - 1


def test_map_effort_shows_a_member_only_what_they_may_see() -> None:
    community = CommunityFactory()
    member = community_member(community)
    ChallengeFactory(community=community, map_tags=["mindset"], status=ChallengeStatus.DRAFT)
    ChallengeFactory(community=community, map_tags=["mindset"], status=ChallengeStatus.OPEN)
    ProgrammeFactory(community=community, map_tags=["ability"], area__plan__is_published=False)
    effort = services.map_effort(community, member)
    counts = {row.tag: (row.programmes, row.challenges) for row in effort.rows}
    assert counts["mindset"] == (0, 1)
    assert counts["ability"] == (0, 0)
