"""The demo's ecosystem work loads from the seeds, and loading it again changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.communities.models import PrincipleAssessment, WorkActivity, WorkCycle
from kaveret.communities.work_demo import ACTIVITIES, load_work_demo
from kaveret.ecosystem.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_work_demo_loads_once_and_twice_changes_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        communities = load_demo().communities

    load_work_demo(communities)  # whatever load_demo did not load already

    expected = sum(len(specs) for slug, specs in ACTIVITIES.items() if slug in communities)
    assert WorkActivity.objects.count() == expected
    assert WorkCycle.objects.count() == len(communities)
    assert PrincipleAssessment.objects.count() == len(communities)
    assert load_work_demo(communities) == 0
    assert WorkActivity.objects.count() == expected
    WorkCycle.objects.all().delete()
    PrincipleAssessment.objects.all().delete()
    assert load_work_demo(communities) == expected + len(communities)
    techability = communities["techability"]
    titles = set(
        WorkActivity.objects.filter(cycle__community=techability).values_list("title", flat=True)
    )
    assert "Extreme TechAbility: 72 שעות של שידוכים עמוקים" in titles
    for assessment in PrincipleAssessment.objects.all():
        assert assessment.scores.count() == 6


def test_the_demo_boards_and_principles_pages_open(client: Any) -> None:
    from django.urls import reverse

    communities = load_demo().communities
    load_work_demo(communities)

    for community in communities.values():
        board = client.get(reverse("communities:work_board", args=[community.slug]))
        principles = client.get(reverse("communities:principles", args=[community.slug]))
        assert board.status_code == principles.status_code == 200
    page = client.get(reverse("communities:work_board", args=["employtech"])).content.decode()
    assert "מעבדות החדשנות: תעסוקת צעירים" in page
