"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One Chromium for the session, a fresh context (cookies, storage) per test. No browser is
ever downloaded: the tests skip when /usr/bin/chromium is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

if TYPE_CHECKING:
    from kaveret.communities.models import Community
    from kaveret.ecosystem.models import Domain, Organisation, Venture

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _browser_settings(settings: Any) -> None:
    """Plain static storage, so the live server serves css and htmx through the finders."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    # Playwright's sync API keeps an asyncio loop running in the main thread while it
    # lives, which Django's async-safety check mistakes for async code when a test
    # arranges data with the ORM. Nothing here is async: allow it for that time only.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """A factory of pages in fresh contexts: ``new_page()`` is Hebrew, ``new_page("en-GB")``."""
    contexts: list[BrowserContext] = []

    def make(locale: str = "he-IL", *, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport=VIEWPORT,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@dataclass
class Ecosystem:
    """The small ecosystem every browser test walks through."""

    employment: Domain
    health: Domain
    disability_venture: Venture
    health_venture: Venture
    organisation: Organisation
    community: Community


@pytest.fixture
def ecosystem(transactional_db: Any) -> Ecosystem:
    from django.db import transaction

    # One transaction, as the demo loader does: the rows then ask for fresh analytics once
    # on commit (an eager recomputation here) instead of once per row.
    with transaction.atomic():
        return _make_ecosystem()


def _make_ecosystem() -> Ecosystem:
    from kaveret.communities.models import Community
    from kaveret.ecosystem.choices import RelationKind
    from kaveret.ecosystem.models import Domain, Organisation, Venture
    from kaveret.testing.factories import (
        CommunityFactory,
        DomainFactory,
        MembershipFactory,
        OrganisationFactory,
        RelationFactory,
        VentureFactory,
    )

    employment = cast(Domain, DomainFactory(name="תעסוקה", name_en="Employment", slug="employment"))
    health = cast(Domain, DomainFactory(name="בריאות", name_en="Health", slug="health"))
    disability_venture = cast(
        Venture,
        VentureFactory(
            name="תעסוקה לאנשים במוגבלות",
            name_en="Employment for people with disabilities",
            description="ליווי אישי בדרך לעבודה.",
        ),
    )
    disability_venture.domains.add(employment)
    health_venture = cast(
        Venture,
        VentureFactory(name="רפואה מרחוק לקשישים", name_en="Telemedicine for older people"),
    )
    health_venture.domains.add(health)
    organisation = cast(
        Organisation, OrganisationFactory(name="עמותת שער לעבודה", name_en="Gate to Work")
    )
    organisation.domains.add(employment)
    RelationFactory(source=organisation, target=disability_venture, kind=RelationKind.PILOT)
    community = cast(
        Community, CommunityFactory(name="קהילת תעסוקה", name_en="Employment community")
    )
    MembershipFactory(community=community, actor=disability_venture)
    return Ecosystem(
        employment=employment,
        health=health,
        disability_venture=disability_venture,
        health_venture=health_venture,
        organisation=organisation,
        community=community,
    )


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    """Runs axe-core on the page; the WCAG 2.1 A/AA and best-practice rules."""
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
            });
            return result.violations;
        }"""
    )
    return violations


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']} {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


@pytest.fixture
def serious_axe_violations() -> Callable[[Page], str]:
    """``serious_axe_violations(page)``: axe's serious and critical findings, described."""

    def check(page: Page) -> str:
        found = [v for v in _axe_violations(page) if v["impact"] in {"serious", "critical"}]
        return _describe(found)

    return check


# URL prefix, browser locale and text direction of each language of the site.
LANGUAGES = {"he": ("", "he-IL", "rtl"), "en": ("/en", "en-GB", "ltr"), "ar": ("/ar", "ar", "rtl")}


@pytest.fixture
def languages() -> dict[str, tuple[str, str, str]]:
    """Each language's URL prefix, browser locale and text direction."""
    return LANGUAGES


@pytest.fixture
def logged_in_page(new_page: Callable[..., Page], live_server: Any) -> Callable[..., Page]:
    """``logged_in_page(user, "en-GB")``: a fresh page whose context is logged in as ``user``."""
    from kaveret.testing.clients import client_as

    def make(user: Any, locale: str = "he-IL") -> Page:
        client = client_as(user)
        page = new_page(locale)
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return make


@pytest.fixture
def assert_accessible(
    serious_axe_violations: Callable[[Page], str],
    languages: dict[str, tuple[str, str, str]],
) -> Callable[[Page, str, str], None]:
    """``assert_accessible(page, path, "en")``: opens the path in that language's prefix and
    asserts the page answers OK, in the language and its direction, with no serious or
    critical axe-core finding."""

    def check(page: Page, path: str, language: str) -> None:
        prefix, _locale, direction = languages[language]
        response = page.goto(prefix + path)
        assert response is not None and response.ok, (
            f"{prefix + path}: {response and response.status}"
        )
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == direction
        violations = serious_axe_violations(page)
        assert not violations, f"axe on {page.url}:\n{violations}"

    return check
