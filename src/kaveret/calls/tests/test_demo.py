"""The demo's calls: the seeds' calls with applications, reviews, decisions and grants,
and one open call; loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kaveret.calls.demo import CALLS, load_calls_demo
from kaveret.calls.models import Application, Call, Decision, Grant, Review
from kaveret.ecosystem.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Call, Application, Review, Decision, Grant))


def test_the_demo_calls_load_once_with_their_whole_path() -> None:
    result = load_demo()
    first = _counts()
    load_calls_demo(result.communities, result.ventures)
    assert _counts() == first
    assert first[0] == len(CALLS)

    education = Call.objects.get(slug="employtech-technological-education")
    nexme = education.applications.get(actor__name="Nexme")
    assert nexme.decisions.get().outcome == "accept"
    assert nexme.grant.amount <= education.budget
    assert list(education.challenges.values_list("slug", flat=True)) == [
        "employtech-technological-education"
    ]
    resilience = Call.objects.get(slug="employment-builds-resilience")
    assert resilience.eligibility["founders_societies"] == ["arab"]
    assert all(
        application.actor.venture.founders_society == "arab"
        for application in resilience.applications.select_related("actor__venture")
    )
    open_now = Call.objects.filter(opens_at__lte=timezone.now(), deadline__gt=timezone.now())
    assert open_now.exists()
    for call in Call.objects.exclude(pk__in=open_now):
        assert call.applications.exists()
        assert Review.objects.filter(application__call=call, status="submitted").exists()
        assert Decision.objects.filter(application__call=call).exists()
