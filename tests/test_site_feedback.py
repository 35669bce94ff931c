"""The "Report a problem with this page" and "Edit this page" links: built from SITE_REPO or SITE_FEEDBACK_EMAIL,
on every page when one is set and on none when neither is, and refused in one line when a setting is malformed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from pathfinder.graph import Pathways, load_pathways
from pathfinder.site import generate_site
from pathfinder.site.feedback import (
    FeedbackSettingError,
    PageSource,
    check_settings,
    feedback_links,
    page_sources,
)

from .conftest import DATA, ROOT

REPO = "https://github.com/example-org/pharmacy-careers"
STAGE = PageSource("pathways/roles/pharmacy-technician.yaml", "pharmacy-technician", date(2026, 11, 26))
PAGE = "https://careers.example.org/careers/pharmacy-technician/"


def test_the_report_link_opens_an_issue_naming_the_page_stage_and_review() -> None:
    links = feedback_links(STAGE, PAGE, repo=REPO, email="")
    assert links is not None and not links.report_by_email
    address = urlsplit(links.report_url)
    assert f"{address.scheme}://{address.netloc}{address.path}" == REPO + "/issues/new"
    query = {k: v[0] for k, v in parse_qs(address.query).items()}
    assert PAGE in query["title"]
    assert {f"Page: {PAGE}", "Stage: pharmacy-technician", "Last reviewed: 2026-11-26"} <= set(
        query["body"].splitlines())
    assert links.edit_url == REPO + "/edit/main/pathways/roles/pharmacy-technician.yaml"


def test_an_email_address_takes_the_report_instead_of_the_repository() -> None:
    links = feedback_links(STAGE, PAGE, repo=REPO, email="careers@example.org", branch="live")
    assert links is not None and links.report_by_email
    assert links.report_url.startswith("mailto:careers@example.org?subject=")
    body = unquote(links.report_url.split("body=", 1)[1])
    assert "Stage: pharmacy-technician" in body and "Last reviewed: 2026-11-26" in body
    assert links.edit_url == REPO + "/edit/live/pathways/roles/pharmacy-technician.yaml"
    email_only = feedback_links(STAGE, PAGE, repo="", email="careers@example.org")
    assert email_only is not None and email_only.edit_url is None


def test_without_a_repository_or_an_email_there_are_no_links() -> None:
    assert feedback_links(STAGE, PAGE, repo="", email="") is None


@pytest.mark.parametrize(("repo", "email"), [
    ("http://github.com/org/repo", ""), ("github.com/org/repo", ""), ("https://github.com/org", ""),
    ("https://github.com/org/repo/", ""), ("https://github.com/org/repo/tree/main", ""),
    ("https://user:pw@github.com/org/repo", ""), ("https://github.com/org/repo?x=1", ""),
    ("", "careers at example.org"), ("", "Careers <careers@example.org>"), ("", "a@example.org,b@example.org"),
    ("", "a@example.org?cc=b@example.org"), ("", "a@localhost"),
])
def test_a_malformed_setting_is_refused(repo: str, email: str) -> None:
    with pytest.raises(FeedbackSettingError, match="SITE_REPO" if repo else "SITE_FEEDBACK_EMAIL"):
        check_settings(repo, email)


def test_good_settings_are_accepted() -> None:
    check_settings(REPO, "careers@example.org")
    check_settings("https://git.example.nhs.uk/pharmacy/careers-site", "")


@pytest.fixture(scope="module")
def real() -> Pathways:
    return load_pathways(ROOT / "pathways")


def test_every_generated_page_names_a_file_that_exists_to_edit(real: Pathways) -> None:
    sources = page_sources(real, ROOT / "pathways", ROOT)
    pages = [path for path in generate_site(real) if path.endswith(".md")]
    assert pages and [p for p in pages if p not in sources] == []
    assert all((ROOT / sources[p].edit_path).is_file() for p in pages)
    assert sources["careers/pharmacy-technician/index.md"] == PageSource(
        "pathways/roles/pharmacy-technician.yaml", "pharmacy-technician",
        real.stage("pharmacy-technician").reviewed)


def _build(out: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_REPO", "SITE_FEEDBACK_EMAIL")}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PATHFINDER_PATHWAYS": str(DATA / "valid"), **settings}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "assets" not in p.parts]


def test_a_build_with_a_repository_puts_both_links_on_every_page(tmp_path: Path) -> None:
    result = _build(tmp_path / "site", SITE_REPO=REPO, SITE_URL="https://careers.example.org/")
    assert result.returncode == 0, result.stderr
    pages = _pages(tmp_path / "site")
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="pf-report-link"') == 1 and html.count('class="pf-edit-link"') == 1, page
    role = (tmp_path / "site" / "careers" / "pharmacy-technician" / "index.html").read_text(encoding="utf-8")
    edit = re.search(r'href="([^"]+)" class="pf-edit-link"', role)
    # The test data lives in the repository at tests/data/valid: that is the file to edit.
    assert edit and edit.group(1) == REPO + "/edit/main/tests/data/valid/roles/pharmacy-technician.yaml"
    privacy = (tmp_path / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert REPO + "/edit/main/docs/privacy.md" in privacy


def test_a_build_without_settings_has_neither_link(tmp_path: Path) -> None:
    assert _build(tmp_path / "site").returncode == 0
    assert not any("pf-report" in p.read_text(encoding="utf-8") for p in _pages(tmp_path / "site"))


@pytest.mark.parametrize(("name", "value"), [("SITE_REPO", "https://github.com/org"),
                                             ("SITE_FEEDBACK_EMAIL", "not an address")])
def test_a_build_with_a_malformed_setting_stops_with_one_line(tmp_path: Path, name: str, value: str) -> None:
    result = _build(tmp_path / "site", **{name: value})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and repr(value) in lines[0], result.stderr
