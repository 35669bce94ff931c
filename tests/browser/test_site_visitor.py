"""What a visitor gets, measured in Chromium on a phone (390 x 844) and a desktop (1280 x 800): no script errors,
instant navigation that keeps working, no sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from .conftest import RequestLog

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

#: One page of every type a visitor reads (stage ids are DESIGN.md contracts).
PAGE_TYPES = {
    "home": "",
    "start page": "start/school-leaver/",
    "role page": "careers/pharmacy-technician/",
    "support role page": "careers/dispensing-assistant/",
    "training page": "training/trainee-pharmacy-technician/",
    "career map": "map/",
    "careers index": "careers/",
    "route card": "schools/cards/pharmacy-technician/",
    "schools": "schools/",
    "why pharmacy": "workforce/",
}


def _local_sitemap(site_dir: Path, base_url: str) -> Callable[[Route], None]:
    """Serve sitemap.xml with the test server's address, so that Material's instant navigation (which only takes
    over links the sitemap lists, by host and port) is on in tests as it is on the real host."""
    body = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    body = body.replace("https://pharmacy-careers-pathways.invalid/", base_url)
    return lambda route: route.fulfill(body=body, content_type="application/xml")


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def visitor(request: pytest.FixtureRequest, browser: Browser, base_url: str,
            site_dir: Path) -> Iterator[tuple[Page, list[str]]]:
    """A page at one viewport, behind the request guard, recording console errors and uncaught page errors."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    log = RequestLog(base_url)
    context.route("**/*", log.handle)
    context.route("**/sitemap.xml", _local_sitemap(site_dir, base_url))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    yield page, errors
    context.close()
    assert log.blocked == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_logs_no_errors(visitor: tuple[Page, list[str]], base_url: str, path: str) -> None:
    page, errors = visitor
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert errors == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_does_not_scroll_sideways(visitor: tuple[Page, list[str]], base_url: str, path: str) -> None:
    page, _ = visitor
    page.goto(base_url + path)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] if page.viewport_size else False


def test_instant_navigation_works_through_map_pages(visitor: tuple[Page, list[str]], base_url: str) -> None:
    """Following links from a role page to a training page and the map replaces the content in place (the
    window survives), and no page logs an error on the way."""
    page, errors = visitor
    page.goto(base_url + "careers/pharmacy-technician/")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__same_window = true; }")
    for target in ("training/accuracy-checking-training/", "map/"):
        page.locator(f"article a[href$='/{target}']:visible").first.click()
        page.wait_for_url("**/" + target)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__same_window") is True, target
    assert errors == []
