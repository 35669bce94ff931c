"""Fixtures shared by every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pathfinder.currency import TODAY_VARIABLE

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
