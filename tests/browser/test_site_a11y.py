"""Accessibility of one page of every type (axe-core, WCAG 2.2 AA) and keyboard-only use of a role page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import axe_violations, describe_violations

#: One page of every type the site has. Stage ids are DESIGN.md contracts, present in the real data.
PAGE_TYPES = {
    "home": "",
    "start index": "start/",
    "start page": "start/school-leaver/",
    "careers index": "careers/",
    "role page": "careers/pharmacy-technician/",
    "training index": "training/",
    "training page": "training/trainee-pharmacy-technician/",
    "funded training": "funded-training/",
    "compare jobs": "compare/?roles=pharmacy-assistant,pharmacy-technician,pharmacist",
    "career map": "map/",
    "schools": "schools/",
    "route cards": "schools/cards/",
    "route card": "schools/cards/pharmacy-technician/",
    "why pharmacy": "workforce/",
    "open data": "data/",
    "maintainers": "maintainers/",
    "schema reference": "maintainers/schema/",
    "accessibility": "accessibility/",
    "privacy": "privacy/",
    "not found": "404.html",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_has_no_axe_violations(guarded_page: Page, base_url: str, path: str) -> None:
    guarded_page.goto(base_url + path)
    guarded_page.wait_for_load_state("networkidle")
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


def test_open_search_dialog_has_no_axe_violations(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url)
    guarded_page.wait_for_load_state("networkidle")
    guarded_page.keyboard.press("/")
    guarded_page.keyboard.type("technician")
    guarded_page.locator(".md-search-result__item").first.wait_for()
    assert guarded_page.get_attribute(".md-search", "aria-label")
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


_VISIBLE_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => {
    const box = a.getBoundingClientRect();
    const style = getComputedStyle(a);
    const folded = a.closest('details:not([open])') && !a.closest('summary');  // in a closed disclosure
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !a.closest('[hidden], [inert]')
        && a.tabIndex >= 0 && !folded;
}).map(a => a.href + ' | ' + (a.textContent || '').trim().slice(0, 40))"""

_FOCUSED = """() => { const a = document.activeElement;
    return a && a.matches('a[href]') ? a.href + ' | ' + (a.textContent || '').trim().slice(0, 40) : null; }"""


def test_keyboard_reaches_every_link_of_a_role_page(guarded_page: Page, base_url: str) -> None:
    guarded_page.set_viewport_size({"width": 1280, "height": 900})
    guarded_page.goto(base_url + "careers/pharmacy-technician/")
    guarded_page.wait_for_load_state("networkidle")
    wanted = set(guarded_page.evaluate(_VISIBLE_LINKS))
    assert len(wanted) > 20
    reached: set[str] = set()
    for _ in range(len(wanted) * 3 + 50):
        guarded_page.keyboard.press("Tab")
        focused = guarded_page.evaluate(_FOCUSED)
        if focused:
            reached.add(focused)
        if wanted <= reached:
            break
    assert sorted(wanted - reached) == []


def test_focus_is_visible_on_a_map_link(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url + "careers/pharmacy-technician/")
    link = guarded_page.locator(".pf-map-link").first  # HTML links laid over the drawing
    link.focus()
    style = link.evaluate("a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth, "
                          "s.backgroundColor]; }")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 3
    assert style[2].startswith("rgba(255, 221, 0")
