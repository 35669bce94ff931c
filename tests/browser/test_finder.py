"""The route finder in real Chromium against the built site on 127.0.0.1.

Routes shown must equal ``pathfinder route --json`` for the same question, from the static answers (no options)
and from the Python engine in the worker (with options). The page must work from the keyboard, announce new
results, pass axe-core, keep every request on the loopback server, and still answer when the engine cannot start
or JavaScript is off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from .conftest import ROOT, RequestLog, axe_violations, describe_violations

ENGINE_TIMEOUT_MS = 90_000
PATHWAYS = Path(os.environ.get("PATHFINDER_PATHWAYS") or ROOT / "pathways")

# (from, to, options): plain questions come from the static answers, the rest from the engine.
QUESTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("school-leaver", "pharmacy-technician", {}),
    ("career-changer", "pharmacy-technician", {}),
    ("dispensing-assistant", "pharmacy-technician", {}),
    ("school-leaver", "pharmacy-technician", {"earn": 1}),
    ("school-leaver", "pharmacy-technician", {"max": 30}),
    ("school-leaver", "pharmacy-technician", {"avoid": ["hospital"]}),
    ("career-changer", "pharmacy-technician", {"earn": 1, "max": 48, "avoid": ["community-pharmacy"]}),
    ("pharmacy-assistant", "pharmacy-technician", {"avoid": ["hospital", "community-pharmacy", "general-practice"]}),
    ("school-leaver", "pharmacy-technician", {"max": 1}),
]
PLAIN = "?from=school-leaver&to=pharmacy-technician"
FILTERED = "?from=school-leaver&to=pharmacy-technician&earn=1"


def _search(start: str, goal: str, options: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = [("from", start), ("to", goal)]
    if options.get("earn"):
        pairs.append(("earn", "1"))
    if options.get("max"):
        pairs.append(("max", str(options["max"])))
    pairs += [("avoid", setting) for setting in sorted(options.get("avoid", []))]
    return "?" + urlencode(pairs)


def _cli(start: str, goal: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """``pathfinder route --json`` on the data the site was built from; [] when there is no route."""
    args = [sys.executable, "-m", "pathfinder.cli", "route", start, goal, "--json", "--pathways", str(PATHWAYS)]
    if options.get("earn"):
        args.append("--earn-while-learning")
    if options.get("max"):
        args += ["--max-months", str(options["max"])]
    for setting in options.get("avoid", []):
        args += ["--avoid", setting]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout)["routes"]) if done.returncode == 0 else []


def _shown(page: Page) -> list[dict[str, Any]]:
    """The routes on the page, in the CLI's terms."""
    result: list[dict[str, Any]] = page.eval_on_selector_all(".pf-route", """routes => routes.map(r => ({
        stages: r.dataset.stages.split(" "),
        months: Number(r.querySelector(".pf-route-summary").dataset.months),
        earn_while_learning: r.querySelector(".pf-route-summary").dataset.earn === "1"}))""")
    return result


def _wait_for_answer(page: Page, search: str, source: str) -> None:
    page.wait_for_selector(f'#pf-results[data-source="{source}"][data-question="{search}"]',
                           state="attached", timeout=ENGINE_TIMEOUT_MS)


def _source_for(options: dict[str, Any]) -> str:
    return "engine" if options else "static"


def _ask_by_url(page: Page, search: str) -> None:
    """Move to another question the way back/forward does: a new URL and a popstate event."""
    page.evaluate("s => { history.pushState({}, '', s); dispatchEvent(new PopStateEvent('popstate')); }", search)


def test_routes_equal_the_command_line_with_and_without_options(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    mismatches = []
    for start, goal, options in QUESTIONS:
        search = _search(start, goal, options)
        _ask_by_url(page, search)
        expected = _cli(start, goal, options)
        if not expected:
            page.wait_for_selector(f'#pf-results[data-question="{search}"] .pf-none', timeout=ENGINE_TIMEOUT_MS)
            if options:
                _wait_for_answer(page, search, "engine")
            shown: list[dict[str, Any]] = []
        else:
            _wait_for_answer(page, search, _source_for(options))
            shown = _shown(page)
        want = [{k: r[k] for k in ("stages", "months", "earn_while_learning")} for r in expected]
        if shown != want:
            mismatches.append((search, shown, want))
    assert mismatches == []


def test_engine_gives_the_static_answer_for_every_pair(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/")
    page.wait_for_function("window.pathfinderFinder.state === 'ready'", timeout=ENGINE_TIMEOUT_MS)
    differences = page.evaluate("""async () => {
        const data = await (await fetch("routes.json")).json();
        const differences = [];
        const roles = Object.keys(data.nodes).filter(id => data.nodes[id].kind === "role");
        for (const from of Object.keys(data.routes)) {
            for (const to of roles) {
                if (from === to) continue;
                const answer = await window.pathfinderFinder.ask({from, to, earn: false, max: null, avoid: []});
                const got = (answer.routes || []).map(r => [r.months, r.earn_while_learning ? 1 : 0, r.stages]);
                const want = data.routes[from][to] || [];
                if (JSON.stringify(got) !== JSON.stringify(want)) differences.push({from, to, got, want});
            }
        }
        return differences;
    }""")
    assert differences == []


def test_nothing_leaves_the_host_and_the_runtime_is_self_hosted(
        guarded_page: Page, base_url: str, requests_seen: RequestLog) -> None:
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _wait_for_answer(guarded_page, FILTERED, "engine")
    fetched = requests_seen.local
    assert any(url.endswith("/pyodide.asm.wasm") and "/assets/pyodide/" in url for url in fetched)
    assert any("/assets/wheels/networkx-" in url and url.endswith(".whl") for url in fetched)
    assert not any("pyodide-lock" in url and "numpy" in url for url in fetched)
    assert not any(url.endswith(("numpy.whl", "micropip.whl")) for url in fetched)


def _expect_fallback(page: Page) -> None:
    page.wait_for_function("window.pathfinderFinder.state === 'failed'", timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#pf-status")).to_contain_text("could not start")
    assert _shown(page) == [{k: r[k] for k in ("stages", "months", "earn_while_learning")}
                            for r in _cli("school-leaver", "pharmacy-technician", {})]
    assert page.locator("#pf-results").get_attribute("data-source") == "static"


def test_blocked_wasm_falls_back_to_the_static_answers(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/*.wasm", lambda route: route.abort())
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _expect_fallback(guarded_page)


def test_worker_error_falls_back_to_the_static_answers(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/worker.mjs", lambda route: route.fulfill(status=404, body="gone"))
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _expect_fallback(guarded_page)


def test_without_its_answers_the_page_says_so_and_links_to_the_careers(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/finder/routes.json", lambda route: route.fulfill(status=404, body="gone"))
    guarded_page.goto(base_url + "finder/" + PLAIN)
    expect(guarded_page.locator("#pf-status")).to_contain_text("could not load")
    expect(guarded_page.locator("#pf-nojs")).to_be_visible()


def test_without_the_snapshot_the_engine_starts_the_ordinary_way(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/engine-*.bin", lambda route: route.abort())
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _wait_for_answer(guarded_page, FILTERED, "engine")
    assert _shown(guarded_page) == [{k: r[k] for k in ("stages", "months", "earn_while_learning")}
                                    for r in _cli("school-leaver", "pharmacy-technician", {"earn": 1})]
    assert guarded_page.evaluate("window.pathfinderFinder.marks.snapshot") is False


def test_without_javascript_the_noscript_path_answers(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "finder/" + PLAIN)
        expect(page.locator("#pf-nojs")).to_be_visible()
        expect(page.locator("#pf-form")).to_be_visible()
        page.locator("#pf-nojs").get_by_role("link", name="Pharmacy technician", exact=True).click()
        page.wait_for_url("**/careers/pharmacy-technician/")
        body = page.locator("main, article, body").first.inner_text()
        first_route = _cli("school-leaver", "pharmacy-technician", {})[0]
        for title in first_route["titles"][1:-1]:
            assert title in body
    finally:
        context.close()


@pytest.mark.parametrize("search", ["", PLAIN, FILTERED, "?from=%3Cb%3Ex%3C%2Fb%3E&max=0"],
                         ids=["empty", "answered", "answered-by-engine", "error"])
def test_no_axe_violations(guarded_page: Page, base_url: str, search: str) -> None:
    guarded_page.goto(base_url + "finder/" + search)
    if search == FILTERED:
        _wait_for_answer(guarded_page, search, "engine")
    elif search == PLAIN:
        _wait_for_answer(guarded_page, search, "static")
    else:
        guarded_page.wait_for_selector("#pf-finder.pf-js")
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_and_results_are_announced(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/")
    page.wait_for_selector("#pf-finder.pf-js")
    status = page.locator("#pf-status")
    assert status.get_attribute("aria-live") == "polite"
    _tab_to(page, "#pf-from")
    page.keyboard.type("Leaving school or college")
    _tab_to(page, "#pf-to")
    page.keyboard.type("Pharmacy technician")
    page.keyboard.press("Enter")
    _wait_for_answer(page, PLAIN, "static")
    assert page.url.endswith("finder/" + PLAIN)
    expect(status).to_contain_text("found")
    # The options, the compare choices, the step links and the print button are all reachable.
    _tab_to(page, "#pf-options summary")
    page.keyboard.press("Enter")
    _tab_to(page, "#pf-earn")
    page.keyboard.press("Space")
    _tab_to(page, "#pf-max")
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    search = PLAIN + "&earn=1&max=60"
    _wait_for_answer(page, search, "engine")
    expect(status).to_contain_text("worked out just now")
    _tab_to(page, ".pf-route a")
    _tab_to(page, "#pf-compare-b")
    _tab_to(page, ".pf-print-button")


def test_back_and_forward_show_each_question(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    page.fill("#pf-from", "Changing career")
    page.click("#pf-form button[type=submit]")
    other = "?from=career-changer&to=pharmacy-technician"
    _wait_for_answer(page, other, "static")
    page.go_back()
    _wait_for_answer(page, PLAIN, "static")
    expect(page.locator("#pf-from")).to_have_value("Leaving school or college")
    page.go_forward()
    _wait_for_answer(page, other, "static")


def test_the_form_sent_without_the_page_script_still_answers(guarded_page: Page, base_url: str) -> None:
    """A GET submit before the script ran carries titles, not ids: the finder reads them and tidies the URL."""
    guarded_page.goto(base_url + "finder/?from=Leaving+school+or+college&to=Pharmacy+technician")
    _wait_for_answer(guarded_page, PLAIN, "static")
    assert guarded_page.url.endswith("finder/" + PLAIN)


HOSTILE = [
    "?from=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&to=pharmacy-technician",
    "?from=school-leaver&to=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "?from=" + "a" * 5000 + "&to=pharmacy-technician",
    "?from=school-leaver&from=career-changer&to=pharmacy-technician",
    "?from=school-leaver&to=pharmacy-technician&max=-3",
    "?from=school-leaver&to=pharmacy-technician&max=ten",
    "?from=school-leaver&to=pharmacy-technician&avoid=%22%3E%3Csvg%20onload%3Dalert(1)%3E",
    "?from=school-leaver&to=pharmacy-technician&compare=%3Ciframe%3E",
]


@pytest.mark.parametrize("search", HOSTILE)
def test_hostile_parameters_are_shown_as_text(guarded_page: Page, base_url: str, search: str) -> None:
    page = guarded_page
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(base_url + "finder/" + search)
    problem = page.locator("#pf-problem")
    expect(problem).to_be_visible()
    assert problem.inner_text().strip()
    assert page.locator("#pf-finder img, #pf-finder script:not([src]), #pf-finder svg").count() == 0
    expect(page.locator("#pf-form")).to_be_visible()
    assert dialogs == []


def test_one_worker_per_document_through_instant_navigation(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url)
    page.locator('a[href$="finder/"]').first.click()
    page.wait_for_selector("#pf-finder.pf-js")
    page.go_back()
    page.wait_for_function("!document.getElementById('pf-finder')")
    page.go_forward()
    page.wait_for_selector("#pf-finder.pf-js")
    page.fill("#pf-from", "Leaving school or college")
    page.fill("#pf-to", "Pharmacy technician")
    page.click("#pf-options summary")
    page.check("#pf-earn")
    page.click("#pf-form button[type=submit]")
    _wait_for_answer(page, FILTERED, "engine")
    assert len([w for w in page.workers if w.url.endswith("/worker.mjs")]) == 1


def test_compare_what_next_and_print(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    if page.locator(".pf-route").count() > 1:
        expect(page.locator(".pf-compare-table tbody tr")).to_have_count(5)
        page.select_option("#pf-compare-b", "0")
        expect(page.locator(".pf-compare-table caption")).to_contain_text("Route 1 and route 1")
        assert page.url.endswith(PLAIN + "&compare=1%2C1")
        page.goto(base_url + "finder/" + PLAIN + "&compare=2,1")
        expect(page.locator(".pf-compare-table caption")).to_contain_text("Route 2 and route 1")
    expect(page.locator("#pf-next-heading")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#pf-form")).to_be_hidden()
    expect(page.locator(".pf-route").first).to_be_visible()


def test_what_next_from_a_role_alone(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url + "finder/?from=dispensing-assistant")
    expect(guarded_page.locator("#pf-next-heading")).to_be_visible()
    onward = guarded_page.locator(".pf-next li > a")
    assert onward.count() >= 1
    expect(guarded_page.locator("#pf-status")).to_contain_text("Choose where you want to get to")


def test_save_data_starts_the_engine_only_when_options_need_it(
        guarded_page: Page, base_url: str, requests_seen: RequestLog) -> None:
    guarded_page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    guarded_page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(guarded_page, PLAIN, "static")
    guarded_page.wait_for_timeout(500)
    assert not any(url.endswith(".wasm") for url in requests_seen.local)
    _ask_by_url(guarded_page, FILTERED)
    _wait_for_answer(guarded_page, FILTERED, "engine")
    assert _shown(guarded_page) == [{k: r[k] for k in ("stages", "months", "earn_while_learning")}
                                    for r in _cli("school-leaver", "pharmacy-technician", {"earn": 1})]
    assert any(url.endswith("/pyodide.asm.wasm") for url in requests_seen.local)
