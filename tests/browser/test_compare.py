"""The compare page as visitors use it: every job without JavaScript, up to three chosen side by side with it,
on a phone without sideways scrolling, printed on A4, by keyboard, shared by its address, axe-clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from pathfinder.graph import load_pathways

from .conftest import ROOT, axe_violations, describe_violations, guarded_context

_G = load_pathways(ROOT / "pathways").graph
ROLES = [n for n, kind in _G.nodes(data="kind") if kind == "role"]
#: Three jobs from different rungs, asked for in an order that is not the table's.
THREE = ["pharmacist", "pharmacy-assistant", "pharmacy-technician"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

_SHOWN = """() => [...document.querySelectorAll('#pf-compare thead th[data-role-id]')]
    .filter(th => th.getClientRects().length).sort((a, b) => {
        const x = a.getBoundingClientRect().left - b.getBoundingClientRect().left;
        return x || a.getBoundingClientRect().top - b.getBoundingClientRect().top; })
    .map(th => th.dataset.roleId)"""
_VISIBLE_CELLS = """() => [...document.querySelectorAll('#pf-compare tbody tr')].map(
    tr => [...tr.querySelectorAll('td')].filter(td => td.getClientRects().length).length)"""
_WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def _open(browser: Browser, base_url: str, path: str, **options: Any) -> Iterator[Page]:
    with guarded_context(browser, base_url, **options) as context:
        page = context.new_page()
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        yield page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_every_job_is_in_the_table_and_nothing_is_wider_than_the_screen(
        browser: Browser, base_url: str, viewport: dict[str, int]) -> None:
    for page in _open(browser, base_url, "compare/", viewport=viewport, java_script_enabled=False):
        cells = page.evaluate(_VISIBLE_CELLS)
        assert cells and all(count == len(ROLES) for count in cells)
        # Each answer is named with its job, since the jobs' header row is not shown.
        named = page.eval_on_selector_all("#pf-compare tbody tr:first-child td",
                                          "tds => tds.map(td => getComputedStyle(td, '::before').content)")
        assert sorted(named) == sorted(f'"{_G.nodes[role]["title"]}: "' for role in ROLES)
        assert page.is_hidden("#pf-compare-form")  # nothing to choose with: every job is shown
        width, viewport_width = page.evaluate(_WIDTHS)
        assert width <= viewport_width


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_address_chooses_up_to_three_jobs_in_its_order(guarded_page: Page, base_url: str,
                                                          console_errors: list[str], viewport: dict[str, int]) -> None:
    page = guarded_page
    page.set_viewport_size(viewport)
    page.goto(base_url + "compare/?roles=" + ",".join(THREE))
    page.wait_for_selector("#pf-compare.pf-compare--side")
    assert page.evaluate(_SHOWN) == THREE
    assert set(page.evaluate(_VISIBLE_CELLS)) == {3}
    assert [page.input_value(f"#pf-compare-{i}") for i in (1, 2, 3)] == THREE
    width, viewport_width = page.evaluate(_WIDTHS)
    assert width <= viewport_width
    # Side by side: the three answers to a question sit on one line.
    tops = page.eval_on_selector_all("#pf-compare tr[data-row=pay] td:not([hidden])",
                                     "tds => tds.map(td => Math.round(td.getBoundingClientRect().top))")
    assert len(set(tops)) == 1


def test_more_than_three_or_unknown_jobs_are_explained_in_plain_words(guarded_page: Page, base_url: str,
                                                                      console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "compare/?roles=" + ",".join([*THREE, ROLES[0] if ROLES[0] not in THREE else ROLES[1],
                                                      "no-such-job"]))
    page.wait_for_selector("#pf-compare.pf-compare--side")
    assert page.evaluate(_SHOWN) == THREE
    status = page.inner_text("#pf-compare-status")
    assert "up to 3" in status and "no-such-job" in status and "not a job" in status


def test_choosing_by_keyboard_updates_the_table_and_a_shareable_address(guarded_page: Page, base_url: str,
                                                                        console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "compare/")
    page.wait_for_selector("#pf-compare-form:not([hidden])")
    page.focus("#pf-compare-1")
    page.keyboard.press("ArrowDown")  # Chromium changes a closed list's choice with the arrow keys
    first = page.input_value("#pf-compare-1")
    assert first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pf-compare-2"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.input_value("#pf-compare-2")
    page.wait_for_url(re.compile(r"\?roles="))
    chosen = page.url.split("?roles=", 1)[1].split(",")
    assert chosen == [first, second] and page.evaluate(_SHOWN) == chosen
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # the address alone brings the same comparison back
    page.wait_for_selector("#pf-compare.pf-compare--side")
    assert page.evaluate(_SHOWN) == chosen
    page.click("#pf-compare-all")
    assert not page.url.endswith(",".join(chosen)) and set(page.evaluate(_VISIBLE_CELLS)) == {len(ROLES)}


def test_a_role_page_opens_the_comparison_with_its_job(guarded_page: Page, base_url: str,
                                                       console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "careers/pharmacy-technician/")
    page.click("a[href$='compare/?roles=pharmacy-technician']")
    page.wait_for_selector("#pf-compare.pf-compare--side")
    assert page.evaluate(_SHOWN) == ["pharmacy-technician"]
    assert page.input_value("#pf-compare-1") == "pharmacy-technician"


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("javascript", [True, False], ids=["three-jobs", "every-job"])
def test_it_prints_on_a4_with_nothing_cut(browser: Browser, base_url: str, javascript: bool) -> None:
    path = "compare/?roles=" + ",".join(THREE) if javascript else "compare/"
    # A4 less the 12 mm margins is 186 mm wide, about 703 CSS pixels.
    for page in _open(browser, base_url, path, viewport={"width": 703, "height": 1000},
                      java_script_enabled=javascript):
        page.emulate_media(media="print")
        overflowing = page.eval_on_selector_all(
            "#pf-compare th:not([hidden]), #pf-compare td:not([hidden])",
            # the job names' header row is for screen readers only when every job is listed (each answer is named)
            "cells => cells.filter(c => c.getClientRects().length"
            " && !(c.closest('thead') && getComputedStyle(c.closest('thead')).clipPath !== 'none')"
            " && (c.scrollWidth > c.clientWidth + 1"
            " || c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)).length")
        assert overflowing == 0
        assert page.evaluate(_WIDTHS)[0] <= 703
        assert page.is_hidden("#pf-compare-form")
        pages = _pdf_pages(page.pdf(format="A4", print_background=True))
        assert 1 <= pages <= (3 if javascript else 20), pages


@pytest.mark.parametrize("path", ["compare/", "compare/?roles=" + ",".join(THREE)], ids=["every-job", "three-jobs"])
def test_no_axe_violations(guarded_page: Page, base_url: str, path: str, console_errors: list[str]) -> None:
    guarded_page.goto(base_url + path)
    guarded_page.wait_for_load_state("networkidle")
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


def test_without_javascript_no_axe_violations(browser: Browser, base_url: str) -> None:
    """axe-core needs script to run: the page's own script is left out instead, so the markup is what a browser
    without JavaScript shows."""
    with guarded_context(browser, base_url) as context:
        page = context.new_page()
        page.route("**/javascripts/compare.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
        page.goto(base_url + "compare/")
        page.wait_for_load_state("networkidle")
        # Without JavaScript the head script that marks <html> with `js` does not run either.
        page.evaluate("() => document.documentElement.classList.replace('js', 'no-js')")
        assert page.is_hidden("#pf-compare-form")
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["compare/", "compare/?roles=" + ",".join(THREE)], ids=["every-job", "three-jobs"])
def test_the_table_does_not_jump_when_the_script_runs(browser: Browser, base_url: str, path: str,
                                                      viewport: dict[str, int]) -> None:
    """The chooser is in place from the first paint, and the columns asked for in the address are chosen right
    after the table is parsed, so the table does not move once the page shows (Lighthouse counted a layout shift
    of 0.19 when the script un-hid the chooser, and 0.28 on a desktop when the deferred script then narrowed the
    table to three jobs). Below 0.1 is what Lighthouse and Core Web Vitals call good."""
    with guarded_context(browser, base_url, viewport=viewport) as context:
        page = context.new_page()
        page.add_init_script("""window.pfShift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
            if (!e.hadRecentInput) window.pfShift += e.value; }).observe({type: "layout-shift", buffered: true});""")
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_function("() => document.getElementById('pf-compare').dataset.ready === '1'")
        page.wait_for_timeout(300)  # the last frames after the script's changes
        assert page.evaluate("window.pfShift") < 0.1


def test_the_table_shows_even_when_the_script_never_runs(browser: Browser, base_url: str) -> None:
    """An address naming jobs keeps the table out of sight until compare.js has chosen the columns; should the
    script never arrive, the whole table still shows after a moment."""
    with guarded_context(browser, base_url) as context:
        page = context.new_page()
        page.route("**/compare.js", lambda route: route.abort())
        page.goto(base_url + "compare/?roles=" + ",".join(THREE))
        table = page.locator("#pf-compare")
        assert table.evaluate("t => getComputedStyle(t).visibility") == "hidden"
        page.wait_for_function("getComputedStyle(document.getElementById('pf-compare')).visibility === 'visible'",
                               timeout=5000)
        assert table.is_visible()
