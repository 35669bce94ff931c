"""The MkDocs hook: strict builds pass, broken data fails the build with located errors and leaves the last good
site in place, and ``mkdocs serve`` watches the pathways folder and, while the data is broken, answers at once
with the last good site and a banner listing the problems."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, ROOT


def _build(out: Path, pathways: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATHFINDER_PATHWAYS": str(pathways)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)


def _copy(tmp_path: Path, *, broken: bool = False) -> Path:
    """A copy of the valid test data to edit; ``broken`` misspells one link so the data has a located error."""
    copy = tmp_path / "pathways"
    for source in (DATA / "valid").rglob("*.yaml"):
        target = copy / source.relative_to(DATA / "valid")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text())
    if broken:
        role = copy / "roles" / "dispensing-assistant.yaml"
        role.write_text(role.read_text().replace("to: trainee-pharmacy-technician", "to: trainee-pharmacy-techncian"))
    return copy


@pytest.mark.parametrize("name", ["valid", "hostile"])
def test_strict_build_passes(tmp_path: Path, name: str) -> None:
    result = _build(tmp_path / "site", DATA / name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "careers" / "pharmacy-technician" / "index.html").is_file()


def test_broken_data_fails_with_located_errors_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert _build(site, DATA / "valid").returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = _build(site, _copy(tmp_path, broken=True))
    assert result.returncode != 0
    assert "roles/dispensing-assistant.yaml:" in result.stderr and "error[unknown-stage]" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_serve_watches_the_pathways_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    from pathfinder import mkdocs_hook

    class FakeServer:
        watched: list[str] = []  # noqa: RUF012 - a test double

        def watch(self, path: str) -> None:
            self.watched.append(path)

    monkeypatch.delenv("PATHFINDER_PATHWAYS", raising=False)
    monkeypatch.setattr(mkdocs_hook, "_preview", mkdocs_hook._Preview())  # on_serve marks this process as serving
    config = load_config(str(ROOT / "mkdocs.yml"))
    server: Any = mkdocs_hook.on_serve(FakeServer(), config, builder=None)
    assert server.watched == [str(ROOT / "pathways")]
    assert mkdocs_hook._preview.serving


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(pathways: Path, log: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``mkdocs serve --strict`` on ``pathways`` at a free port, its output in ``log``; (port, process)."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATHFINDER_PATHWAYS": str(pathways)}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert _wait_for(lambda: "Serving on" in log.read_text()), log.read_text()
        yield port, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(check: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_serve_reports_a_broken_edit_and_recovers_on_the_next_save(tmp_path: Path) -> None:
    pathways = _copy(tmp_path)
    role = pathways / "roles" / "dispensing-assistant.yaml"
    log = tmp_path / "serve.log"
    with _serving(pathways, log) as (port, server):
        role.write_text(role.read_text().replace("trainee-pharmacy-technician", "trainee-pharmacy-techncian"))
        assert _wait_for(lambda: "error[unknown-stage]" in log.read_text()), log.read_text()
        assert server.poll() is None and "Traceback" not in log.read_text()
        title = pathways / "roles" / "pharmacy-technician.yaml"
        title.write_text(title.read_text().replace("title: Pharmacy technician", "title: Pharmacy technician (edited)"))
        role.write_text(role.read_text().replace("trainee-pharmacy-techncian", "trainee-pharmacy-technician"))

        def shows_edit() -> bool:
            url = f"http://127.0.0.1:{port}/careers/pharmacy-technician/"
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return "Pharmacy technician (edited)" in response.read().decode()
            except OSError:  # the server may be between builds
                return False

        assert _wait_for(lambda: log.read_text().count("Documentation built") >= 2), log.read_text()
        # Watchdog may see the two saves as two rebuilds; wait for the one that carries both.
        assert _wait_for(shows_edit), log.read_text()


def _get(url: str, timeout: float = 5) -> tuple[float, str]:
    """(seconds taken, body) of one request."""
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read().decode()
    return time.monotonic() - started, body


_BANNER = 'id="pathfinder-preview-problems" role="alert"'
#: (file, text, broken text, the location and code the banner must show) for three kinds of mistake. The code is
#: checked only where it is stable; the wording of messages belongs to the checker, not to the preview.
_MISTAKES = [
    pytest.param("roles/dispensing-assistant.yaml", "title: Dispensing assistant\n",
                 "title: Dispensing: assistant\n", "roles/dispensing-assistant.yaml:3:", "",
                 id="yaml-syntax"),
    pytest.param("training/trainee-pharmacy-technician.yaml", "typical_months: 24", "typical_months: soon",
                 "training/trainee-pharmacy-technician.yaml:7:", "", id="type-error"),
    pytest.param("roles/dispensing-assistant.yaml", "to: trainee-pharmacy-technician",
                 "to: trainee-pharmacy-techncian", "roles/dispensing-assistant.yaml:10:", "unknown-stage",
                 id="unknown-link"),
]


@pytest.mark.parametrize(("name", "good", "bad", "where", "code"), _MISTAKES)
def test_serve_answers_at_once_with_the_last_good_site_and_the_problems(
        tmp_path: Path, name: str, good: str, bad: str, where: str, code: str) -> None:
    pathways = _copy(tmp_path)
    edited = pathways / name
    assert good in edited.read_text()
    log = tmp_path / "serve.log"
    with _serving(pathways, log) as (port, server):
        pages = [f"http://127.0.0.1:{port}/{path}" for path in ("careers/pharmacy-technician/", "", "maintainers/")]

        def banner_shown(shown: bool) -> Callable[[], bool]:
            def check() -> bool:
                try:
                    return (_BANNER in _get(pages[0])[1]) == shown
                except OSError:  # the server may be between builds
                    return False
            return check

        assert banner_shown(False)()
        edited.write_text(edited.read_text().replace(good, bad))
        assert _wait_for(banner_shown(True)), log.read_text()
        assert server.poll() is None and "Traceback" not in log.read_text()
        for url in pages:
            seconds, body = _get(url)
            assert seconds < 1, (url, seconds)
            banner = body[body.index(_BANNER):body.index("</div>", body.index(_BANNER))]
            assert where in banner and f"[{code}" in banner, banner
        assert "Pharmacy technician</h1>" in _get(pages[0])[1]  # the last good page, under the banner
        edited.write_text(edited.read_text().replace(bad, good))
        assert _wait_for(banner_shown(False)), log.read_text()
        assert all(_BANNER not in _get(url)[1] for url in pages)


def test_the_problems_banner_is_never_in_a_build(tmp_path: Path) -> None:
    assert _build(tmp_path / "site", DATA / "valid").returncode == 0
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages and not [page for page in pages if "pathfinder-preview-problems" in page.read_text()]


def _shows(url: str, text: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return text in _get(url)[1]
        except OSError:  # the server may be between builds
            return False
    return check


#: Loaded into the ``mkdocs serve`` process through PYTHONPATH: the generator raises (as a bug in it would) while
#: a stage's title holds CRASH. Data that ``pathfinder check`` passes must never do this; if it does anyway, the
#: preview must say so instead of hanging.
_GENERATOR_BUG = '''
import pathfinder.site as site

_real = site.generate_site


def generate_site(pathways, built=None):
    if any("CRASH" in loaded.stage.title for loaded in pathways.stages.values()):
        raise ZeroDivisionError("a bug in the generator, simulated by the test")
    return _real(pathways, built)


site.generate_site = generate_site
'''


def test_serve_shows_a_generator_exception_in_the_banner_and_recovers(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(_GENERATOR_BUG)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(inject), os.environ.get("PYTHONPATH", "")]))
    pathways = _copy(tmp_path)
    role = pathways / "roles" / "pharmacy-technician.yaml"
    log = tmp_path / "serve.log"
    with _serving(pathways, log) as (port, server):
        page = f"http://127.0.0.1:{port}/careers/pharmacy-technician/"
        role.write_text(role.read_text().replace("title: Pharmacy technician", "title: Pharmacy technician CRASH"))
        assert _wait_for(_shows(page, _BANNER)), log.read_text()
        seconds, body = _get(page)
        assert seconds < 1 and server.poll() is None
        banner = body[body.index(_BANNER):body.index("</div>", body.index(_BANNER))]
        line = next(item for item in banner.split("<li>")[1:] if "build-failed" in item)
        assert "roles/pharmacy-technician.yaml:1:1" in line and "ZeroDivisionError: a bug in the generator" in line
        assert "Pharmacy technician</h1>" in body  # the last good page, under the banner
        role.write_text(role.read_text().replace("Pharmacy technician CRASH", "Pharmacy technician (fixed)"))
        assert _wait_for(_shows(page, "Pharmacy technician (fixed)</h1>")), log.read_text()
        assert _BANNER not in _get(page)[1]


def test_serve_keeps_watching_when_the_data_folder_is_deleted_and_put_back(tmp_path: Path) -> None:
    pathways = _copy(tmp_path)
    spare = tmp_path / "spare"
    shutil.copytree(pathways, spare)
    log = tmp_path / "serve.log"
    with _serving(pathways, log) as (port, server):
        page = f"http://127.0.0.1:{port}/careers/pharmacy-technician/"
        assert _shows(page, "Pharmacy technician</h1>")()
        shutil.rmtree(pathways)
        assert _wait_for(_shows(page, _BANNER)), log.read_text()  # no folder: the last good pages and a banner
        time.sleep(3)
        role = spare / "roles" / "pharmacy-technician.yaml"
        role.write_text(role.read_text().replace("title: Pharmacy technician", "title: Pharmacy technician (back)"))
        shutil.copytree(spare, pathways)
        assert _wait_for(_shows(page, "Pharmacy technician (back)</h1>")), log.read_text()
        assert _BANNER not in _get(page)[1]
        # ... and it still watches the folder that came back.
        role = pathways / "roles" / "pharmacy-technician.yaml"
        role.write_text(role.read_text().replace("Pharmacy technician (back)", "Pharmacy technician (again)"))
        assert _wait_for(_shows(page, "Pharmacy technician (again)</h1>")), log.read_text()
        assert server.poll() is None and "Traceback" not in log.read_text()


def test_the_banner_lists_a_bounded_number_of_problems_and_cuts_long_messages() -> None:
    from pathfinder.problems import Problem
    from pathfinder.site.preview import MAX_LISTED, problems_banner

    problems = [Problem(f"roles/stage-{i:04d}.yaml", 1, 1, "yaml-syntax", "x" * 5000) for i in range(2000)]
    banner = problems_banner(problems)
    assert len(banner.encode()) < 20_000
    assert banner.count("<li>") == MAX_LISTED
    assert "2000 problems" in banner and f"{2000 - MAX_LISTED} more problems" in banner
    assert "x" * 301 not in banner
