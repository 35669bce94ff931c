"""SITE_URL, the site's public address: one check for the generator, the MkDocs hook and the CLI. A bad value stops
each of them with one plain line; a good one reaches every page and file, and the placeholder none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathfinder.site_address import MAX_LENGTH, PLACEHOLDER, SiteAddressError, check_site_url, publishing_problem

from .conftest import DATA, ROOT

HOSTILE = [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/'onmouseover='alert(1)",
    "javascript:alert(1)",
    "JAVASCRIPT://example.org/%0aalert(1)",
    "data:text/html,<b>hi</b>",
    "ftp://example.org/",
    "//example.org/",
    "example.org",
    "https://",
    "https://exa mple.org/",
    "https://example.org/ page",
    "https://example.org/\n",
    "https://example.org/\t",
    "https://user:secret@example.org/",
    "https://example.org/?a=1",
    "https://example.org/#top",
    "https://example.org/`x`",
    "https://example.org/<b>",
    "https://example.org/" + "a" * 3000,
    "https://exa\u0000mple.org/",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_unusable_addresses_are_refused_in_one_line(value: str) -> None:
    with pytest.raises(SiteAddressError) as refused:
        check_site_url(value)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 300
    assert "SITE_URL" in message and "<script>" not in message


@pytest.mark.parametrize(("value", "expected"), [
    ("https://careers.example.org/", "https://careers.example.org/"),
    ("https://careers.example.org", "https://careers.example.org/"),
    ("http://localhost:8000/pharmacy", "http://localhost:8000/pharmacy/"),
    ("https://example.nhs.uk/pharmacy-careers/", "https://example.nhs.uk/pharmacy-careers/"),
])
def test_plain_addresses_are_accepted_ending_in_a_slash(value: str, expected: str) -> None:
    assert check_site_url(value) == expected


def test_the_longest_address_accepted_is_stated() -> None:
    base = "https://example.org/"
    assert check_site_url(base + "a" * (MAX_LENGTH - len(base)))
    with pytest.raises(SiteAddressError, match=str(MAX_LENGTH)):
        check_site_url(base + "a" * (MAX_LENGTH - len(base) + 1))


@pytest.mark.parametrize(("value", "ok"), [(None, False), ("", False), (PLACEHOLDER, False),
                                           ("javascript:alert(1)", False), ("https://careers.example.org/", True)])
def test_publishing_needs_a_real_address(value: str | None, ok: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    assert (publishing_problem() is None) is ok


def _env(site: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site is not None:
        env["SITE_URL"] = site
    return env


def _cli(*argv: str, site: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pathfinder.cli", *argv], cwd=ROOT, env=_env(site),
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize(("site", "code"), [(None, 1), (PLACEHOLDER, 1), ('https://x.org/"<b>', 1),
                                            ("https://careers.example.org/", 0)])
def test_the_publishing_check_fails_while_the_address_is_the_placeholder(site: str | None, code: int) -> None:
    result = _cli("check", str(DATA / "valid"), "--publishing", site=site)
    assert result.returncode == code, result.stderr
    if code:
        assert "SITE_URL" in result.stderr and "Traceback" not in result.stderr
    # Without --publishing (the pre-commit hook, CI) the address is not asked for.
    assert _cli("check", str(DATA / "valid"), site=site).returncode == 0


@pytest.mark.parametrize("site", ['https://x.org/"><script>alert(1)</script>', "javascript:alert(1)",
                                  "https://example.org/" + "a" * 3000])
def test_generate_and_build_stop_with_one_line(tmp_path: Path, site: str) -> None:
    generate = _cli("generate", str(tmp_path / "out"), site=site)
    assert generate.returncode == 2 and "Traceback" not in generate.stderr
    assert generate.stderr.count("\n") == 1 and "SITE_URL" in generate.stderr
    assert not (tmp_path / "out").exists()
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=ROOT, env={**_env(site), "PATHFINDER_PATHWAYS": str(DATA / "valid")},
                           capture_output=True, text=True, check=False)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    lines = [line for line in build.stderr.splitlines() if "SITE_URL" in line]
    assert len(lines) == 1 and "<script>" not in lines[0], build.stderr
    assert not (tmp_path / "site").exists()


def test_no_built_file_holds_the_placeholder_when_site_url_is_set(tmp_path: Path) -> None:
    site = "https://careers.example.org/pharmacy/"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=ROOT, env=_env(site), capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    placeholder = PLACEHOLDER.removeprefix("https://").rstrip("/").encode()
    holding = [str(p.relative_to(tmp_path)) for p in (tmp_path / "site").rglob("*")
               if p.is_file() and placeholder in p.read_bytes()]
    assert holding == []
    assert site.encode() in (tmp_path / "site" / "sitemap.xml").read_bytes()
    card = (tmp_path / "site" / "schools" / "cards" / "pharmacy-technician" / "index.html").read_text()
    assert f"{site}careers/pharmacy-technician/" in card
