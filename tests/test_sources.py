"""`pathfinder sources` against a local HTTPS server with its own certificate (never the internet)."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pathfinder.cli import main
from pathfinder.currency import current_date
from pathfinder.sources import Citation, Fetcher, Lock, check_sources, find_citations, fingerprint, read_lock
from pathfinder.sources.fetch import USER_AGENT
from pathfinder.sources.fingerprint import main_text

from .sources_server import Page, Site, article, https_site

VALID = Path(__file__).parent / "data" / "valid"
TODAY = current_date()  # the day the tests pin (conftest), as `pathfinder check` uses it
TEXT = ["Pharmacy technicians must be registered with the General Pharmaceutical Council to practise.",
        "To register you need an approved qualification and two years of work-based training.",
        "You must apply within five years of starting your course, or within two years of finishing it."]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

#: Each cited address in the valid data, and the local page that stands in for it.
PAGES = {"https://www.example.org/da": "/changed", "https://www.example.org/pt": "/changed",
         "https://www.example.org/nhs-hours": "/footer", "https://www.example.org/any-hours": "/old",
         "https://www.example.org/skills": "/missing", "https://www.example.org/ptpt": "/slow",
         "https://www.example.org/st0299": "/huge", "https://www.example.org/dispenser-advert": "/footer",
         "https://www.healthcareers.nhs.uk/explore-roles/pharmacy":
         "/guide.pdf"}
FAST = ["--allow-private-network", "--timeout", "1", "--pause", "0", "--max-bytes", "100000"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with https_site(tmp_path) as (site, cert):
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        site.pages.update({
            "/changed": Page(article("Registration", TEXT)),
            "/footer": Page(article("Hours", TEXT[:2])),
            "/old": Page(article("Hours anywhere", TEXT[1:])),
            "/new": Page(article("Hours anywhere", TEXT[1:])),
            "/missing": Page(article("Skills", TEXT[::2])),
            "/slow": Page(article("Trainee", TEXT)),
            "/huge": Page(article("Level 2", TEXT)),
            "/guide.pdf": Page(PDF, content_type="application/pdf"),
        })
        yield site


@pytest.fixture
def data(tmp_path: Path, site: Site) -> Path:
    """The valid data, every source pointed at the local server, reviewed today."""
    root = tmp_path / "pathways"
    shutil.copytree(VALID, root)
    for path in root.rglob("*.yaml"):
        text = path.read_text()
        for url, local in PAGES.items():
            text = re.sub(rf"{re.escape(url)}$", site.base + local, text, flags=re.MULTILINE)
        assert "example.org" not in text and "nhs.uk" not in text, path
        path.write_text(text)
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sources", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _located(output: str) -> set[tuple[str, int, str]]:
    return {(item["file"].rsplit("/", 1)[-1], item["line"], item["code"]) for item in json.loads(output)}


def _break_the_pages(site: Site) -> None:
    site.pages["/changed"] = Page(article("Registration", [*TEXT[:2], "You must apply within three years."]))
    site.pages["/footer"] = Page(article("Hours", TEXT[:2], footer="Page last reviewed: 5 December 2026"))
    site.pages["/old"] = Page(b"", 301, headers={"Location": "/new"})
    site.pages["/missing"] = Page(b"gone", 404, "text/plain")
    site.pages["/slow"].delay = 3
    site.pages["/huge"] = Page(b"<p>" + b"word " * 50_000 + b"</p>", send_length=False)


def _set_reviewed(root: Path, day: str) -> None:
    for path in root.rglob("*.yaml"):
        path.write_text(re.sub(r"^reviewed: .*$", f"reviewed: {day}", path.read_text(), flags=re.MULTILINE))


def test_a_new_lock_records_every_page_as_unchecked_not_changed(data: Path, capsys: pytest.CaptureFixture[str]
                                                                ) -> None:
    code, out, _ = _run(capsys, "check", str(data), "--format", "json", "--strict", *FAST)
    found = _located(out)
    assert code == 0
    assert {c for _, _, c in found} == {"source-unchecked"}
    assert len(found) == len(find_citations(data)) == 10
    lock = read_lock(data / "sources.lock.json")
    assert all(e.fingerprint is None and e.last_checked == TODAY for e in lock.sources.values())


def test_check_reports_exactly_the_changed_moved_and_gone_pages_at_every_citing_line(
        data: Path, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "accept", "--pathways", str(data), *FAST)
    assert code == 0, err
    assert out.count("accepted ") == 7  # ten url: lines, seven addresses (two stages cite /changed; a name's
    # advert stands in as /footer and the trainee's name cites its page's own /slow source)
    _break_the_pages(site)

    code, out, _ = _run(capsys, "check", str(data), "--format", "json", *FAST)
    assert code == 0  # warnings only, as `pathfinder check`
    assert _located(out) == {
        ("dispensing-assistant.yaml", 12, "source-changed"), ("pharmacy-technician.yaml", 6, "source-changed"),
        ("dispensing-assistant.yaml", 28, "source-moved"), ("dispensing-assistant.yaml", 35, "source-gone"),
        ("trainee-pharmacy-technician.yaml", 12, "source-unreachable"),
        ("trainee-pharmacy-technician.yaml", 18, "source-unreachable"),
        ("level-2-pharmacy-services.yaml", 17, "source-unreachable"),
    }  # nothing for the footer date (line 20) or the unchanged PDF (school-leaver)
    assert _run(capsys, "check", str(data), "--strict", *FAST)[0] == 1

    lock = read_lock(data / "sources.lock.json")
    assert lock.sources[site.base + "/changed"].changed_since == TODAY
    assert lock.sources[site.base + "/footer"].last_result == "unchanged"
    assert lock.sources[site.base + "/guide.pdf"].kind == "bytes"


def test_unreachable_pages_never_fail_strict(data: Path, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "accept", "--pathways", str(data), *FAST)
    site.pages["/slow"].delay = 3
    site.pages["/footer"] = Page(b"busy", 503, "text/plain")
    code, out, _ = _run(capsys, "check", str(data), "--strict", "--format", "github", *FAST)
    assert code == 0
    # Each of the two unreachable pages is cited on two lines (a stage's source and a name's).
    assert out.count("::warning ") == 4 and out.count("title=source-unreachable") == 4
    assert "no answer within 1 seconds" in out and "answers 503" in out


def test_accept_is_refused_until_the_citing_stages_are_reviewed(
        data: Path, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    _set_reviewed(data, "2026-11-01")
    _run(capsys, "accept", "--pathways", str(data), *FAST)
    changed = site.base + "/changed"
    before = read_lock(data / "sources.lock.json").sources[changed].fingerprint
    site.pages["/changed"] = Page(article("Registration", [*TEXT[:2], "You must apply within three years."]))
    _run(capsys, "check", str(data), *FAST)

    code, _, err = _run(capsys, "accept", "--pathways", str(data), changed, *FAST)
    assert code == 1
    assert "dispensing-assistant" in err and "pharmacy-technician" in err and "reviewed 2026-11-01" in err
    assert read_lock(data / "sources.lock.json").sources[changed].fingerprint == before

    _set_reviewed(data, TODAY.isoformat())
    code, out, err = _run(capsys, "accept", "--pathways", str(data), changed, *FAST)
    assert (code, out.strip()) == (0, f"accepted {changed}"), err
    assert read_lock(data / "sources.lock.json").sources[changed].fingerprint != before
    code, out, _ = _run(capsys, "check", str(data), "--format", "json", "--strict", *FAST)
    assert (code, json.loads(out)) == (0, [])


def test_a_changed_pdf_is_a_change_of_its_bytes(data: Path, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "accept", "--pathways", str(data), *FAST)
    site.pages["/guide.pdf"] = Page(PDF.replace(b"Catalog", b"Catalog /Lang (en)"), content_type="application/pdf")
    code, out, _ = _run(capsys, "check", str(data), "--format", "json", "--strict", *FAST)
    assert code == 1
    assert _located(out) == {("school-leaver.yaml", 12, "source-changed")}
    assert "the file of" in json.loads(out)[0]["message"]


def test_requests_name_the_project_and_are_conditional(data: Path, site: Site,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    site.pages["/footer"].headers = {"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026 09:00:00 GMT"}
    _run(capsys, "accept", "--pathways", str(data), *FAST)
    site.seen.clear()
    _run(capsys, "check", str(data), *FAST)
    headers = dict(site.seen)["/footer"]
    assert headers["user-agent"] == USER_AGENT
    assert (headers["if-none-match"], headers["if-modified-since"]) == ('"v1"', "Tue, 01 Dec 2026 09:00:00 GMT")
    assert "authorization" not in headers and "cookie" not in headers
    assert len(site.seen) == 7  # each address once, though /changed is cited twice


def test_private_addresses_and_plain_http_are_refused(site: Site) -> None:
    with Fetcher(pause=0) as fetcher:
        refused = fetcher.fetch(site.base + "/changed")
    assert (refused.outcome, refused.detail) == ("unreachable", "refused: 127.0.0.1 is on a private network")
    site.pages["/old"] = Page(b"", 302, headers={"Location": "http://127.0.0.1/plain"})
    with Fetcher(pause=0, allow_private=True) as fetcher:
        assert fetcher.fetch(site.base + "/changed").outcome == "ok"
        plain = fetcher.fetch(site.base + "/old")
    assert plain.outcome == "unreachable" and "only https" in plain.detail


def test_a_certificate_that_is_not_trusted_is_unreachable(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    with Fetcher(pause=0, allow_private=True) as fetcher:
        assert fetcher.fetch(site.base + "/changed").outcome == "unreachable"


def test_the_fingerprint_ignores_banners_navigation_footers_and_tracking_links() -> None:
    page = article("Registration", TEXT)
    text = main_text(page.decode())
    assert TEXT[0] in text and "cookie" not in text.lower() and "last reviewed" not in text and "utm" not in text
    other = page.replace(b"1 December", b"9 December").replace(b"utm_source=x", b"utm_source=z")
    assert fingerprint(page, "text/html") == fingerprint(other, "text/html; charset=utf-8")
    assert fingerprint(page, "text/html") != fingerprint(page.replace(b"five years", b"six years"), "text/html")


def test_report_lists_every_cited_page_with_its_last_check(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "check", str(data), *FAST)
    code, out, _ = _run(capsys, "report", str(data))
    rows = [line for line in out.splitlines() if line.startswith("| 20") or line.startswith("| never")]
    assert code == 0 and len(rows) == 7
    assert all(row.startswith(f"| {TODAY.isoformat()} |") for row in rows)


def test_a_broken_lock_file_is_a_one_line_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "sources.lock.json").write_text('{"sources": {"https://x.org/": {"status": "many"}}}')
    code, _, err = _run(capsys, "report", str(data))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "status" in err


def test_data_with_errors_is_not_fetched_and_exits_as_check(data: Path, site: Site,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    role = data / "roles" / "pharmacy-technician.yaml"
    role.write_text(role.read_text().replace("kind: role", "kind: rol"))
    code, out, err = _run(capsys, "check", str(data), *FAST)
    assert (code, out) == (1, "") and "pharmacy-technician.yaml:" in err and "error[" in err
    assert site.seen == [] and not (data / "sources.lock.json").exists()
    assert _run(capsys, "check", str(data / "missing"), *FAST)[0] == 2


def test_accept_refuses_an_address_no_stage_cites_and_a_gone_page(data: Path, site: Site,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    site.pages["/missing"] = Page(b"gone", 410, "text/plain")
    code, _, err = _run(capsys, "accept", "--pathways", str(data), "https://example.org/elsewhere",
                        site.base + "/missing", *FAST)
    assert code == 1
    assert "no url: line in the data cites this address" in err and "is gone" in err
    lock = read_lock(data / "sources.lock.json")
    assert "https://example.org/elsewhere" not in lock.sources
    assert lock.sources[site.base + "/missing"].fingerprint is None


def _no_such_host(real: Callable[..., Any], missing: str) -> Callable[..., Any]:
    def lookup(host: str, *args: Any, **kwargs: Any) -> Any:
        if missing in ("*", host):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)
    return lookup


def test_a_host_that_no_longer_exists_is_gone(data: Path, site: Site, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "accept", "--pathways", str(data), *FAST)
    role = data / "roles" / "dispensing-assistant.yaml"
    role.write_text(role.read_text().replace(site.base + "/missing", "https://closed-down.example.org/skills"))
    monkeypatch.setattr(socket, "getaddrinfo", _no_such_host(socket.getaddrinfo, "closed-down.example.org"))
    code, out, _ = _run(capsys, "check", str(data), "--format", "json", "--strict", *FAST)
    assert code == 1
    assert ("dispensing-assistant.yaml", 35, "source-gone") in _located(out)
    assert "closed-down.example.org no longer exists" in out


def test_when_no_name_resolves_at_all_the_machine_is_offline_not_the_pages_gone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _no_such_host(socket.getaddrinfo, "*"))
    cited = [Citation(f"https://www.example{n}.org/page", "roles/x.yaml", n, 5, "x", None) for n in (1, 2)]
    with Fetcher(pause=0) as fetcher:
        problems, _ = check_sources(cited, Lock(), fetcher, TODAY)
    assert {p.code for p in problems} == {"source-unreachable"}
    assert all("offline" in p.message for p in problems)


def test_finding_citations_survives_a_file_of_nested_aliases(tmp_path: Path) -> None:
    lines = ['a0: &a0 {url: "https://example.org/x"}']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]  # 9**11 paths, 12 nodes
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    found = find_citations(tmp_path)
    assert [(c.url, c.line) for c in found] == [("https://example.org/x", 1)]
