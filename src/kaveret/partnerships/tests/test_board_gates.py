"""Every gate refuses with its reason, then lets the move through once met; overrides."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kaveret.challenges.models import Challenge
from kaveret.core.errors import DomainError
from kaveret.partnerships import gates
from kaveret.partnerships.models import (
    AgreementStatus,
    ConditionStatus,
    LegalKey,
    Outcome,
    Partnership,
    PilotIndicator,
    Stage,
    StageMove,
)
from kaveret.partnerships.services import move_stage
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.factories import PersonFactory, UserFactory
from kaveret.testing.partnerships_factories import (
    community_manager,
    full_partnership,
    organisation_representative,
    platform_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The reasons are read in English (the Hebrew catalogue translates them)."""
    with translation.override("en"):
        yield


def _challenge() -> Challenge:
    return ChallengeFactory()  # type: ignore[return-value]


def _at(stage: str, **kwargs: object) -> tuple[Partnership, object]:
    partnership = full_partnership(**kwargs)
    Partnership.objects.filter(pk=partnership.pk).update(stage=stage)
    partnership.refresh_from_db()
    return partnership, organisation_representative(partnership.organisation)


def _refused(partnership: Partnership, to_stage: str, user: object) -> list[str]:
    with pytest.raises(DomainError) as refused:
        move_stage(partnership, to_stage, user=user)
    return [str(message) for message in refused.value.messages]


def _ready_to_launch(partnership: Partnership) -> None:
    partnership.expectations.update(status=AgreementStatus.AGREED)
    partnership.legal_items.update(is_agreed=True, agreed_text="סוכם")
    plan = partnership.pilot_plan
    plan.scope, plan.duration = "שני סניפים", "שלושה חודשים"
    plan.save()
    partnership.ambassador_name = "רונית כהן"
    partnership.agreement_signed_on = datetime.date(2026, 11, 1)
    partnership.save()


@pytest.mark.parametrize("to_stage", [Stage.SEARCH])
def test_search_needs_a_challenge(to_stage: str) -> None:
    partnership, user = _at(Stage.IDENTIFY)
    assert _refused(partnership, to_stage, user) == ["Link the challenge the partnership addresses"]
    partnership.challenge = _challenge()
    partnership.save()
    move_stage(partnership, to_stage, user=user)
    partnership.refresh_from_db()
    assert partnership.stage == to_stage


@pytest.mark.parametrize("to_stage", [Stage.CALL, Stage.CHOOSE])
def test_call_and_choose_need_a_challenge_and_the_call_may_be_skipped(to_stage: str) -> None:
    partnership, user = _at(Stage.SEARCH)
    assert "Link the challenge the partnership addresses" in _refused(partnership, to_stage, user)
    partnership.challenge = _challenge()
    partnership.save()
    move_stage(partnership, to_stage, user=user)
    assert Partnership.objects.get(pk=partnership.pk).stage == to_stage


def test_define_needs_the_level_or_the_five_factors() -> None:
    partnership, user = _at(Stage.CHOOSE)
    assert _refused(partnership, Stage.DEFINE, user) == [
        "Choose the level on the continuum or assess the five factors"
    ]
    partnership.proximity = partnership.contribution = partnership.added_value = 4
    partnership.power_gaps = 2
    partnership.save()
    assert _refused(partnership, Stage.DEFINE, user)  # four of five are not enough
    partnership.investment_capacity = 3
    partnership.save()
    move_stage(partnership, Stage.DEFINE, user=user)
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.DEFINE


def test_launch_says_everything_that_is_missing_then_goes() -> None:
    partnership, user = _at(Stage.DEFINE)
    missing = _refused(partnership, Stage.LAUNCH, user)
    assert "Name the organisation's internal ambassador" in missing
    assert "17 expectations are still open" in missing
    assert "The legal checklist: “Exclusivity” is not agreed" in missing
    assert len([m for m in missing if m.startswith("The legal checklist")]) == len(LegalKey)
    assert "Mark the agreement as signed" in missing
    assert "The pilot plan needs its scope" in missing
    assert "The pilot plan needs its duration" in missing

    _ready_to_launch(partnership)
    partnership.legal_items.filter(key=LegalKey.EXCLUSIVITY).update(is_agreed=False, agreed_text="")
    partnership.expectations.filter(key="credits").update(status=AgreementStatus.OPEN)
    assert _refused(partnership, Stage.LAUNCH, user) == [
        "1 expectation is still open",
        "The legal checklist: “Exclusivity” is not agreed",
    ]
    partnership.legal_items.filter(key=LegalKey.EXCLUSIVITY).update(
        is_agreed=True, agreed_text="אין בלעדיות"
    )
    partnership.expectations.filter(key="credits").update(
        status=AgreementStatus.AGREED_WITH_NOTE, note="קרדיט משותף"
    )
    move_stage(partnership, Stage.LAUNCH, user=user)
    partnership.refresh_from_db()
    assert partnership.stage == Stage.LAUNCH
    move = StageMove.objects.get(partnership=partnership)
    assert (move.from_stage, move.to_stage, move.unmet, move.moved_by) == (
        Stage.DEFINE,
        Stage.LAUNCH,
        [],
        user,
    )
    left, entered = (
        partnership.stages.get(stage=Stage.DEFINE),
        partnership.stages.get(stage=Stage.LAUNCH),
    )
    assert left.ended_on is not None and entered.starts_on is not None


def test_an_ambassador_from_the_registry_counts_as_named() -> None:
    partnership, user = _at(Stage.DEFINE)
    _ready_to_launch(partnership)
    partnership.ambassador_name = ""
    partnership.save()
    assert _refused(partnership, Stage.LAUNCH, user) == [
        "Name the organisation's internal ambassador"
    ]
    partnership.ambassador = PersonFactory()  # type: ignore[assignment]
    partnership.save()
    move_stage(partnership, Stage.LAUNCH, user=user)


def test_implement_needs_an_indicator_reviewed_conditions_and_continuity() -> None:
    partnership, user = _at(Stage.LAUNCH)
    assert _refused(partnership, Stage.IMPLEMENT, user) == [
        "Add at least one pilot indicator",
        "9 success conditions have not been reviewed",
        "Plan continuity: who funds what after the pilot, or the procurement path",
    ]
    PilotIndicator.objects.create(partnership=partnership, name="שעות חיסכון")
    partnership.conditions.exclude(key="continuity").update(status=ConditionStatus.MET)
    partnership.conditions.filter(key="continuity").update(evidence="עוד לא")
    partnership.continuity.procurement_path = "מכרז פטור"
    partnership.continuity.save()
    move_stage(partnership, Stage.IMPLEMENT, user=user)
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.IMPLEMENT


def test_ending_needs_an_outcome_from_any_stage() -> None:
    partnership, user = _at(Stage.CHOOSE)
    assert _refused(partnership, Stage.ENDED, user) == ["Record the outcome"]
    partnership.outcome = Outcome.ENDED
    partnership.save()
    move_stage(partnership, Stage.ENDED, user=user)
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.ENDED


def test_ending_early_does_not_open_later_stages() -> None:
    """The reviewer's repro: an organisation's representative ends a partnership at 01
    and tries to come back at 07; only 01 reopens, and without an override."""
    from kaveret.partnerships.running_services import outcome_set

    partnership, user = _at(Stage.IDENTIFY)
    outcome_set(
        by=user, partnership=partnership, outcome=Outcome.ENDED, outcome_on=datetime.date.today()
    )
    move_stage(partnership, Stage.ENDED, user=user)
    for later in (Stage.IMPLEMENT, Stage.LAUNCH, Stage.SEARCH):
        assert _refused(partnership, later, user) == [
            "An ended partnership reopens only at the stage it ended from, "
            "01 Identify key challenges; another stage needs an admin's override"
        ]
        with pytest.raises(PermissionDenied):
            move_stage(partnership, later, user=user, override_reason="בבקשה")
    assert Partnership.objects.get(pk=partnership.pk).stage == Stage.ENDED
    move_stage(partnership, Stage.IDENTIFY, user=user)
    reopened = StageMove.objects.filter(partnership=partnership).latest("pk")
    assert (reopened.to_stage, reopened.unmet) == (Stage.IDENTIFY, [])


def test_reopening_elsewhere_needs_an_admin_override_which_is_kept() -> None:
    partnership, user = _at(Stage.LAUNCH)
    partnership.outcome = Outcome.ENDED
    partnership.save()
    move_stage(partnership, Stage.ENDED, user=user)
    admin = platform_admin()
    with pytest.raises(DomainError):  # no reason
        move_stage(partnership, Stage.IMPLEMENT, user=admin)
    move_stage(partnership, Stage.IMPLEMENT, user=admin, override_reason="הפיילוט חודש")
    move = StageMove.objects.filter(partnership=partnership).latest("pk")
    assert move.override_reason == "הפיילוט חודש"
    assert move.unmet and "06 Launch" in move.unmet[0]


def test_an_ended_partnership_with_no_recorded_end_reopens_only_by_override() -> None:
    partnership, user = _at(Stage.ENDED)
    assert _refused(partnership, Stage.IDENTIFY, user) == [
        "The partnership has ended; reopening it needs an admin's override"
    ]


def test_ending_with_an_implementation_outcome_needs_step_07() -> None:
    partnership, user = _at(Stage.LAUNCH)
    partnership.outcome = Outcome.PURCHASED
    partnership.save()
    refused = _refused(partnership, Stage.ENDED, user)
    assert len(refused) == 1 and "Implemented: purchased" in refused[0]
    partnership.stage = Stage.IMPLEMENT
    partnership.save()
    move_stage(partnership, Stage.ENDED, user=user)
    assert gates.outcome_allowed(partnership, Outcome.PURCHASED)


def test_forward_one_step_at_a_time_back_any_time() -> None:
    partnership, user = _at(Stage.IDENTIFY)
    assert _refused(partnership, Stage.DEFINE, user) == [
        "Move one step at a time: the next step is 02 Active search"
    ]
    assert _refused(partnership, Stage.IDENTIFY, user) == [
        "The partnership is already at this stage"
    ]
    assert gates.next_stages(Stage.SEARCH) == [Stage.CALL, Stage.CHOOSE]
    partnership, user = _at(Stage.LAUNCH)
    move_stage(partnership, Stage.DEFINE, user=user)  # back: no gate
    assert StageMove.objects.get(partnership=partnership).to_stage == Stage.DEFINE


def test_an_admin_overrides_with_a_reason_which_is_kept() -> None:
    partnership, _user = _at(Stage.DEFINE)
    admin = platform_admin()
    with pytest.raises(DomainError):  # no reason: refused like anyone
        move_stage(partnership, Stage.LAUNCH, user=admin)
    move_stage(partnership, Stage.LAUNCH, user=admin, override_reason="  החוזה בחתימה  ")
    move = StageMove.objects.get(partnership=partnership)
    assert move.override_reason == "החוזה בחתימה"
    assert "Mark the agreement as signed" in move.unmet
    assert move.moved_by == admin


def test_others_cannot_override_and_nobody_skips_steps() -> None:
    partnership, representative = _at(Stage.DEFINE)
    staff = community_manager(partnership.community)
    for user in (representative, staff):
        with pytest.raises(PermissionDenied):
            move_stage(partnership, Stage.LAUNCH, user=user, override_reason="בבקשה")
    with pytest.raises(DomainError):
        move_stage(partnership, Stage.IMPLEMENT, user=platform_admin(), override_reason="x")
    assert not StageMove.objects.filter(partnership=partnership).exists()


def test_a_stranger_cannot_move_it() -> None:
    partnership, _user = _at(Stage.IDENTIFY)
    with pytest.raises(PermissionDenied):
        move_stage(partnership, Stage.SEARCH, user=UserFactory())
