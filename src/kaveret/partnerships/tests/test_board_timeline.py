"""The timeline: moves (with an override), stages, decisions, feedback per month."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import translation

from kaveret.partnerships.models import DecisionEntry, Feedback, Stage
from kaveret.partnerships.selectors import timeline
from kaveret.partnerships.services import move_stage
from kaveret.testing.partnerships_factories import full_partnership, platform_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_the_timeline_tells_what_happened_newest_first(
    django_assert_max_num_queries: object,
) -> None:
    admin = platform_admin()
    partnership = full_partnership(user=admin)
    move_stage(partnership, Stage.SEARCH, user=admin, override_reason="האתגר בכתיבה")
    DecisionEntry.objects.create(
        partnership=partnership, decided_on=datetime.date(2020, 1, 5), text="להמשיך לפיילוט"
    )
    for _index in range(3):
        Feedback.objects.create(partnership=partnership, role="staff", rating=4, text="טוב")
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        events = timeline(partnership)
    kinds = [event.kind for event in events]
    assert "created" in kinds and kinds[-1] == "decision"
    override = next(event for event in events if event.kind == "override")
    assert override.detail == "האתגר בכתיבה"
    assert override.unmet == ["Link the challenge the partnership addresses"]
    assert override.title == "Moved from “01 Identify key challenges” to “02 Active search”"
    feedback = next(event for event in events if event.kind == "feedback")
    assert feedback.title == "Feedback received: 3"
    assert [event.when for event in events] == sorted(
        (event.when for event in events), reverse=True
    )
