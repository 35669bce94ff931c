"""Explanations a finger can reach, pages that share well, a useful 404 page, a menu for visitors and a header
that fits a phone."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .conftest import axe_violations, describe_violations, guarded_context

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def touch_page(browser: Browser, base_url: str) -> Iterator[Page]:
    with guarded_context(browser, base_url, viewport=PHONE, has_touch=True, is_mobile=True) as context:
        yield context.new_page()


_ABBRS = """() => [...document.querySelectorAll('.md-content abbr[title]')].map((a, i) => {
  a.dataset.pfIndex = i;
  return {index: i, title: a.title, tappable: a.matches('.pf-abbr[tabindex="0"]'),
          link: a.closest('a[href]') ? a.closest('a[href]').href : null, inSummary: !!a.closest('summary')};
})"""


@pytest.mark.parametrize("path", ["careers/pharmacy-technician/", "training/trainee-pharmacy-technician/",
                                  "start/school-leaver/", "careers/pharmacist/"])
def test_every_explained_abbreviation_opens_on_a_tap_on_a_phone(touch_page: Page, base_url: str, path: str) -> None:
    """Each abbreviation is either a link to its glossary entry or opens its meaning when tapped; tapped, the
    meaning shows on screen in full, within the 390 px width."""
    page = touch_page
    page.goto(base_url + path)
    abbrs = page.evaluate(_ABBRS)
    assert abbrs, "no explained abbreviation on the page"
    # Inside a summary a tap opens the section, so there the same abbreviation must open elsewhere on the page.
    opens = {a["title"] for a in abbrs if a["tappable"] or a["link"]}
    closed = [a for a in abbrs if not (a["tappable"] or a["link"] or (a["inSummary"] and a["title"] in opens))]
    assert closed == [], closed
    tappable = [a for a in abbrs if a["tappable"]]
    for abbr in tappable[:4]:
        element = page.locator(f"abbr[data-pf-index='{abbr['index']}']")
        element.scroll_into_view_if_needed()
        element.tap()
        shown = element.evaluate("""a => ({focused: document.activeElement === a,
            after: getComputedStyle(a, '::after').content, right: a.getBoundingClientRect().right,
            width: document.documentElement.scrollWidth})""")
        assert shown["focused"], abbr
        assert abbr["title"] in shown["after"], (abbr, shown)
        assert shown["right"] <= PHONE["width"] and shown["width"] <= PHONE["width"], shown
    # An abbreviation inside a link opens by a tap too: its glossary entry (its first use on the page), the page
    # of the stage the link names, or the official source a citation names.
    linked = [a["link"] for a in abbrs if a["link"]]
    assert all(link.startswith(("http://", "https://")) for link in linked), linked
    assert any(link.startswith(base_url) and "/glossary/#" in link for link in linked), linked


def test_a_role_page_shares_its_own_description_and_occupation(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "careers/pharmacy-technician/")
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]
        .map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content]))""")
    lede = page.locator(".pf-lede").first.inner_text()
    assert meta["description"] and lede.startswith(meta["description"].rstrip("…"))
    assert meta["og:description"] == meta["description"] and meta["og:title"] == "Pharmacy technician"
    assert meta["og:url"].endswith("/careers/pharmacy-technician/") and meta["og:type"] == "website"
    (text,) = page.eval_on_selector_all("head script[type='application/ld+json']", "s => s.map(e => e.textContent)")
    data = json.loads(text)
    assert data["@type"] == "Occupation" and data["name"] == "Pharmacy technician"
    assert data["estimatedSalary"][0]["@type"] == "MonetaryAmountDistribution"
    page.goto(base_url + "careers/pharmacist/")
    other = page.locator("meta[name='description']").get_attribute("content")
    assert other and other != meta["description"]


def test_the_404_page_offers_search_and_the_main_starting_points(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "404.html")
    page.wait_for_load_state("networkidle")  # the search index, before searching
    assert page.locator("h1").inner_text() == "Page not found"
    hrefs = page.eval_on_selector_all(".pf-404-links a", "links => links.map(a => a.href)")
    for wanted in ("start/", "careers/", "map/", "finder/"):
        assert any(h.endswith("/" + wanted) for h in hrefs), hrefs
    for href in hrefs:
        assert page.request.get(href).ok, href
    page.locator(".pf-404-search").click()
    search = page.locator(".md-search__input")
    search.wait_for(state="visible")
    search.click()
    page.keyboard.type("pharmacist")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    # Axe reads colours as they are drawn: let the search box finish closing (its colours fade) first.
    page.wait_for_function("""() => !document.querySelector('[data-md-toggle=search]').checked
                              && document.getAnimations().every(a => a.playState !== 'running')""")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_maintainers_and_data_are_in_the_footer_not_the_menu(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url)
    menu = page.eval_on_selector_all(".md-nav--primary a.md-nav__link", "links => links.map(a => a.href)")
    assert menu and not [h for h in menu if "/maintainers/" in h or "/data/" in h]
    footer = page.eval_on_selector_all(".md-footer a", "links => links.map(a => a.href)")
    assert any(h.endswith("/maintainers/") for h in footer) and any(h.endswith("/data/") for h in footer)


@pytest.mark.parametrize("path", ["", "careers/pharmacy-technician/", "map/", "404.html"])
def test_the_site_name_fits_a_phone_header(touch_page: Page, base_url: str, path: str) -> None:
    touch_page.goto(base_url + path)
    title = touch_page.locator(".md-header__topic").first.locator(".md-ellipsis")
    size = title.evaluate("e => ({scroll: e.scrollWidth, client: e.clientWidth, text: e.textContent.trim()})")
    assert size["text"] == "Pharmacy careers pathways"
    assert size["scroll"] <= size["client"], size
