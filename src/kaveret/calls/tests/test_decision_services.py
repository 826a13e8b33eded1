"""Decisions: once, with a reason; the status follows; notified in the applicant's language;
only an admin reverses."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from kaveret.calls import decision_services
from kaveret.calls.models import ApplicationStatus, AuditEntry
from kaveret.core.errors import DomainError
from kaveret.notifications.models import Notification
from kaveret.notifications.services import render
from kaveret.testing.calls_factories import ApplicationFactory, CallFactory
from kaveret.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_decide_once_with_reason_and_admin_reversal(personas: Any) -> None:
    application = ApplicationFactory(call=CallFactory(community=personas.community))
    with pytest.raises(DomainError):
        decision_services.decide(application, by=personas.staff, outcome="accept", reason=" ")
    decision = decision_services.decide(
        application, by=personas.staff, outcome="accept", reason="מצוין"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert decision.decided_by == personas.staff and decision.decided_at
    with pytest.raises(DomainError):
        decision_services.decide(application, by=personas.staff, outcome="reject", reason="x")
    with pytest.raises(PermissionDenied):
        decision_services.reverse_decision(decision, by=personas.staff, reason="טעות")
    with pytest.raises(DomainError):
        decision_services.reverse_decision(decision, by=personas.admin, reason="")
    decision_services.reverse_decision(decision, by=personas.admin, reason="טעות בניקוד")
    decision.refresh_from_db()
    assert decision.reversed_by == personas.admin and decision.reversal_reason
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    decision_services.decide(application, by=personas.staff, outcome="waitlist", reason="רשימה")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WAITLISTED
    assert AuditEntry.objects.filter(action="decision_reversed").count() == 1
    assert AuditEntry.objects.filter(action="decided").count() == 2


def test_only_the_calls_staff_decide(personas: Any) -> None:
    application = ApplicationFactory(call=CallFactory())  # another community
    for user in (personas.staff, personas.entrepreneur, application.created_by):
        with pytest.raises(PermissionDenied):
            decision_services.decide(application, by=user, outcome="accept", reason="x")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Rejected"), ("he", "נדחתה"), ("ar", "مرفوض")],
)
def test_applicant_notified_in_their_language(
    personas: Any, language: str, expected: str, django_capture_on_commit_callbacks: Any
) -> None:
    applicant: Any = UserFactory(language=language)
    application = ApplicationFactory(
        call=CallFactory(community=personas.community, title_en="Jobs call"),
        created_by=applicant,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision_services.decide(
            application, by=personas.staff, outcome="reject", reason="לא מתאים"
        )
    notification = Notification.objects.get(recipient=applicant, kind="application_decided")
    assert notification.params["reason"] == "לא מתאים"
    # The result ("Rejected", not the imperative "Reject") in the applicant's language.
    assert notification.params["outcome"] == expected
    # The call's title is in the applicant's language when the call has one.
    if language == "en":
        assert notification.params["call"] == "Jobs call"
    else:
        assert notification.params["call"] == application.call.title
    assert "לא מתאים" in mail.outbox[-1].body
    assert notification.params["call"] in render(notification)


def test_the_decision_goes_to_who_acts_for_the_venture_now(personas: Any) -> None:
    former = UserFactory()
    application = ApplicationFactory(
        call=CallFactory(community=personas.community),
        actor=personas.venture,
        created_by=former,
    )
    decision_services.decide(application, by=personas.staff, outcome="accept", reason="מצוין")

    notified = set(
        Notification.objects.filter(kind="application_decided").values_list(
            "recipient_id", flat=True
        )
    )
    # The persona's entrepreneur acts for the venture now; whoever filled it does not.
    assert notified == {personas.entrepreneur.pk}
