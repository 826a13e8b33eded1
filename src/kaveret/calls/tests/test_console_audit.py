"""The audit page: the call's history, newest first, filtered by object type, staff only."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.calls import assignment, decision_services
from kaveret.testing.clients import client_as
from kaveret.testing.review_factories import call_for_review

pytestmark = pytest.mark.django_db


def test_audit_page_lists_changes_newest_first_and_filters(personas: Any) -> None:
    call = call_for_review(reviewers=2, applications=1, community=personas.community)
    assignment.auto_assign(call, by=personas.staff)
    application = call.applications.get()
    decision_services.decide(application, by=personas.staff, outcome="accept", reason="טוב")
    client = client_as(personas.staff)
    page = client.get(f"/en/calls/{call.slug}/audit/").content.decode()
    assert page.index("decided") < page.index("auto_assigned")
    filtered = client.get(f"/en/calls/{call.slug}/audit/?object=decision").content.decode()
    assert "decided" in filtered and "auto_assigned" not in filtered
    for user in (personas.entrepreneur, application.created_by, call.reviewers.first()):
        assert client_as(user).get(f"/en/calls/{call.slug}/audit/").status_code in {403, 404}


def test_audit_page_query_count_is_bounded(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    call = call_for_review(reviewers=3, applications=20, community=personas.community)
    assignment.auto_assign(call, by=personas.staff)
    client = client_as(personas.staff)
    with django_assert_max_num_queries(12):
        assert client.get(f"/en/calls/{call.slug}/audit/").status_code == 200
