"""Site benchmark: full strict build of the real pathways, the bytes a role page transfers on a fresh cache,
and the build at scale.

The page is served the way static hosts serve it, with gzip for text files; the uncompressed total is printed
too. The scale rows build synthetic sets (``bench_engine.generate``: 100, 1,000 and 2,000 stages) and a dense
set (every job links to every later job: 200 stages, about 20,000 links), each in its own process so that its
time and peak memory are its own, and time ``pathfinder route --limit N`` on the dense set up to the maximum.
Run alone with ``.venv/bin/python bench/bench_site.py`` (``scale`` for the scale rows only) or through
``make bench``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import random
import resource
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
    chromium = os.environ.get("PATHFINDER_CHROMIUM") or "/usr/bin/chromium"  # as the browser tests choose it
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
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


SCALE_SIZES = (100, 1_000, 2_000)
DENSE_STAGES = 200
SYNTHETIC_TARGET_S, DENSE_TARGET_S, ROUTE_TARGET_S, MEMORY_TARGET_MB = 60.0, 120.0, 2.0, 1024


def generate_dense(root: Path, stages: int) -> None:
    """Two starting points into a chain of jobs where every job links to every later job."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_engine import _stage_yaml

    rng = random.Random(1)
    for folder in ("start", "roles", "training"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    jobs = [f"role-{i:05d}" for i in range(stages - 2)]
    for i in range(2):
        (root / "start" / f"start-{i:05d}.yaml").write_text(_stage_yaml(f"start-{i:05d}", "start", jobs[:1], rng))
    for i, job in enumerate(jobs):
        (root / "roles" / f"{job}.yaml").write_text(_stage_yaml(job, "role", jobs[i + 1:], rng))


def measure_scale(kind: str, size: int) -> dict[str, float]:
    """In a fresh process: generate a set, build the site from it (a child process), time route queries."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_engine import generate

    with tempfile.TemporaryDirectory() as tmp:
        pathways, out = Path(tmp) / "pathways", Path(tmp) / "site"
        if kind == "dense":
            generate_dense(pathways, size)
        else:
            generate(pathways, size)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATHFINDER_PATHWAYS": str(pathways)}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                       cwd=ROOT, env=env, check=True)
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = {"build_s": time.perf_counter() - started, "build_cpu_s": child.ru_utime + child.ru_stime,
                  "build_peak_mb": child.ru_maxrss / 1024,
                  "pages": len(list(out.rglob("*.html"))),
                  "routes_json_kb": (out / "finder" / "routes.json").stat().st_size / 1024}
        from pathfinder.graph import load_pathways
        from pathfinder.routes import MAX_LIMIT, routes

        G = load_pathways(pathways).graph
        result.update(stages=G.number_of_nodes(), links=G.number_of_edges())
        if kind == "dense":
            first, last = "start-00000", f"role-{size - 3:05d}"
            for limit in (1, 5, MAX_LIMIT):
                started = time.perf_counter()
                routes(G, first, last, limit=limit)
                result[f"route_{limit}_s"] = time.perf_counter() - started
            started = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "pathfinder"), "route", first, last, "--limit",
                            str(MAX_LIMIT), "--pathways", str(pathways)], check=True, capture_output=True)
            result["route_command_s"] = time.perf_counter() - started
            result["max_limit"] = MAX_LIMIT
    return result


def scale_rows() -> list[tuple[str, str, str]]:
    """Rows for every synthetic size and the dense set, each measured in its own process."""
    rows = []
    for kind, size in [*(("synthetic", n) for n in SCALE_SIZES), ("dense", DENSE_STAGES)]:
        out = subprocess.run([sys.executable, __file__, "measure", kind, str(size)], capture_output=True,
                             text=True, check=True)
        m = json.loads(out.stdout)
        prefix = f"{kind} {int(m['stages']):>5} stages ({int(m['links'])} links, {int(m['pages'])} pages)"
        target = DENSE_TARGET_S if kind == "dense" else SYNTHETIC_TARGET_S
        rows += [
            (f"{prefix}: site build (CPU time)", f"{m['build_s']:.1f} s ({m['build_cpu_s']:.1f} s)",
             f"< {target:.0f} s" if kind == "dense" or size == 2_000 else "grows with stages and links"),
            (f"{prefix}: build peak memory", f"{m['build_peak_mb']:.0f} MB", f"< {MEMORY_TARGET_MB} MB"),
            (f"{prefix}: finder/routes.json", f"{m['routes_json_kb']:.0f} KB", "(for reference)"),
        ]
        if kind == "dense":
            limit = int(m["max_limit"])
            queries = ", ".join(f"{n}: {m[f'route_{n}_s'] * 1000:.0f} ms" for n in (1, 5, limit))
            rows += [(f"{prefix}: routes() first to last job, by --limit", queries, f"< {ROUTE_TARGET_S:.0f} s"),
                     (f"{prefix}: `pathfinder route --limit {limit}` (load + check + search)",
                      f"{m['route_command_s']:.1f} s", f"< {ROUTE_TARGET_S:.0f} s for the search")]
    return rows


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
        *scale_rows(),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        print(json.dumps(measure_scale(sys.argv[2], int(sys.argv[3]))))
    else:
        for row in scale_rows() if sys.argv[1:2] == ["scale"] else run():
            print(" | ".join(row))
