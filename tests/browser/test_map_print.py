"""The career map for a wall and for a phone: printed, the map page is one landscape A4 or A3 page with the whole
drawing and no site header or footer; a poster file sits beside it; on a phone the list is the map and the
drawing is one tap away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import guarded_context

MM = 96 / 25.4
#: Paper (width, height) in mm, landscape, and the page margin the print style sheet sets.
PAPER = {"A4": (297, 210), "A3": (420, 297)}
MARGIN_MM = 8
POINT = 96 / 72

_PRINTED = """() => {
  const svg = document.querySelector('.pf-map-print svg');
  const box = svg.getBoundingClientRect();
  // The drawing keeps its shape: held to the page's height, it is narrower than its box.
  const scale = Math.min(box.width / svg.viewBox.baseVal.width, box.height / svg.viewBox.baseVal.height);
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  const shown = sel => [...document.querySelectorAll(sel)].some(e => e.getClientRects().length);
  return {box: [box.left, box.top, box.right, box.bottom], smallest: Math.min(...sizes),
          scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
          header: shown('.md-header'), footer: shown('.md-footer'), list: shown('.pf-map-list'),
          screenMaps: shown('.pf-map-wide svg')};
}"""


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_map_prints_on_one_landscape_page(guarded_page: Page, base_url: str, paper: str) -> None:
    """Rendered to PDF on each paper, the map page is one page, landscape."""
    guarded_page.goto(base_url + "map/")
    pdf = guarded_page.pdf(format=paper, prefer_css_page_size=True)
    assert _pages(pdf) == 1
    (media,) = {tuple(float(n) for n in m.split()) for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    width, height = media[2] - media[0], media[3] - media[1]
    assert width > height  # landscape, whatever the paper
    assert abs(width - PAPER[paper][0] * 72 / 25.4) < 3


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_nothing_of_the_printed_map_is_cut_off(browser: Browser, base_url: str, paper: str) -> None:
    """With print styles, in a window the size of the page's printable area, the whole drawing fits inside it,
    nothing spills over, and the site's header, footer, screen drawing and list are gone; on A3 no text is smaller
    than 8 pt."""
    width, height = ((side - 2 * MARGIN_MM) * MM for side in PAPER[paper])
    with guarded_context(browser, base_url, viewport={"width": round(width), "height": round(height)}) as context:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(base_url + "map/")
        printed = page.evaluate(_PRINTED)
    left, top, right, bottom = printed["box"]
    assert left >= 0 and top >= 0 and right <= round(width) + 0.5 and bottom <= round(height) + 0.5, printed
    assert printed["scrollWidth"] <= round(width) and printed["scrollHeight"] <= round(height), printed
    assert right - left >= 0.85 * width  # scaled to fill the page, not a corner of it
    assert not (printed["header"] or printed["footer"] or printed["list"] or printed["screenMaps"]), printed
    if paper == "A3":
        assert printed["smallest"] >= 8 * POINT, printed


def test_a_poster_file_is_offered_beside_the_map(guarded_page: Page, base_url: str, site_dir: Path) -> None:
    guarded_page.goto(base_url + "map/")
    link = guarded_page.locator("a[href$='map/career-map-poster.svg']")
    assert link.is_visible() and link.get_attribute("download") is not None
    poster = (site_dir / "map" / "career-map-poster.svg").read_text(encoding="utf-8")
    assert 'width="420mm" height="297mm"' in poster
    boxes = guarded_page.locator(".pf-map-wide a.pf-map-link").count()
    assert boxes and poster.count('class="pf-map-node"') == boxes


def test_on_a_phone_the_list_is_the_map_and_the_drawing_is_one_tap_away(browser: Browser, base_url: str) -> None:
    with guarded_context(browser, base_url, viewport={"width": 390, "height": 844}, has_touch=True,
                         is_mobile=True) as context:
        page = context.new_page()
        page.goto(base_url + "map/")
        assert page.locator("svg.pf-map:visible").count() == 0  # no tangle of arrows to follow
        assert page.locator(".pf-map-list").first.is_visible()
        listed = page.locator(".pf-map-list > li").count()
        link = page.locator(".pf-map-phone a[href$='map/career-map.svg']")
        assert link.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        link.tap()
        page.wait_for_url("**/map/career-map.svg")
        assert page.locator("svg a.pf-map-node").count() == listed > 10
