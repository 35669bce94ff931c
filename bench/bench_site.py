"""Site benchmark: full strict build of the real pathways, and the bytes a role page transfers on a fresh cache.

The page is served the way static hosts serve it, with gzip for text files; the uncompressed total is printed
too. Run alone with ``.venv/bin/python bench/bench_site.py`` or through ``make bench``.
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
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ROLE_PAGE = "careers/pharmacy-technician/"
BUILDS = 3
_TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".csv", ".graphml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: text compressed with gzip when the browser accepts it."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in _TEXT or not path.is_file():
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build_seconds(out: Path) -> float:
    """Median wall time of a full ``mkdocs build --strict`` of the real data."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PATHFINDER_PATHWAYS", None)
    times = []
    for _ in range(BUILDS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                       cwd=ROOT, env=env, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def page_bytes(site: Path, path: str) -> tuple[int, int, int]:
    """(bytes transferred, bytes uncompressed, requests) for one page on a fresh browser cache."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = Path("/usr/bin/chromium")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium) if chromium.exists() else None,
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context().new_page()
            responses: list[Any] = []
            page.on("requestfinished", lambda request: responses.append(request))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            sent = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in responses)
            plain = sum(len(r.response().body()) for r in responses if r.response())
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sent, plain, len(responses)


def run() -> list[tuple[str, str, str]]:
    """Rows of (metric, value, target) for bench/run.py."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        seconds = build_seconds(site)
        pages = len(list(site.rglob("*.html")))
        sent, plain, requests = page_bytes(site, ROLE_PAGE)
    return [
        (f"full build, real data ({pages} pages), median of {BUILDS}", f"{seconds:.1f} s", "< 15 s"),
        (f"role page {ROLE_PAGE}, transferred (gzip), fresh cache", f"{sent / 1024:.0f} KB", "< 300 KB"),
        ("same page, uncompressed", f"{plain / 1024:.0f} KB in {requests} requests", "(for reference)"),
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
