"""What a visitor gets, measured in Chromium on a phone (390 x 844) and a desktop (1280 x 800): no script errors,
instant navigation that keeps working, no sideways scrolling."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pathfinder.graph import load_pathways
from pathfinder.pay import NO_PAY_SOURCE
from pathfinder.site_address import PLACEHOLDER

from .conftest import ROOT, axe_violations, describe_violations, guarded_context, serve_local_sitemap

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
    "glossary": "glossary/",
}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def visitor(request: pytest.FixtureRequest, browser: Browser, base_url: str,
            site_dir: Path) -> Iterator[tuple[Page, list[str]]]:
    """A page at one viewport, behind the request guard, recording console errors and uncaught page errors."""
    with guarded_context(browser, base_url, viewport=VIEWPORTS[request.param]) as context:
        serve_local_sitemap(context, site_dir, base_url)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        yield page, errors


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


def _stages(kind: str) -> list[str]:
    pathways = load_pathways(ROOT / "pathways")
    return [stage_id for stage_id, loaded in pathways.stages.items() if loaded.stage.kind == kind]


def _with_figures() -> set[str]:
    """Roles whose real data gives a pay figure: NHS bands or a sourced figure for other employers."""
    pathways = load_pathways(ROOT / "pathways")
    return {stage_id for stage_id, loaded in pathways.stages.items()
            if loaded.stage.pay is not None and (loaded.stage.pay.bands or loaded.stage.pay.elsewhere)}


_FACT_BOTTOM = """key => { const el = document.querySelector(`[data-pf-fact="${key}"]`);
    return el ? el.getBoundingClientRect().bottom + window.scrollY : null; }"""


@pytest.fixture(scope="module")
def phone_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One phone-sized page reused across a module's page-by-page measurements."""
    with guarded_context(browser, base_url, viewport=PHONE) as context:
        yield context.new_page()


@pytest.mark.parametrize("stage_id", _stages("role"))
def test_role_page_answers_in_the_first_phone_screen(phone_page: Page, base_url: str, stage_id: str) -> None:
    """Training time (and pay, where the data gives it) sit inside the first 844 px; the page is at most 6,000 px
    tall; the summary box links to "Where next" and "How to get here" on the same page."""
    phone_page.goto(base_url + f"careers/{stage_id}/")
    training = phone_page.evaluate(_FACT_BOTTOM, "training")
    assert training is not None and training <= PHONE["height"]
    # Pay is in the first screen on every job page: in pounds where a source gives a figure (NHS and other
    # employers), or one plain line saying no source does (issue 16 section 3).
    pay = phone_page.evaluate(_FACT_BOTTOM, "pay")
    assert pay is not None and pay <= PHONE["height"]
    pay_text = phone_page.locator("[data-pf-fact='pay']").inner_text()
    if stage_id in _with_figures():
        assert re.search(r"£\d", pay_text)  # in pounds
        assert "pro rata" in pay_text
    else:
        assert NO_PAY_SOURCE in pay_text
    assert phone_page.evaluate("() => document.documentElement.scrollHeight") <= 6000
    for jump in phone_page.locator(".pf-summary .pf-jump a").all():
        target = (jump.get_attribute("href") or "").split("#")[-1]
        assert phone_page.locator(f"[id='{target}']").count() == 1


@pytest.mark.parametrize("stage_id", ["trainee-pharmacy-technician", "level-2-pharmacy-services"])
def test_paid_training_page_says_what_trainees_are_paid_in_pounds(phone_page: Page, base_url: str,
                                                                   stage_id: str) -> None:
    """The trainee stage says what trainees are paid: the legal minimum in pounds an hour, with its date."""
    phone_page.goto(base_url + f"training/{stage_id}/")
    fact = phone_page.locator("[data-pf-fact='pay']")
    assert fact.is_visible()
    assert re.search(r"£\d+\.\d\d an hour", fact.inner_text())
    assert re.search(r"from \d+ April 20\d\d", fact.inner_text())


def _with(field: str) -> set[str]:
    """Roles whose real data gives ``hours`` or ``skills``."""
    pathways = load_pathways(ROOT / "pathways")
    return {stage_id for stage_id, loaded in pathways.stages.items() if getattr(loaded.stage, field)}


_SECTION_TOPS = """ids => ids.map(id => { const el = document.getElementById(id);
    return el ? el.getBoundingClientRect().top + window.scrollY : null; })"""


@pytest.mark.parametrize("stage_id", _stages("role"))
def test_role_page_shows_its_sourced_hours_and_skills_in_place(phone_page: Page, base_url: str,
                                                               stage_id: str) -> None:
    """A role whose data gives hours has an hours row in the summary box, after pay and training; one whose data
    lists skills has "Skills you need" after "What you do" and before "Where next", linking to its source; a role
    without them shows neither (nothing is made up)."""
    phone_page.goto(base_url + f"careers/{stage_id}/")
    hours = phone_page.locator(".pf-summary [data-pf-fact='hours']")
    if stage_id in _with("hours"):
        assert hours.count() == 1 and re.search(r"\d+(\.5)? a week", hours.inner_text())
        keys = phone_page.eval_on_selector_all(".pf-summary [data-pf-fact]", "els => els.map(e => e.dataset.pfFact)")
        assert keys.index("hours") > keys.index("training")
    else:
        assert hours.count() == 0
    what, skills, where, how = phone_page.evaluate(
        _SECTION_TOPS, ["what-you-do", "skills-you-need", "where-next", "how-to-get-here"])
    if stage_id in _with("skills"):
        after = where if where is not None else how  # a role at the top of its ladder has no "Where next"
        assert what is not None and skills is not None and after is not None and what < skills < after
        items = phone_page.locator("#skills-you-need + ul.pf-skills > li")
        assert items.count() >= 1 and all(item.is_visible() for item in items.all())
        cite = phone_page.locator("#skills-you-need ~ p.pf-cite a").first
        assert (cite.get_attribute("href") or "").startswith("https://")
    else:
        assert skills is None


def test_where_next_comes_before_how_to_get_here(phone_page: Page, base_url: str) -> None:
    phone_page.goto(base_url + "careers/pharmacy-technician/")
    tops = phone_page.evaluate("""() => ['where-next', 'how-to-get-here'].map(
        id => document.getElementById(id).getBoundingClientRect().top)""")
    assert tops[0] < tops[1]


def test_how_to_get_here_is_one_closed_choice_per_starting_point(phone_page: Page, base_url: str) -> None:
    """Every choice starts closed, opens to show its routes, and works without JavaScript (native details)."""
    phone_page.goto(base_url + "careers/pharmacy-technician/")
    choices = phone_page.locator("#how-to-get-here ~ details.pf-origin")
    assert choices.count() >= 2
    first = choices.first
    assert not first.locator(".pf-route").first.is_visible()
    first.locator("summary").click()
    assert first.locator(".pf-route").first.is_visible()


@pytest.mark.parametrize("path", ["careers/pharmacy-technician/", "careers/dispensing-assistant/", "map/",
                                  "start/school-leaver/", "", "glossary/",
                                  "training/trainee-pharmacy-technician/", "schools/cards/pharmacy-technician/"])
def test_phone_layout_with_every_disclosure_open_has_no_axe_violations(phone_page: Page, base_url: str,
                                                                     path: str) -> None:
    phone_page.goto(base_url + path)
    phone_page.wait_for_load_state("networkidle")
    phone_page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    violations = axe_violations(phone_page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("stage_id", _stages("start"))
def test_start_page_answers_first_and_stays_short(phone_page: Page, base_url: str, stage_id: str) -> None:
    """Three or four answers, the first of them inside the first phone screen; no list of every route to every job;
    at most 5,000 px tall on a phone."""
    phone_page.goto(base_url + f"start/{stage_id}/")
    facts = phone_page.locator(".pf-summary [data-pf-fact]")
    assert 3 <= facts.count() <= 4
    assert facts.first.bounding_box()["y"] + facts.first.bounding_box()["height"] <= PHONE["height"]  # type: ignore[index]
    assert phone_page.locator("article .pf-route").count() == 0
    assert phone_page.evaluate("() => document.documentElement.scrollHeight") <= 5000


_UNEXPLAINED_ACRONYMS = r"""() => {
    const acronym = /\b(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z])[A-Za-z0-9]{2,}\b/g;
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    const missing = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest('svg, code, .pf-sources, h1, .headerlink')) continue;
        for (const match of node.textContent.matchAll(acronym)) {
            if (!parent.closest('abbr[title]')) missing.push(match[0]);
        }
    }
    return missing;
}"""


@pytest.mark.parametrize("kind", ["role", "training", "start"])
def test_every_acronym_in_stage_text_is_explained_where_it_appears(phone_page: Page, base_url: str,
                                                                  kind: str) -> None:
    """Each acronym carries its meaning (abbr title) and its first use links to the glossary entry."""
    folder = {"role": "careers", "training": "training", "start": "start"}[kind]
    for stage_id in _stages(kind):
        phone_page.goto(base_url + f"{folder}/{stage_id}/")
        assert phone_page.evaluate(_UNEXPLAINED_ACRONYMS) == [], stage_id
        links = phone_page.locator("article a.pf-term")
        if links.count():
            href = links.first.get_attribute("href") or ""
            assert "/glossary/#" in href


def test_glossary_page_lists_every_term_with_a_source(phone_page: Page, base_url: str) -> None:
    pathways = load_pathways(ROOT / "pathways")
    assert pathways.glossary is not None
    phone_page.goto(base_url + "glossary/")
    for term in pathways.glossary.terms:
        entry = phone_page.locator(f"dt[id='{term.anchor}'] + dd")
        assert entry.locator("a[href^='https://']").count() == 1, term.term


def _search(page: Page, base_url: str, words: str) -> list[str]:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type(words)
    page.locator(".md-search-result__item").first.wait_for()
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("words", ["salary", "wage", "pay", "chemist", "apprenticeship"])
def test_search_leads_to_careers_and_training_pages(guarded_page: Page, base_url: str, words: str) -> None:
    found = _search(guarded_page, base_url, words)
    assert any(f"/{section}/" in url for url in found[:3] for section in ("careers", "training", "start"))
    assert not [url for url in found if "/maintainers/" in url or "/data/" in url]


def test_home_question_answers_on_the_spot_from_the_finders_answers(visitor: tuple[Page, list[str]], base_url: str,
                                                                     site_dir: Path) -> None:
    """The fastest route shown is the finder's precomputed one, step by step, without leaving the page; the
    answer region stays axe-clean."""
    page, errors = visitor
    page.goto(base_url)
    page.select_option("#pf-ask-from", "dispensing-assistant")
    page.select_option("#pf-ask-to", "pharmacy-technician")
    page.locator("#pf-ask button[type=submit]").click()
    answer = page.locator("#pf-ask-answer")
    answer.locator("ol li").first.wait_for()
    expected = json.loads((site_dir / "finder" / "routes.json").read_text(encoding="utf-8"))
    fastest = expected["routes"]["dispensing-assistant"]["pharmacy-technician"]["groups"][0]["route"]
    hrefs = answer.locator("ol a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [expected["nodes"][stage]["url"] for stage in fastest["stages"]]
    # The route's own words from Python (its time, whether you earn) are what the answer says.
    assert fastest["words"]["time"] in answer.inner_text() and fastest["words"]["pay"] in answer.inner_text()
    assert page.url == base_url
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert errors == []


def test_home_question_without_javascript_goes_to_the_route_finder(browser: Browser, base_url: str) -> None:
    with guarded_context(browser, base_url, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(base_url)
        page.select_option("#pf-ask-from", "dispensing-assistant")
        page.locator("#pf-ask button[type=submit]").click()
        page.wait_for_url("**/finder/?*")
        assert "from=dispensing-assistant" in page.url and "to=pharmacy-technician" in page.url


def test_home_page_shows_where_you_are_now_and_jobs_with_pay_and_training(phone_page: Page, base_url: str) -> None:
    phone_page.goto(base_url)
    assert phone_page.locator("ul.pf-cards:not(.pf-role-cards) > li a").count() == 5
    jobs = phone_page.locator(".pf-role-cards > li")
    assert jobs.count() >= 3
    assert jobs.locator("[data-pf-fact='training']").count() == jobs.count()
    assert re.search(r"£\d", jobs.locator("[data-pf-fact='pay']").first.inner_text())


@pytest.mark.parametrize("stage_id", [*sorted(_with_figures() & set(_stages("role")))[:3], "pharmacist"])
def test_route_card_prints_pay_entry_needs_address_and_qr_with_dark_headings(guarded_page: Page, base_url: str,
                                                                            stage_id: str, site_dir: Path) -> None:
    """A card prints its page's public address and QR code, or, from a build without SITE_URL (as `make test`
    builds), no QR code and where to find the site in words."""
    guarded_page.goto(base_url + f"schools/cards/{stage_id}/")
    guarded_page.emulate_media(media="print")
    card = guarded_page.locator(".pf-card")
    if stage_id in _with_figures():
        assert re.search(r"£\d", card.locator("[data-pf-fact='pay']").inner_text())
    assert card.locator("[data-pf-fact='needs']").count() >= 1
    if PLACEHOLDER in (site_dir / "sitemap.xml").read_text(encoding="utf-8"):
        assert card.locator("svg.pf-qr").count() == 0 and card.locator(".pf-address").count() == 0
        assert "Pharmacy careers pathways" in card.locator("[data-pf-fact='find-us']").inner_text()
        assert PLACEHOLDER not in card.inner_text()
    else:
        assert f"/careers/{stage_id}/" in card.locator(".pf-address").inner_text()
        assert card.locator("svg.pf-qr path").count() == 1
    colours = card.locator("h2").evaluate_all("hs => hs.map(h => getComputedStyle(h).color)")
    assert colours and all(c == "rgb(0, 0, 0)" for c in colours)


_MAP_TEXT = """() => [...document.querySelectorAll('svg.pf-map')].filter(s => s.getClientRects().length).map(s => {
    const box = s.getBoundingClientRect();
    const scale = box.width / s.viewBox.baseVal.width;
    const sizes = [...s.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
    return {width: box.width, column: s.parentElement.getBoundingClientRect().width,
            scroll: s.parentElement.scrollWidth - s.parentElement.clientWidth, smallest: Math.min(...sizes)};
})"""


@pytest.mark.parametrize("path", ["careers/pharmacy-technician/", "training/trainee-pharmacy-technician/"])
def test_maps_fit_a_phone_with_readable_text(phone_page: Page, base_url: str, path: str) -> None:
    """At 390 px the mini-map fits its column (no sideways scrolling) and no text in it is smaller than 11 px."""
    phone_page.goto(base_url + path)
    maps = phone_page.evaluate(_MAP_TEXT)
    assert maps
    for drawn in maps:
        assert drawn["width"] <= drawn["column"] and drawn["scroll"] <= 0
        assert drawn["smallest"] >= 11


def test_mini_map_fits_its_column_on_a_desktop(guarded_page: Page, base_url: str) -> None:
    guarded_page.set_viewport_size(DESKTOP)
    guarded_page.goto(base_url + "careers/pharmacy-technician/")
    (drawn,) = guarded_page.evaluate(_MAP_TEXT)
    assert drawn["width"] <= drawn["column"] and drawn["scroll"] <= 0


def test_printed_map_fills_a_landscape_page_with_text_of_8_points(guarded_page: Page, base_url: str) -> None:
    """Printed on landscape A4 (8 mm margins: about 1,062 CSS px across), the map spans the page and its smallest
    text is at least 8 pt (10.67 CSS px)."""
    guarded_page.goto(base_url + "map/")
    guarded_page.emulate_media(media="print")
    guarded_page.set_viewport_size({"width": 1062, "height": 733})
    (drawn,) = guarded_page.evaluate(_MAP_TEXT)
    assert drawn["width"] >= 0.9 * 1062
    assert drawn["smallest"] >= 8 * 96 / 72
