"""The search page and the search API."""

from __future__ import annotations

from typing import Any

import pytest

from kaveret.accounts.models import Role
from kaveret.matching.templatetags.matching_search import highlight
from kaveret.testing.clients import client_as
from kaveret.testing.factories import (
    DomainFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    VentureFactory,
)
from kaveret.testing.matching_search_factories import fresh_search_index, index_now

pytestmark = pytest.mark.django_db

TEXT = "ליווי ולאנשים עם מוגבלות בדרך לתעסוקה."
QUERY = "מוגבלות"


@pytest.fixture(autouse=True)
def _fresh() -> None:
    fresh_search_index()


@pytest.fixture(autouse=True)
def _small_pages(settings: Any) -> None:
    settings.KAVERET_PAGE_SIZE = 5


@pytest.fixture
def ventures() -> list[Any]:
    objects = [VentureFactory(name=f"מיזם תעסוקה {n}", description=TEXT) for n in range(8)]
    objects.append(VentureFactory(name="מיזם חסוי", description=TEXT, is_public=False))
    objects.append(OrganisationFactory(name="עמותת מיחזור", description="מיחזור פסולת."))
    index_now(*objects)
    return objects


def test_the_page_shows_highlighted_hits_with_a_count_and_pages(ventures: list[Any]) -> None:
    response = client_as().get("/search/", {"q": QUERY})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>מוגבלות</mark>" in html
    assert response.context["total"] == 8
    assert len(response.context["hits"]) == 5
    assert response.context["page"].paginator.num_pages == 2
    assert f'value="{QUERY}"' in html
    assert "מיזם חסוי" not in html

    second = client_as().get("/search/", {"q": QUERY, "page": 2})
    assert len(second.context["hits"]) == 3


def test_staff_find_the_hidden_venture_on_the_page(ventures: list[Any]) -> None:
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    response = client_as(admin).get("/search/", {"q": QUERY, "kind": "venture"})
    assert response.context["total"] == 9


def test_the_page_filters_by_kind(ventures: list[Any]) -> None:
    response = client_as().get("/search/", {"q": "מיחזור", "kind": "organisation"})
    assert [hit.title for hit in response.context["hits"]] == ["עמותת מיחזור"]


def test_htmx_gets_only_the_results(ventures: list[Any]) -> None:
    response = client_as().get("/search/", {"q": QUERY}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="search-results"' in html
    assert "<html" not in html


def test_an_empty_query_shows_help_and_no_results() -> None:
    response = client_as().get("/search/")
    assert response.status_code == 200
    assert response.context["hits"] == []


def test_no_results_keeps_the_query(ventures: list[Any]) -> None:
    response = client_as().get("/en/search/", {"q": "zzqqxx", "kind": "venture"})
    assert response.context["total"] == 0
    assert "Search again without the filters" in response.content.decode()
    assert 'value="zzqqxx"' in response.content.decode()


def test_every_page_has_the_search_box() -> None:
    html = client_as().get("/en/").content.decode()
    assert 'role="search"' in html
    assert 'id="site-search-q"' in html


def test_the_page_reads_a_bounded_number_of_queries(
    ventures: list[Any], django_assert_max_num_queries: Any
) -> None:
    admin = RoleAssignmentFactory(role=Role.PLATFORM_ADMIN).user
    client = client_as(admin)
    client.get("/search/", {"q": QUERY})  # builds the index
    with django_assert_max_num_queries(25):
        response = client.get("/search/", {"q": QUERY})
    assert response.status_code == 200


def test_highlight_escapes_before_marking() -> None:
    html = highlight('<script>alert("x")</script> מוגבלות', ["מוגבלות", "<script>"])
    assert "<script>" not in html
    assert "<mark>מוגבלות</mark>" in html
    assert "&lt;script&gt;" in html


# --- API ------------------------------------------------------------------------------


def test_the_api_returns_scored_hits_with_snippets(ventures: list[Any]) -> None:
    response = client_as().get("/api/v1/search", {"q": QUERY, "limit": 5, "offset": 0})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 8
    assert len(body["items"]) == 5
    item = body["items"][0]
    assert item["kind"] == "venture"
    assert "מוגבלות" in item["matched_terms"]
    assert item["snippet"]
    assert item["score"] > 0
    assert item["url"].startswith("http")


def test_the_api_filters_by_domain_slug(ventures: list[Any]) -> None:
    domain = DomainFactory(slug="employment")
    ventures[0].domains.add(domain)
    index_now(ventures[0])
    body = client_as().get("/api/v1/search", {"q": QUERY, "domain": "employment"}).json()
    assert [item["object_id"] for item in body["items"]] == [ventures[0].pk]
    nothing = client_as().get("/api/v1/search", {"q": QUERY, "domain": "no-such"}).json()
    assert nothing["count"] == 0


def test_the_api_refuses_a_bad_limit_in_hebrew() -> None:
    response = client_as().get("/api/v1/search", {"q": QUERY, "limit": 500})
    assert response.status_code == 422
    assert "limit" in response.json()["fields"]
    assert response["Content-Language"] == "he"


def test_the_api_requires_a_query() -> None:
    response = client_as().get("/api/v1/search")
    assert response.status_code == 422
    assert "q" in response.json()["fields"]


def test_the_api_answers_in_the_request_language(ventures: list[Any]) -> None:
    venture = VentureFactory(name="עבודה", name_en="Fair Work", description=TEXT)
    index_now(venture)
    body = (
        client_as()
        .get("/api/v1/search", {"q": "Fair Work", "kind": "venture"}, HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert body["items"][0]["title"] == "Fair Work"
    assert "/en/" in body["items"][0]["url"]


def test_a_misspelt_word_gets_a_did_you_mean(ventures: list[Any]) -> None:
    from kaveret.matching.engine import get_index, suggest

    assert suggest(get_index(), "מוגבלוט") == "מוגבלות"
    assert suggest(get_index(), "מוגבלות") is None
    response = client_as().get("/search/", {"q": "מוגבלוט", "kind": "organisation"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "מוגבלות"


def test_did_you_mean_never_offers_a_word_of_a_non_public_document() -> None:
    from kaveret.testing.factories import UserFactory

    secret = VentureFactory(name="מיזם חסוי", description="פרויקט זברונוטיקה סודי", is_public=False)
    index_now(secret, VentureFactory(name="מיזם גלוי", description="ליווי אנשים עם מוגבלות"))
    for viewer in (None, UserFactory()):
        response = client_as(viewer).get("/search/", {"q": "זברונוטיק"})
        assert response.context["total"] == 0
        assert response.context["suggestion"] is None
        assert "זברונוטיקה" not in response.content.decode()
    # Public words are still suggested.
    response = client_as().get("/search/", {"q": "מוגבלוט"})
    assert response.context["suggestion"] == "מוגבלות"


def test_highlight_never_cuts_an_escaped_character() -> None:
    # Matching on the escaped text used to mark inside entities: it&#<mark>x27</mark>;s.
    html = highlight("it's a <b> & co", ["x27", "amp", "lt", "gt", "co"])
    assert html == "it&#x27;s a &lt;b&gt; &amp; <mark>co</mark>"


def test_highlight_marks_terms_with_apostrophes_tags_and_ampersands() -> None:
    html = highlight(
        "O'Neil said <script>x</script> & R&amp;D", ["O'Neil", "<script>", "&", "R&amp;D"]
    )
    assert html == (
        "<mark>O&#x27;Neil</mark> said <mark>&lt;script&gt;</mark>x&lt;/script&gt; "
        "<mark>&amp;</mark> <mark>R&amp;amp;D</mark>"
    )
    assert "<script>" not in html


def test_highlight_keeps_whole_words_and_empty_terms() -> None:
    assert highlight("במוגבלות מוגבלות", ["מוגבלות"]) == "במוגבלות <mark>מוגבלות</mark>"
    assert highlight("a < b", None) == "a &lt; b"
