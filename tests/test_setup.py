"""Set-up on a bare machine: a missing browser or build input stops at once with one line saying what to run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import pathfinder.site.finder
from pathfinder.cli import main

from .conftest import DATA, ROOT


def test_generate_without_the_networkx_wheel_says_what_to_run(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bare = tmp_path / "clone"
    (bare / "node_modules").mkdir(parents=True)
    (bare / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    monkeypatch.setattr(pathfinder.site.finder, "_project_root", lambda: bare)  # a clone with no build/
    assert main(["generate", str(tmp_path / "out"), "--pathways", str(DATA / "valid")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "make wheels" in err and "Traceback" not in err


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_test_without_chromium_stops_at_once_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "MAKEFLAGS": ""}
    done = subprocess.run(["make", "--no-print-directory", "-n", "test", f"CHROMIUM={tmp_path}/chromium"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=30)
    assert done.returncode != 0 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "apt-get install chromium" in done.stderr and "CHROMIUM=" in done.stderr
