"""The definition page: who sees it, who edits it (inline with htmx or a plain form), what
a refused change keeps, the documents' downloads, and the partnership page's summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from kaveret.accounts.models import Role
from kaveret.partnerships.definition_tasks import store_definition_documents
from kaveret.partnerships.models import (
    AgreementStatus,
    DefinitionDocument,
    Expectation,
    LegalItem,
)
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    RoleAssignmentFactory,
)
from kaveret.testing.partnerships_definition_factories import (
    defined_partnership,
    definition_people,
    further_party_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """The definition PDFs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _url(partnership: Any, name: str = "definition_page", *args: Any) -> str:
    return reverse(f"partnerships:{name}", args=[partnership.pk, *args])


@pytest.mark.parametrize("who", ["entrepreneur", "representative", "staff"])
def test_each_side_and_the_community_staff_see_the_editable_page(who: str) -> None:
    partnership = defined_partnership()
    user = getattr(definition_people(partnership), who)
    response = client_as(user).get(_url(partnership))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="expectation-access_to_users-status"' in body
    assert 'name="plan-scope"' in body and 'name="ambassador-name"' in body


def test_visitors_and_other_entrepreneurs_get_404_even_when_published() -> None:
    partnership = defined_partnership(is_published=True)
    other = definition_people(partnership).other_entrepreneur
    assert client_as(None).get(_url(partnership)).status_code == 404
    assert client_as(other).get(_url(partnership)).status_code == 404
    response = client_as(other).post(
        _url(partnership, "definition_expectation", "ethics"),
        {"expectation-ethics-status": "agreed"},
    )
    assert response.status_code == 404
    assert Expectation.objects.get(partnership=partnership, key="ethics").status == "open"


def test_a_further_party_reads_the_page_but_cannot_change_it() -> None:
    partnership = defined_partnership()
    funder = further_party_user(partnership)
    client = client_as(funder)
    response = client.get(_url(partnership))
    assert response.status_code == 200
    assert 'name="expectation-ethics-status"' not in response.content.decode()
    response = client.post(
        _url(partnership, "definition_legal", "costs"),
        {"legal-costs-agreed_text": "x", "legal-costs-is_agreed": "on"},
    )
    assert response.status_code == 404


def test_setting_an_expectation_without_javascript_saves_and_returns_to_the_row() -> None:
    partnership = defined_partnership()
    user = definition_people(partnership).entrepreneur
    response = client_as(user).post(
        _url(partnership, "definition_expectation", "ip_protection"),
        {"expectation-ip_protection-status": "agreed", "expectation-ip_protection-note": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#expectation-ip_protection")
    row = Expectation.objects.get(partnership=partnership, key="ip_protection")
    assert row.status == AgreementStatus.AGREED
    partnership.refresh_from_db()
    assert partnership.definition_version == 1


def test_a_refused_expectation_comes_back_with_what_was_chosen() -> None:
    partnership = defined_partnership()
    user = definition_people(partnership).representative
    response = client_as(user).post(
        _url(partnership, "definition_expectation", "commitment"),
        {"expectation-commitment-status": "agreed_with_note", "expectation-commitment-note": ""},
    )
    assert response.status_code == 400
    assert '<option value="agreed_with_note" selected>' in response.content.decode()
    assert Expectation.objects.get(partnership=partnership, key="commitment").status == "open"


def test_htmx_swaps_back_the_saved_row_or_the_row_with_its_error() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).staff)
    url = _url(partnership, "definition_expectation", "flexibility")
    saved = client.post(
        url,
        {
            "expectation-flexibility-status": "agreed_with_note",
            "expectation-flexibility-note": "עד שני שינויים",
        },
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    body = saved.content.decode()
    assert body.strip().startswith('<tr id="expectation-flexibility"')
    assert "עד שני שינויים" in body and "<html" not in body
    refused = client.post(
        url,
        {"expectation-flexibility-status": "agreed_with_note", "expectation-flexibility-note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 200  # htmx swaps only successful answers
    assert 'class="error"' in refused.content.decode()


def test_a_legal_item_saves_its_agreed_text() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).entrepreneur)
    response = client.post(
        _url(partnership, "definition_legal", "after_pilot"),
        {"legal-after_pilot-agreed_text": "רכישה בהליך פטור", "legal-after_pilot-is_agreed": "on"},
    )
    assert response.status_code == 302
    item = LegalItem.objects.get(partnership=partnership, key="after_pilot")
    assert item.is_agreed and item.agreed_text == "רכישה בהליך פטור"


def test_a_pilot_that_ends_before_it_starts_is_refused_and_the_text_kept() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).staff)
    response = client.post(
        _url(partnership, "definition_pilot_plan"),
        {
            "plan-scope": "עשרים משתתפים",
            "plan-starts_on": "2026-05-01",
            "plan-ends_on": "2026-04-01",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "עשרים משתתפים" in body and 'id="id_plan-ends_on_error"' in body
    partnership.pilot_plan.refresh_from_db()
    assert partnership.pilot_plan.scope == ""


def test_the_ambassador_and_the_signed_agreement_are_saved() -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).representative)
    assert (
        client.post(
            _url(partnership, "definition_ambassador"),
            {"ambassador-name": "יעל בר", "ambassador-role": "סמנכ״לית"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url(partnership, "definition_agreement"), {"agreement-signed_on": "2025-12-01"}
        ).status_code
        == 302
    )
    partnership.refresh_from_db()
    assert partnership.ambassador_name == "יעל בר"
    assert str(partnership.agreement_signed_on) == "2025-12-01"
    assert partnership.definition_version == 2


def test_the_documents_are_listed_and_downloaded_only_by_who_may_see(media: Any) -> None:
    partnership = defined_partnership()
    people = definition_people(partnership)
    client = client_as(people.entrepreneur)
    client.post(
        _url(partnership, "definition_legal", "costs"),
        {"legal-costs-agreed_text": "הארגון מממן את ההדרכות", "legal-costs-is_agreed": "on"},
    )
    store_definition_documents(partnership.pk)
    hebrew = DefinitionDocument.objects.get(partnership=partnership, language="he")
    page = client.get(_url(partnership)).content.decode()
    assert _url(partnership, "definition_document", hebrew.pk) in page
    response = client.get(_url(partnership, "definition_document", hebrew.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for outsider in (None, people.other_entrepreneur):
        download = client_as(outsider).get(_url(partnership, "definition_document", hebrew.pk))
        assert download.status_code == 404


def test_a_document_of_another_partnership_is_not_served_through_this_one(media: Any) -> None:
    partnership = defined_partnership()
    people = definition_people(partnership)
    other = defined_partnership()
    RoleAssignmentFactory(user=people.entrepreneur, role=Role.ENTREPRENEUR, venture=other.venture)
    client_as(people.entrepreneur).post(
        _url(other, "definition_agreement"), {"agreement-signed_on": "2025-01-01"}
    )
    store_definition_documents(other.pk)
    foreign = DefinitionDocument.objects.filter(partnership=other).first()
    assert foreign is not None
    response = client_as(people.entrepreneur).get(
        _url(partnership, "definition_document", foreign.pk)
    )
    assert response.status_code == 404


def test_the_page_reads_in_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    partnership = defined_partnership()
    client = client_as(definition_people(partnership).staff)
    client.get(_url(partnership))
    with django_assert_max_num_queries(15):
        assert client.get(_url(partnership)).status_code == 200


def test_the_summary_on_the_partnership_page_counts_what_is_agreed(media: Any) -> None:
    partnership = defined_partnership()
    people = definition_people(partnership)
    client = client_as(people.staff)
    client.post(
        _url(partnership, "definition_legal", "ownership"),
        {"legal-ownership-agreed_text": "למיזם", "legal-ownership-is_agreed": "on"},
    )
    client.post(_url(partnership, "definition_ambassador"), {"ambassador-name": "אורי שגריר"})
    store_definition_documents(partnership.pk)
    partnership.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = people.staff
    html = render_to_string(
        "partnerships/_definition_section.html",
        {"partnership": partnership, "can_edit": True},
        request=request,
    )
    assert "1/7" in html and "17" in html and "אורי שגריר" in html
    assert _url(partnership) in html
    assert (
        _url(partnership, "definition_document", partnership.definition_documents.first().pk)
        in html
    )
    request.user = people.other_entrepreneur
    hidden = render_to_string(
        "partnerships/_definition_section.html",
        {"partnership": partnership, "can_edit": False},
        request=request,
    )
    assert "definition-section" not in hidden


def test_the_versions_are_listed_ten_a_page_newest_first() -> None:
    partnership = defined_partnership()
    for version in range(1, 13):
        DefinitionDocument.objects.create(
            partnership=partnership,
            version=version,
            language="he",
            file=f"partnerships/definitions/v{version}.pdf",
            content_hash=f"{version:064d}",
        )
    client = client_as(definition_people(partnership).staff)
    first = client.get(_url(partnership)).content.decode()
    assert '<th scope="row">12</th>' in first and '<th scope="row">3</th>' in first
    assert '<th scope="row">2</th>' not in first
    second = client.get(_url(partnership) + "?page=2").content.decode()
    assert '<th scope="row">2</th>' in second and '<th scope="row">12</th>' not in second
