"""iCalendar: escaping, folding, UTC times; the single-event, community and personal feeds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kaveret.communities.ical import fold, personal_feed_token
from kaveret.communities.models import RegistrationStatus
from kaveret.testing.factories import (
    CommunityFactory,
    EventFactory,
    EventRegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar text, as a calendar app reads them (RFC 5545 3.1)."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    return text[: -len("\r\n")].replace("\r\n ", "").split("\r\n")


def unescape(value: str) -> str:
    result, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            following = value[index + 1]
            result.append("\n" if following in "nN" else following)
            index += 2
        else:
            result.append(char)
            index += 1
    return "".join(result)


def properties(text: str, name: str) -> list[str]:
    prefix = f"{name}:"
    return [line[len(prefix) :] for line in unfold(text) if line.startswith(prefix)]


def test_long_hebrew_lines_fold_at_75_octets_without_splitting_a_letter() -> None:
    line = "SUMMARY:" + "שולחן עגול על נגישות, תעסוקה ובריאות; " * 6

    folded = fold(line)

    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(piece.encode("utf-8")) <= 75 for piece in physical)
    assert all(piece.startswith(" ") for piece in physical[1:])
    assert folded.replace("\r\n ", "") == line


def test_a_single_event_downloads_with_escaped_text_and_utc_times(client: Client) -> None:
    event = EventFactory(
        title="Roundtable; jobs, access\\care",
        description="First line\nSecond line",
        starts_at=datetime.datetime(2030, 3, 5, 16, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 3, 5, 18, 0, tzinfo=datetime.UTC),
        place="בית הכוורת, קומה 2",
    )

    response = client.get(reverse("communities:event_ics", args=[event.community.slug, event.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert properties(text, "SUMMARY") == ["Roundtable\\; jobs\\, access\\\\care"]
    assert unescape(properties(text, "SUMMARY")[0]) == event.title
    assert unescape(properties(text, "DESCRIPTION")[0]) == "First line\nSecond line"
    assert unescape(properties(text, "LOCATION")[0]) == "בית הכוורת, קומה 2"
    assert properties(text, "DTSTART") == ["20300305T163000Z"]
    assert properties(text, "DTEND") == ["20300305T180000Z"]
    assert properties(text, "UID") == [f"event-{event.pk}@kaveret"]
    assert properties(text, "DTSTAMP")[0].endswith("Z")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_community_feed_carries_its_published_events_only(client: Client) -> None:
    community = CommunityFactory()
    published = EventFactory(community=community)
    EventFactory(community=community, is_published=False)
    EventFactory()  # another community's

    response = client.get(reverse("communities:community_events_ics", args=[community.slug]))

    assert properties(response.content.decode(), "UID") == [f"event-{published.pk}@kaveret"]


def test_a_hidden_communitys_feed_is_missing_for_visitors(client: Client) -> None:
    community = CommunityFactory(is_public=False)
    EventFactory(community=community)

    response = client.get(reverse("communities:community_events_ics", args=[community.slug]))

    assert response.status_code == 404


def test_the_personal_feed_opens_with_its_token_and_no_session(client: Client) -> None:
    user = UserFactory()
    mine = EventRegistrationFactory(user=user).event
    waiting = EventRegistrationFactory(user=user, status=RegistrationStatus.WAITING).event
    EventRegistrationFactory(user=user, status=RegistrationStatus.CANCELLED)
    EventFactory()

    response = client.get(
        reverse("communities:personal_events_ics", args=[user.pk, personal_feed_token(user.pk)])
    )

    uids = properties(response.content.decode(), "UID")
    assert sorted(uids) == sorted(f"event-{event.pk}@kaveret" for event in (mine, waiting))


@pytest.mark.parametrize("token", ["wrong", "0" * 64])
def test_the_personal_feed_with_a_wrong_token_is_missing(client: Client, token: str) -> None:
    user = UserFactory()
    EventRegistrationFactory(user=user)

    response = client.get(reverse("communities:personal_events_ics", args=[user.pk, token]))

    assert response.status_code == 404


def test_one_persons_token_does_not_open_anothers_feed(client: Client) -> None:
    owner, other = UserFactory.create_batch(2)

    response = client.get(
        reverse("communities:personal_events_ics", args=[other.pk, personal_feed_token(owner.pk)])
    )

    assert response.status_code == 404


def test_an_event_page_links_its_ics(client: Client, personas: Any) -> None:
    event = EventFactory(community=personas.community)

    response = client.get(event.get_absolute_url())

    assert reverse("communities:event_ics", args=[event.community.slug, event.pk]) in (
        response.content.decode()
    )
