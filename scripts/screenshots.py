"""Refreshes the screenshots in docs/screenshots/ from a running Kaveret server.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [--out docs/screenshots]

Takes the Hebrew home page, the venture directory and the first venture in it, the
TechAbility community page, its ecosystem-work board, principles and trend radar, the
knowledge hub and its first item, the challenges and calls lists and an open call, and
(logged in as the demo community manager) the requests and roles pages and a call's
review console and budget; search, a challenge's scouting panel, the matchmaking
console, the partnerships board and a partnership, the 2021 work plan and TechAbility's
dashboard, at 1280x900, with Debian's Chromium (never a downloaded
browser). Run it against the demo (``make demo``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
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
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
DEMO_MANAGER = "manager@demo.kaveret.local"
# The demo's public password, printed by load_demo and in the README; not a secret.
DEMO_PASSWORD = "kaveret-demo"  # noqa: S105


def take(base_url: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    taken: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, locale="he-IL", viewport=VIEWPORT)
        context.set_default_timeout(15_000)
        page = context.new_page()

        def shoot(path: str, name: str) -> None:
            response = page.goto(path)
            if response is None or not response.ok:
                status = response.status if response else "no response"
                raise SystemExit(f"{base_url}{path} answered {status}")
            page.wait_for_load_state("networkidle")
            target = out / name
            page.screenshot(path=str(target))
            taken.append(target)

        shoot("/", "home-he.png")
        shoot("/ventures/", "ventures-he.png")
        first = page.locator("#directory-results tbody a").first
        if first.count() == 0:
            raise SystemExit("the venture directory is empty: load some data first")
        href = first.get_attribute("href")
        assert href is not None
        shoot(href, "venture-he.png")
        shoot("/communities/techability/", "community-he.png")
        shoot("/communities/techability/work/", "work-board-he.png")
        shoot("/communities/techability/work/principles/", "principles-he.png")
        shoot("/trends/techability/", "trends-radar-he.png")
        shoot("/knowledge/", "knowledge-he.png")
        shoot("/challenges/", "challenges-he.png")
        shoot("/calls/", "calls-he.png")
        shoot("/calls/resilience-scale-programme/", "call-he.png")
        item = page.locator("main a[href*='/knowledge/'][href$='/']").filter(has_text="VIVID")
        if item.count():
            item_href = item.first.get_attribute("href")
            assert item_href is not None
            shoot(item_href, "knowledge-item-he.png")
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill(DEMO_MANAGER)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("networkidle")
        shoot("/communities/techability/manage/", "community-manage-he.png")
        shoot("/communities/techability/roles/", "community-roles-he.png")
        shoot("/calls/techability-fast-track-grants/console/", "review-console-he.png")
        shoot("/calls/techability-fast-track-grants/budget/", "call-budget-he.png")
        shoot("/search/?q=%D7%9E%D7%95%D7%92%D7%91%D7%9C%D7%95%D7%AA", "search-he.png")
        shoot("/challenges/techability-war-rehabilitation/", "challenge-scouting-he.png")
        shoot("/matchmaking/", "matchmaking-list-he.png")
        round_link = page.locator("main a[href^='/matchmaking/'][href$='/']").filter(
            has_text="TechAbility"
        )
        if round_link.count():
            round_href = round_link.first.get_attribute("href")
            assert round_href is not None
            shoot(round_href, "matchmaking-console-he.png")
        shoot("/partnerships/", "partnerships-board-he.png")
        card = page.locator("main a[href^='/partnerships/']").filter(has_text="VIVID")
        if card.count():
            card_href = card.first.get_attribute("href")
            assert card_href is not None
            shoot(card_href, "partnership-he.png")
        shoot("/measurement/plans/", "plans-he.png")
        plan = page.locator("main a[href^='/measurement/plans/']").first
        if plan.count():
            plan_href = plan.get_attribute("href")
            assert plan_href is not None
            shoot(plan_href, "work-plan-he.png")
        shoot("/measurement/dashboards/communities/techability/", "community-dashboard-he.png")
        browser.close()
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "docs" / "screenshots")
    args = parser.parse_args(argv)
    for path in take(args.url.rstrip("/"), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
