"""Shared fixtures for browser tests: the built site on a loopback server, system Chromium, a request guard
and axe-core.

The site is built once per session with ``mkdocs build --strict`` (or taken from PATHFINDER_SITE_DIR, which
``make test`` sets after its own strict build), served by a threaded http.server on 127.0.0.1, and driven by
pytest-playwright's fixtures with the launch options below.

The browser is Chromium at PATHFINDER_CHROMIUM (``make test`` sets it from ``CHROMIUM``, by default Debian's
``/usr/bin/chromium``, which it installs as root when missing). Nothing is downloaded: Playwright's own
browsers are not used. Without a Chromium the run stops at once with one line saying what to run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_CHROMIUM = Path(os.environ.get("PATHFINDER_CHROMIUM") or "/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Stop at once, with one line, when browser tests are to run and there is no Chromium to run them."""
    if any(item.get_closest_marker("browser") for item in session.items) and not os.access(SYSTEM_CHROMIUM, os.X_OK):
        pytest.exit(f"the browser tests need Chromium and there is none at {SYSTEM_CHROMIUM}: run `sudo apt-get "
                    "install chromium`, or set PATHFINDER_CHROMIUM=/path/to/chromium (or skip them: -m 'not browser')",
                    returncode=pytest.ExitCode.USAGE_ERROR)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib declares it as a plain class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
        ".json": "application/json", ".svg": "image/svg+xml", ".whl": "application/zip",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        """As a real host set up as the README says: the build's ``.br`` or ``.gz`` copy of a file, when the
        browser accepts that encoding, with the file's own type."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix):
                packed = open(path + suffix, "rb")  # noqa: SIM115 - the base class sends and closes it
                stat = os.fstat(packed.fileno())
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(stat.st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
                self.end_headers()
                return packed
        return super().send_head()


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page mid-download breaks the connection: expected, so not printed."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/ serving the built site (overrides pytest-base-url's option)."""
    server = _QuietServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The Chromium named above, with the project's launch flags (nothing can be downloaded here)."""
    return {**browser_type_launch_args, "args": CHROMIUM_FLAGS, "executable_path": str(SYSTEM_CHROMIUM)}


class RequestLog:
    """Every request a page made, split into loopback ones and the rest (which were blocked)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.local: list[str] = []
        self.blocked: list[str] = []

    def handle(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            self.local.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@contextmanager
def guarded_context(browser: Browser, base_url: str, **options: Any) -> Iterator[BrowserContext]:
    """A new browser context (``options`` as for ``Browser.new_context``) behind the request guard, closed at the
    end; the test fails if any request left the loopback server."""
    context = browser.new_context(**options)
    log = RequestLog(base_url)
    context.route("**/*", log.handle)
    try:
        yield context
    finally:
        context.close()
    assert log.blocked == [], f"requests left the loopback server: {log.blocked}"


@pytest.fixture
def requests_seen(context: BrowserContext, base_url: str) -> Iterator[RequestLog]:
    """Request guard: aborts and records any request that is not to the loopback server; the test fails if any
    was made."""
    log = RequestLog(base_url)
    context.route("**/*", log.handle)
    yield log
    assert log.blocked == [], f"requests left the loopback server: {log.blocked}"


@pytest.fixture
def guarded_page(page: Page, requests_seen: RequestLog) -> Page:
    """A page whose every request is checked by the request guard."""
    return page


def axe_violations(page: Page, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules, injected locally) on the page; return its violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags or WCAG_TAGS)
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Readable summary for assertion messages."""
    return "\n".join(f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations)


def serve_local_sitemap(target: Page | BrowserContext, site_dir: Path, base_url: str) -> None:
    """Material navigates instantly only to addresses its sitemap.xml lists, matched on scheme, host and port;
    the built sitemap names the configured site_url. Serve it as the real host would: naming this server. Read
    from the built site, not fetched, so no request is left in flight when a test closes its page."""
    body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base_url}", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    target.route("**/sitemap.xml", lambda route: route.fulfill(body=body, content_type="application/xml"))


@pytest.fixture
def console_errors(guarded_page: Page) -> Iterator[list[str]]:
    """Console errors and uncaught exceptions on the page; the test fails if there were any."""
    errors: list[str] = []
    guarded_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    guarded_page.on("pageerror", lambda error: errors.append(str(error)))
    yield errors
    assert errors == []
