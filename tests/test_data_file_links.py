"""Every optional data file (figures, pay table, qualifications, glossary) refuses a link that leaves pathways/,
as stage files do, so no file from outside the tree is loaded or published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfinder.graph import load_pathways

from .conftest import ROOT

DATA_FILES = ["figures/workforce.yaml", "figures/pay.yaml", "figures/qualifications.yaml", "glossary.yaml"]


@pytest.mark.parametrize("relative", DATA_FILES)
def test_a_data_file_linked_from_outside_the_tree_is_refused(relative: str, tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", root)
    outside = tmp_path / "outside.yaml"
    shutil.move(root / relative, outside)
    (root / relative).symlink_to(outside)
    problems = [p for p in load_pathways(root).errors if p.file.endswith(relative)]
    assert [p.code for p in problems] == ["link-outside"]
