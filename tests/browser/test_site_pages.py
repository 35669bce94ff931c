"""The built pages in Chromium: without JavaScript, in print, behind the request guard, and with hostile data."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import ROOT, RequestLog, _QuietHandler, guarded_context


@pytest.fixture
def no_js(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page with JavaScript turned off, behind its own request guard."""
    with guarded_context(browser, base_url, java_script_enabled=False) as context:
        yield context.new_page()


def test_role_page_shows_routes_without_javascript(no_js: Page, base_url: str) -> None:
    no_js.goto(base_url + "careers/pharmacy-technician/")
    no_js.locator("details.pf-origin summary").first.click()  # a native disclosure: opens without JavaScript
    route = no_js.locator(".pf-route").first
    assert route.is_visible()
    assert no_js.locator(".pf-route ol li").count() >= 3
    assert re.search(r"\b\d+ months? so far", route.inner_text())  # "1 month so far", "24 months so far"


def test_map_shows_its_text_version_without_javascript(no_js: Page, base_url: str) -> None:
    no_js.goto(base_url + "map/")
    assert no_js.locator(".pf-map:visible").count() == 1
    text_version = no_js.locator(".pf-map-list")
    assert text_version.first.is_visible()
    assert text_version.locator("a").count() >= no_js.locator(".pf-map-wide a.pf-map-link").count()


def test_charts_show_their_tables_without_javascript(no_js: Page, base_url: str) -> None:
    no_js.goto(base_url + "workforce/")
    charts = no_js.locator(".pf-chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        table = charts.nth(i).locator("table")
        assert table.is_visible() and table.locator("tbody tr").count() >= 1


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_every_route_card_prints_on_one_a4_page(guarded_page: Page, base_url: str, site_dir: Path) -> None:
    cards = sorted(p.parent.name for p in (site_dir / "schools" / "cards").glob("*/index.html"))
    assert cards
    for card in cards:
        guarded_page.goto(base_url + f"schools/cards/{card}/")
        pdf = guarded_page.pdf(format="A4", print_background=True)
        assert _pdf_pages(pdf) == 1, card


def test_pdf_page_count_sees_more_than_one_page(guarded_page: Page, base_url: str) -> None:
    """Positive control for the page count above: a long page prints on several pages."""
    guarded_page.goto(base_url + "careers/pharmacy-technician/")
    assert _pdf_pages(guarded_page.pdf(format="A4")) > 1


def test_request_guard_sees_and_blocks_requests(context: BrowserContext, base_url: str) -> None:
    """Positive control: the guard records the site's own requests and blocks one that leaves the host."""
    log = RequestLog(base_url)
    context.route("**/*", log.handle)
    page = context.new_page()
    page.goto(base_url + "careers/pharmacy-technician/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/stylesheets/site.css") for url in log.local)
    page.evaluate("() => { const i = new Image(); i.src = 'https://third-party.invalid/pixel.gif'; }")
    page.wait_for_timeout(300)
    assert log.blocked == ["https://third-party.invalid/pixel.gif"]


def test_navigation_between_pages_stays_on_the_host(guarded_page: Page, base_url: str) -> None:
    """Following the main navigation loads only loopback files (instant loading needs a port-free site_url,
    so here it falls back to ordinary page loads, as it does when the sitemap cannot be used)."""
    guarded_page.goto(base_url)
    guarded_page.get_by_role("link", name="Career map").first.click()
    guarded_page.wait_for_url("**/map/")
    guarded_page.wait_for_load_state("networkidle")
    assert guarded_page.locator(".pf-map:visible").count() == 1


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built from tests/data/hostile, served on its own loopback port."""
    out = tmp_path_factory.mktemp("hostile-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATHFINDER_PATHWAYS": str(ROOT / "tests/data/hostile")}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)], cwd=ROOT,
                   env=env, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


HOSTILE_PAGES = ["", "start/school-leaver/", "careers/pharmacy-assistant/", "training/level-2-pharmacy-services/",
                 "map/", "schools/cards/pharmacy-assistant/", "workforce/", "careers/", "start/", "training/"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_yaml_text_shows_as_text(browser: Browser, hostile_url: str, path: str) -> None:
    with guarded_context(browser, hostile_url) as context:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate("() => window.top.__pwned") is None
        assert dialogs == []
        content = page.locator("article")
        assert content.locator("script, iframe, object, marquee, img[src='x'], img[src='x.png']").count() == 0
        assert page.locator("body").is_visible()
        if path != "map/" and path != "":
            assert "window.__pwned" in content.inner_text()


def test_hostile_title_reads_exactly_as_typed(page: Page, hostile_url: str) -> None:
    page.goto(hostile_url + "careers/pharmacy-assistant/")
    heading = page.locator("article h1").inner_text()
    assert heading == "Pharmacy assistant <script>window.__pwned = 'role-title'</script>"
    assert "**bold** _em_ ![img](x.png)" in page.locator(".pf-lede").inner_text()


def test_every_image_on_the_home_page_loads(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url)
    # Lazy images load as a visitor scrolls to them: the home page is taller now its jobs show pay in pounds.
    for image in guarded_page.locator("article img").all():
        image.scroll_into_view_if_needed()
    guarded_page.wait_for_load_state("networkidle")
    guarded_page.wait_for_function("() => [...document.querySelectorAll('article img')].every(i => i.complete)")
    sizes = guarded_page.eval_on_selector_all("article img", "imgs => imgs.map(i => i.naturalWidth)")
    assert sizes and all(width > 0 for width in sizes)


def test_career_map_prints_on_a_landscape_page(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url + "map/")
    pdf = guarded_page.pdf(prefer_css_page_size=True)
    boxes = [tuple(float(n) for n in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert any(width > height for _, _, width, height in boxes)
