"""The definition API: read everything, change one part at a time, 422 in the request's
language, documents listed and downloaded, 404 for whoever may not see or edit."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.partnerships.definition_tasks import store_definition_documents
from kaveret.testing.clients import client_as
from kaveret.testing.partnerships_definition_factories import (
    defined_partnership,
    definition_people,
    organisation_person,
    partnership_without_definition,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """The definition PDFs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _json(client: Any, method: str, path: str, body: Any = None, language: str = "en") -> Any:
    return getattr(client, method)(
        API + path, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


def test_the_definition_lists_every_expectation_by_side_and_the_legal_checklist() -> None:
    partnership = partnership_without_definition()
    client = client_as(definition_people(partnership).entrepreneur)
    response = _json(client, "get", f"/partnerships/{partnership.pk}/definition")
    assert response.status_code == 200
    body = response.json()
    assert [side["side"] for side in body["sides"]] == ["venture", "organisation", "shared"]
    assert [len(side["expectations"]) for side in body["sides"]] == [6, 6, 5]
    assert len(body["legal_items"]) == 7 and body["legal_agreed"] == 0
    assert body["definition_version"] == 0 and body["documents"] == []


def test_patching_an_expectation_keeps_what_is_not_sent_and_bumps_the_version() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).representative)
    path = f"/partnerships/{partnership.pk}/expectations/ethics"
    first = _json(client, "patch", path, {"note": "בלי נתונים מזהים"})
    assert first.status_code == 200 and first.json()["changed"] is True
    second = _json(client, "patch", path, {"status": "agreed_with_note"})
    body = second.json()
    ethics = next(e for side in body["sides"] for e in side["expectations"] if e["key"] == "ethics")
    assert (ethics["status"], ethics["note"]) == ("agreed_with_note", "בלי נתונים מזהים")
    assert body["definition_version"] == 2
    again = _json(client, "patch", path, {"status": "agreed_with_note"})
    assert again.json()["changed"] is False and again.json()["definition_version"] == 2


def test_a_refused_change_answers_422_in_the_request_language() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).staff)
    path = f"/partnerships/{partnership.pk}/legal/costs"
    english = _json(client, "patch", path, {"is_agreed": True})
    assert english.status_code == 422
    assert english.json()["fields"]["agreed_text"] == [
        "Write the agreed text before marking this item agreed."
    ]
    hebrew = _json(client, "patch", path, {"is_agreed": True}, language="he")
    assert hebrew.status_code == 422 and hebrew["Content-Language"] == "he"


def test_the_pilot_plan_is_replaced_and_its_dates_checked() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).entrepreneur)
    path = f"/partnerships/{partnership.pk}/pilot-plan"
    refused = _json(
        client, "put", path, {"starts_on": "2026-05-01", "ends_on": "2026-01-01", "scope": "x"}
    )
    assert refused.status_code == 422 and "ends_on" in refused.json()["fields"]
    saved = _json(
        client,
        "put",
        path,
        {"scope": "שתי מחלקות", "starts_on": "2026-01-01", "ends_on": "2026-05-01"},
    )
    assert saved.status_code == 200
    assert saved.json()["pilot_plan"]["scope"] == "שתי מחלקות"
    assert saved.json()["pilot_plan"]["ends_on"] == "2026-05-01"


def test_the_ambassador_and_the_agreement() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).staff)
    person = organisation_person(partnership, person__full_name="נועה שגרירה")
    named = _json(
        client,
        "put",
        f"/partnerships/{partnership.pk}/ambassador",
        {"role": "מנהלת", "person_id": person.pk},
    )
    assert named.status_code == 200
    assert named.json()["ambassador"] == {
        "name": "נועה שגרירה",
        "role": "מנהלת",
        "person_id": person.pk,
    }
    future = _json(
        client, "put", f"/partnerships/{partnership.pk}/agreement", {"signed_on": "2999-01-01"}
    )
    assert future.status_code == 422
    signed = _json(
        client, "put", f"/partnerships/{partnership.pk}/agreement", {"signed_on": "2025-06-01"}
    )
    assert signed.json()["agreement_signed_on"] == "2025-06-01"


def test_who_may_not_see_or_edit_gets_404() -> None:
    partnership = defined_partnership(is_published=True)
    other = definition_people(partnership).other_entrepreneur
    for client in (client_as(None), client_as(other)):
        assert _json(client, "get", f"/partnerships/{partnership.pk}/definition").status_code == 404
        patched = _json(
            client,
            "patch",
            f"/partnerships/{partnership.pk}/expectations/ethics",
            {"status": "agreed"},
        )
        assert patched.status_code == 404
    assert _json(client_as(other), "get", "/partnerships/999999/definition").status_code == 404


def test_documents_are_listed_and_downloaded_by_who_may_see(media: Any) -> None:
    partnership = defined_partnership()
    people = definition_people(partnership)
    client = client_as(people.entrepreneur)
    _json(client, "patch", f"/partnerships/{partnership.pk}/legal/ownership", {"agreed_text": "א"})
    store_definition_documents(partnership.pk)
    listed = _json(client, "get", f"/partnerships/{partnership.pk}/definition/documents").json()
    assert sorted((d["version"], d["language"]) for d in listed) == [(1, "en"), (1, "he")]
    one = _json(client, "get", f"/partnerships/{partnership.pk}/definition/documents?limit=1")
    assert len(one.json()) == 1
    path = f"/partnerships/{partnership.pk}/definition/documents/{listed[0]['id']}"
    assert listed[0]["url"].endswith(API + path)
    download = client.get(API + path)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_as(people.other_entrepreneur).get(API + path).status_code == 404
    assert client_as(None).get(API + path).status_code == 404
