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
#: Queries that name a whole kind of job, with the pages they must still list first: a page's other names must not
#: push the general page out. "apprenticeship" must list a course with an apprenticeship standard, not only the
#: "Find a job or apprenticeship" sections every job page has.
GENERAL = [(title.lower(), {str(data["url"])})
           for title in ("Pharmacy technician", "Pharmacist", "Dispensing assistant")
           for _, data in _G.nodes(data=True) if data["title"] == title]
GENERAL.append(("apprenticeship", {str(data["url"]) for _, data in _G.nodes(data=True) if data.get("standard")}))
ORIGINS = {node for node, kind in _G.nodes(data="kind") if kind in ("start", "role")}


def test_the_data_has_names_to_try() -> None:
    assert len(NAMES) >= 2


def _first_three_pages(page: Page, query: str) -> list[str]:
    """The addresses of the first three pages site search lists for ``query``, typed as a visitor types it."""
    search = page.locator("input[data-md-component=search-query]")
    search.fill("")
    page.keyboard.type(query)  # Material searches on key presses, not on a filled value
    # Results come as each key is typed: wait for those highlighting the query's last whole word.
    page.wait_for_function("""word => [...document.querySelectorAll('.md-search-result__item > a')].some(
        a => (new URL(a.href).searchParams.get('h') || '').split(' ').includes(word))""",
                           arg=re.split(r"[\s-]+", query.lower())[-1])
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.href)")
    return list(dict.fromkeys(urlsplit(href).path for href in hrefs if "#" not in href))[:3]


def _open_search(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")


def test_the_general_queries_name_pages() -> None:
    assert len(GENERAL) == 4 and all(urls for _, urls in GENERAL)


def test_site_search_finds_each_stage_by_each_of_its_names(guarded_page: Page, base_url: str) -> None:
    """Among the first three pages listed, as a visitor sees them without scrolling the results."""
    _open_search(guarded_page, base_url)
    missed = [(name, url, pages) for name, _, url in NAMES
              if f"/{url}" not in (pages := _first_three_pages(guarded_page, name))]
    assert missed == [], "; ".join(f"{name} -> {url}: {pages}" for name, url, pages in missed)


def test_site_search_still_lists_the_general_page_for_a_general_query(guarded_page: Page, base_url: str) -> None:
    """Other names as headings must not crowd out the page a plain query is after."""
    _open_search(guarded_page, base_url)
    missed = [(query, urls, pages) for query, urls in GENERAL
              if not {f"/{url}" for url in urls} & set(pages := _first_three_pages(guarded_page, query))]
    assert missed == [], "; ".join(f"{query} -> {sorted(urls)}: {pages}" for query, urls, pages in missed)


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


#: The words people tried and found nothing for (issue 17), with the page each must find.
PEOPLES_WORDS = [("Spain", "start/trained-outside-uk/"), ("overseas", "start/trained-outside-uk/"),
                 ("international", "start/trained-outside-uk/"), ("returners", "start/returning-to-pharmacy/"),
                 ("restore", "start/returning-to-pharmacy/")]


def test_site_search_finds_the_returner_and_abroad_pages_by_the_words_people_tried(guarded_page: Page,
                                                                                   base_url: str) -> None:
    _open_search(guarded_page, base_url)
    missed = [(word, url, pages) for word, url in PEOPLES_WORDS
              if f"/{url}" not in (pages := _first_three_pages(guarded_page, word))]
    assert missed == [], "; ".join(f"{word} -> {url}: {pages}" for word, url, pages in missed)
