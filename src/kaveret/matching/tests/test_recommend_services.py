"""Scouting-list and criterion-assessment services: permissions, idempotence, validation,
and the scouting panel's bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kaveret.accounts.models import Role
from kaveret.core.errors import DomainError
from kaveret.matching import engine, index
from kaveret.matching.criteria import assessments_of, set_assessment
from kaveret.matching.models import Criterion, CriterionAssessment, ScoutingEntry
from kaveret.matching.scouting import add_to_scouting, update_scouting_entry
from kaveret.testing.challenges_factories import open_challenge
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def staff() -> Any:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.PLATFORM_ADMIN)
    return user


def test_adding_a_venture_twice_keeps_one_entry_and_strangers_cannot_add() -> None:
    challenge = open_challenge()
    venture = VentureFactory()

    first, created = add_to_scouting(challenge, venture, by=challenge.owner)
    again, created_again = add_to_scouting(challenge, venture, by=challenge.owner)

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk and ScoutingEntry.objects.count() == 1
    assert first.reasons == {"source": "manual"}
    with pytest.raises(PermissionDenied):
        add_to_scouting(challenge, VentureFactory(), by=UserFactory())


def test_an_unknown_status_is_refused_with_a_message() -> None:
    challenge = open_challenge()
    entry, _created = add_to_scouting(challenge, VentureFactory(), by=challenge.owner)

    with pytest.raises(DomainError):
        update_scouting_entry(entry, by=challenge.owner, status="hired")


def test_assessments_are_staff_only_per_side_and_clearing_leaves_not_assessed() -> None:
    venture = VentureFactory()
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        set_assessment(venture, Criterion.TEAM_QUALITY, 4, by=UserFactory())
    with pytest.raises(DomainError):
        set_assessment(venture, Criterion.AGILITY, 4, by=staff())
    with pytest.raises(DomainError):
        set_assessment(organisation, Criterion.AGILITY, 6, by=staff())

    set_assessment(venture, Criterion.TEAM_QUALITY, 4, by=staff(), note="טוב")
    set_assessment(venture, Criterion.TEAM_QUALITY, 5, by=staff())
    scores = {s.criterion: s for s in assessments_of(venture)}
    assert scores[Criterion.TEAM_QUALITY].score == 5
    assert not scores[Criterion.IMPACT_POTENTIAL].assessed

    set_assessment(venture, Criterion.TEAM_QUALITY, None, by=staff())
    assert not CriterionAssessment.objects.exists()


def test_the_scouting_panel_reads_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    challenge = open_challenge(title="תעסוקה", problem="תעסוקה לאנשים עם מוגבלות")
    for number in range(15):
        venture = VentureFactory(description=f"תעסוקה לאנשים עם מוגבלות {number}")
        ScoutingEntry.objects.create(challenge=challenge, venture_id=venture.pk, score=0.5)
    index.rebuild()
    engine.forget_index()
    editor = client_as(challenge.owner)
    editor.get(f"/match/scouting/{challenge.slug}/", headers={"HX-Request": "true"})

    with django_assert_max_num_queries(25):
        response = editor.get(f"/match/scouting/{challenge.slug}/", headers={"HX-Request": "true"})
    assert response.status_code == 200
