"""Who sees and edits the running of a partnership: its sides and its community's staff;
a visitor, another entrepreneur and the staff of another community get 404."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from kaveret.partnerships.models import Risk
from kaveret.testing.factories import CommunityFactory, UserFactory, VentureFactory
from kaveret.testing.partnerships_factories import (
    community_manager,
    entrepreneur,
    organisation_representative,
)
from kaveret.testing.partnerships_running_factories import (
    FeedbackFactory,
    PilotMeasurementFactory,
    RiskFactory,
    make_partnership,
)

pytestmark = pytest.mark.django_db


def _outsiders() -> dict[str, Any]:
    return {
        "other entrepreneur": entrepreneur(VentureFactory()),
        "staff of another community": community_manager(CommunityFactory()),
        "user without roles": UserFactory(),
    }


@pytest.mark.parametrize("who", ["anonymous", "other entrepreneur", "staff of another community"])
def test_outsiders_get_404_on_pages_and_api(client: Client, who: str) -> None:
    risk = RiskFactory()
    partnership = risk.partnership
    if who != "anonymous":
        client.force_login(_outsiders()[who])
    base = f"/partnerships/{partnership.pk}/running/"

    statuses = {
        "page": client.get(base).status_code,
        "risk edit": client.post(f"{base}risks/{risk.pk}/", {"key": "other"}).status_code,
        "close": client.post(f"{base}risks/{risk.pk}/close/").status_code,
        "api risks": client.get(f"/api/v1/partnerships/{partnership.pk}/risks").status_code,
        "api patch": client.patch(
            f"/api/v1/partnerships/{partnership.pk}/risks/{risk.pk}",
            json.dumps({"status": "closed"}),
            content_type="application/json",
        ).status_code,
    }

    assert set(statuses.values()) == {404}, statuses
    risk.refresh_from_db()
    assert risk.status == "open"


def test_a_published_partnership_still_hides_its_running(client: Client) -> None:
    partnership = make_partnership(is_published=True)
    FeedbackFactory(partnership=partnership)

    page = client.get(f"/partnerships/{partnership.pk}/running/")
    api = client.get(f"/api/v1/partnerships/{partnership.pk}/feedback")

    assert page.status_code == 404
    assert api.status_code == 404


@pytest.mark.parametrize("side", ["organisation", "venture", "staff"])
def test_both_sides_and_staff_run_it(client: Client, side: str) -> None:
    partnership = make_partnership()
    user = {
        "organisation": lambda: organisation_representative(partnership.organisation),
        "venture": lambda: entrepreneur(partnership.venture),
        "staff": lambda: community_manager(partnership.community),
    }[side]()
    client.force_login(user)

    page = client.get(f"/partnerships/{partnership.pk}/running/")
    added = client.post(
        f"/partnerships/{partnership.pk}/running/risks/new/",
        {"key": "pace_gaps", "likelihood": "2", "impact": "2", "status": "open"},
    )

    assert page.status_code == 200
    assert added.status_code == 302
    assert Risk.objects.filter(partnership=partnership, key="pace_gaps").exists()


def test_the_running_page_has_a_bounded_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    partnership = make_partnership()
    for _ in range(20):
        RiskFactory(partnership=partnership)
        FeedbackFactory(partnership=partnership)
        PilotMeasurementFactory(indicator__partnership=partnership)
    client.force_login(community_manager(partnership.community))

    # 15 queries measured with 1 and with 20 of each; the bound leaves room for base.html.
    with django_assert_max_num_queries(20):
        response = client.get(f"/partnerships/{partnership.pk}/running/")

    assert response.status_code == 200


def _render_section(user: Any, partnership: Any, can_edit: bool) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "partnerships/_running_section.html" %}')
    return template.render(
        Context({"partnership": partnership, "can_edit": can_edit, "request": request})
    )


def test_the_section_shows_the_figures_and_the_link_to_editors() -> None:
    partnership = make_partnership()
    FeedbackFactory(partnership=partnership, rating=5)
    FeedbackFactory(partnership=partnership, rating=2)
    RiskFactory(partnership=partnership)

    html = _render_section(community_manager(partnership.community), partnership, True)

    assert "0/9" in html
    assert "3.5" in html
    assert partnership.feedback_token in html
    assert f"/partnerships/{partnership.pk}/running/" in html


def test_the_section_shows_nothing_to_visitors_of_a_published_partnership() -> None:
    from django.contrib.auth.models import AnonymousUser

    partnership = make_partnership(is_published=True)

    html = _render_section(AnonymousUser(), partnership, False)

    assert partnership.feedback_token not in html
    assert "running-section" not in html


def test_the_partnership_page_carries_the_section_and_the_private_link(client: Client) -> None:
    partnership = make_partnership()
    FeedbackFactory(partnership=partnership, rating=4)
    client.force_login(community_manager(partnership.community))

    body = client.get(f"/partnerships/{partnership.pk}/").content.decode()

    assert f"/partnerships/{partnership.pk}/running/" in body
    assert f"/partnerships/feedback/{partnership.feedback_token}/" in body


def test_the_other_party_sees_the_section_without_the_private_link(client: Client) -> None:
    from kaveret.partnerships.models import PartnershipParty
    from kaveret.testing.factories import OrganisationFactory

    partnership = make_partnership()
    ministry = OrganisationFactory(kind="ministry")
    PartnershipParty.objects.create(partnership=partnership, actor_id=ministry.pk, role="ministry")
    client.force_login(organisation_representative(ministry))

    body = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    running = client.get(f"/partnerships/{partnership.pk}/running/")

    assert f"/partnerships/{partnership.pk}/running/" in body
    assert partnership.feedback_token not in body
    assert running.status_code == 200
    assert partnership.feedback_token not in running.content.decode()
