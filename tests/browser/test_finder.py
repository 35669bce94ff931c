"""The route finder in real Chromium against the built site on 127.0.0.1.

Routes shown must equal ``pathfinder route --json`` / ``pathfinder reach --json`` for the same question, from
the static answers (plain questions) and from the Python engine in the worker (anything about your situation).
The engine must not load until a question needs it. The page must work from the keyboard, move focus to and
announce each answer, pass axe-core in every state, keep every request on the loopback server, log no console
errors, print on few pages with full addresses, and show only links (no dead form) without JavaScript.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Dialog, Page, Route, expect

from pathfinder.cli import main

from .conftest import ROOT, RequestLog, axe_violations, describe_violations, guarded_context, serve_local_sitemap

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
    ("career-changer", "pharmacy-technician", {"have": []}),
    ("career-changer", "pharmacist", {"have": ["gcse-english", "gcse-maths"], "hours": 20}),
    ("school-leaver", "pharmacy-technician", {"hours": 10}),
    ("returning-to-pharmacy", "pharmacy-technician", {}),
    ("trained-outside-uk", "pharmacy-technician", {}),
    ("trained-outside-uk", "pharmacist", {"earn": 1}),
]
# Situations asked of every origin, through `pathfinder reach` and the engine.
SITUATIONS: list[dict[str, Any]] = [
    {"have": []},
    {"have": ["gcse-english", "gcse-maths", "gcse-science"], "hours": 20, "within": 48},
    {"earn": 1, "within": 30},
]
PLAIN = "?from=school-leaver&to=pharmacy-technician"
SITUATION = "?from=career-changer&to=pharmacy-technician&have=none"
FILTERED = "?from=school-leaver&to=pharmacy-technician&earn=1"
ENGINE_FILES = ("/assets/pyodide/", "/assets/wheels/", "engine.zip", "worker.mjs", "/finder/graph.json", "engine-lib-")


def _search(start: str, goal: str | None, options: dict[str, Any]) -> str:
    pairs: list[tuple[str, str]] = [("from", start)] + ([("to", goal)] if goal else [])
    if options.get("earn"):
        pairs.append(("earn", "1"))
    if options.get("max"):
        pairs.append(("max", str(options["max"])))
    pairs += [("avoid", setting) for setting in sorted(options.get("avoid", []))]
    if "have" in options:
        pairs.append(("have", ",".join(sorted(options["have"])) or "none"))
    if options.get("hours"):
        pairs.append(("hours", str(options["hours"])))
    if options.get("within") and not goal:
        pairs.append(("within", str(options["within"])))
    return "?" + urlencode(pairs)


def _cli(*argv: str) -> tuple[int, Any]:
    """``pathfinder ...`` in this process on the data the site was built from: (exit code, parsed JSON)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([*argv, "--json", "--pathways", str(PATHWAYS)])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    assert code in (0, 1), err.getvalue()
    return code, json.loads(out.getvalue()) if code == 0 else None


def _situation_args(options: dict[str, Any]) -> list[str]:
    args = ["--earn-while-learning"] if options.get("earn") else []
    for setting in options.get("avoid", []):
        args += ["--avoid", setting]
    if "have" in options:
        args += [a for h in (options["have"] or ["none"]) for a in ("--have", h)]
    if options.get("hours"):
        args += ["--hours", str(options["hours"])]
    return args


def _cli_routes(start: str, goal: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """``pathfinder route --json`` routes; [] when there is no route."""
    args = ["route", start, goal, *_situation_args(options)]
    if options.get("max"):
        args += ["--max-months", str(options["max"])]
    code, data = _cli(*args)
    return list(data["routes"]) if code == 0 else []


def _key(route: dict[str, Any]) -> tuple[Any, ...]:
    return (route["months"], route["stages"], route["earn_while_learning"])


def _shown(page: Page) -> list[tuple[Any, ...]]:
    """The routes on the page in the CLI's terms (a group stands for each route it lists), sorted."""
    groups: list[dict[str, Any]] = page.eval_on_selector_all(".pf-route", """routes => routes.map(r => ({
        stages: r.dataset.stages.split("|").map(s => s.split(" ")),
        months: Number(r.querySelector(".pf-route-summary").dataset.months),
        earn: r.querySelector(".pf-route-summary").dataset.earn === "1"}))""")
    return sorted((g["months"], stages, g["earn"]) for g in groups for stages in g["stages"])


def _want(routes: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(_key(r) for r in routes)


def _wait_for_answer(page: Page, search: str, source: str) -> None:
    page.wait_for_selector(f'#pf-results[data-source="{source}"][data-question="{search}"]',
                           state="attached", timeout=ENGINE_TIMEOUT_MS)


def _source_for(options: dict[str, Any]) -> str:
    return "engine" if options else "static"


def _ask_by_url(page: Page, search: str) -> None:
    """Move to another question the way back/forward does: a new URL and a popstate event."""
    page.evaluate("s => { history.pushState({}, '', s); dispatchEvent(new PopStateEvent('popstate')); }", search)


def test_routes_equal_the_command_line_with_and_without_a_situation(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    mismatches = []
    for start, goal, options in QUESTIONS:
        search = _search(start, goal, options)
        _ask_by_url(page, search)
        expected = _cli_routes(start, goal, options)
        _wait_for_answer(page, search, _source_for(options))
        if not expected:
            expect(page.locator("#pf-answer-heading")).to_contain_text("No route")
        if _shown(page) != _want(expected):
            mismatches.append((search, _shown(page), _want(expected)))
    assert mismatches == []


def test_reach_equals_the_command_line_for_every_origin(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "finder/")
    origins = page.evaluate("""async () => {
        const data = await (await fetch("routes.json")).json();
        return Object.keys(data.nodes).filter(id => ["start", "role"].includes(data.nodes[id].kind)); }""")
    assert len(origins) > 10
    mismatches = []
    for origin in origins:
        for options in SITUATIONS:
            search = _search(origin, None, options)
            _ask_by_url(page, search)
            _wait_for_answer(page, search, "engine")
            args = ["reach", origin, *_situation_args(options)]
            if options.get("within"):
                args += ["--within", str(options["within"])]
            _, expected = _cli(*args)
            want = [(e["to"], e["months"]) for e in expected["reach"]]
            shown = page.eval_on_selector_all(
                ".pf-reach li", "items => items.map(i => [i.dataset.to, Number(i.dataset.months)])")
            if [tuple(item) for item in shown] != want:
                mismatches.append((search, shown, want))
    assert mismatches == []


def test_engine_gives_the_build_time_answer_for_every_pair(guarded_page: Page, base_url: str) -> None:
    """Static answers and the engine come from the same ``routes.answer_dict``: byte for byte the same JSON."""
    page = guarded_page
    page.goto(base_url + "finder/" + SITUATION)
    page.wait_for_function("window.pathfinderFinder.state === 'ready'", timeout=ENGINE_TIMEOUT_MS)
    differences = page.evaluate("""async () => {
        const data = await (await fetch("routes.json")).json();
        const differences = [];
        const roles = Object.keys(data.nodes).filter(id => data.nodes[id].kind === "role");
        for (const from of Object.keys(data.routes)) {
            for (const to of roles) {
                if (from === to) continue;
                const answer = await window.pathfinderFinder.ask(
                    {from, to, earn: false, max: null, avoid: [], have: null, hours: null, within: null});
                const want = data.routes[from][to];
                const same = want ? JSON.stringify(answer) === JSON.stringify(want) : Boolean(answer.error);
                if (!same) differences.push({from, to});
            }
        }
        return differences;
    }""")
    assert differences == []


def test_without_gcse_maths_the_plan_shows_the_step_that_gets_it(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    search = "?from=career-changer&to=pharmacy-technician&have=gcse-science"
    guarded_page.goto(base_url + "finder/" + search)
    _wait_for_answer(guarded_page, search, "engine")
    first = guarded_page.locator(".pf-route").first
    assert "qualification:gcse-english+gcse-maths" in (first.get_attribute("data-stages") or "")
    expect(first.locator(".pf-added")).to_contain_text("do not have GCSE English")
    expect(first.locator(".pf-alongside").first).to_have_text("Study alongside work")
    expect(first.locator(".pf-advice").first).to_contain_text("grade 3")


def test_an_old_english_and_maths_address_means_both(guarded_page: Page, base_url: str) -> None:
    old = "?from=career-changer&to=pharmacy-technician&have=gcse-english-maths,gcse-science"
    guarded_page.goto(base_url + "finder/" + old)
    search = "?from=career-changer&to=pharmacy-technician&have=gcse-english%2Cgcse-maths%2Cgcse-science"
    _wait_for_answer(guarded_page, search, "engine")
    first = guarded_page.locator(".pf-route").first
    assert "qualification:" not in (first.get_attribute("data-stages") or "")


def test_a_plain_visit_loads_no_engine_until_a_situation_question(
        guarded_page: Page, base_url: str, requests_seen: RequestLog, console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    page.wait_for_timeout(800)
    assert not [url for url in requests_seen.local if any(part in url for part in ENGINE_FILES)]
    assert page.evaluate("window.pathfinderFinder.state") == "off"
    page.focus("#pf-max")  # the first sign of a situation question starts the engine
    page.wait_for_function("window.pathfinderFinder.state !== 'off'")
    page.fill("#pf-max", "48")
    page.click("#pf-form button[type=submit]")
    _wait_for_answer(page, PLAIN + "&max=48", "engine")
    assert any(url.endswith("/pyodide.asm.wasm") for url in requests_seen.local)


def test_nothing_leaves_the_host_and_the_runtime_is_self_hosted(
        guarded_page: Page, base_url: str, requests_seen: RequestLog) -> None:
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _wait_for_answer(guarded_page, FILTERED, "engine")
    fetched = requests_seen.local
    assert any(url.endswith("/pyodide.asm.wasm") and "/assets/pyodide/" in url for url in fetched)
    # The build's trimmed library stands in for the standard library, the networkx wheel and engine.zip, and
    # nothing had to be fetched from the full files.
    assert any("/engine-lib-" in url for url in fetched)
    assert not any(url.endswith((".whl", "python_stdlib.zip", "/engine.zip")) for url in fetched)
    assert guarded_page.evaluate("window.pathfinderFinder.marks.fallback") == []


def _expect_fallback(page: Page, words: str) -> None:
    page.wait_for_function("window.pathfinderFinder.state === 'failed'", timeout=ENGINE_TIMEOUT_MS)
    expect(page.locator("#pf-status")).to_contain_text(words)
    expect(page.locator("#pf-nojs")).to_be_visible()
    # Plain questions still answer from the static data.
    _ask_by_url(page, PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    assert _shown(page) == _want(_cli_routes("school-leaver", "pharmacy-technician", {}))


def test_blocked_wasm_says_so_and_plain_answers_still_work(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/*.wasm", lambda route: route.abort())
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _expect_fallback(guarded_page, "could not be downloaded")


def test_worker_error_says_so_and_plain_answers_still_work(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/worker.mjs", lambda route: route.fulfill(status=404, body="gone"))
    guarded_page.goto(base_url + "finder/" + FILTERED)
    _expect_fallback(guarded_page, "could not start")


def _plain_routes_shown(page: Page, start: str, goal: str) -> None:
    """The routes for anyone (the static answer) are on the page, with the note on what a situation changes."""
    expect(page.locator(".pf-plain-note")).to_be_visible()
    assert page.locator("#pf-results").get_attribute("data-source") == "static"
    assert _shown(page) == _want(_cli_routes(start, goal, {}))


def test_a_situation_question_shows_the_plain_routes_and_progress_at_once(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    page = guarded_page
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "finder/" + SITUATION)
    expect(page.locator(".pf-plain-note")).to_be_visible(timeout=5000)
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")
    expect(page.locator(".pf-plain-note")).to_contain_text("qualification you do not have")
    loading = page.locator("#pf-loading")
    expect(loading).to_contain_text("Downloading the route finder")
    expect(loading).to_contain_text("MB")
    expect(loading.locator("progress")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    _wait_for_answer(page, SITUATION, "engine")
    expect(page.locator(".pf-plain-note")).to_have_count(0)
    expect(loading).to_be_hidden()


def test_a_situation_link_starts_the_engine_before_the_page_has_its_answers(
        guarded_page: Page, base_url: str) -> None:
    """A shared link that asks about a situation starts the engine as the page script runs: on a phone the
    page's answers (routes.json) and Material's scripts come later, and the engine's download is the longest."""
    page = guarded_page
    held: list[Route] = []
    page.route("**/finder/routes.json", lambda route: held.append(route))
    page.goto(base_url + "finder/" + SITUATION)
    page.wait_for_function("window.pathfinderFinder.state === 'starting'", timeout=5000)
    assert page.locator("#pf-results").get_attribute("data-source") is None  # no answer of any kind yet
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    _wait_for_answer(page, SITUATION, "engine")


def test_without_webassembly_the_page_says_so_within_5_seconds(
        guarded_page: Page, base_url: str, requests_seen: RequestLog) -> None:
    page = guarded_page
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(base_url + "finder/" + SITUATION)
    expect(page.locator("#pf-status")).to_contain_text("needs WebAssembly", timeout=5000)
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")
    assert not [url for url in requests_seen.local if any(part in url for part in ENGINE_FILES)]


def test_webassembly_blocked_in_the_worker_is_said_within_5_seconds(guarded_page: Page, base_url: str) -> None:
    page = guarded_page

    def without_wasm(route: Route) -> None:
        body = route.fetch().text()
        route.fulfill(body="delete globalThis.WebAssembly;\n" + body, content_type="text/javascript")

    page.route("**/worker.mjs", without_wasm)
    page.goto(base_url + "finder/" + SITUATION)
    expect(page.locator("#pf-status")).to_contain_text("needs WebAssembly", timeout=5000)
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")


def test_a_failed_download_is_said_within_5_seconds_and_can_be_tried_again(
        guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.route("**/engine-lib-*", lambda route: route.abort())
    page.goto(base_url + "finder/" + SITUATION)
    expect(page.locator("#pf-status")).to_contain_text("could not be downloaded", timeout=5000)
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")
    page.unroute("**/engine-lib-*")
    page.get_by_role("button", name="Try again").click()
    _wait_for_answer(page, SITUATION, "engine")


SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {get: () => ({saveData: true,
    effectiveType: "4g", downlink: 10, rtt: 50, addEventListener() {}, removeEventListener() {}})});"""


def test_save_data_asks_before_the_download(
        guarded_page: Page, base_url: str, requests_seen: RequestLog, console_errors: list[str]) -> None:
    page = guarded_page
    page.add_init_script(SAVE_DATA)
    page.goto(base_url + "finder/" + SITUATION)
    loading = page.locator("#pf-loading")
    expect(loading).to_contain_text("save data", timeout=5000)
    expect(loading).to_contain_text("MB")
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")
    page.focus("#pf-max")  # a situation control does not start the download either
    page.wait_for_timeout(500)
    assert not [url for url in requests_seen.local if any(part in url for part in ENGINE_FILES)]
    assert page.evaluate("window.pathfinderFinder.state") == "off"
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_role("button", name="Download and plan").click()
    _wait_for_answer(page, SITUATION, "engine")


def test_on_slow_3g_the_page_asks_or_says_so_within_5_seconds(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 2000, "downloadThroughput": 50_000,
                                                   "uploadThroughput": 50_000, "connectionType": "cellular3g"})
    page.check("#pf-earn")
    page.click("#pf-form button[type=submit]")
    expect(page.locator("#pf-loading")).to_contain_text(re.compile("slow|Nothing has arrived"), timeout=5000)
    _plain_routes_shown(page, "school-leaver", "pharmacy-technician")


def _slow_worker(seconds: int) -> Any:
    """worker.mjs with a question that keeps Python busy: any with hours=37 runs for ``seconds`` first."""

    def handler(route: Route) -> None:
        body = route.fetch().text().replace(
            "function ask(id, question) {",
            "function ask(id, question) {\n  if (question.hours === 37) { const t = Date.now(); "
            f"while (Date.now() - t < {seconds * 1000}); }}")
        route.fulfill(body=body, content_type="text/javascript")

    return handler


def test_a_new_question_cancels_one_the_engine_is_busy_with(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.route("**/worker.mjs", _slow_worker(60))
    page.goto(base_url + "finder/" + FILTERED)
    _wait_for_answer(page, FILTERED, "engine")
    busy = PLAIN + "&hours=37"
    _ask_by_url(page, busy)
    page.wait_for_timeout(1000)
    _ask_by_url(page, SITUATION)
    _wait_for_answer(page, SITUATION, "engine")  # long before the busy one would have finished
    assert page.evaluate("window.pathfinderFinder.restarts") == 1
    assert _shown(page) == _want(_cli_routes("career-changer", "pharmacy-technician", {"have": []}))


def test_a_new_question_while_the_engine_starts_takes_the_place_of_the_old(
        guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(base_url + "finder/" + FILTERED)
    while not held:
        page.wait_for_timeout(50)
    _ask_by_url(page, SITUATION)
    held[0].continue_()
    _wait_for_answer(page, SITUATION, "engine")
    page.wait_for_timeout(500)
    assert page.locator("#pf-results").get_attribute("data-question") == SITUATION
    assert page.evaluate("window.pathfinderFinder.restarts") == 0


def test_a_question_past_30_seconds_says_so_and_can_be_stopped(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.route("**/worker.mjs", _slow_worker(45))
    page.goto(base_url + "finder/" + FILTERED)
    _wait_for_answer(page, FILTERED, "engine")
    _ask_by_url(page, PLAIN + "&hours=37")
    expect(page.locator("#pf-loading")).to_contain_text("Working out your plan", timeout=5000)
    expect(page.locator("#pf-status")).to_contain_text("more than 30 seconds", timeout=35_000)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#pf-status")).to_contain_text("Stopped")
    assert page.evaluate("window.pathfinderFinder.state") == "off"


def test_unknown_qualifications_in_a_link_are_said_not_planned_as_none(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    page = guarded_page
    search = "?from=career-changer&to=pharmacy-technician&have=gcse-science,no-such-thing"
    page.goto(base_url + "finder/" + search)
    expect(page.locator("#pf-problem")).to_contain_text('We do not know the qualification "no-such-thing"')
    expect(page.locator("#pf-status")).to_contain_text("not planned from your qualifications")
    _plain_routes_shown(page, "career-changer", "pharmacy-technician")
    assert page.evaluate("window.pathfinderFinder.state") == "off"  # nothing was asked as "none"


def test_without_its_answers_the_page_says_so_and_links_to_the_careers(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/finder/routes.json", lambda route: route.fulfill(status=404, body="gone"))
    guarded_page.goto(base_url + "finder/" + PLAIN)
    expect(guarded_page.locator("#pf-status")).to_contain_text("could not load")
    expect(guarded_page.locator("#pf-nojs")).to_be_visible()
    expect(guarded_page.locator("#pf-form")).to_be_hidden()


def test_without_javascript_there_are_only_links_to_the_answers(browser: Browser, base_url: str) -> None:
    with guarded_context(browser, base_url, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(base_url + "finder/" + PLAIN)
        expect(page.locator("#pf-nojs")).to_be_visible()
        expect(page.locator("#pf-form")).to_be_hidden()
        assert page.locator("#pf-finder input:visible, #pf-finder button:visible").count() == 0
        page.locator("#pf-nojs").get_by_role("link", name="Pharmacy technician", exact=True).click()
        page.wait_for_url("**/careers/pharmacy-technician/")
        body = page.locator("main, article, body").first.inner_text()
        first_route = _cli_routes("school-leaver", "pharmacy-technician", {})[0]
        for title in first_route["titles"][1:-1]:
            assert title in body


def test_the_first_paint_shows_the_form_that_stays(guarded_page: Page, base_url: str) -> None:
    """With JavaScript, the form (not the links for browsers without it) shows before the page script arrives,
    and nothing is swapped or moved when it does."""
    page = guarded_page
    held: list[Route] = []
    page.route("**/finder.js", lambda route: held.append(route))
    page.goto(base_url + "finder/" + PLAIN, wait_until="commit")
    page.wait_for_selector("#pf-results", state="attached")
    page.wait_for_function("document.getElementById('pf-finder').getBoundingClientRect().height > 0")
    while not held:
        page.wait_for_timeout(50)
    assert page.locator("#pf-finder.pf-js").count() == 0  # the script has not run, nor Material's after it
    # Material's own "js" layout (its search) is in place already, not added when its bundle runs.
    assert page.evaluate("document.documentElement.className.split(' ')").count("js") == 1
    expect(page.locator("#pf-form")).to_be_visible()
    expect(page.locator("#pf-nojs")).to_be_hidden()
    before = page.locator("#pf-form").bounding_box()
    held[0].continue_()
    _wait_for_answer(page, PLAIN, "static")
    expect(page.locator("#pf-nojs")).to_be_hidden()
    assert page.locator("#pf-form").bounding_box() == before


def test_when_the_script_cannot_load_the_links_replace_the_form(guarded_page: Page, base_url: str) -> None:
    guarded_page.route("**/finder.js", lambda route: route.abort())
    guarded_page.goto(base_url + "finder/" + PLAIN)
    expect(guarded_page.locator("#pf-nojs")).to_be_visible()
    expect(guarded_page.locator("#pf-form")).to_be_hidden()


def test_a_direct_visit_follows_instant_navigation_away_and_back(
        guarded_page: Page, base_url: str, site_dir: Path, console_errors: list[str]) -> None:
    """Material's scripts run after the finder's on a direct visit (deferred on this page): the finder must still
    set itself up again when instant navigation brings the page back."""
    page = guarded_page
    serve_local_sitemap(page, site_dir, base_url)
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    page.wait_for_load_state("networkidle")  # the sitemap, which instant navigation needs
    page.evaluate("window.pfSameDocument = true")
    page.locator('.md-sidebar--primary a[href$="careers/"]').first.click()
    page.wait_for_function("!document.getElementById('pf-finder')")
    page.go_back()
    _wait_for_answer(page, PLAIN, "static")
    assert _shown(page) == _want(_cli_routes("school-leaver", "pharmacy-technician", {}))
    assert page.evaluate("window.pfSameDocument") is True  # instant navigation, not a reload


AXE_STATES = ["", PLAIN, FILTERED, SITUATION, "?from=school-leaver&within=36",
              "?from=school-leaver&to=pharmacy-technician&max=12", "?from=%3Cb%3Ex%3C%2Fb%3E&max=0"]


@pytest.mark.parametrize("search", AXE_STATES,
                         ids=["empty", "answered", "earn", "situation", "reach", "dead-end", "error"])
def test_no_axe_violations(guarded_page: Page, base_url: str, search: str, console_errors: list[str]) -> None:
    guarded_page.goto(base_url + "finder/" + search)
    if search == PLAIN:
        _wait_for_answer(guarded_page, search, "static")
    elif search and "%3C" not in search:
        _wait_for_answer(guarded_page, search, "engine")
    else:
        guarded_page.wait_for_selector("#pf-finder.pf-js")
    guarded_page.evaluate("document.querySelectorAll('#pf-options').forEach(d => d.open = true)")
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_focus_moves_to_the_answer_and_it_is_announced(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
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
    expect(status).to_contain_text("route")
    assert page.evaluate("document.activeElement.id") == "pf-answer-heading"
    _tab_to(page, "#pf-earn")
    page.keyboard.press("Space")
    _tab_to(page, "#pf-max")
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    search = PLAIN + "&earn=1&max=60"
    _wait_for_answer(page, search, "engine")
    expect(status).to_contain_text("worked out just now")
    assert page.evaluate("document.activeElement.id") == "pf-answer-heading"
    _tab_to(page, ".pf-route a")
    _tab_to(page, ".pf-copy-button")
    _tab_to(page, ".pf-print-button")


def test_back_and_forward_show_each_question(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    page.fill("#pf-from", "Changing career")
    page.click("#pf-form button[type=submit]")
    other = "?from=career-changer&to=pharmacy-technician"
    _wait_for_answer(page, other, "static")
    # A question the engine answers is recorded in history too (while the engine works on it).
    page.check("#pf-earn")
    page.click("#pf-form button[type=submit]")
    situation = other + "&earn=1"
    _wait_for_answer(page, situation, "engine")
    assert page.evaluate("location.search") == situation
    page.go_back()
    _wait_for_answer(page, other, "static")
    page.go_back()
    _wait_for_answer(page, PLAIN, "static")
    expect(page.locator("#pf-from")).to_have_value("Leaving school or college")
    page.go_forward()
    _wait_for_answer(page, other, "static")
    assert page.evaluate("history.length") == 4  # the blank tab, then one entry a question


def test_a_link_with_titles_is_read_and_tidied(guarded_page: Page, base_url: str) -> None:
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
    "?from=school-leaver&to=pharmacy-technician&have=%3Cb%3E",
    "?from=school-leaver&to=pharmacy-technician&hours=999",
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
    page.check("#pf-earn")
    page.click("#pf-form button[type=submit]")
    _wait_for_answer(page, FILTERED, "engine")
    assert len([w for w in page.workers if w.url.endswith("/worker.mjs")]) == 1


def test_wording_of_answers(guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    texts = []
    for search in [PLAIN, "?from=pharmacy-technician&to=foundation-pharmacy-technician",
                   "?from=dispensing-assistant&to=pharmacy-technician", SITUATION]:
        _ask_by_url(page, search)
        _wait_for_answer(page, search, "engine" if "have" in search else "static")
        text = page.locator("#pf-results").inner_text()
        texts.append(text)
        assert not re.search(r"\b1 steps\b|about no |after no |no training time", text), (search, text)
        groups = page.locator(".pf-route").count()
        heading = page.locator("#pf-answer-heading").inner_text()
        assert heading.startswith("There is one route" if groups == 1 else f"There are {groups} routes")
        if groups == 1:
            expect(page.locator(".pf-one")).to_be_visible()
    # Every route to the same role says the same about GPhC registration.
    _ask_by_url(page, PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    cells = page.eval_on_selector_all(".pf-compare-table tbody tr", """rows => rows
        .filter(r => r.querySelector("th").textContent.includes("GPhC"))
        .map(r => [...r.querySelectorAll("td")].map(td => td.textContent))""")
    assert cells == [["Yes", "Yes"]]
    # Routes differing only in the support job held are one route with a choice.
    assert page.locator(".pf-route").count() < len(_cli_routes("school-leaver", "pharmacy-technician", {}))
    expect(page.locator(".pf-route", has_text="One of these jobs")).to_have_count(1)


def test_a_dead_end_suggests_the_nearest_relaxation(guarded_page: Page, base_url: str) -> None:
    search = "?from=school-leaver&to=pharmacy-technician&max=12"
    guarded_page.goto(base_url + "finder/" + search)
    _wait_for_answer(guarded_page, search, "engine")
    relax = guarded_page.locator(".pf-relax")
    expect(relax).to_contain_text("With 24 months (2 years) there is 1 route")
    relax.get_by_role("link").click()
    _wait_for_answer(guarded_page, "?from=school-leaver&to=pharmacy-technician&max=24", "engine")
    assert guarded_page.locator(".pf-route").count() == 1


def test_copy_link_to_this_plan(guarded_page: Page, base_url: str) -> None:
    guarded_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    guarded_page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(guarded_page, PLAIN, "static")
    guarded_page.click(".pf-copy-button")
    expect(guarded_page.locator("#pf-status")).to_contain_text("copied")
    assert guarded_page.evaluate("navigator.clipboard.readText()") == base_url + "finder/" + PLAIN


def test_print_fits_few_pages_with_full_addresses_and_the_checked_date(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    page.emulate_media(media="print")
    expect(page.locator("#pf-form")).to_be_hidden()
    expect(page.locator(".pf-plan-address")).to_contain_text(base_url + "finder/" + PLAIN)
    expect(page.locator(".pf-checked")).to_be_visible()
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.pf-route a[data-full]'), '::after').content")
    assert base_url in after
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages


def test_compare_and_what_next(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "finder/" + PLAIN)
    _wait_for_answer(page, PLAIN, "static")
    expect(page.locator(".pf-compare-table tbody tr")).to_have_count(4)
    page.select_option("#pf-compare-b", "0")
    expect(page.locator(".pf-compare-table caption")).to_contain_text("Route 1 and route 1")
    assert page.url.endswith(PLAIN + "&compare=1%2C1")
    page.goto(base_url + "finder/" + PLAIN + "&compare=2,1")
    expect(page.locator(".pf-compare-table caption")).to_contain_text("Route 2 and route 1")


def test_what_next_from_a_role_alone(guarded_page: Page, base_url: str) -> None:
    guarded_page.goto(base_url + "finder/?from=dispensing-assistant")
    expect(guarded_page.locator("#pf-next-heading")).to_be_visible()
    assert guarded_page.locator(".pf-next li > a").count() >= 1
    expect(guarded_page.locator("#pf-status")).to_contain_text("Choose where you want to get to")


def test_a_role_pages_finder_link_presets_that_role(guarded_page: Page, base_url: str) -> None:
    page = guarded_page
    page.goto(base_url + "careers/pharmacist/")
    page.get_by_role("link", name="Plan your own route in the route finder").click()
    page.wait_for_selector("#pf-finder.pf-js")
    expect(page.locator("#pf-to")).to_have_value("Pharmacist")
    expect(page.locator("#pf-from")).to_have_value("")
    expect(page.locator("#pf-status")).to_contain_text("Choose where you are now")


def test_where_could_i_get_to_is_a_list_and_marked_on_the_map(
        guarded_page: Page, base_url: str, console_errors: list[str]) -> None:
    search = "?from=school-leaver&within=36"
    guarded_page.goto(base_url + "finder/" + search)
    _wait_for_answer(guarded_page, search, "engine")
    reached = guarded_page.eval_on_selector_all(".pf-reach li", "items => items.map(i => i.dataset.to)")
    months = guarded_page.eval_on_selector_all(".pf-reach li", "items => items.map(i => Number(i.dataset.months))")
    assert reached and months == sorted(months) and max(months) <= 36
    # Jobs whose route asks for time in a job that varies are listed apart, never as within the 36 months.
    apart = guarded_page.eval_on_selector_all(".pf-reach-varies li", "items => items.map(i => i.dataset.to)")
    assert "pharmacy-technician-manager" in apart and "pharmacy-technician-manager" not in reached
    expect(guarded_page.locator(".pf-varies")).to_contain_text("not counted as within 36 months")
    marked = guarded_page.locator(".pf-reach-map .pf-map-reached")
    expect(marked).to_have_count(len(reached))
    hrefs = marked.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == sorted(reached)
    expect(guarded_page.locator(".pf-reach-map .pf-map-here")).to_have_count(1)
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_the_within_map_opens_on_the_roles_reached_and_its_caption_says_what_is_in_view(
        browser: Browser, base_url: str, viewport: dict[str, int]) -> None:
    """The reach map scrolls to the green boxes (not the empty first columns), and its caption counts the boxes
    actually in view."""
    search = "?from=career-changer&within=60"
    with guarded_context(browser, base_url, viewport=viewport) as context:
        page = context.new_page()
        page.goto(base_url + "finder/" + search)
        _wait_for_answer(page, search, "engine")
        figure = page.locator(".pf-reach-map")
        expect(figure).to_have_count(1)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        seen = figure.evaluate("""f => {
          const frame = f.querySelector('.pf-reach-map-scroll').getBoundingClientRect();
          const boxes = [...f.querySelectorAll('.pf-map-reached rect')].map(r => r.getBoundingClientRect());
          return {inView: boxes.filter(b => b.left >= frame.left - 1 && b.right <= frame.right + 1).length,
                  total: boxes.length, caption: f.querySelector('figcaption').textContent,
                  scrolled: f.querySelector('.pf-reach-map-scroll').scrollLeft};
        }""")
    assert seen["total"] >= 2 and seen["inView"] >= 1, seen
    assert seen["scrolled"] > 0, seen  # the first columns hold starting points and training, never a role reached
    if seen["inView"] == seen["total"]:
        assert f"the {seen['total']} roles" in seen["caption"] and "scroll" not in seen["caption"], seen
    else:
        assert f"{seen['inView']} of {seen['total']} in view" in seen["caption"], seen
