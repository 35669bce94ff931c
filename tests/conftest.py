"""Fixtures shared by every test."""

from __future__ import annotations

import os
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
