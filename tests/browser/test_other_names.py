"""The names people use for a stage (``also_called``) lead to it: site search finds its page by each name, and the
route finder's fields take a name as they take the title. Driven by the real data, so every name is tried."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from pathfinder.graph import load_pathways

from .conftest import ROOT

_G = load_pathways(ROOT / "pathways").graph
#: (name, stage id, page address) for every other name in the data.
NAMES = [(str(name), str(node), str(data["url"])) for node, data in _G.nodes(data=True)
         for name in data.get("also_called") or ()]
#: Names that site search (lunr, which ranks a page by every word typed) lists below the first three pages, because
#: most of their words ("pharmacy technician", "training", "registration") are on many pages. Known gaps, left open
#: in issue 17: each is here so the test still holds every other name to the first three; take a name out once its
#: page ranks.
SEARCH_GAPS = {"Pre-registration training", "Return to registration", "Internationally qualified pharmacy technician",
               "Overseas qualified pharmacy technician"}
ORIGINS = {node for node, kind in _G.nodes(data="kind") if kind in ("start", "role")}


def test_the_data_has_names_to_try() -> None:
    assert len(NAMES) >= 2


def test_site_search_finds_each_stage_by_each_of_its_names(guarded_page: Page, base_url: str) -> None:
    """Among the first three pages listed, as a visitor sees them without scrolling the results."""
    page = guarded_page
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    search = page.locator("input[data-md-component=search-query]")
    missed = []
    for name, _, url in NAMES:
        search.fill("")
        page.keyboard.type(name)  # Material searches on key presses, not on a filled value
        # Results come as each key is typed: wait for those highlighting the name's last whole word.
        page.wait_for_function("""word => [...document.querySelectorAll('.md-search-result__item > a')].some(
            a => (new URL(a.href).searchParams.get('h') || '').split(' ').includes(word))""",
                               arg=re.split(r"[\s-]+", name.lower())[-1])
        hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.href)")
        pages = list(dict.fromkeys(urlsplit(href).path for href in hrefs if "#" not in href))
        if (f"/{url}" not in pages[:3]) != (name in SEARCH_GAPS):
            missed.append((name, url, pages[:3]))
    assert missed == [], "; ".join(f"{name} -> {url}: {pages}" for name, url, pages in missed)


@pytest.mark.parametrize(("name", "stage"), [(n, s) for n, s, _ in NAMES if s in ORIGINS][:3])
def test_the_finder_takes_a_name_for_where_you_are(guarded_page: Page, base_url: str, name: str,
                                                   stage: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/")
    page.wait_for_selector("html.pf-scripted")
    # The finder answers a submitted form once its answers have loaded (it sets refresh then); before that a click
    # would race the script, not test the name.
    page.wait_for_function("() => typeof document.getElementById('pf-finder').refresh === 'function'")
    page.fill("#pf-from", name.lower())
    page.fill("#pf-to", "Pharmacy technician")
    page.click("#pf-form button[type=submit]")
    page.wait_for_url("**/finder/?*from=*")
    question = parse_qs(urlsplit(page.url).query)
    assert question["from"] == [stage] and question["to"] == ["pharmacy-technician"]
    page.wait_for_selector("#pf-answer-heading")
