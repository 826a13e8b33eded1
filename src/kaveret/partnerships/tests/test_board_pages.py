"""The board pages: who sees what, moving by keyboard without script, gates shown."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.partnerships.models import Partnership, RiskKey, Stage, StageMove
from kaveret.partnerships.services import DEFAULT_RISKS
from kaveret.testing.calls_factories import ChallengeFactory
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, UserFactory
from kaveret.testing.partnerships_factories import (
    community_manager,
    entrepreneur,
    full_partnership,
    organisation_representative,
    platform_admin,
)

pytestmark = pytest.mark.django_db


def _people(partnership: Partnership) -> dict[str, Any]:
    return {
        "anonymous": None,
        "other_entrepreneur": entrepreneur(full_partnership().venture),
        "representative": organisation_representative(partnership.organisation),
        "other_staff": community_manager(CommunityFactory()),
        "staff": community_manager(partnership.community),
        "admin": platform_admin(),
    }


@pytest.mark.parametrize(
    ("who", "detail", "edit", "timeline"),
    [
        ("anonymous", 404, 302, 404),
        ("other_entrepreneur", 404, 404, 404),
        ("representative", 200, 200, 200),
        ("other_staff", 404, 404, 404),
        ("staff", 200, 200, 200),
        ("admin", 200, 200, 200),
    ],
)
def test_who_sees_a_partnership(who: str, detail: int, edit: int, timeline: int) -> None:
    partnership = full_partnership(title="VIVID ורקמה")
    client = client_as(_people(partnership)[who])
    base = f"/en/partnerships/{partnership.pk}/"
    assert client.get(base).status_code == detail
    assert client.get(f"{base}edit/").status_code == edit
    assert client.get(f"{base}timeline/").status_code == timeline


def test_a_published_partnership_shows_others_a_reduced_view() -> None:
    partnership = full_partnership(title="Wellplay ושלוותה")
    partnership.is_published = True
    partnership.summary = "סיכום ציבורי"
    partnership.ambassador_name = "שם השגרירה"
    partnership.save()
    response = client_as().get(f"/en/partnerships/{partnership.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wellplay ושלוותה" in page and "סיכום ציבורי" in page
    assert "שם השגרירה" not in page
    assert client_as().get(f"/en/partnerships/{partnership.pk}/timeline/").status_code == 404
    other = entrepreneur(full_partnership().venture)
    assert client_as(other).get(f"/en/partnerships/{partnership.pk}/edit/").status_code == 404


def test_the_board_shows_only_ones_own_partnerships_in_their_columns() -> None:
    mine = full_partnership(title="שלי")
    other = full_partnership(title="של אחרים")
    other.is_published = True
    other.save()
    representative = organisation_representative(mine.organisation)
    response = client_as(representative).get("/en/partnerships/")
    assert response.status_code == 200
    columns = {
        column.stage: [p.title for p in column.cards] for column in response.context["columns"]
    }
    assert columns[Stage.IDENTIFY] == ["שלי"]
    assert "של אחרים" not in response.content.decode()
    assert client_as().get("/en/partnerships/").status_code == 302


def test_board_filters_and_list_mode_paginate() -> None:
    admin = platform_admin()
    organisation = OrganisationFactory()
    for _index in range(3):
        full_partnership(organisation=organisation)
    full_partnership()
    client = client_as(admin)
    response = client.get(f"/en/partnerships/?organisation={organisation.pk}")
    assert response.context["total"] == 3
    response = client.get(f"/en/partnerships/?view=list&organisation={organisation.pk}")
    assert response.context["page"].paginator.count == 3
    assert client.get("/en/partnerships/?organisation=junk").status_code == 200
    response = client.get("/en/partnerships/?view=list&stage=identify")
    assert response.context["page"].paginator.count == 4
    response = client.get("/en/partnerships/?view=list&stage=launch")
    assert response.context["page"].paginator.count == 0


def test_the_board_reads_in_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    admin = platform_admin()
    for _index in range(12):
        full_partnership()
    client = client_as(admin)
    client.get("/en/partnerships/")
    with django_assert_max_num_queries(8):
        response = client.get("/en/partnerships/")
    assert response.context["total"] == 12
    for _index in range(12):
        full_partnership()
    with django_assert_max_num_queries(8):
        response = client.get("/en/partnerships/")
    assert response.context["total"] == 24


def test_the_keyboard_move_form_works_without_script() -> None:
    partnership = full_partnership(challenge=ChallengeFactory())
    client = client_as(organisation_representative(partnership.organisation))
    board = client.get("/en/partnerships/").content.decode()
    assert f'action="/en/partnerships/{partnership.pk}/move/"' in board
    assert 'name="to_stage"' in board
    response = client.post(
        f"/en/partnerships/{partnership.pk}/move/",
        {"to_stage": Stage.SEARCH, "next": "/en/partnerships/"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/partnerships/"
    partnership.refresh_from_db()
    assert partnership.stage == Stage.SEARCH


def test_a_refused_move_shows_the_reasons_and_the_override_only_to_admins() -> None:
    partnership = full_partnership()
    Partnership.objects.filter(pk=partnership.pk).update(stage=Stage.DEFINE)
    representative = organisation_representative(partnership.organisation)
    response = client_as(representative).post(
        f"/en/partnerships/{partnership.pk}/move/", {"to_stage": Stage.LAUNCH}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Name the organisation&#x27;s internal ambassador" in page
    assert 'name="override_reason"' not in page
    assert not StageMove.objects.exists()

    admin = platform_admin()
    response = client_as(admin).post(
        f"/en/partnerships/{partnership.pk}/move/", {"to_stage": Stage.LAUNCH}
    )
    assert response.status_code == 422 and 'name="override_reason"' in response.content.decode()
    response = client_as(admin).post(
        f"/en/partnerships/{partnership.pk}/move/",
        {"to_stage": Stage.LAUNCH, "override_reason": "ההסכם נחתם בעל פה"},
    )
    assert response.status_code == 302
    assert StageMove.objects.get().override_reason == "ההסכם נחתם בעל פה"
    timeline = client_as(admin).get(f"/en/partnerships/{partnership.pk}/timeline/")
    assert "ההסכם נחתם בעל פה" in timeline.content.decode()


def test_a_drag_and_drop_move_answers_json() -> None:
    partnership = full_partnership()
    client = client_as(organisation_representative(partnership.organisation))
    response = client.post(
        f"/en/partnerships/{partnership.pk}/move/",
        {"to_stage": Stage.SEARCH},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 422
    assert response.json()["unmet"] == ["Link the challenge the partnership addresses"]
    assert response.json()["can_override"] is False


def test_creating_offers_the_seven_common_challenges_with_the_default_ticked() -> None:
    organisation = OrganisationFactory()
    representative = organisation_representative(organisation)
    client = client_as(representative)
    form = client.get("/en/partnerships/new/").context["form"]
    assert set(form.fields["risks"].initial) == set(DEFAULT_RISKS)
    assert len(form.fields["risks"].choices) == 7
    venture = full_partnership().venture
    response = client.post(
        "/en/partnerships/new/",
        {
            "title": "VIVID ורקמה",
            "organisation": organisation.pk,
            "venture": venture.pk,
            "origin": "matchmaking",
            "risks": [RiskKey.PARTIAL_PRODUCT, RiskKey.PACE_GAPS],
        },
    )
    assert response.status_code == 302
    made = Partnership.objects.get(title="VIVID ורקמה")
    assert made.stage == Stage.CHOOSE
    assert set(made.risks.values_list("key", flat=True)) == {
        RiskKey.PARTIAL_PRODUCT,
        RiskKey.PACE_GAPS,
    }


def test_creating_for_someone_elses_organisation_keeps_what_was_typed() -> None:
    user = entrepreneur(full_partnership().venture)
    response = client_as(user).post(
        "/en/partnerships/new/",
        {
            "title": "ניסיון",
            "organisation": OrganisationFactory().pk,
            "venture": full_partnership().venture.pk,
            "origin": "direct",
        },
    )
    assert response.status_code == 400
    assert 'value="ניסיון"' in response.content.decode()
    assert not Partnership.objects.filter(title="ניסיון").exists()
    assert client_as(UserFactory()).get("/en/partnerships/new/").status_code == 403


def test_the_factors_form_saves_and_shows_the_suggestion_and_why() -> None:
    partnership = full_partnership()
    client = client_as(organisation_representative(partnership.organisation))
    response = client.post(
        f"/en/partnerships/{partnership.pk}/factors/",
        {
            "proximity": 1,
            "contribution": 5,
            "added_value": 5,
            "power_gaps": 1,
            "investment_capacity": 5,
            "level": "",
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.level == 2
    page = client.get(f"/en/partnerships/{partnership.pk}/").content.decode()
    assert "Proximity of vision and values is 1" in page


def test_a_stage_gets_its_dates_and_an_owner_from_the_sides_only() -> None:
    partnership = full_partnership()
    representative = organisation_representative(partnership.organisation)
    client = client_as(representative)
    url = f"/en/partnerships/{partnership.pk}/stages/{Stage.SEARCH}/"
    assert client.get(url).status_code == 200
    stranger = UserFactory()
    response = client.post(url, {"starts_on": "2026-11-01", "owner": stranger.pk})
    assert response.status_code == 400  # not among the choices
    response = client.post(
        url,
        {"starts_on": "2026-11-01", "due_on": "2026-12-01", "owner": representative.pk},
    )
    assert response.status_code == 302
    period = partnership.stages.get(stage=Stage.SEARCH)
    assert str(period.due_on) == "2026-12-01" and period.owner == representative
    response = client.post(url, {"starts_on": "2026-11-01", "ended_on": "2026-10-01"})
    assert response.status_code == 400
    assert client_as(UserFactory()).get(url).status_code == 404
    assert client.get(f"/en/partnerships/{partnership.pk}/stages/nope/").status_code == 404


def test_another_party_sees_the_card_without_a_move_form() -> None:
    from kaveret.partnerships.models import PartnershipParty, PartyRole

    partnership = full_partnership()
    ministry: Any = OrganisationFactory()
    PartnershipParty.objects.create(
        partnership=partnership, actor=ministry, role=PartyRole.MINISTRY
    )
    client = client_as(organisation_representative(ministry))
    page = client.get("/en/partnerships/").content.decode()
    assert partnership.title in page
    assert f'action="/en/partnerships/{partnership.pk}/move/"' not in page
    response = client.post(f"/en/partnerships/{partnership.pk}/move/", {"to_stage": "search"})
    assert response.status_code == 403
