"""Creating a partnership: every row its parts work on, where it starts, which risks."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.core.errors import DomainError
from kaveret.partnerships.models import (
    EXPECTATIONS_BY_SIDE,
    AgreementStatus,
    ConditionKey,
    LegalKey,
    Origin,
    PartyRole,
    RiskKey,
    Stage,
)
from kaveret.partnerships.services import DEFAULT_RISKS, create_partnership
from kaveret.testing.factories import (
    CommunityFactory,
    OrganisationFactory,
    UserFactory,
    VentureFactory,
)
from kaveret.testing.partnerships_factories import (
    entrepreneur,
    full_partnership,
    organisation_representative,
)

pytestmark = pytest.mark.django_db


def test_a_new_partnership_has_every_row_its_parts_need() -> None:
    partnership = full_partnership(title="  VIVID ורקמה  ")

    assert partnership.title == "VIVID ורקמה"
    assert partnership.stage == Stage.IDENTIFY
    assert {period.stage for period in partnership.stages.all()} == set(Stage.values)
    started = partnership.stages.get(stage=Stage.IDENTIFY)
    assert started.starts_on is not None and started.owner == partnership.created_by
    expected_keys = {key for keys in EXPECTATIONS_BY_SIDE.values() for key in keys}
    assert set(partnership.expectations.values_list("key", flat=True)) == expected_keys
    assert set(partnership.expectations.values_list("status", flat=True)) == {AgreementStatus.OPEN}
    assert set(partnership.legal_items.values_list("key", flat=True)) == set(LegalKey.values)
    assert set(partnership.conditions.values_list("key", flat=True)) == set(ConditionKey.values)
    assert partnership.pilot_plan.pk and partnership.continuity.pk
    assert set(partnership.risks.values_list("key", flat=True)) == set(DEFAULT_RISKS)


def test_default_risks_are_the_four_every_partnership_meets() -> None:
    assert set(DEFAULT_RISKS) == {
        RiskKey.PACE_GAPS,
        RiskKey.MANY_STAKEHOLDERS,
        RiskKey.UNCERTAIN_RETURN,
        RiskKey.FUNDING_CONTINUITY,
    }


def test_chosen_risks_replace_the_default() -> None:
    partnership = full_partnership(risks=[RiskKey.PARTIAL_PRODUCT, RiskKey.PARTIAL_PRODUCT])
    assert list(partnership.risks.values_list("key", flat=True)) == [RiskKey.PARTIAL_PRODUCT]
    assert not full_partnership(risks=[]).risks.exists()


@pytest.mark.parametrize(
    ("origin", "stage"),
    [
        (Origin.DIRECT, Stage.IDENTIFY),
        (Origin.SCOUTING, Stage.SEARCH),
        (Origin.CALL, Stage.CHOOSE),
        (Origin.MATCHMAKING, Stage.CHOOSE),
    ],
)
def test_where_it_came_from_decides_where_it_starts(origin: str, stage: str) -> None:
    partnership = full_partnership(origin=origin)
    assert partnership.stage == stage
    assert partnership.stages.get(stage=stage).starts_on is not None


def test_other_parties_are_kept_once_and_not_the_two_sides() -> None:
    organisation = OrganisationFactory()
    ministry = OrganisationFactory(name="משרד הרווחה")
    partnership = full_partnership(
        organisation=organisation,
        parties=[
            (ministry, PartyRole.MINISTRY),
            (ministry, PartyRole.FUNDER),
            (organisation, PartyRole.OTHER),
        ],
    )
    assert [(p.actor_id, p.role) for p in partnership.parties.all()] == [
        (ministry.pk, PartyRole.MINISTRY)
    ]


def test_sides_may_create_for_their_own_organisation_or_venture_only() -> None:
    organisation, venture = OrganisationFactory(), VentureFactory()
    representative = organisation_representative(organisation)
    founder = entrepreneur(venture)
    for user in (representative, founder):
        made = create_partnership(
            user=user, organisation=organisation, venture=venture, title="שותפות"
        )
        assert made.created_by == user
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        create_partnership(
            user=stranger,
            organisation=organisation,
            venture=venture,
            title="שותפות",
            community=CommunityFactory(),
        )


def test_a_title_is_required_and_risks_must_be_known() -> None:
    with pytest.raises(DomainError):
        full_partnership(title=" ")
    with pytest.raises(DomainError):
        full_partnership(risks=["made_up"])


def test_a_challenge_the_maker_cannot_see_is_refused() -> None:
    from kaveret.challenges.models import ChallengeStatus
    from kaveret.testing.calls_factories import ChallengeFactory

    draft = ChallengeFactory(status=ChallengeStatus.DRAFT)
    organisation = OrganisationFactory()
    with pytest.raises(DomainError):
        create_partnership(
            user=organisation_representative(organisation),
            organisation=organisation,
            venture=VentureFactory(),
            title="שותפות",
            challenge=draft,
        )
