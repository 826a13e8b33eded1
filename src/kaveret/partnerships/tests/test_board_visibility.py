"""A partnership cannot be tied to (or reveal) a community, challenge, call or meeting its
maker may not see: the form offers only what they may use, the services and the API
refuse the rest as unknown, and the detail page names only what the viewer may see."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kaveret.core.errors import DomainError
from kaveret.partnerships import services
from kaveret.partnerships.models import Partnership
from kaveret.testing.calls_factories import CallFactory, ChallengeFactory
from kaveret.testing.factories import CommunityFactory, OrganisationFactory, VentureFactory
from kaveret.testing.partnerships_demo_factories import matchmaking_meeting_with_outcome
from kaveret.testing.partnerships_factories import (
    community_manager,
    entrepreneur,
    full_partnership,
    platform_admin,
)

pytestmark = pytest.mark.django_db


def _hidden_world() -> dict[str, Any]:
    community = CommunityFactory(is_public=False, name="קהילה סודית מאוד")
    challenge = ChallengeFactory(
        community=community, title="אתגר חסוי לגמרי", status="open", published_at=timezone.now()
    )
    call = CallFactory(community=community, title="קול קורא חסוי לגמרי")
    return {"community": community, "challenge": challenge, "call": call}


def test_the_new_partnership_form_does_not_name_hidden_things(client: Client) -> None:
    hidden = _hidden_world()
    venture = VentureFactory()
    client.force_login(entrepreneur(venture))

    page = client.get("/partnerships/new/").content.decode()

    assert "קהילה סודית מאוד" not in page
    assert "אתגר חסוי לגמרי" not in page
    assert "קול קורא חסוי לגמרי" not in page
    admin = Client()
    admin.force_login(platform_admin())
    seen = admin.get("/partnerships/new/").content.decode()
    assert "קהילה סודית מאוד" in seen and "קול קורא חסוי לגמרי" in seen
    assert hidden["challenge"].title in seen


def test_posting_hidden_ids_to_the_form_is_refused(client: Client) -> None:
    hidden = _hidden_world()
    venture = VentureFactory(is_public=True)
    organisation = OrganisationFactory()
    client.force_login(entrepreneur(venture))

    response = client.post(
        "/partnerships/new/",
        {
            "title": "ניסיון",
            "organisation": organisation.pk,
            "venture": venture.pk,
            "community": hidden["community"].pk,
            "challenge": hidden["challenge"].pk,
            "origin": "call",
            "origin_call": hidden["call"].pk,
        },
    )

    assert response.status_code == 400
    assert not Partnership.objects.exists()


def test_the_api_answers_hidden_ids_like_missing_ones() -> None:
    hidden = _hidden_world()
    venture = VentureFactory()
    organisation = OrganisationFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(entrepreneur(venture))
    base = {"title": "ניסיון", "organisation_id": organisation.pk, "venture_id": venture.pk}

    for field, value in (
        ("origin_call_id", hidden["call"].pk),
        ("community_id", hidden["community"].pk),
        ("challenge_id", hidden["challenge"].pk),
    ):
        hidden_answer = client.post(
            "/api/v1/partnerships", json.dumps({**base, field: value}), "application/json"
        )
        missing_answer = client.post(
            "/api/v1/partnerships", json.dumps({**base, field: 999999}), "application/json"
        )
        assert hidden_answer.status_code == missing_answer.status_code == 422
        assert hidden_answer.json()["fields"].keys() == missing_answer.json()["fields"].keys()
    assert not Partnership.objects.exists()


def test_the_api_patch_refuses_a_hidden_community() -> None:
    partnership = full_partnership()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(entrepreneur(partnership.venture))
    hidden = _hidden_world()

    response = client.patch(
        f"/api/v1/partnerships/{partnership.pk}",
        json.dumps({"community_id": hidden["community"].pk}),
        "application/json",
    )

    assert response.status_code == 422
    partnership.refresh_from_db()
    assert partnership.community_id != hidden["community"].pk


def test_services_refuse_links_the_user_may_not_use() -> None:
    hidden = _hidden_world()
    venture = VentureFactory()
    organisation = OrganisationFactory()
    user = entrepreneur(venture)
    meeting = matchmaking_meeting_with_outcome(
        organisation=OrganisationFactory(), venture=VentureFactory()
    )
    common = {"user": user, "organisation": organisation, "venture": venture, "title": "x"}
    for extra in (
        {"community": hidden["community"]},
        {"community": CommunityFactory()},  # public, but not a member
        {"challenge": hidden["challenge"]},
        {"origin_call": hidden["call"]},
        {"origin_meeting": meeting},
    ):
        with pytest.raises(DomainError):
            services.create_partnership(**common, **extra)
    assert not Partnership.objects.exists()

    partnership = full_partnership(venture=venture)
    with pytest.raises(DomainError):
        services.update_partnership(
            partnership, user=user, values={"community": hidden["community"]}
        )


def test_a_meeting_side_may_put_the_partnership_in_the_meetings_community() -> None:
    community = CommunityFactory(is_public=False)
    organisation, venture = OrganisationFactory(), VentureFactory()
    meeting = matchmaking_meeting_with_outcome(
        organisation=organisation, venture=venture, community=community
    )

    partnership = services.create_partnership(
        user=entrepreneur(venture),
        organisation=organisation,
        venture=venture,
        title="מהשידוך",
        community=community,
        origin="matchmaking",
        origin_meeting=meeting,
    )

    assert partnership.community_id == community.pk


def test_the_detail_page_names_only_what_the_viewer_may_see(client: Client) -> None:
    hidden = _hidden_world()
    partnership = full_partnership(
        community=hidden["community"], challenge=hidden["challenge"], origin_call=hidden["call"]
    )
    client.force_login(entrepreneur(partnership.venture))

    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()

    assert partnership.title in page
    assert "קהילה סודית מאוד" not in page
    assert "אתגר חסוי לגמרי" not in page
    assert "קול קורא חסוי לגמרי" not in page
    staff = Client()
    staff.force_login(community_manager(hidden["community"]))
    seen = staff.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "קהילה סודית מאוד" in seen and "אתגר חסוי לגמרי" in seen
    assert "קול קורא חסוי לגמרי" in seen


def test_the_edit_form_keeps_a_hidden_current_community_without_naming_it(
    client: Client,
) -> None:
    hidden = _hidden_world()
    partnership = full_partnership(community=hidden["community"])
    client.force_login(entrepreneur(partnership.venture))

    page = client.get(f"/partnerships/{partnership.pk}/edit/").content.decode()

    assert "קהילה סודית מאוד" not in page
    assert f'value="{hidden["community"].pk}" selected' in page
