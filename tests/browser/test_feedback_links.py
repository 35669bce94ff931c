"""In the browser: with SITE_REPO set, a visitor sees "Report a problem with this page" and "Edit this page" at the
end of the page; with nothing set (the site the other browser tests use), neither is there."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from .conftest import ROOT, _QuietHandler, _QuietServer, axe_violations, describe_violations, guarded_context

REPO = "https://github.com/example-org/pharmacy-careers"
PAGES = ["", "careers/pharmacy-technician/", "training/trainee-pharmacy-technician/", "start/school-leaver/",
         "finder/", "privacy/"]


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The valid test data built with SITE_REPO, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("linked-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_REPO": REPO,
           "PATHFINDER_PATHWAYS": str(ROOT / "tests" / "data" / "valid")}
    env.pop("SITE_FEEDBACK_EMAIL", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env,
                   check=True)
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_sees_both_links_when_a_repository_is_set(browser: Browser, linked_site: str, path: str) -> None:
    with guarded_context(browser, linked_site, viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        page.goto(linked_site + path)
        report = page.get_by_role("link", name="Report a problem with this page")
        edit = page.get_by_role("link", name="Edit this page")
        expect(report).to_be_visible()
        expect(edit).to_be_visible()
        assert (report.get_attribute("href") or "").startswith(REPO + "/issues/new?")
        assert (edit.get_attribute("href") or "").startswith(REPO + "/edit/main/")
        if path.startswith("careers/"):
            assert (edit.get_attribute("href") or "").endswith("/roles/pharmacy-technician.yaml")
        report.focus()  # reachable from the keyboard, with a visible focus
        expect(report).to_be_focused()
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("path", PAGES)
def test_neither_link_without_settings(browser: Browser, base_url: str, path: str) -> None:
    with guarded_context(browser, base_url) as context:
        page = context.new_page()
        page.goto(base_url + path)
        expect(page.locator("h1").first).to_be_visible()
        assert page.get_by_role("link", name="Report a problem with this page").count() == 0
        assert page.get_by_role("link", name="Edit this page").count() == 0
