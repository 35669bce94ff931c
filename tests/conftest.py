"""Fixtures shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"


@pytest.fixture
def valid_dir() -> Path:
    """A small, valid pathways folder."""
    return DATA / "valid"
