"""Who acts for an application: those who act for its venture or organisation now (not
whoever filled it once), or a person's own login; the form is frozen under the call's lock."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kaveret.accounts.models import RoleAssignment
from kaveret.calls import application_services as services
from kaveret.calls.application_selectors import applications_of
from kaveret.calls.models import Call
from kaveret.testing.application_factories import call_with_full_form, draft_of, entrepreneur
from kaveret.testing.clients import client_as
from kaveret.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(application: Any) -> str:
    return f"/en/calls/{application.call.slug}/applications/{application.pk}/"


def test_who_filled_a_ventures_application_loses_it_with_their_role() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant, answers={"pitch": "של המיזם"})
    RoleAssignment.objects.filter(user=applicant.user, venture=applicant.venture).delete()
    client = client_as(applicant.user)
    assert client.get(_page(draft)).status_code == 404
    response = client.get(f"/api/v1/applications/{draft.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert list(applications_of(applicant.user)) == []
    with pytest.raises(PermissionDenied):
        services.save_answers(by=applicant.user, application=draft, answers={"pitch": "שינוי"})
    draft.refresh_from_db()
    assert draft.answers == {"pitch": "של המיזם"}


def test_the_ventures_new_entrepreneur_acts_for_it() -> None:
    call = call_with_full_form()
    applicant = entrepreneur()
    draft = draft_of(call, applicant)
    RoleAssignment.objects.filter(user=applicant.user, venture=applicant.venture).delete()
    successor = UserFactory(language="en")
    from kaveret.accounts.models import Role
    from kaveret.testing.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=successor, role=Role.ENTREPRENEUR, venture=applicant.venture)
    assert client_as(successor).get(_page(draft)).status_code == 200
    assert list(applications_of(successor)) == [draft]


def test_a_person_keeps_their_own_application() -> None:
    call = call_with_full_form()
    user = UserFactory(language="en")
    application = services.start_application(by=user, call=call)
    assert client_as(user).get(_page(application)).status_code == 200
    assert list(applications_of(user)) == [application]


def test_starting_locks_the_call_row_before_freezing_the_form(monkeypatch: Any) -> None:
    locked: list[Any] = []
    original = QuerySet.select_for_update

    def spy(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    call = call_with_full_form()
    applicant = entrepreneur()
    application = services.start_application(by=applicant.user, call=call, actor=applicant.venture)
    application.form_version.refresh_from_db()
    assert application.form_version.frozen_at is not None
    assert Call in locked
