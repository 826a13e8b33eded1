"""The demo's events: the seed's conferences in their month, upcoming ones to register for."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kaveret.communities.demo import EVENTS, ISRAEL, load_events_demo
from kaveret.communities.models import Event
from kaveret.testing.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def _communities() -> dict:
    return {slug: CommunityFactory(slug=slug) for slug in ("techability", "employtech", "agingil")}


def test_the_demo_events_load_once_and_keep_the_seeds_months() -> None:
    communities = _communities()
    assert load_events_demo(communities) == len(EVENTS)
    assert load_events_demo(communities) == len(EVENTS)
    assert Event.objects.count() == len(EVENTS)

    conference = Event.objects.get(title="כנס אקו-סיסטמי של קהילת EmployTech")
    local = timezone.localtime(conference.starts_at, ISRAEL)
    assert (local.year, local.month) == (2022, 5)
    assert conference.community.slug == "employtech"
    upcoming = Event.objects.filter(starts_at__gt=timezone.now(), is_published=True)
    assert {event.community.slug for event in upcoming} == {"techability", "employtech", "agingil"}
    matchmaking = Event.objects.get(kind="matchmaking")
    assert (matchmaking.ends_at - matchmaking.starts_at).total_seconds() == 72 * 3600
