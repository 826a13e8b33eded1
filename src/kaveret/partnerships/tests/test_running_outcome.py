"""The continuity plan, the outcome, and the lessons published as a knowledge item."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from kaveret.core.errors import DomainError
from kaveret.knowledge.models import KnowledgeItem, KnowledgeKind, KnowledgeStatus
from kaveret.partnerships import running_services as services
from kaveret.partnerships.models import Outcome, Stage
from kaveret.testing.factories import MembershipFactory, OrganisationFactory
from kaveret.testing.partnerships_factories import community_manager, entrepreneur
from kaveret.testing.partnerships_running_factories import ContinuityPlanFactory, make_partnership

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 30)


def test_handed_over_needs_the_hand_over_in_the_continuity_plan() -> None:
    partnership = make_partnership(stage=Stage.IMPLEMENT)
    manager = community_manager(partnership.community)

    with pytest.raises(DomainError) as error:
        services.outcome_set(
            by=manager, partnership=partnership, outcome=Outcome.HANDED_OVER, outcome_on=DAY
        )
    assert "outcome" in error.value.error_dict

    ministry = OrganisationFactory(kind="ministry")
    services.continuity_save(
        by=manager,
        partnership=partnership,
        values={"handover_to": ministry, "handover_on": DAY, "funding_after": "משרד הרווחה"},
    )
    done = services.outcome_set(
        by=manager, partnership=partnership, outcome=Outcome.HANDED_OVER, outcome_on=DAY
    )
    assert (done.outcome, done.outcome_on) == (Outcome.HANDED_OVER, DAY)


@pytest.mark.parametrize(
    "outcome", [Outcome.PURCHASED, Outcome.SCALED, Outcome.EXTENDED, Outcome.HANDED_OVER]
)
def test_an_outcome_of_implementation_waits_for_step_07(outcome: str) -> None:
    plan = ContinuityPlanFactory(partnership__stage=Stage.LAUNCH)
    partnership = plan.partnership
    manager = community_manager(partnership.community)

    with pytest.raises(DomainError) as error:
        services.outcome_set(by=manager, partnership=partnership, outcome=outcome, outcome_on=DAY)
    assert "outcome" in error.value.error_dict
    partnership.refresh_from_db()
    assert partnership.outcome == Outcome.NONE

    partnership.stage = Stage.IMPLEMENT
    partnership.save()
    done = services.outcome_set(
        by=manager, partnership=partnership, outcome=outcome, outcome_on=DAY
    )
    assert done.outcome == outcome


def test_ended_may_be_recorded_at_any_stage() -> None:
    partnership = make_partnership(stage=Stage.IDENTIFY)

    done = services.outcome_set(
        by=community_manager(partnership.community),
        partnership=partnership,
        outcome=Outcome.ENDED,
        outcome_on=DAY,
    )

    assert done.outcome == Outcome.ENDED


def test_the_outcome_page_refuses_implemented_before_step_07(client: Client) -> None:
    partnership = make_partnership(stage=Stage.DEFINE)
    client.force_login(community_manager(partnership.community))

    response = client.post(
        f"/partnerships/{partnership.pk}/running/outcome/",
        {"outcome": "purchased", "outcome_on": "2026-05-01"},
    )

    assert response.status_code == 400
    partnership.refresh_from_db()
    assert partnership.outcome == Outcome.NONE


def test_a_hand_over_date_needs_an_owner() -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError) as error:
        services.continuity_save(
            by=community_manager(partnership.community),
            partnership=partnership,
            values={"handover_on": DAY},
        )

    assert "handover_to" in error.value.error_dict


def test_an_outcome_needs_a_date() -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError) as error:
        services.outcome_set(
            by=community_manager(partnership.community),
            partnership=partnership,
            outcome=Outcome.PURCHASED,
            outcome_on=None,
        )

    assert "outcome_on" in error.value.error_dict


def test_the_api_refuses_handed_over_without_a_hand_over_and_accepts_it_with_one(
    client: Client,
) -> None:
    plan = ContinuityPlanFactory(
        handover_to=None, handover_on=None, partnership__stage=Stage.IMPLEMENT
    )
    partnership = plan.partnership
    client.force_login(entrepreneur(partnership.venture))
    outcome = json.dumps({"outcome": "handed_over", "outcome_on": "2026-06-30"})
    url = f"/api/v1/partnerships/{partnership.pk}/outcome"

    refused = client.put(url, outcome, content_type="application/json")
    ministry = OrganisationFactory(kind="ministry")
    continuity = client.put(
        f"/api/v1/partnerships/{partnership.pk}/continuity",
        json.dumps({"handover_to_id": ministry.pk, "handover_on": "2026-06-30"}),
        content_type="application/json",
    )
    accepted = client.put(url, outcome, content_type="application/json")

    assert refused.status_code == 422
    assert continuity.status_code == 200
    assert continuity.json()["handover_to"] == ministry.name
    assert accepted.status_code == 200
    assert accepted.json()["outcome"] == "handed_over"


def test_lessons_are_published_once_as_a_knowledge_item(client: Client) -> None:
    partnership = make_partnership(lessons="כדאי להתחיל מול גוף קטן וגמיש.")
    manager = community_manager(partnership.community)
    client.force_login(manager)
    url = f"/partnerships/{partnership.pk}/running/lessons/publish/"

    client.post(url)
    client.post(url)

    items = KnowledgeItem.objects.filter(community=partnership.community)
    assert items.count() == 1
    item = items.get()
    partnership.refresh_from_db()
    assert partnership.lessons_item == item
    assert item.kind == KnowledgeKind.CASE_STUDY
    assert item.body == "כדאי להתחיל מול גוף קטן וגמיש."
    assert item.status == KnowledgeStatus.PUBLISHED
    assert partnership.title in item.title


def test_lessons_can_be_kept_as_a_draft_item() -> None:
    partnership = make_partnership(lessons="לקח")

    item = services.lessons_publish(
        by=community_manager(partnership.community), partnership=partnership, publish=False
    )

    assert item.status == KnowledgeStatus.DRAFT


def test_no_lessons_nothing_to_publish() -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError):
        services.lessons_publish(
            by=community_manager(partnership.community), partnership=partnership
        )

    assert KnowledgeItem.objects.count() == 0


def test_an_entrepreneur_outside_the_community_is_told_why_not() -> None:
    partnership = make_partnership(lessons="לקח")

    with pytest.raises(DomainError) as error:
        services.lessons_publish(by=entrepreneur(partnership.venture), partnership=partnership)

    assert error.value.code == "not_a_member"
    assert KnowledgeItem.objects.count() == 0


def test_an_entrepreneur_member_of_the_community_publishes(client: Client) -> None:
    partnership = make_partnership(lessons="לקח")
    MembershipFactory(community=partnership.community, actor=partnership.venture)
    client.force_login(entrepreneur(partnership.venture))

    response = client.post(
        f"/api/v1/partnerships/{partnership.pk}/lessons/publish",
        json.dumps({"publish": True}),
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert KnowledgeItem.objects.filter(pk=response.json()["id"]).exists()


def test_the_outcome_page_saves_outcome_and_lessons(client: Client) -> None:
    partnership = make_partnership(stage=Stage.IMPLEMENT)
    client.force_login(community_manager(partnership.community))

    response = client.post(
        f"/partnerships/{partnership.pk}/running/outcome/",
        {"outcome": "extended", "outcome_on": "2026-05-01", "lessons": "<b>לקח</b> חשוב"},
    )

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.outcome == Outcome.EXTENDED
    assert partnership.lessons == "לקח חשוב"


@pytest.mark.parametrize("language", ["", "en", "ar"])
def test_the_running_page_shows_the_plan_outcome_and_published_lessons(
    client: Client, language: str
) -> None:
    plan = ContinuityPlanFactory(partnership__stage=Stage.IMPLEMENT)
    partnership = plan.partnership
    manager = community_manager(partnership.community)
    services.outcome_set(
        by=manager,
        partnership=partnership,
        outcome=Outcome.HANDED_OVER,
        outcome_on=DAY,
        lessons="מסירה למשרד בסיום הפיילוט",
    )
    item = services.lessons_publish(by=manager, partnership=partnership)
    client.force_login(manager)
    prefix = f"/{language}" if language else ""

    page = client.get(f"{prefix}/partnerships/{partnership.pk}/running/").content.decode()

    assert plan.handover_to.name in page
    assert "מסירה למשרד בסיום הפיילוט" in page
    assert item.get_absolute_url().split("/", 2)[-1] in page
    assert "running/lessons/publish/" not in page  # published once: no button any more
