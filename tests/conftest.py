"""Fixtures shared by every test."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pathfinder.cli import main
from pathfinder.currency import TODAY_VARIABLE
from pathfinder.schema import Stage

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def valid_dir() -> Path:
    """A small, valid pathways folder."""
    return DATA / "valid"


#: The "today" every dated rule sees in tests (CLI subprocesses inherit it), so no result depends on the calendar.
#: Set at import, before test modules are collected; export PATHFINDER_TODAY to try another day.
PINNED_TODAY = "2026-12-05"
os.environ.setdefault(TODAY_VARIABLE, PINNED_TODAY)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``pathfinder ARGV`` in this process: its exit code, standard output and standard error."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def made_role(**changes: Any) -> Stage:
    """A small valid role, with ``changes`` laid over it, for testing one field's rules."""
    data: dict[str, Any] = {"id": "made-up", "kind": "role", "title": "X", "summary": "S.",
                            "sources": [{"url": "https://www.example.org/x", "title": "X"}],
                            "reviewed": date(2026, 11, 1)}
    data.update(changes)
    return Stage.model_validate(data)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: PATHFINDER_SITE_DIR when set (``make test`` builds it first), else a fresh strict build in a
    temporary folder."""
    given = os.environ.get("PATHFINDER_SITE_DIR")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return out
