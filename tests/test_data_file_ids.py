"""Ids that name entries in the optional data files must be unique: a repeat is one located error, at the repeat."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfinder.graph import load_pathways

from .conftest import ROOT


@pytest.mark.parametrize(("relative", "entry_line"), [
    ("figures/workforce.yaml", "  - id: trainee-places-by-region\n"),
    ("figures/qualifications.yaml", "  - id: gcse-science\n"),
])
def test_an_id_listed_twice_is_an_error_at_the_repeat(relative: str, entry_line: str, tmp_path: Path) -> None:
    folder = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", folder)
    path = folder / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first_entry = lines.index(next(line for line in lines if line.startswith("  - id:")))
    repeat = lines.index(entry_line)
    # The second entry takes the first one's id; everything else is unchanged.
    lines[repeat] = lines[first_entry]
    path.write_text("".join(lines), encoding="utf-8")

    # Stages that named the lost id get their own errors; this file has exactly one, at the repeated value.
    in_file = [p for p in load_pathways(folder).errors if p.file.endswith(relative)]
    assert [(p.code, p.line, p.col) for p in in_file] == [("duplicate-id", repeat + 1, len("  - id: ") + 1)]
