"""Route finder benchmarks: real Chromium, the built site on 127.0.0.1, a fresh browser (cold cache) per sample,
median of 5.

- Navigation to the first route visible (the static answer).
- Navigation until the Python engine has answered a question with options, against a naive page built here in a
  temporary folder: Pyodide on the main thread, the networkx wheel installed whole and ``import networkx``
  (everything), then the same question through the same route code.
- A question with options once the engine is ready: from the new URL to the engine's routes on the page.
- Bytes transferred by the finder page before the engine starts and with the engine loaded.

``run()`` returns ``(metric, value, target)`` rows; ``python bench/bench_finder.py`` prints them as a table.
Uses the site in PATHFINDER_SITE_DIR, else ``site/`` (``make build``), else builds one in a temporary folder.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, Playwright, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_FLAGS, SYSTEM_CHROMIUM, _QuietHandler  # noqa: E402

__all__ = ["run"]

SAMPLES = 5
TIMEOUT_MS = 120_000
QUESTION = "?from=school-leaver&to=pharmacy-technician&earn=1"
PLAIN = "?from=school-leaver&to=pharmacy-technician"
FILTERED_QUESTIONS = [
    "?from=career-changer&to=pharmacy-technician&max=48",
    "?from=school-leaver&to=pharmacy-technician&avoid=hospital",
    "?from=dispensing-assistant&to=pharmacy-technician&earn=1",
    "?from=school-leaver&to=pharmacy-technician&earn=1&max=40",
    "?from=career-changer&to=pharmacy-technician&avoid=community-pharmacy",
]
ENGINE_PATHS = ("/assets/pyodide/", "/assets/wheels/", "/engine.zip", "/worker.mjs", "/finder/graph.json")

# The naive page: Pyodide on the main thread, networkx installed whole from the same wheel and imported
# in full, then the same route code and graph answering the same question.
NAIVE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Naive finder</title></head>
<body><h1>Naive finder</h1><p id="out">Loading</p>
<script type="module">
const site = new URL("../", location.href);
const response = await fetch(new URL("finder/", site));
const page = new DOMParser().parseFromString(await response.text(), "text/html");
const urls = page.getElementById("pf-finder").dataset;
const at = (path) => new URL(path, new URL("finder/", site)).href;
const { loadPyodide } = await import(at(urls.pyodide) + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: at(urls.pyodide) });
await pyodide.loadPackage(at(urls.wheel));
const engine = await (await fetch(at(urls.engine))).arrayBuffer();
pyodide.unpackArchive(engine, "zip", { extractDir: "/home/pyodide" });
pyodide.runPython("import networkx");
const graph = await (await fetch(at(urls.graph))).text();
pyodide.globals.set("graph_text", graph);
const answer = pyodide.runPython(`
import json, networkx as nx
from pathfinder.routes import routes
G = nx.node_link_graph(json.loads(graph_text), edges="edges")
json.dumps([r.as_dict(G) for r in routes(G, "school-leaver", "pharmacy-technician", earn_while_learning=True)])
`);
document.getElementById("out").textContent = answer;
performance.mark("naive-answer");
window.naiveDone = true;
</script></body></html>
"""


def _site_dir(scratch: Path) -> Path:
    given = os.environ.get("PATHFINDER_SITE_DIR")
    if given:
        return Path(given)
    if (ROOT / "site" / "finder" / "routes.json").is_file():
        return ROOT / "site"
    out = scratch / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return out


def _serving_root(site: Path, scratch: Path) -> Path:
    """The site's files plus naive/index.html, without touching the site itself."""
    served = scratch / "served"
    served.mkdir()
    for entry in site.iterdir():
        (served / entry.name).symlink_to(entry)
    (served / "naive").mkdir()
    (served / "naive" / "index.html").write_text(NAIVE_PAGE, encoding="utf-8")
    return served


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closed mid-download: expected here, nothing to report."""


@contextmanager
def _server(folder: Path) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _browser(playwright: Playwright) -> Browser:
    options: dict[str, Any] = {"args": CHROMIUM_FLAGS}
    if SYSTEM_CHROMIUM.exists():
        options["executable_path"] = str(SYSTEM_CHROMIUM)
    return playwright.chromium.launch(**options)


class _Requests:
    """The requests a context finished. Sizes are read afterwards: a sync Playwright call inside an event
    handler would deadlock."""

    def __init__(self) -> None:
        self.finished: list[Any] = []
        self.before = 0

    def gzipped(self, site: Path) -> int:
        """Bytes of the files fetched so far if the host served them gzip-compressed (level 6)."""
        total = 0
        for url in {request.url for request in self.finished}:
            path = site / urlsplit(url).path.lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            if path.is_file():
                total += len(gzip.compress(path.read_bytes(), compresslevel=6))
        return total

    def sizes(self) -> dict[str, int]:
        """Bytes per request so far, headers and body."""
        sizes = {}
        for request in list(self.finished):
            got = request.sizes()
            sizes[request.url] = got["responseBodySize"] + got["responseHeadersSize"]
        return sizes


Measure = Callable[[Page, _Requests], float]


def _sample(playwright: Playwright, measure: Measure, site: Path) -> tuple[float, int, int, int]:
    """One cold measurement in a fresh browser: (value, bytes before the engine, bytes in all, gzipped)."""
    browser = _browser(playwright)
    try:
        context = browser.new_context()
        page = context.new_page()
        requests = _Requests()
        context.on("requestfinished", lambda request: requests.finished.append(request))
        value = measure(page, requests)
        return value, requests.before, sum(requests.sizes().values()), requests.gzipped(site)
    finally:
        browser.close()


def _mark(page: Page, name: str) -> float:
    return float(page.evaluate("n => performance.getEntriesByName(n)[0].startTime", name))


def _first_route(base: str) -> Measure:
    def measure(page: Page, _requests: _Requests) -> float:
        page.goto(base + "finder/" + PLAIN)
        page.wait_for_selector(".pf-route", state="visible")
        return _mark(page, "pf-first-answer")

    return measure


def _engine_answer(base: str) -> Measure:
    def measure(page: Page, requests: _Requests) -> float:
        page.goto(base + "finder/" + QUESTION)
        page.wait_for_selector(".pf-route", state="visible")
        page.wait_for_load_state("load")
        requests.before = sum(v for k, v in requests.sizes().items() if not any(p in k for p in ENGINE_PATHS))
        page.wait_for_selector(f'#pf-results[data-source="engine"][data-question="{QUESTION}"]',
                               state="attached", timeout=TIMEOUT_MS)
        return _mark(page, "pf-engine-answer")

    return measure


def _naive_answer(base: str) -> Measure:
    def measure(page: Page, _requests: _Requests) -> float:
        page.goto(base + "naive/")
        page.wait_for_function("window.naiveDone === true", timeout=TIMEOUT_MS)
        return _mark(page, "naive-answer")

    return measure


# Asks through the form, as a visitor does, and times it until the engine's routes are on the page.
_FILTERED_SCRIPT = """async (search) => {
    const params = new URLSearchParams(search);
    const form = document.getElementById("pf-form");
    const results = document.getElementById("pf-results");
    form.elements.from.value = params.get("from");
    form.elements.to.value = params.get("to");
    form.elements.earn.checked = params.has("earn");
    form.elements.max.value = params.get("max") || "";
    const avoid = params.getAll("avoid");
    for (const box of form.querySelectorAll('input[name="avoid"]')) box.checked = avoid.includes(box.value);
    const started = performance.now();
    const done = new Promise((resolve) => {
        const check = () => results.dataset.source === "engine" && results.dataset.question === search;
        const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
        observer.observe(results, { attributes: true, childList: true });
    });
    form.requestSubmit();
    await done;
    return performance.now() - started;
}"""


def _filtered_queries(base: str) -> Measure:
    def measure(page: Page, _requests: _Requests) -> float:
        page.goto(base + "finder/" + PLAIN)
        page.wait_for_function("window.pathfinderFinder.state === 'ready'", timeout=TIMEOUT_MS)
        times = [float(page.evaluate(_FILTERED_SCRIPT, search)) for search in FILTERED_QUESTIONS]
        return statistics.median(times)

    return measure


def _median(playwright: Playwright, measure: Measure, site: Path) -> tuple[float, float, float, float]:
    """Medians over SAMPLES cold runs of the value, the bytes before the engine, in all, and in all gzipped."""
    samples = [_sample(playwright, measure, site) for _ in range(SAMPLES)]
    values, before, total, gzipped = zip(*samples, strict=True)
    return (statistics.median(values), statistics.median(before), statistics.median(total),
            statistics.median(gzipped))


def _kb(size: float) -> str:
    return f"{size / 1024:,.0f} KB"


def run() -> list[tuple[str, str, str]]:
    """Measure the finder; returns (metric, value, target) rows."""
    with tempfile.TemporaryDirectory(prefix="bench-finder-") as scratch_name:
        scratch = Path(scratch_name)
        site = _site_dir(scratch)
        served = _serving_root(site, scratch)
        with _server(served) as base, sync_playwright() as playwright:
            first, _, _, _ = _median(playwright, _first_route(base), site)
            engine, before, total, gzipped = _median(playwright, _engine_answer(base), site)
            naive, _, _, _ = _median(playwright, _naive_answer(base), site)
            filtered, _, _, _ = _median(playwright, _filtered_queries(base), site)
    ratio = engine / naive
    return [
        ("Finder: navigation to first route visible", f"{first / 1000:.2f} s", "< 0.5 s"),
        ("Finder: navigation until the Python engine answers", f"{engine / 1000:.2f} s",
         f"< 0.6 x naive = {0.6 * naive / 1000:.2f} s"),
        ("Finder: naive page (main-thread Pyodide, all of networkx)", f"{naive / 1000:.2f} s", "reference"),
        ("Finder: engine time / naive time", f"{ratio:.2f}", "< 0.60"),
        ("Finder: question with options, engine ready", f"{filtered:.0f} ms", "< 50 ms"),
        ("Finder: bytes before the engine loads", _kb(before), "reported"),
        ("Finder: bytes with the engine loaded", _kb(total), "reported"),
        ("Finder: the same, if the host serves gzip", _kb(gzipped), "reported"),
    ]


def _table(rows: list[tuple[str, str, str]]) -> str:
    header = ("Metric", "Value", "Target")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    print(f"Route finder, cold cache, median of {SAMPLES}:")
    print(_table(run()))
